"""Every cue word and prefix pattern the extractor relies on, in one place (the reader's
own, for page furniture, are in `briefing.ingest.cues`).

Each rule says what real wording it serves. They are deliberately general: a rule is a
shape of news English (a wire dateline, a supplier named after "from", a sentence opening
with "This"), never the words of one article.
"""

from __future__ import annotations

import re


def _alternation(words: str) -> str:
    """`a b|c d` written one per line -> a regex alternation; spaces match any whitespace."""
    items = [w.strip() for w in words.strip().split("\n") if w.strip()]
    items.sort(key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


# --------------------------------------------------------------------------- who a fact is about

#: Words that point back to a country already talked about: "the government has approved",
#: "the Kingdom's fund", "the island's chipmakers", "the bloc's AI Act", "talent here",
#: "domestic chips", "the Asian nation", "the federal government". They take the nearest
#: fitting antecedent.
#: Matched against lowercased text (a case-blind pattern scans several times slower).
REFERRING = re.compile(
    r"\b(?:the\s+(?:(?:[a-z]+\s+)?(?:country|nation|state|kingdom|republic|emirate"
    r"|island|city-state|bloc|union|federation|commonwealth)"
    r"|(?:(?:federal|central|national|union)\s+)?(?:government|administration)"  # of the land
    r"|ministry|cabinet|president|prime\s+minister|chancellor"
    r"|parliament|congress|capital|economy|regulator|authorities|commission)"
    r"|its|their|here|domestic|domestically|homegrown|home-grown|nationwide|national"
    r"|local|locally)\b"
)
#: A word for a country itself (not "its", "national"): "the country is home to", "the
#: government aims", "the kingdom's fund". Matched against lowercased text.
COUNTRY_REFERENT = re.compile(
    r"\bthe\s+(?:[a-z]+\s+)?(?:country|nation|state|kingdom|republic|emirate|island"
    r"|city-state|government|administration|ministry|cabinet)\b")
#: Talk of countries in general: "120 countries will face limits", "other nations" (not
#: the names "First Nations" and "United Nations"). Matched against lowercased text.
GENERIC = re.compile(r"\b(?:countries|(?<!first\s)(?<!united\s)nations|economies|governments)\b")
#: Countries in general as the destination of what the sentence's own subject does are no
#: turn to countries in general: "caps on the computing power that can be sold to most
#: countries", "exports to 40 countries" (not "from": "researchers from 12 countries" are
#: the world's; not "with": "with countries competing for ..." is the world). Searched in
#: the lowercased words right before a GENERIC noun.
GENERIC_OBJECT_BEFORE = re.compile(
    r"\bto\s+(?:(?:most|all|other|many|some|several|more|about|over|nearly"
    r"|[0-9][0-9,]*|the|these|those)\s+){0,3}$")
#: Countries named just before, summed up: "these countries have all launched AI
#: policies", "the two countries have declined to sign", "both nations agreed" (the count,
#: when given, must match). Matched against lowercased text.
PLURAL_REFERENT = re.compile(
    r"\b(?:these|those|both|the\s+(?P<count>two|three|four|five|six))\s+(?:countries"
    r"|nations|economies|governments)\b"
    # A plural possessive points back like "both": "agreed by the countries' national
    # security advisers", "the nations' leaders" (two countries just talked about).
    r"|\bthe\s+(?:countries|nations|economies|governments)'")
#: The number a PLURAL_REFERENT count word stands for.
REFERENT_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

#: A country right after these words is named as a supplier, comparator, rival, partner or
#: target, not as what the sentence is about: "chips from the United States", "more than
#: China", "ahead of Nigeria", "a deal with the US", "dependence on Chinese suppliers",
#: "exports to China", "rivalling projects in France", "nations like Iran". Looked up as the
#: one to three words before the country (past "the"/"a" and one lowercase word: "behind
#: leaders Nigeria").
MENTION_BEFORE = frozenset(" ".join(line.split()).lower() for line in """
        from
        than
        against
        versus
        vs
        vs.
        unlike
        like
        such as
        behind
        ahead of
        compared with
        compared to
        relative to
        in contrast to
        outpacing
        outpaced
        outpaces
        overtaking
        overtook
        overtaken
        overtakes
        leapfrogging
        leapfrogged
        leapfrogs
        surpassing
        surpassed
        surpasses
        trailing
        trails
        trailed
        rivalling
        rivaling
        rivals
        rival
        beat
        beating
        deal with
        deals with
        agreement with
        pact with
        accord with
        treaty with
        memorandum with
        partnership with
        co-investment with
        co-financing with
        partnering with
        partnered with
        ties with
        talks with
        tensions with
        rivalry with
        competition with
        compete with
        competing with
        dependence on
        dependency on
        reliance on
        reliant on
        dependent on
        rely on
        relies on
        relying on
        restrictions on
        sanctions on
        curbs on
        controls on
        tariffs on
        ban on
        exports to
        export to
        exported to
        sales to
        sell to
        sold to
        shipments to
        access to
        imposed by
        supplied by
        made by
        built by
        owned by
        backed by
        led by
        cooperate with
        cooperation with
        cooperating with
        collaborate with
        collaboration with
        collaborating with
        work with
        working with
        relationship with
        relations with
        below
        above
        just as
        catch up with
        catches up with
        catching up with
        markets in
        customers in
        # Whom goods go to or come from, by where they are: "supply memory chips to partners in
        # Taiwan and the United States", "clients in", "buyers in".
        partners in
        clients in
        buyers in
        that of
        those of
        departed
        departing
        leaving
        left
        fled
        fleeing
        manufactured by
        made in
        manufactured in
        built in
        produced by
        developed by
        designed by
        operated by
        funded by
        outside
        beyond
""".strip().splitlines()) | frozenset(
    " ".join(line.split("#")[0].split()).lower() for line in """
        # A precedent a law or plan copies: "Modelled on the European Union's AI Act, the
        # draft law ...", "inspired by Singapore's sandbox", "in line with the EU's rules".
        modelled on
        modeled on
        # "following the model of the European Union"
        model of
        modelled after
        modeled after
        patterned on
        patterned after
        inspired by
        based on
        in line with
        similar to
        akin to
        mirroring
        emulating
        footsteps of
        following
        # A supplier or licensor: "GPUs supplied by the United States", "a licence granted by
        # the US" ("bought from", "imported from", "a licence from" end in "from").
        provided by
        financed by
        sponsored by
        granted by
        licensed by
        # A rival or a target: "a rival to the United States' models", "to counter China",
        # "to keep pace with the US", "putting pressure on the United States".
        rival to
        rivals to
        competitor to
        competitor of
        competitors to
        competitors of
        challenger to
        challenge to
        to challenge
        counter
        countering
        counterweight to
        alternative to
        in response to
        catch up to
        catching up to
        keep pace with
        keeping pace with
        keep up with
        gap with
        pressure on
        # A country the story widens from: "the competition is not limited to Germany:
        # Czechia is also applying".
        not limited to
        not confined to
        not restricted to
        # A partner beside the story's country: "Kenya, alongside Germany, ...", "joined by
        # France", "teamed up with Japan", "a joint venture with Korea".
        alongside
        together with
        joined by
        teamed up with
        teaming up with
        teams up with
        partner with
        partners with
        partnerships with
        agreements with
        alliance with
        joint venture with
        signed with
        # A country a leader visits is the venue, not the actor: "during President Ruto's
        # visit to Washington", "on a trip to China".
        visit to
        visits to
        trip to
        trips to
        # A country urged, called on or hoped for by the speaker: "We hope that the United
        # States will work with China", "urged Washington to roll back", "China calls on the
        # US to continue" (the speaker's country is the story's).
        hope that
        hopes that
        hoped that
        urged
        urges
        urging
        call on
        calls on
        called on
        calling on
        # ... and so is a place someone tours: "Huang visited several other cities,
        # including London and Berlin", "the minister, visiting Tokyo, said".
        visited
        visiting
        toured
        touring
        # ... or travels to or stops in: "Mr Lammy travelled to New Delhi on Wednesday",
        # "the trip includes stops in Qatar and the UAE", "the minister flew to Tokyo".
        travelled to
        traveled to
        travelling to
        traveling to
        flew to
        arrived in
        stops in
        stop in
        stopover in
        tour of
        # ... and the same trips ahead, in the future or the infinitive: "the crown prince
        # will visit Beijing next month", "plans to travel to Beijing in April", "is due in
        # Tokyo on Friday", "heads to Washington this week".
        visit
        visits
        travel to
        travels to
        fly to
        flies to
        flying to
        head to
        heads to
        heading to
        headed to
        arrive in
        arrives in
        arriving in
        due in
        # A destination kept from or reached by what the story's country makes: "to avoid
        # American technology making its way to China", "out of China's reach"; a country
        # alluded to or criticised: "a clear reference to China", "criticised the European
        # Union's rules".
        way to
        way into
        out of
        reference to
        references to
        criticized
        criticised
        criticizing
        criticising
        condemned
        accused
        # A rank held below another country: "second only to the United States".
        second only to
        next only to
        # The other party to an agreement or talks the story's country is in: "the MoU with
        # Saudi Arabia", "negotiations with the US", "a dialogue with Japan", "negotiations
        # between the UAE and ..." (see AGREEMENT_WITH for words in between).
        mou with
        mous with
        memoranda with
        negotiations with
        negotiating with
        dialogue with
        contract with
        contracts with
        negotiations between
        talks between
        # Where someone else's money or work goes, as a qualifier: "so much money being
        # invested in these large systems, mostly in the US".
        mostly in
        mainly in
        largely in
        primarily in
        chiefly in
        # A place where others meet, not who acts: "speaking at a conference in Taipei", "a
        # summit in Paris"; a war or conflict fought there. (Not a place that reacts:
        # "concern in Washington" is the US's concern, what the sentence is about.)
        conference in
        summit in
        forum in
        expo in
        conflict in
        war in
        # A neighbour named to place a region or country: "the Indian state of Punjab, which
        # borders Pakistan", "provinces bordering Myanmar", "exports to neighbouring Kenya",
        # "on the border with Russia" (not one opening its clause: "Neighbouring Tanzania has
        # ...", see NEIGHBOUR_CUES).
        borders
        bordering
        bordered by
        border with
        borders with
        neighbouring
        neighboring
        # Whom the sentence's actor offers something or courts: "offering Saudi Arabia and
        # the UAE access to research centres", "Moscow offered Armenia discounted capacity",
        # "courting Gulf states such as Qatar" (an addressee, like "urged": soft).
        offering
        offered
        courted
        courting
""".strip().splitlines() if line.split("#")[0].strip())
#: Cues of MENTION_BEFORE that name a place or an addressee, not a rival or supplier: the
#: country is still what the sentence is about when the story is about it ("Prime Minister
#: Modi visited Kenya" in a story on Kenya, "a summit in Nairobi", "the US urged China to
#: ..." in a story on China), like a maker.
SOFT_CUES = frozenset({
    "conference in", "summit in", "forum in", "expo in", "conflict in", "war in", "visited",
    "visiting", "toured", "touring", "hope that", "hopes that", "hoped that", "urged", "urges",
    "urging", "call on", "calls on", "called on", "calling on", "mostly in", "mainly in",
    "largely in", "primarily in", "chiefly in", "visit to", "visits to", "trip to",
    "trips to", "travelled to", "traveled to", "travelling to", "traveling to", "flew to",
    "arrived in", "stops in", "stop in", "stopover in", "tour of", "visit", "visits",
    "travel to", "travels to", "fly to", "flies to", "flying to", "head to", "heads to",
    "heading to", "headed to", "arrive in", "arrives in", "arriving in", "due in", "offering",
    "offered", "courted", "courting",
    # The other party to an agreement or talks is a party too when the story is about it
    # ("India signed an MoU with Saudi Arabia" in a story on Saudi Arabia).
    "mou with", "mous with", "memoranda with", "deal with", "deals with", "agreement with",
    "agreements with", "pact with", "accord with", "treaty with", "memorandum with",
    "partnership with", "partnerships with", "negotiations with", "negotiating with",
    "dialogue with", "talks with", "contract with", "contracts with", "signed with",
    "negotiations between", "talks between",
    # ... and so is the other party to a relationship or to cooperation ("Trump hailed
    # America's relationship with Saudi Arabia" in a story on both).
    "relationship with", "relations with", "ties with", "cooperation with", "cooperate with",
    "cooperating with", "collaboration with", "collaborate with", "collaborating with",
    "partnering with", "partnered with", "partner with", "partners with", "alliance with",
    "joint venture with",
})
#: An agreement or talks named a few words before "with": "approved four memoranda of
#: understanding (MoUs) on digital technology with Saudi Arabia", "signed an agreement on
#: chips last week with Japan" (the partner is named in passing; matched on the lowercased
#: words before the country, within its clause).
AGREEMENT_WITH = re.compile(
    r"\b(?:mous?|memorand(?:um|a)|agreements?|deals?|pacts?|accords?|treat(?:y|ies)"
    r"|partnerships?|talks|negotiations|dialogues?|contracts?)\b[^,;:.]{0,60}\bwith\s+"
    r"(?:the\s+)?$")
#: Where a cable, route or network links to: "the hub will be linked via undersea cables to
#: Singapore, Malaysia and Australia", "connecting Kenya's grid to Ethiopia" (a place
#: reached, like a place visited: a subject only when the story is about it). Matched on the
#: lowercased words before the country, within its clause.
LINKED_TO = re.compile(
    r"\b(?:linked|linking|links|connected|connecting|connects|connection|connections)\b"
    r"[^,;:.]{0,40}\bto\s+(?:the\s+)?$")
#: A country word right before the name of an agreement, talks or a conflict names the
#: other party or the place, not the actor: "the Italy MoU deals with ...", "the Iran
#: conflict has raised fuel costs", "the Ukraine war" (like a maker: a subject only when the
#: story is about that country). Only right before: "India signs deal" is India acting.
EVENT_NOUN_AFTER = re.compile(
    r"\s+(?:MoUs?|memorandum|agreement|pact|accord|treaty|conflict|war|crisis|dispute"
    r"|invasion)\b", re.I)
#: An equality comparison: "six times as many patents as the US", "twice as large as
#: Germany's" (matched on the lowercased words before the country).
AS_MUCH_AS = re.compile(
    r"\bas\s+(?:many|much|few|little|large|big|high|low|fast|quickly|strong|good|well)\b"
    r"(?:\s+[\w-]+){0,5}?\s+as\s+(?:the\s+)?$")
#: A country word opening the name of a company or university: "Singapore Management
#: University", "Saudi Telecom Company", "Korea Development Bank". The organisation's home: a
#: maker named in passing unless the story is about it. Government bodies ("the European
#: Commission", "the Italian Data Protection Authority") are the country acting, so not here.
ORGANISATION_AFTER = re.compile(
    r"(?:\s+[A-Z][\w&-]*){0,3}\s+(?:University|College|Institute|Airlines|Airways|Telecom"
    r"|Telecommunications|Mobile|Holdings|Corporation|Corp\.?|Company|Co\.|Bank|Foundation"
    # Industrial firms named after their home: "Taiwan Semiconductor", "Korea Electric
    # Power", "Japan Steel Works", "Saudi Electricity".
    r"|Academy|School|Semiconductors?|Electronics|Electric|Electricity|Motors|Steel"
    r"|Petroleum|Shipbuilding|Aerospace)\b")
#: Two countries acting together, the first opening the clause: "Germany partnered with
#: France to build ...", "Japan has teamed up with the UK": both are what it is about (a
#: partner after anything else is named in passing: "the country partnered with Germany").
JOINT_ACTION = re.compile(
    r"\s+(?:(?:has|have|had|will|is|are|was|were|would)\s+)?(?:partnered|partners?|partnering"
    r"|teamed\s+up|teams\s+up|teaming\s+up|join(?:ed|s)?\s+forces)\s+with\s+(?:the\s+)?",
    re.I)
#: A company's home: "a European headquarters in Ireland", "a start-up based in Kenya". Like
#: "Japan's SoftBank", a maker named in passing unless the story is about that country.
HOME_BEFORE = re.compile(
    r"\b(?:headquartered|headquarters|head\s+office|based|registered|incorporated|domiciled)"
    r"\s+in\s+(?:the\s+)?$", re.I)
#: The same written before the noun: "European Union-based firms announced 40 billion euros
#: in agreements with Egypt", "US-headquartered cloud providers" (right after the country).
HOME_AFTER = re.compile(r"[-–](?:based|headquartered|registered)\b")
#: A named institution and where it stands: "the Mohammed bin Zayed University of Artificial
#: Intelligence in Abu Dhabi", "the Technology Innovation Institute in Abu Dhabi" (its home,
#: like a company's; case-sensitive: the institution's capitalised name).
INSTITUTION_IN = re.compile(
    r"\b(?:University|Institute|College|Academy|School|Laboratory|Hospital)"
    r"(?:\s+(?:of|for)(?:\s+(?:[A-Z][\w&-]*|and|of|the))+)?\s+in\s+(?:the\s+)?$")
#: A likeness: a place named as what another place is like, "the California of Germany",
#: "the Singapore of Africa", "the Silicon Valley of India" (after "the", before "of" and a
#: capitalised name): a comparator, not a place the sentence is about.
LIKENESS_OF = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
LIKENESS_BEFORE = re.compile(r"\bthe\s+[\"“']?$", re.I)
#: Cues that must stand right before the country (or its "the"), never one word away: "in
#: the following months Germany will ..." is about Germany.
ADJACENT_CUES = frozenset({"following", "counter", "alongside"})
#: Cues that are adjectives too: a country after one that opens its clause is its subject
#: ("Neighbouring Tanzania has also announced a plan"), not a neighbour named in passing.
NEIGHBOUR_CUES = frozenset({"neighbouring", "neighboring"})
#: The thing a cue is about, named by what a country did with it: "modelled on the approach
#: taken by the Netherlands", "based on the model used in Estonia", "compared with the sum
#: pledged by France" (a cue, at most AGENT_NOUN_WORDS words, one of these participles and
#: "by"/"in": the country is the cue's, as in "modelled on the Netherlands' approach").
AGENT_PARTICIPLES = frozenset({
    "taken", "used", "adopted", "pioneered", "followed", "chosen", "favoured", "favored",
    "introduced", "enacted", "passed", "proposed", "developed", "applied", "launched",
    "designed", "built", "set", "spent", "pledged", "announced", "paid", "charged", "offered",
    "made", "tried", "tested", "drafted", "written",
})
AGENT_NOUN_WORDS = 3
#: A price or cost a figure is set against, and whose it is: "electricity at about half the
#: price paid by data centres in Germany", "twice the rate charged in France", "a fraction
#: of the cost of power in Japan" (a yardstick, like "that of": matched on the lowercased
#: words of the clause before the country).
PRICE_YARDSTICK = re.compile(
    r"\b(?:half|twice|double|triple|third|quarter|fifth|tenth|fraction\s+of|times|percent"
    r"|below|above|under|than)\s+(?:of\s+)?(?:the|what)\s+(?:[a-z-]+\s+){0,2}?(?:prices?"
    r"|costs?|rates?|tariffs?|fees?|bills?|wages?|salaries|levels?)\b[^,;:()]{0,60}?\s(?:in|by|for|of)\s+"
    r"(?:the\s+)?$")
#: An alternative the sentence sets aside: "modelled on the EU's AI Act rather than on rules
#: in the United States", "buying from Japan instead of from China" (a country in it, within a
#: few words and no punctuation, is named in passing; matched on the lowercased words before
#: it).
ALTERNATIVE_BEFORE = re.compile(
    r"\b(?:rather\s+than|instead\s+of)\s+(?:[a-z][\w'’-]*\s+){0,6}?(?:the\s+)?$")
#: The standard of a comparison, a definite noun phrase after "than" that places it in a
#: country: "three times more than the capacity available to researchers in Italy", "more
#: than the whole of South Korea" (not a quantity: "more than half of firms in Kenya").
COMPARED_PHRASE = re.compile(
    r"\bthan\s+(?:the|what|that|those)\s+(?:[\w'’%.-]+\s+){0,8}?(?:in|of|by|for)\s+"
    r"(?:the\s+)?$")
#: ... and a share of a country's thing left unsaid: "less than a tenth of China's", "under
#: half of India's." (FRACTION_THAN before the country, ELLIPTICAL_YARDSTICK after it: the
#: possessive ends the phrase; "more than a third of Kenya's budget" is Kenya's own).
FRACTION_THAN = re.compile(r"\b(?:than|under|below|over)\s+(?:[\w%-]+\s+){1,3}?of\s+"
                           r"(?:the\s+)?$")
ELLIPTICAL_YARDSTICK = re.compile(r"['’]s\s*(?:[.,;:)]|$)")
#: Goods sold or shipped to a country, the goods named between: "barring sales of the most
#: powerful accelerators to China", "exports of high-end chips to the Gulf" (the buyer is
#: named in passing, a subject when the story is about it; matched on the lowercased words
#: of the clause).
GOODS_TO = re.compile(
    r"\b(?:sales?|exports?|exported|exporting|shipments?|shipped|shipping|sell|sells|selling"
    r"|sold|deliveries|delivered)\s+(?:of\s+)?[^,;:.]{0,60}\bto\s+(?:the\s+)?$")
#: A source of goods or money and where it is: "processors will come from Nvidia in the US",
#: "much of the money came from investors in the United States and Europe", "chips bought
#: from suppliers in Taiwan" (the source's home, a maker named in passing unless the story
#: is about it; "from", a company's name or a word for a source, then "in": not "results
#: from the survey in Kenya"; or "of": "technology licensed from IBM of the United States").
SOURCE_HOME_BEFORE = re.compile(
    r"\bfrom\s+(?:(?:the|a|an|its|their|local|foreign)\s+)?(?:(?:[A-Z][\w&'’.-]*\s+){1,3}"
    r"|(?:[a-z-]+\s+){0,2}?(?:investors|backers|lenders|funds|banks|suppliers|vendors"
    r"|makers|manufacturers|chipmakers|firms|companies|factories|plants|foundries|fabs"
    r"|providers|exporters|partners|donors)\s+)(?:in|of)\s+(?:the\s+)?$")
#: Words that give examples of a noun the clause has just named: "partnered with nine
#: others, including Germany, France and Switzerland" (the examples share that noun's role).
EXAMPLES_BEFORE = frozenset({"including", "notably", "among them", "in particular",
                             "especially", "particularly"})
#: The examples word right before a country (its "the" aside), and the clause it ends.
EXAMPLES_AFTER = re.compile(
    r"(?:,\s*|\s)(?:including|notably|among\s+them|in\s+particular|especially|particularly)"
    r"\s+(?:the\s+)?$", re.I)
#: Examples of countries as the subject of their clause: "nations such as Singapore,
#: Switzerland, and the United Kingdom have the highest densities", "Countries like Kenya
#: and Ghana have adopted ..." (the noun opens the clause; the list is followed by its verb,
#: `LIST_VERB`). Not "sanctions on nations like Iran". Matched on the lowercased text before
#: the first country.
EXAMPLES_OF_SUBJECT = re.compile(
    r"(?:^|\bthat\s+|[;:]\s+)(?:(?:the|other|many|some|several|most|smaller|larger|rich"
    r"|wealthy|poorer|developing|advanced|leading|[a-z]+ern|[a-z]+an)\s+){0,2}(?:countries"
    r"|nations|economies|governments)\s*,?\s+(?:such\s+as|like|including)\s+(?:the\s+)?$")
#: Examples of countries in general whose thing the sentence is about: "the progress of
#: countries such as Costa Rica, Ecuador and Guatemala", "the strategies of smaller nations
#: like Estonia" (subjects; not after a verb or another preposition: "sells chips to
#: countries such as Peru", nor after a cue: "ahead of countries such as Rwanda"). Matched
#: on the lowercased text before the first country; group `noun` is the noun.
EXAMPLES_OF_NOUN = re.compile(
    r"\b[a-z]+\s+of\s+(?:[a-z-]+\s+){0,2}?(?P<noun>countries|nations|economies)\s*,?\s+"
    r"(?:such\s+as|like|including)\s+(?:the\s+)?$")
#: Words after a list of countries that say it is not the subject of a verb: a preposition
#: or conjunction goes on with the noun phrase ("nations like Iran and China in Asia ...").
NOT_LIST_VERB = frozenset({"and", "or", "to", "in", "on", "for", "of", "with", "as", "by",
                           "from", "at", "into", "that", "which", "who", "where", "among"})
#: At most this many words name the noun between a cue and its examples ("partnered with
#: nine other countries, including ...").
EXAMPLES_NOUN_WORDS = 4
#: A rank before "after": "third in Africa after Nigeria and South Africa", "ranked second
#: after the US" (those ranked above are compared with, not what the sentence is about).
#: Matched against the lowercased words before the country.
RANKED_AFTER = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd"
    r"|th)|runner-up|next|largest|biggest|highest)\b(?:\s+[\w-]+){0,4}\s+after\s+(?:the\s+)?$")
#: A name listed right before a country, after a cue: "markets in Africa and India", "exports
#: to Europe, China ...": the country shares the cue of the list's first name.
LISTED_NAME_BEFORE = re.compile(
    r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:\s*,|,?\s+(?:and|or))\s+(?:the\s+)?$")
#: The words a cue can end with: a country after none of them needs no closer look.
MENTION_CUE_WORDS = frozenset(cue.split()[-1] for cue in MENTION_BEFORE) | frozenset(
    cue.split()[-1] for cue in EXAMPLES_BEFORE) | {"after", "only", "even"}
#: An adjective form after these words and before nothing noun-like is a language: "trained
#: in Spanish and Portuguese", "chatbots that answer in Korean".
LANGUAGE_BEFORE = re.compile(r"\b(?:in|into|speak|speaks|speaking|spoken|written|translated"
                             r"|read|reads)\s+$", re.I)
LANGUAGE_AFTER = re.compile(r"\s*(?:$|[,.;:)!?]|and\b|or\b|as\b|with\b|too\b)", re.I)
#: Countries listed after one named in passing share its role: "behind the United States and
#: China", "from US and Canadian funds", "like Iran, China, and Russia", "behind not only
#: the US and China, but also India".
LISTED_WITH = re.compile(
    r"(?:['’]s)?\s*(?:,|,?\s+(?:and|or|as\s+well\s+as|nor|but\s+also))\s+(?:the\s+)?"
    r"(?:[a-z][\w-]*\s+)?",
    re.I)
#: Countries joined into one subject: "Japan and South Korea together accounted for 14%",
#: "Canada, Germany and France each filed ...", "Brazil and Mexico's combined budget" (a
#: list with "and" only: "Japan or Korea" may be either, not both).
COORDINATED = re.compile(r"(?:['’]s)?\s*(?:,\s*(?:and\s+)?|,?\s+and\s+)(?:the\s+)?", re.I)
#: The first word of a phrase fronted before such a subject: "Together, Japan and Korea
#: ...", "Between them, Canada and Germany filed ..." (besides FRONTED_OPENERS).
JOINT_OPENERS = frozenset({"together", "between", "combined", "collectively", "jointly"})
#: A relation named by a possessive between a cue and the country, in apposition: "compared
#: to its GCC allies the UAE or Saudi Arabia", "behind its neighbour Kenya", "ahead of their
#: rival the US" (the possessive and at most APPOSITION_WORDS words after it are read past).
APPOSITION_OWNERS = frozenset({"its", "their", "his", "her", "our"})
APPOSITION_WORDS = 2
#: Words that may stand between a cue and the country it applies to, read past: "behind not
#: only the United States", "ahead of even China" (the lowercased words, `_after_cue`).
CUE_FILLERS = (("not", "only"), ("even",))
#: "Japan's SoftBank", "Korea's Samsung": a possessive before a capitalised name gives a
#: company's home country.
POSSESSIVE_NAME = re.compile(r"['’]s\s+(?:[A-Z][\w&.-]*)")
#: "Washington's bans on high-end chips", "the US's export controls", "America's tariffs":
#: measures one country aims at others name it as a maker (a mention unless the story is
#: about it), like "US export controls".
POSSESSIVE_RESTRICTION = re.compile(
    r"['’]s\s+(?:[a-z][\w-]*\s+){0,2}?(?:bans?|sanctions|curbs|controls|restrictions|tariffs"
    r"|blockade|embargo)\b")
#: A verb of spending or building before "in" and a country, in a clause another country
#: opens: the place its money goes, not a second actor ("the UAE committed to funding
#: comparable AI infrastructure in the U.S.", "Japan will invest $5 billion in India").
#: Searched, lowercased, between the opening country and the place.
SPENDS_BEFORE_PLACE = re.compile(
    r"\b(?:invest(?:s|ed|ing|ment|ments)?|fund(?:s|ed|ing)?|spend(?:s|ing)?|spent"
    r"|financ(?:e|es|ed|ing)|build(?:s|ing)?|built|pour(?:s|ed|ing)?)\b[^;:]*\bin\s+"
    r"(?:the\s+)?$")
#: The first words of a short time or linking phrase fronted before a clause's subject and
#: its comma: "Last week, UK Prime Minister Keir Starmer announced", "In return, the UAE
#: committed", "On Tuesday, Chinese firms said" (the phrase names no place: "In Kenya,
#: Chinese firms ..." is no such phrase).
FRONTED_OPENERS = frozenset({
    "last", "this", "next", "earlier", "later", "in", "on", "at", "during", "since", "after",
    "before", "by", "meanwhile", "however", "separately", "additionally", "moreover",
    "furthermore", "also", "today", "yesterday", "now", "then", "still", "instead",
    "similarly", "likewise", "overall", "recently", "previously", "currently", "finally",
    "first", "second", "third", "notably", "importantly", "indeed", "so", "thus",
})
#: Capitalised words a fronted phrase may hold past its first word: dates ("On Monday,").
DATE_NAMES = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
})
#: Where a clause starts for deciding whether a country opens it: the sentence start, a
#: semicolon or colon, or a comma before a conjunction.
STRONG_BREAK = re.compile(r"[;:]\s|,\s+(?=(?:while|whereas|but|and|as|although|though)\b)",
                          re.I)
#: A country word right before these nouns names a foreign company, product or rule inside
#: someone else's story: "a US cloud provider", "Chinese firms", "American-made chips",
#: "U.S. export controls", "Abu Dhabi AI major G42". A plural is a mention unless it opens
#: the clause ("Chinese firms have filed 38,000 patents" is about China); so is a person's
#: title ("the incoming administration of US president-elect Donald Trump" is a mention,
#: "US President Donald Trump announced ..." is about the US).
_PERSONS = (
    "president president-elect minister ministers secretary chancellor official officials "
    "leader leaders ambassador ambassadors envoy envoys delegation delegations lawmakers "
    "regulator regulators"
)
_THINGS = (
    "major majors firm firms company companies provider providers supplier suppliers vendor "
    "vendors chip chips chipmaker chipmakers designer designers giant giants rival rivals "
    "competitor competitors counterpart counterparts peer peers startup startups start-up "
    "start-ups investor investors service services platform platforms hyperscaler "
    "hyperscalers lab labs group groups bank banks fund funds control controls restriction "
    "restrictions rule rules regulation regulations sanction sanctions tariff tariffs curb "
    "curbs ban bans maker makers manufacturer manufacturers developer developers partner "
    "partners product products technology technologies hardware model models app apps "
    "corporation corporations conglomerate conglomerates operator operators carrier carriers "
    "campus campuses datasets data language languages speakers market markets "
    # A leading firm by its standing: "Silicon Valley frontrunner OpenAI", "a Chinese upstart".
    "frontrunner frontrunners front-runner front-runners upstart upstarts unicorn unicorns"
)
#: Every word ENTITY_AFTER can end on, to skip the pattern when none follows a country.
ENTITY_WORDS = frozenset(f"{_PERSONS} {_THINGS} prime".split())
ENTITY_AFTER = re.compile(
    r"\.?(?:[\s-]+(?:made|based|built|owned|backed|listed|headquartered))?\s+"
    # (Words modifying the noun, not a verb and its object: "Kenya has no chip plant",
    # "Kenya approved a new rule" are Kenya acting.)
    r"(?:(?:(?!(?:a|an|the|no|its|their|has|have|had|is|are|was|were|will|would|can|could"
    r"|to)\s)[a-z][\w-]*|AI|A\.I\.)\s+){0,3}"
    rf"(?:(?P<person>prime\s+minister|{_alternation(_PERSONS.replace(' ', chr(10)))})\b"
    rf"|(?P<noun>{_alternation(_THINGS.replace(' ', chr(10)))})\b)",
    re.I,
)

#: Where a sentence turns from one country's figure to another's: "Brazil has 12%, while
#: Mexico has 8%", "the US leads with 34%, followed by China with 20%", "38,000 patents,
#: compared with 6,300 in the US", "Kenya is ahead of Nigeria, which has 40 start-ups",
#: "far fewer than in South Korea, where the state has ordered 50,000 GPUs".
CLAUSE_BREAK = re.compile(
    r"\s*(?:;\s+|,\s+(?=(?:while|whereas|compared|versus|vs\.?|followed|ahead|behind|which|of\s+which|currently\s+valued|valued|worth"
    r"|who|where|but|and|against|than|trailed|trailing|with)\b)|\s(?=(?:while|whereas|followed\s+by"
    r"|compared\s+(?:with|to)|versus|vs\.?)\s))",
    re.I,
)
#: Where one sentence of a statement ends and the next begins (a statement may join a
#: sentence to the one it refers back to: "... against Brazil's 12,000. The mission's budget
#: of ₹10,372 crore ..."). Not after an initial ("the U.S. Commerce Department").
SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9%)”\"][.!?])\s+(?=[A-Z“\"‘])|(?<=[a-z0-9%)][.!?][”\"])\s+"
                            r"(?=[A-Z“\"‘])")
#: A figure followed by its country: "the 44% of the United States", "38,000 patents in
#: China", "$2bn for Kenya" (what comes between is only these words). Not "from": money from
#: a country is that country's investment in the story's one.
FIGURE_OF = re.compile(r"\s*(?:of|in|by|for)\s+(?:the\s+)?")
#: A share of another country's thing: "Canada has about 10% of the US's data centre
#: capacity", "Ghana holds a fifth of Nigeria's installed capacity" (the country after "of"
#: in the possessive is the yardstick when the clause's own subject is named before the
#: figure; "a third of Kenya's budget goes to schools" stays Kenya's).
SHARE_OF_POSSESSOR = re.compile(r"\s*of\s+(?:the\s+)?")
#: The possessive may end its clause: "Korea's budget is about one-tenth of China's, ...".
POSSESSIVE_AFTER = re.compile(r"['’]s?(?:\s|[,.;:)]|$)")
#: Words of approximation between a country and its figure ("the UK's roughly £4.5 billion").
_ABOUT = (r"(?:about|around|nearly|over|some|roughly|almost|just|only|a\s+mere|an\s+estimated"
          r"|estimated|more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to)")
#: A country right before its figure: "followed by China with 15%", "second only to the
#: United States with 44%", "China (10.1 percent)", "the US at 34%", and a possessive:
#: "24 times more than the UK's £4.5 billion", "compared to South Korea's 3.12".
NAME_THEN_FIGURE = re.compile(
    rf"(?:['’]s)?\s*,?\s*(?:with|at|on|of|has|had|holds|held|\()\s*{_ABOUT}?\s*"
    rf"|['’]s\s+(?:{_ABOUT}\s+)?",
    re.I,
)
#: A country and its figure with the verb left out, as the second of coordinated clauses:
#: "with the UAE contributing $300 million and the US $200 million", "Brazil has 12%,
#: Mexico 8%". GAPPED_NAME_BEFORE is what stands before the country (searched in the few
#: characters before it), NAME_THEN_GAPPED_FIGURE what stands between it and the figure.
NAME_THEN_GAPPED_FIGURE = re.compile(rf"\s+(?:{_ABOUT}\s+)?", re.I)
GAPPED_NAME_BEFORE = re.compile(r"(?:[,;]|\band|\bwhile|\bwhereas|\bbut)\s+(?:the\s+)?$",
                                re.I)
#: A figure paying for something of a country, named by its adjective: "a $20.8 billion
#: (€20B) European fund", "a $500 million American investment" (a count's noun is part of
#: its figure, so only money and measures end right before such an adjective).
FIGURE_FOR_ADJECTIVE = re.compile(r"\)?(?:\s*\([^()]{1,40}\))?\s+")
#: A country's initials used as an adjective the same way ("the $700 billion U.S. Stargate
#: project", "a $2bn UK compute fund"): the initials (COUNTRY_INITIALS) are followed by the
#: noun they qualify (INITIALS_QUALIFY: a word, not "and", "in", "to" or a verb) and the figure
#: opens a noun phrase (FIGURE_OPENS_PHRASE before it), unlike "raised $5 billion U.S." or
#: "spent $1bn US and ...".
COUNTRY_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}|[A-Z]{2,3}")
INITIALS_QUALIFY = re.compile(
    r"\s+(?!(?:and|or|in|on|to|for|of|by|with|from|as|at|is|are|was|were|has|have|had|will"
    r"|would|dollars?|said|says)\b)[A-Za-z]")
FIGURE_OPENS_PHRASE = re.compile(r"\b(?:a|an|the|its|their|this|that)\s+$", re.I)
#: Shares set against a first one, each by where it comes from: "China is the origin of 29%
#: of top researchers, compared to 20% from the US and 8% from India" (SHARE_FROM between a
#: percentage and its country, in a clause a COMPARATOR_OPENS word opens). Not where goods
#: are bought (BOUGHT_FROM in the sentence): "imports 40% of its chips from Taiwan, compared
#: with 30% from China" gives China no share of its own.
SHARE_FROM = re.compile(r"\s+from\s+(?:the\s+)?")
COMPARATOR_OPENS = re.compile(r"(?:compared|versus|vs\.?|against|while|whereas)\b", re.I)
#: Words that set what follows up as the standard a thing is measured against: "The package
#: exceeds Japan's ¥3.9 trillion programme", "smaller than the $6 billion the United States
#: spends", "far ahead of the US, which has filed 6,300 patents", "far short of the 400
#: billion yen to be spent by the U.S.", "compared with 1.1% in Singapore", "outpaces", "lags
#: behind" (not a quantity or a time after "than": "more than $2 billion last year as Kenya
#: expanded", "For more than a decade, Kenya has spent", "faster than expected as Germany";
#: nor "behind" alone: "Behind the push is Germany"). A country named only after one of
#: these in its clause, with a figure of its own, is the comparator, not what the sentence
#: is about (searched on the lowercased words before it; COMPARISON_CLAUSE_BREAK starts a
#: new clause that may have its own subject).
COMPARISON_STANDARD = re.compile(
    r"\b(?:than(?!\s+(?:about\s+|around\s+|nearly\s+|almost\s+|some\s+|just\s+)?(?:[\d$€£¥]"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty"
    r"|hundreds?|thousands?|half|twice|double|ever|before|expected|usual|planned|forecast"
    r"|anticipated|previously|initially|last)\b))|compared\s+(?:with|to)|in\s+comparison\s+(?:with|to)"
    r"|relative\s+to|versus|vs\.?|ahead\s+of|short\s+of|(?:far|well|way|just|falls?|fell"
    r"|falling)\s+behind"
    r"|exceed(?:s|ed|ing)?|surpass(?:es|ed|ing)?|outpac(?:e|es|ed|ing)|outstrip(?:s|ped|ping)?"
    r"|trail(?:s|ed|ing)?|lag(?:s|ged|ging)?)\b")
COMPARISON_CLAUSE_BREAK = re.compile(r";|\b(?:while|whereas|but|although)\b")
#: (Verbs only: "the biggest source of AI talent" and "India supplies 31%" are no purchase.)
BOUGHT_FROM = re.compile(
    r"\b(?:buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|sourc(?:es|ed|ing)|import(?:s|ed|ing)?"
    r"|procur(?:e|es|ed|ing))\b", re.I)
#: Money a country spends in another: "Saudi Arabia will spend $1 trillion in the U.S." is
#: Saudi Arabia's, when it opens the clause (after FIGURE_OF has found the place).
SPENT_IN = re.compile(r"\s*in\s+(?:the\s+)?", re.I)
#: A country named by a word for it spending money: "where the Kingdom pledged to spend $1
#: trillion in the U.S.", "the country will invest $5 billion in France" (right before the
#: figure; the sentence's subject other than the place is the spender).
COUNTRY_SPENDS = re.compile(
    r"\bthe\s+(?:kingdom|country|emirate|republic|nation)\s+(?:has\s+|had\s+|will\s+"
    r"|would\s+)?(?:(?:pledged|pledges|promised|promises|committed|commits|agreed|agrees|plans"
    r"|planned|aims|vowed|intends)\s+to\s+)?(?:spend|invest|put|pour|inject|spends|invests"
    r"|spent|invested)\s+(?:about\s+|over\s+|more\s+than\s+|up\s+to\s+|nearly\s+)?$",
    re.I)
#: A figure a change starts from is the same owner's as the figure before it: "spend $1
#: trillion, up from $600 billion", "5% of GDP, down from 7%".
CHANGED_FROM = re.compile(r"\b(?:up|down|rising|falling|rose|fell)\s+from\s+(?:the\s+)?$",
                          re.I)
#: A figure whose reduced relative clause names who holds it, right after it: "more than the
#: $25 billion Qatar has committed", "the 450 megawatts Thailand will build", "the 300 chips
#: Kenya bought" (FIGURE_THEN_AGENT between the figure and the country; AGENT_VERB_AFTER right
#: after the country: an auxiliary and a verb, or a past verb, not a noun as in "$5 billion
#: Qatar Airways"); and "the $15 billion pledged by the UAE", "the 1 gigawatt planned by the
#: UAE", "the 20,000 chips already bought by Japan" (FIGURE_BY_AGENT: a participle, at most
#: two more words, and "by" between them).
FIGURE_THEN_AGENT = re.compile(r"\s+(?:that\s+|which\s+)?(?:the\s+)?")
_PAST_VERBS = (r"(?:[a-z]+ed|spent|set|put|built|bought|paid|made|given|sought|lent|sent|won"
               r"|raised|laid|poured|sunk|sank)")
AGENT_VERB_AFTER = re.compile(
    r"(?:['’]s\s+government)?\s+(?:(?:has|have|had|will|would|is|was|plans\s+to|aims\s+to"
    r"|hopes\s+to|intends\s+to|wants\s+to)\s+(?:(?:already|so\s+far|also|now|yet\s+to)\s+)?"
    rf"(?:been\s+)?[a-z]{{3,}}|{_PAST_VERBS})\b")
FIGURE_BY_AGENT = re.compile(
    rf"\s+(?:(?:already|so\s+far|also|recently|earlier)\s+)?{_PAST_VERBS}"
    r"\s+(?:[a-z0-9]+\s+){0,2}?by\s+(?:the\s+)?")
#: A word for the story's own country acting or owning, which owns the figures after it in
#: its clause ahead of any country named earlier in the sentence: "The kingdom's Humain plans
#: to build 1.9 gigawatts ...", "(will visit Beijing ...) weeks after the kingdom agreed to
#: buy 18,000 advanced chips", "the country has trained 4,000 engineers" (a possessive or a
#: verb right after it: not "data centres in the country").
COUNTRY_WORD_ACTS = re.compile(
    r"\bthe\s+(?:kingdom|country|emirate|republic|nation|city-state)(?:['’]s\s|\s+(?:has|had"
    rf"|have|will|would|is|was|plans|aims|wants|intends|hopes|{_PAST_VERBS})\b)",
    re.I)
#: A country after "from" is where goods or money come from, a supplier, not who holds the
#: figure of its clause: "China imported $6 billion of chips from the US, and a further $2
#: billion from Taiwan" (the $2 billion is China's; searched in the few characters before
#: the country).
SUPPLIER_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
#: An elliptical possessive, a country's thing left out after "'s" because the clause before
#: named it, opens a clause of its own: "Korea's exports rose 21%, while Taiwan's grew 35%
#: and Japan's fell 4%" (ELLIPSIS_BEFORE, "and"/"but"/"or", stands before the country;
#: ELLIPTICAL_POSSESSIVE after it: a verb, then maybe "by"/"to"/an approximation, then a
#: figure, not a noun as in "Japan's exports fell").
ELLIPSIS_BEFORE = re.compile(r"\s(?:and|but|or)\s+(?:the\s+)?$", re.I)
ELLIPTICAL_POSSESSIVE = re.compile(
    r"['’]s\s+(?:(?:also|only)\s+)?(?:grew|fell|rose|was|were|is|are|has|had|stood|hit|shrank"
    r"|sank|[a-z]+ed)\s+(?:(?:by|to|about|around|nearly|almost|just|only|some|roughly|over"
    r"|under|sharply|slightly)\s+)*[$€£¥₹0-9]")
#: A count whose noun a threshold qualifies, "35 data centres above 50 megawatts", "20
#: start-ups with more than 100 employees", "12 plants of at least 1 gigawatt": the figure
#: after the preposition is a threshold, and a bare count that follows ("compared with 61 in
#: Germany") counts the first noun, not watts or employees (what stands between the two).
THRESHOLD_BETWEEN = re.compile(
    r"\s+(?:above|over|under|below|exceeding|topping|of|with)\s+(?:(?:at\s+least|more\s+than"
    r"|fewer\s+than|less\s+than|over|under|up\s+to|above|below|some)\s+)?", re.I)
#: A list of figures, as "respectively" pairs with a list of countries: "the 500 billion yen
#: and 450 billion yen to be spent by the U.S. and Chinese governments respectively".
FIGURES_LISTED = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?:{_ABOUT}\s+)?",
                            re.I)
#: A comma before a country that opens a clause of its own, whose verb (lowercase) follows
#: it: "the US developed 40 major AI models, China produced 15" (not a list: "Germany,
#: France and Italy"). COUNTRY_CLAUSE_BEFORE is searched in the few characters before it.
COUNTRY_CLAUSE_BEFORE = re.compile(r"[,;]\s+(?:the\s+)?$", re.I)
COUNTRY_CLAUSE_VERB = re.compile(r"['’]s\b|\s+(?!(?:and|or|nor)\b)[a-z]")
#: A figure for the whole world, no country's: "30,000 AI companies in the world",
#: "1.8 million developers worldwide".
GLOBAL_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:in\s+the\s+world|worldwide|globally|around\s+the\s+world"
    r"|across\s+the\s+globe)\b",
    re.I,
)
#: "the world's 30,000 AI firms": a figure of the whole world, named before it.
GLOBAL_BEFORE = re.compile(rf"\bworld['’]s\s+(?:{_ABOUT}\s+)?$", re.I)
#: An estimate that sets a country's quantity at a figure: the country named right after
#: the verb owns the figure after "at" ("estimates ..., which put Chinese government spending
#: on AI at more than 700 billion yuan", "analysts value India's AI market at $8 billion",
#: "officials peg the Korean shortfall at 10,000 engineers"), whatever the clause's own
#: antecedent ("estimates by the Korea Institute ..., which put ...").
ESTIMATE_PUTS = re.compile(
    r"\b(?:put|puts|putting|peg|pegs|pegged|pegging|value|values|valued|valuing|place|places"
    r"|placed|placing|estimate|estimates|estimated|estimating)\s+(?:the\s+)?$", re.I)
#: The word right before a figure an estimate sets ("... at more than 700 billion yuan").
SET_AT = re.compile(rf"\bat\s+(?:{_ABOUT}\s+)?$", re.I)
#: A "which" clause right after a country, up to the next clause break or the sentence end.
RELATIVE_AFTER = re.compile(
    r"(?:['’]s)?,\s+(?:which|who)\b[^;]*?(?=,\s+(?:while|whereas|but)\b|;|$)", re.I)
#: The same after the rest of a short noun phrase the country opens or qualifies: "power
#: from the French nuclear fleet, which supplies electricity at half the price paid in
#: Germany", "chips from the US chipmaker Nvidia, which also sells to China" (one to three
#: words, no preposition or clause word among them).
PHRASE_THEN_RELATIVE = re.compile(
    r"(?:['’]s)?(?:\s+(?!(?:and|or|to|in|on|for|of|with|as|by|from|at|into|that|which|who"
    r"|is|are|was|were|has|have|had|will|would)\b)[\w-]+){1,3},\s+(?:which|who)\b[^;]*?"
    r"(?=,\s+(?:while|whereas|but)\b|;|$)")
#: A "that" clause on a thing of a country named in passing, its person's name aside: "in
#: response to US President Donald Trump's declaration that OpenAI will invest $500 billion
#: in the United States" (what the clause says of it is said in passing too).
THING_CLAUSE_AFTER = re.compile(
    r"(?:\s+[A-Z][\w.-]*){0,4}['’]s(?:\s+[A-Za-z][\w-]*){1,4}?\s+(?:that|which|who)\s"
    r"[^;]*?(?=,\s+(?:while|whereas|but)\b|;|$)")
#: A clause that describes the noun just before it ("..., which has 40 start-ups", "the U.S.
#: market, currently valued at over $200 billion").
RELATIVE = re.compile(r"(?:which|who|currently\s+valued|valued|worth)\b", re.I)
#: A clause on a place, opening right after its name and a comma: "far fewer than in South
#: Korea, where the government alone has ordered 50,000 GPUs", "Mexico, where 9,000 racks
#: are planned" (its figures are the place's). Not when a personal pronoun is its subject:
#: "the minister flew to Lisbon, where she pledged 400 million reais" is the minister's.
PLACE_RELATIVE = re.compile(r"where\b(?!\s+(?:he|she|they|we|i|it|you)\b)", re.I)
#: What stands between a place and the "where" of PLACE_RELATIVE: the comma only.
PLACE_THEN_RELATIVE = re.compile(r",\s+")
#: Goods sent to a country are its own: "approved the export of up to 500,000 AI chips
#: annually to the UAE", "sold 20,000 GPUs to Saudi Arabia" (FIGURE_SENT_TO stands between
#: the figure and the country, GOODS_SENT before the figure in its clause).
FIGURE_SENT_TO = re.compile(
    r"\s*(?:(?:annually|yearly|a\s+year|per\s+year|each\s+year|every\s+year)\s+)?"
    r"to\s+(?:the\s+)?", re.I)
GOODS_SENT = re.compile(
    r"\b(?:export(?:s|ed|ing)?|sale|sales|sell(?:s|ing)?|sold|ship(?:s|ped|ping|ments?)?"
    r"|deliver(?:s|ed|y|ies)?|import(?:s|ed|ing)?)\b", re.I)
#: Two figures set against each other: "(13.18 vs 1.90 average citations)".
VERSUS_BETWEEN = re.compile(r"\s*(?:vs\.?|versus)\s*", re.I)
#: A yardstick a figure is a fraction or multiple of: "one-quarter that of neighbouring
#: Malaysia", "twice those of the US" (searched right before the country): not its owner.
YARDSTICK_BEFORE = re.compile(
    r"\b(?:that|those)\s+of\s+(?:(?:the|neighbou?ring|nearby|rival)\s+)?$", re.I)
#: A clause going on with the verb of a relative clause before it, its subject left out:
#: "Trump's Stargate announcement, a venture that includes some of the biggest US tech
#: companies, and plans to spend US$500 billion" (the venture plans, not the sentence's
#: subject: both verbs in the present's third person). AND_VERB_S opens the later clause,
#: THAT_VERB_S is the relative clause's verb.
_NOT_VERB_S = r"(?!(?:was|thus|plus|this|its|is|as|less|unless|whereas)\b)"
AND_VERB_S = re.compile(rf"and\s+(?:also\s+)?{_NOT_VERB_S}[a-z]+[^s\W]s\s")
THAT_VERB_S = re.compile(rf"\b(?:that|which)\s+(?:also\s+)?{_NOT_VERB_S}[a-z]+[^s\W]s\b")
#: A leader or official of a country acting in a sentence about another: "UK Prime Minister
#: Keir Starmer also announced funding of £1 billion" (the title right after the country;
#: PERSON_TITLE_OPENS: what may come before it in its clause, a time phrase and a comma).
PERSON_TITLE = re.compile(
    r"\s+(?:prime\s+minister|president|chancellor|premier|minister|secretary)\b", re.I)
PERSON_TITLE_OPENS = re.compile(r"\s*(?:[^,]{0,30},\s*)?(?:the\s+)?$", re.I)

#: A ranking or a share: "Germany followed in second place", "filled out the top five",
#: "ranks third", "a share of 17.1 percent". It ranks whatever its section is about, so it
#: takes the section's main theme as well as its own. Matched against lowercased text.
RANKING = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+place"
    r"|top\s+(?:three|five|ten|\d+)|followed\s+by|ahead\s+of|behind|share\s+of|leads?\s+in"
    r"|trail(?:s|ed|ing)?)\b"
)

# --------------------------------------------------------------------------- self-contained quotes
# A sentence that cannot be read alone is quoted with the one before it ("Sarvam AI was picked
# to build the model. The company will get 4,000 GPUs."). Two kinds of dependence: a word that
# points at whatever the sentence before said (a pronoun, "this", "each", "of this", "the
# move"), and a definite noun ("the company", "the programme") for something the sentence
# before names, which is checked there (`REFERENT_BEFORE`). A sentence that names its own
# subject ("The company Infosys said ...", "The Indian government said ...") stands alone.

#: A linking word a dependent opener may follow: "But it will ...", "However, the company ...".
_LINK = (r"[\"“‘']?(?:(?:but|and|yet|so|however|now|still|also|instead|meanwhile|moreover"
         r"|in\s+addition|in\s+turn|as\s+a\s+result),?\s+)?")
#: A sentence that opens like this leans on the one before: "This data shows ...",
#: "That alone saves ...", "These funds ...", "It will ...", "They plan ...", "He said ...",
#: "Such rules ...", "Those who join ...", "Its first model ...", "Their budget ...". Not
#: "This year", "That week", "This is why": a time or a phrase, not a referent.
LEANS_BACK = re.compile(
    rf"^{_LINK}(?:this|that|these|those|such|it|its|they|their|he|she|both|the\s+latter"
    r"|the\s+former|the\s+same)\b(?!\s+(?:year|week|month|quarter|decade|time|morning"
    r"|afternoon|evening|weekend|summer|winter|spring|autumn|days?|is\s+why)\b)",
    re.I,
)
#: Members of a set the sentence before introduced, one by one: "Each team will receive ...",
#: "Every participant gets ...", "Each of the six hubs ...", "Each will be paid ...". The
#: nouns are what such a set is made of in policy news (places are left out: "Every state
#: must ..." is as often a rule for all as a reference back).
_MEMBERS = """
    team company firm startup start-up participant winner recipient applicant member partner
    project proposal bidder university school college institute hub centre center lab
    laboratory cohort fellow student researcher grant award scholarship unit site facility
    cluster model beneficiary contract entity one
"""
EACH_BACK = re.compile(
    rf"^{_LINK}(?:each|every)\s+(?:of\s+(?:the|these|those|them|its|their)\b"
    r"|(?:(?:selected|successful|winning|chosen|participating|eligible|such)\s+)?"
    rf"(?:{_alternation(_MEMBERS.replace(' ', chr(10)))})\b"
    r"|(?:will|would|can|could|may|must|gets?|receives?|has|had|is|was)\b)",
    re.I,
)
#: A share of an amount or set the sentence before gave: "Of this, $2 billion goes to ...",
#: "Of these, 12 are start-ups", "Of that amount, ...", "Of the total, ...", "Of them, ...".
PART_OF_BACK = re.compile(
    rf"^{_LINK}of\s+(?:this|these|that|those|them|it|which|the\s+(?:total|sum|amount|rest"
    r"|remainder|money|funds?|budget|figure|number|investment))\b",
    re.I,
)
#: A counted part of a set or amount the sentence before gave: "About 40% of them will be
#: trained ...", "Most of these are start-ups", "Half of it goes to ...", "Two of them ...",
#: "Much of that money comes from abroad".
SHARE_OF_BACK = re.compile(
    rf"^{_LINK}(?:(?:about|around|roughly|nearly|almost|over|under|more\s+than|less\s+than"
    r"|fewer\s+than|at\s+least|at\s+most|only|just|some|up\s+to)\s+)?"
    r"(?:\d[\d.,]*\s*(?:%|percent|per\s+cent)?|half|one-third|two-thirds|three-quarters"
    r"|a\s+(?:third|quarter|fifth|tenth|half|majority|minority|fraction|handful|few)"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|most|many"
    r"|much|some|all|none|few|several|either|any|the\s+(?:majority|bulk|rest|remainder))"
    r"\s+of\s+(?:them|these|those|this|that|it|which)\b",
    re.I,
)
#: Openers that point at what the sentence before said without a pronoun as subject:
#: "Together they consume ...", "After that, users pay ...", "Since then, ...", "Neither
#: firm ...", "The rest goes to ...", "The remainder will ...", "The remaining C$1 billion
#: ...". Not "Together with Microsoft, ..." (it names its partner), "Neither the US nor
#: China ..." (it names both), "The rest of the world ..." (a place, not a remainder),
#: "After that date ...".
PHRASE_BACK = re.compile(
    rf"^{_LINK}(?:together\b(?!\s+with\b)"
    r"|(?:after|before|beyond|besides|since|until)\s+(?:that|this|then)\b"
    r"(?!\s+(?:year|week|month|date|day|time|point|deadline)\b)"
    r"|on\s+top\s+of\s+(?:that|this)\b"
    r"|neither\b(?![^.;]*\bnor\b)"
    r"|the\s+(?:rest|remainder)\b(?!\s+of\s+(?:the\s+)?(?:world|globe|country|continent|region"
    r"|year|decade|century|economy)\b)"
    r"|the\s+remaining\b)",
    re.I,
)
#: A pointer to several things: opening a paragraph of several sentences, it may sum up more
#: than the one-sentence paragraph before it ("These countries exemplify the global effort
#: ..." closing a round-up), where "It will be open to ..." points at the one thing named.
PLURAL_BACK = re.compile(
    rf"^{_LINK}(?:these|those|they|their|such|both|together|neither|all|each|every)\b"
    r"|^[^,]{0,40}\bof\s+(?:them|these|those)\b",
    re.I,
)
#: "The country's weakness is electricity.", "The nation's biggest risk is power.": a short
#: sentence opening on a country it does not name leans on the sentence before when that
#: one is about the same country (checked by the discourse model).
COUNTRY_BACK = re.compile(
    rf"^{_LINK}the\s+(?:country|nation|kingdom|republic|emirate|island|city-state|bloc)['’]s\b",
    re.I,
)
#: A sentence at most this long cannot say itself what a pronoun object or a definite noun
#: inside it ("Critics say the plan is too small.") points at.
SHORT_SENTENCE_WORDS = 15
#: A pronoun object pointing back, in a short sentence: "Opposition lawmakers have said they
#: will back it.", "The ministry will revisit it next year.", "Critics want to scrap them
#: before the vote." The pronoun ends its clause or stands before a preposition or a time
#: word; before a verb ("said it would ...") it is the sentence's own subject. Case-sensitive:
#: an opening "It" is LEANS_BACK's.
OBJECT_BACK = re.compile(
    r"\b(?:it|them)(?=\s*(?:[.,;:!?\"”’)]|$)|\s+(?:in|on|at|by|for|from|with|into|through"
    r"|over|until|after|before|again|next|this|last|as|if|when|unless|because)\b)"
    r"|(?<=[a-z] )that(?=[.!?\"”’)]*$)"  # "The next phase is meant to fix that."
)
#: An indefinite article: before a pronoun object, the sentence may name what it points at
#: itself ("Kenya built a data centre and opened it in May").
INDEFINITE = re.compile(r"\b(?:a|an)\s", re.I)
#: A definite noun for a scheme, law, sum or issue just reported, anywhere in a short
#: sentence: "Critics say the plan is too small.", "The government said it would revisit
#: the issue next year.", "Samsung said it welcomed the bill.", "Firms can claim the credit
#: twice." Not "the plan to ...", "the bill of rights", "the fund called ...": those say
#: themselves which one. Each noun is also in `_REFERENT_KINDS` (what must name it before).
_INSIDE_NOUNS = """
    plan bill scheme measure credit issue proposal programme program strategy policy
    initiative deal agreement budget law project fund funding money investment ban move
    decision
"""
INSIDE_BACK = re.compile(
    r"\bthe\s+(?:new\s+|proposed\s+|planned\s+|same\s+|whole\s+|entire\s+)?"
    rf"(?P<noun>{_alternation(_INSIDE_NOUNS.replace(' ', chr(10)))})\b"
    r"(?!\s+(?:of|to|called|named|known)\b|[-–])",
    re.I,
)
#: A share closing a short sentence with nothing said of what it is a share of: "Small and
#: medium-sized companies will be able to claim up to 40%." after "The measure raises the
#: credit from 15% to 20%": it goes on with the sentence before's list of rates.
BARE_SHARE_END = re.compile(r"\d\s*(?:%|percent|per\s+cent)[\"”’)]*[.!]?$")
#: A share anywhere (the sentence before a BARE_SHARE_END one must give one).
SHARE = re.compile(r"\d\s*(?:%|percent\b|per\s+cent\b)")

# Definite nouns, by kind, each with what the sentence before must say for the noun to point
# at it. An organisation or a product may also be named by a proper name there ("Sarvam AI";
# the discourse model's `_has_a_name` decides). A kind with no pattern reports an
# event ("The move", "The decision"), which is whatever the sentence before reported.
_ORGANISATION = "company companies firm firms startup startups start-up start-ups group giant"
_PRODUCT = "model models system systems platform platforms tool tools chatbot app chip chips"
# What names a scheme, a facility or a product in the sentence before.
_SCHEME_WORDS = (r"programmes?|programs?|schemes?|initiatives?|projects?|plans?|missions?"
                 r"|strateg(?:y|ies)|roadmaps?|blueprints?|polic(?:y|ies)|packages?|frameworks?"
                 r"|proposals?|pilots?|competitions?|challenges?|fellowships?|calls?\s+for")
# What names a plan or programme as a whole: not a proposal, a pilot or a project, which a
# plan may hold ("proposals for 20 gigawatts of projects ... The strategy ..." is not it).
_PLAN_WORDS = (r"programmes?|programs?|schemes?|initiatives?|plans?|missions?|strateg(?:y|ies)"
               r"|roadmaps?|blueprints?|polic(?:y|ies)|packages?|frameworks?")
_FACILITY_WORDS = (r"agenc(?:y|ies)|authorit(?:y|ies)|body|regulators?|office|institutes?"
                   r"|council|commission|cent(?:re|er)s?|hubs?|facilit(?:y|ies)|campus(?:es)?"
                   r"|clusters?|lab\w*|supercomputers?|factor(?:y|ies)|plants?|sites?|parks?"
                   r"|zones?|complex|buildings?|bases?")
_PRODUCT_WORDS = (r"models?|systems?|platforms?|tools?|chatbots?|apps?|chips?|processors?"
                  r"|gpus?|supercomputers?|assistants?")
_PLACE_GOVERNMENTS = ("provincial_government state_government regional_government "
                      "local_government city_government city_council municipal_government")
#: (nouns, what names such a thing; None: the sentence before, whatever it says). A noun of
#: two words is written with "_" ("data_centre").
_REFERENT_KINDS: tuple[tuple[str, str | None], ...] = (
    # "Sarvam AI, a Bengaluru start-up, ... The company will ..."
    (_ORGANISATION, r"\b(?:compan(?:y|ies)|firms?|start-?ups?|groups?|giants?|makers?"
                    r"|chipmakers?|developers?|labs?|providers?|operators?|businesses"
                    r"|conglomerates?|corporations?|unicorns?|inc|ltd|plc|corp|llc)\b"),
    # "Nvidia released a model ... The model ..."
    (_PRODUCT, rf"\b(?:{_PRODUCT_WORDS})\b"),
    # "a national AI mission ... The programme ...": any word for a plan as a whole names it.
    ("programme programmes program programs scheme schemes plan plans mission strategy "
     "roadmap blueprint policy policies package framework",
     rf"\b(?:{_PLAN_WORDS})\b"),
    # A proposal, a pilot, a competition: one named as such ("Lawmakers dropped a proposal to
    # exempt researchers ... the proposal"), or a plan or bill that proposes it.
    ("proposal proposals", r"\b(?:propos\w+|plans?|bills?)\b"),
    ("pilot pilots", r"\b(?:pilots?|trials?|tests?|testing)\b"),
    ("competition challenge fellowship",
     r"\b(?:competitions?|challenges?|contests?|prizes?|calls?\s+for|fellowships?"
     r"|scholarships?|programmes?|programs?)\b"),
    # An undertaking may be a scheme, a facility or a product, or anything being built or set
    # up: "a 5-gigawatt data centre campus ... The project will ...", "set up a task force
    # ... The initiative ...".
    ("project projects initiative initiatives venture",
     rf"\b(?:{_SCHEME_WORDS}|{_FACILITY_WORDS}|{_PRODUCT_WORDS}|data\s+cent(?:re|er)s?|build\w*"
     r"|construct\w*|develop\w*|launch\w*|establish\w*|set\s+up|creat\w+)\b"),
    # "a $2bn fund ... The fund ...", "set aside 500 crore rupees ... The funding ..."
    ("fund funds funding investment investments budget grant grants subsidy subsidies loan "
     "loans allocation money",
     r"\b(?:funds?|funding|invest\w*|budgets?|grants?|subsid\w+|loans?|allocat\w+|money"
     r"|billion|million|trillion|crore|lakh|bn|mn)\b|[$€£¥₹₩]"),
    # "set up an AI Safety Institute ... The agency ...", "an AI factory ... The facility ..."
    ("agency agencies authority body regulator office institute council commission centre "
     "center centres centers hub hubs facility facilities campus cluster laboratory "
     "laboratories supercomputer factory site plant data_centre data_center data_centres "
     "data_centers",
     rf"\b(?:{_FACILITY_WORDS}|data\s+cent(?:re|er)s?)\b"),
    # "parliament passed a bill ... The bill ...": a bill is one not yet law or just voted,
    # never a law passed years ago ("under a law passed in 2023 ... The bill passed with 210
    # votes" points at a bill named further back).
    ("bill bills", r"\b(?:bills?|legislation|draft\s+(?:laws?|acts?))\b"),
    # "parliament passed an AI safety law ... The law takes effect in 2027."
    ("law laws act regulation regulations rule rules order decree legislation "
     "directive code guidelines standard standards ban",
     r"\b(?:laws?|bills?|acts?|regulat\w+|rules?|orders?|decrees?|legislat\w+|directives?"
     r"|codes?|guidelines?|standards?|bans?|banned|passed|enacted)\b"),
    # "Kenya and Microsoft signed a $1bn agreement ... The deal ..."
    ("deal deals agreement agreements partnership pact accord memorandum contract alliance "
     "tie-up",
     r"\b(?:deals?|agreements?|agreed|partner\w*|pacts?|accords?|memorand\w+|mou|contracts?"
     r"|allian\w+|tie-ups?|signed|teamed\s+up|joint\s+venture)\b"),
    # "a survey of 2,000 firms found ... The report ..."
    ("report reports study studies survey surveys index ranking paper analysis review census",
     r"\b(?:reports?|stud(?:y|ies)|surveys?|index|rankings?|ranked|paper|analys[ie]s|review"
     r"|census|found|according\s+to)\b"),
    # "raises tax credits for chip investment ... the credit": a credit, a break, an incentive.
    ("credit credits", r"\b(?:credits?|tax\s+breaks?|incentives?|deductions?|rebates?)\b"),
    # "Alberta has pitched itself ... The provincial government says ...": the government of
    # a place the sentence before names (by name, or as a province, state, region or city).
    (_PLACE_GOVERNMENTS,
     r"\b(?:provinces?|provincial|states?|regions?|regional|count(?:y|ies)|cit(?:y|ies)"
     r"|municipal\w*|towns?)\b"),
    # An event or a matter the sentence before reported: "The move ...", "The decision ...",
    # "The figures show ...", "The target is ...", "... revisit the issue next year".
    ("move moves decision decisions announcement step steps measure measures effort efforts "
     "push pledge commitment target targets goal figure figures data change changes approval "
     "launch ruling issue issues",
     None),
)
_DEFINITE_NOUNS = "\n".join(n.replace("_", " ") for nouns, _ in _REFERENT_KINDS
                            for n in nouns.split())
#: Scale words that name a sum of money in the sentence right before ("set aside 500 crore
#: ... The fund"), but further back may count anything ("20 million people").
SCALE_WORDS = frozenset(["billion", "million", "trillion", "crore", "lakh", "bn", "mn"])
#: What the sentence before must say for each definite noun to point at it (`_REFERENT_KINDS`),
#: by the noun in lower case with single spaces.
REFERENT_BEFORE: dict[str, re.Pattern[str] | None] = {
    noun.replace("_", " "): None if before is None else re.compile(before, re.I)
    for nouns, before in _REFERENT_KINDS for noun in nouns.split()}
#: A place's own government ("The provincial government ..."), by the noun as in
#: REFERENT_BEFORE: a bare name before names its place ("Alberta", not "the Ministry").
PLACE_GOVERNMENTS = frozenset(noun.replace("_", " ") for noun in _PLACE_GOVERNMENTS.split())
#: Nouns of `_ORGANISATION` and `_PRODUCT`, and a place's own government: a proper name in
#: the sentence before names them ("Sarvam AI", "Alberta").
NAMED_BY_A_NAME = frozenset(f"{_ORGANISATION} {_PRODUCT}".split()) | PLACE_GOVERNMENTS
#: "The law takes effect in 2027", "The company will get ...", "But the new fund ...": a
#: definite noun for something just introduced. Country words ("the government") are
#: resolved by REFERRING instead, so they are not here.
DEFINITE_BACK = re.compile(
    rf"^{_LINK}the\s+(?:new\s+|latest\s+|proposed\s+|planned\s+|same\s+|first\s+|second\s+)?"
    rf"(?P<noun>{_alternation(_DEFINITE_NOUNS)})\b",
    re.I,
)
#: A definite noun inside the subject phrase, in a clause about it, or in an opening phrase:
#: "Companies that join the programme must ...", "Start-ups selected for the scheme get ...",
#: "Researchers at the centre will ...", "Under the plan, ..." (not "the centre of ...", which
#: says itself which one). Not after a verb ("Officials said that the plan ...", "The site is
#: in the centre ..."): the noun is then past the subject.
INNER_BACK = re.compile(
    r"^[\"“‘']?(?:(?!(?:said|says|say|told|announced|added|noted|stated|argued|warned"
    r"|believes?|expects?|hopes?|thinks?|claims?|reported|is|are|was|were|has|have|had|will"
    r"|would|can|could|may|might|must|should)\b)[A-Za-z][\w'’-]*\s+){0,3}?"
    r"(?:that|who|which|in|on|at|under|for|from|into|joining|entering|using|selected\s+for"
    r"|chosen\s+for|admitted\s+to|accepted\s+into|taking\s+part\s+in|participating\s+in"
    r"|applying\s+(?:to|for)|benefiting\s+from)\s+(?:[a-z][\w-]*\s+){0,2}?the\s+"
    rf"(?:new\s+)?(?P<noun>{_alternation(_DEFINITE_NOUNS)})\b(?!\s+of\b)",
    re.I,
)
#: After the noun, a name that says which one it is: "The company Infosys said ...", "The
#: programme, called AI Kosh, ...", "The firm behind ChatGPT ...": the sentence resolves its
#: own noun.
NAMED_AFTER = re.compile(
    r"(?:\s*,\s*|\s+)(?:(?:called|named|dubbed|known\s+as|behind|led\s+by|run\s+by)\s+)?"
    r"(?:the\s+)?[\"“‘']?[A-Z]"
)
#: Capitalised words that are not names of an organisation or product (in the sentence
#: before "The company ..."): calendar words, titles, sentence openers and tech acronyms
#: ("4,000 GPUs").
_NOT_A_NAME = """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep sept
    oct nov dec ai i mr mrs ms dr prof president minister prime secretary chancellor
    the a an in on at for of and but it this that he she they we
    there these those what when where which who why how however its their his her our your
    one some many most each every all both today yesterday
    gpu gpus cpu cpus llm llms ict r&d ceo cto cfo
"""
NOT_A_NAME = frozenset(_NOT_A_NAME.split())
#: Verbs after a sentence's capitalised first word that make it a name ("Samsung said ...",
#: "Alberta has also pitched itself ...", "Nvidia unveiled ..."): a common noun opening a
#: sentence is mostly plural ("Officials said", "Critics say"), which is checked apart.
_ACTS_AFTER_A_NAME = """
    said says announced plans planned has had is was will would also unveiled launched opened
    reported pitched agreed signed welcomed expects aims wants won built raised
"""
ACTS_AFTER_A_NAME = frozenset(_ACTS_AFTER_A_NAME.split())
#: Two sentences quoted together stay short enough to read as one statement.
MAX_JOINED_WORDS = 70

#: A demonstrative pronoun as a subject inside the sentence: "Industry forecasts suggest
#: this could triple by 2030", "Officials say these will be ready in May".
DEMONSTRATIVE_SUBJECT = re.compile(
    r"\b(?:suggests?|suggested|shows?|showed|says?|said|means?|expects?|expected|predicts?"
    r"|predicted|estimates?|estimated|hopes?|believes?|warns?|warned|argues?|thinks?|and|but"
    r"|so)\s+(?:this|these)\s+(?:could|would|will|is|was|are|were|has|have|had|may|might|can"
    r"|should|must|means|meant|shows|showed|suggests|alone)\b")
#: A member of a set the sentence before counted, the set left unnamed: "Sarvam AI, one of
#: the four, received ...", "two of the three are in Bavaria".
ONE_OF_THE_N = re.compile(
    r"\b(?:one|two|three|four|five|some|none|each|all|both|most|neither)\s+of\s+the\s+"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|dozen|\d+)\s*(?=[,.;:)]|$)", re.I)
#: A pronoun subject after an opening phrase: "With a population of six million, it has
#: roughly doubled ...", "In 2024, they filed ...". Not after a clause that may name it
#: itself ("When the firm opened its lab, it hired ...").
OPENING_THEN_PRONOUN = re.compile(
    r"^(?!(?:when|whenever|after|because|if|as|since|although|though|while|once|before"
    r"|until|unless|where|whereas)\b)[^,;:\"]{3,60},\s+(?:it|they)\s+(?!is\s+(?:expected|likely"
    r"|clear|possible|estimated|thought|understood)\b)", re.I)
#: A demonstrative determiner inside a short sentence: "The government wants to bring that
#: share below 50% by 2030.", "Critics say those rules come too late." Matched with the
#: word before it and the noun after it; `NOT_A_NOUN` and `THAT_AFTER` rule out "this
#: year", "that is", "said that prices rose".
DEMONSTRATIVE_INSIDE = re.compile(
    r"\b(?P<before>[a-z]+)\s+(?P<word>this|that|these|those)\s+(?P<noun>[a-z][a-z-]+)\b")
_NOT_A_NOUN = """
    the a an it its is was are were be been being will would could can may might must should
    has have had do does did not no to of in on at by for with from and or but as than that
    this these those there their they we he she who which what when where why how year years
    week weeks month months quarter decade time times morning day days summer winter spring
    autumn weekend way alone also still already now all many most some much more
"""
NOT_A_NOUN = frozenset(_NOT_A_NOUN.split())
#: "that" points back as a determiner only after a preposition ("of that money") or a verb
#: after "to" ("to bring that share"); elsewhere it may open a clause ("said that prices
#: rose", "mandated that models ...") or describe a noun ("initiatives that align ...").
_THAT_AFTER = """
    of in on at by for with from into to under about over below above beyond through after
    before within without against despite
"""
THAT_AFTER = frozenset(_THAT_AFTER.split())
#: A verb's bare form after "to" ("to bring", "to cut", "to assess"); a plural noun there is
#: a destination ("commit to initiatives that align ...").
TO_VERB_BEFORE = re.compile(r"\bto\s+(?:[a-z]*(?:ss|us)|[a-z]*[a-rt-z])\s+$")

# Quotations. A remark is one statement with whoever made it: the sentences of a quotation
# that runs over several ("In Paris we were observers. In Delhi we were at the table," said
# a minister.), a quoted sentence going on with the remark attributed just before ("The
# next step is to leave with a cheque."), and the paragraph a GOV.UK-style release quotes
# after "Technology Secretary Jane Doe said:". Quotation marks are counted in plain text
# (curly ones read as '"'); single quotes are left alone (they are apostrophes as often).

#: A verb of saying, outside the quotation marks of a sentence, attributes its quotation:
#: "…," said a minister from Ghana. / Dr Tijani said: "…" / "…," she told reporters. /
#: "…", according to the ministry.
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|saying|told|tells|added|adds|explained|explains|noted|notes"
    r"|stated|states|argued|argues|warned|warns|insisted|insists|commented|comments"
    r"|continued|concluded|wrote|writes|declared|remarked|according\s+to)\b",
    re.I,
)
#: A line that introduces the quotation in the paragraph after it: "Technology Secretary
#: Liz Kendall said:", "UKRI Chief Executive Sir Ian Chapman added:", "The minister told
#: reporters:", "She says:", "Dr Tijani said in a statement:". It ends on the colon.
SPEECH_LEAD = re.compile(
    r"\b(?:said|says|added|adds|explained|explains|noted|notes|stated|states|commented"
    r"|comments|continued|concluded|wrote|writes|declared|remarked|told\s+[\w .,'-]{1,40}?)"
    r"(?:\s+(?:in|on|at|during)\s+[\w .,'-]{1,40}?)?\s*:$",
    re.I,
)

# Interviews. A question put to the interviewee is no fact ("You've committed more than
# S$1 billion to AI. What has that bought so far?", "On regulation, the EU has passed a law
# with heavy fines. Will Singapore follow?"): the interviewer's premise is not the source's
# statement. A question paragraph is one set apart as such.

#: A paragraph labelled as the question or the answer: "Q: …", "Q. …", "Question: …",
#: "A: …", "Answer: …", "**Q:** …".
QA_LABEL = re.compile(r"^[*_]{0,2}(?P<label>q|a|question|answer)[*_]{0,2}\s*[:.\-–—]"
                      r"[*_]{0,2}\s", re.I)
#: An interview has at least this many question paragraphs.
MIN_QUESTIONS = 2
#: A sentence that opens on a contrast with the one before it leans on it: "However, among
#: small firms adoption has been slower.", "But the lab has no cluster of its own yet.",
#: "Still, the state's economy outgrew the loss." (issue 22, kind 6).
CONTRAST_OPENER = re.compile(
    r"[\"“‘']?(?:but|however|yet|still|nevertheless|nonetheless|even\s+so)\b,?\s", re.I)


# --- Trial 2 of issue 22: comparators, partners and groups (tests/test_roles_trial2.py) ---

#: A law named by its maker: "the EU AI Act", "the US CHIPS Act", "the EU Data Act" (up to
#: two capitalised words, then the kind of law). The maker is named in passing, a subject
#: only when the story is about it ("will supervise the EU AI Act in Germany").
LAW_NAME_AFTER = re.compile(
    r"(?:\s+[A-Z][\w-]*){0,2}\s+(?:Act|Acts|Directive|Regulation|Law|Code|Strategy)\b")
#: People consulted or met in a place: "consulted regulators in Brussels and Madrid", "met
#: officials in Tokyo" (the place names a counterpart, a subject only when the story is
#: about it; not "regulators in Brussels fined ..." without the verb before).
COUNTERPART_IN = re.compile(
    r"\b(?:consult(?:s|ed|ing)?|met(?:\s+with)?|meets?(?:\s+with)?|meeting(?:\s+with)?"
    r"|spoke\s+(?:to|with)|talks?\s+with|briefed|advised\s+by|lobbied)\s+(?:(?:the|its|their"
    r"|senior|top|local|foreign|[a-z]+'s)\s+)?(?:[a-z-]+\s+)?(?:regulators|officials"
    r"|counterparts|authorities|ministers|experts|lawmakers|diplomats|agencies|ministries"
    r"|negotiators|envoys)\s+in\s+(?:the\s+)?$")
#: The other party to a partnership, by where it is: "partnerships with universities in the
#: United Kingdom and the United States", "deals with firms in Japan" (a party, a subject only
#: when the story is about it, like "partnered with").
PARTNER_IN = re.compile(
    r"\b(?:partnerships?|partnered|partnering|ties|deals?|agreements?|cooperation"
    r"|collaborations?|joint\s+ventures?)\s+with\s+(?:(?:the|its|their|leading|top|local"
    r"|foreign)\s+)?(?:[a-z-]+\s+){0,2}?(?:universities|firms|companies|labs|laboratories"
    r"|institutes|partners|start-?ups|researchers|providers|groups|operators)\s+in\s+"
    r"(?:the\s+)?$")
#: The nouns COUNTERPART_IN and PARTNER_IN end on before "in" (a look-up before the regexes).
COUNTERPART_NOUNS = frozenset({
    "regulators", "officials", "counterparts", "authorities", "ministers", "experts",
    "lawmakers", "diplomats", "agencies", "ministries", "negotiators", "envoys", "universities",
    "firms", "companies", "labs", "laboratories", "institutes", "partners", "startups",
    "start-ups", "researchers", "providers", "groups", "operators"})
#: A time measured from what another country did: "eight years before Qatar created a
#: comparable post", "months after Japan did the same", "a decade ahead of Europe" (a
#: yardstick in time, named in passing).
TIME_YARDSTICK = re.compile(
    r"\b(?:years?|months?|decades?|weeks?|days?)\s+(?:before|after|ahead\s+of|behind"
    r"|earlier\s+than|later\s+than)\s+(?:the\s+)?$")
#: A list that goes on with the figures of a comparison: "behind the United Kingdom with 760
#: and France with 550", "compared with Indonesia's target of 100,000 and Malaysia's 30,000"
#: (between two countries: a few words and a figure, then "and" or a comma): the next member
#: shares the role of the first.
LISTED_WITH_FIGURE = re.compile(
    r"(?:['’]s)?(?:\s+[a-z]+){0,3}\s+[$€£¥]?\d[\d,.]*(?:\s*%|\s+[a-z]+)?"
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")
#: Standards of a comparison by a multiple or a fraction, without a figure of their own:
#: "about four times what Germany has announced", "is a fraction of Brazil's", "about a tenth
#: of what Azerbaijan has committed", "twice the capacity the UAE has announced" (the
#: fraction only after a verb or an approximation, not "a third of Kenya's graduates").
MULTIPLE_STANDARD = re.compile(
    r"\b(?:(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a\s+hundred)"
    r"\s+times|twice|double|triple)\s+(?:what|the|that|those)\b"
    r"|\b(?:is|are|was|were|be|about|roughly|around|only|just|barely|merely|nearly|almost)"
    r"\s+(?:(?:still|only|just|barely|merely|at\s+most)\s+)?(?:(?:a|one)[\s-]+)?"
    r"(?:small\s+|tiny\s+)?(?:fraction|half|third|quarter|fifth|tenth|twentieth|hundredth)"
    r"\s+of\b")
#: A sentence whose subject is a named group of countries: "The six GCC states spent ...",
#: "The Gulf states will remain dependent ...", "ASEAN members agreed", "The G7 said",
#: "BRICS nations", "African Union members", "Nordic countries". It is about the group, not
#: the last countries talked about (no antecedent).
GROUP_SUBJECT = re.compile(
    r"[\"“‘']?(?:the\s+)?(?:(?:six|five|seven|ten|eleven|27|other|several|many|some|most|all"
    r"|smaller|wealthy|oil-rich)\s+)*(?:(?:gcc|gulf(?:\s+cooperation\s+council)?|asean|brics"
    r"|nordic|baltic|african\s+union|g7|g20|opec|arab|eu)\s+(?:states|countries|nations|members|member\s+states|economies"
    r"|governments|monarchies|leaders|ministers)|(?:g7|g20|brics|asean)\b)")
#: Inside a quotation, a country right after one of these (its article aside) is what the
#: speaker talks about, not who acts: Merz said Europe "cannot leave the future to Washington
#: and Beijing", "we will not depend on China", "a race against the United States".
QUOTED_OBJECT_BEFORE = frozenset({"to", "from", "with", "against", "on", "over", "by", "than",
                                  "upon", "behind"})
#: A country whose quantity is said only as a multiple of another's, the noun left unsaid:
#: "Pakistan has about 5,000 AI professionals, while India has roughly 60 times more" (right
#: after the country, up to the clause's end; not "India has 60 times more engineers than
#: Pakistan", whose noun follows). Such a country is the comparison's standard.
ELLIPTICAL_MULTIPLE = re.compile(
    r"\s+(?:has|have|had|spends|spent|holds|employs|trains|trained|produces|produced|builds"
    r"|built|invests|invested)\s+(?:(?:about|roughly|around|nearly|almost|some|over|more\s+than"
    r"|at\s+least)\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty"
    r"|forty|fifty|a\s+hundred)\s+times\s+(?:more|as\s+many|as\s+much)\s*(?:[.;)]|,\s|$)")

# --------------------------------------------------------------------------- the story's sources
# A count of the people or firms a story's figures come from is no figure of the world it
# reports: "according to estimates from two industry analysts", "three officials said",
# "two people familiar with the plan", "a survey of 2,300 companies", "1,000 firms polled".

#: Nouns for those a reporter quotes or a survey asks: a count of one is the story's
#: source only beside a word of reporting (REPORTING_AFTER, REPORTING_BEFORE); "the ministry
#: will hire 200 analysts" and "Korea has 1,200 AI experts" stay figures.
SOURCE_NOUNS = frozenset([
    "analysts", "officials", "experts", "economists", "sources", "people", "persons",
    "insiders", "executives", "respondents", "interviewees", "participants", "diplomats",
    "observers", "researchers", "academics", "bankers", "investors", "lawmakers", "advisers",
    "advisors", "consultants", "watchers", "scholars",
])
#: A reporting verb or phrase right after the counted source: "two analysts said", "three
#: people familiar with the matter", "two officials, who asked not to be named", "five
#: executives interviewed for this story".
REPORTING_AFTER = re.compile(
    r"(?:\s+(?:familiar\s+with|close\s+to|briefed\s+on|with\s+(?:direct\s+)?knowledge\s+of)\b"
    r"|,?\s+who\s+(?:spoke|asked|declined|requested|were\s+not\s+authori[sz]ed)\b"
    r"|\s+(?:(?:have|had|also)\s+)?(?:said|say|says|told|estimated?|estimates|expect|expected"
    r"|believe|believed|warned|predicted|reckon|reckoned)\b"
    r"|\s+(?:(?:who\s+)?(?:were|was)\s+)?(?:interviewed|surveyed|polled|questioned|consulted"
    r"|quoted|cited|contacted)\b)",
    re.I)
#: Words right before the counted source that make it one: "according to two analysts",
#: "estimates from three economists", "told four officials", "interviews with 12 executives"
#: (an approximation may stand between: "according to more than 20 experts").
REPORTING_BEFORE = re.compile(
    rf"\b(?:according\s+to|(?:estimates?|forecasts?|projections?|calculations?|analysis)\s+"
    rf"(?:from|by)|told|quoted|cited|interviewed|consulted|(?:interviews?|conversations?)\s+with"
    rf"|spoke\s+(?:to|with))\s+(?:{_ABOUT}\s+)?$",
    re.I)
#: A survey's sample, whatever it counts: "a survey of 2,300 companies", "a poll of more than
#: 1,000 adults", "surveyed 500 firms" (before the count), "1,200 firms polled", "of the 800
#: companies surveyed" (after it).
SAMPLE_BEFORE = re.compile(
    rf"\b(?:(?:survey|poll|census|questionnaire|sample|study)s?\s+(?:of|covering|among)"
    rf"|surveyed|polled|questioned)\s+(?:{_ABOUT}\s+)?$",
    re.I)
SAMPLE_AFTER = re.compile(
    r"\s+(?:(?:who\s+)?(?:were|was)\s+)?(?:surveyed|polled|questioned|interviewed|responding"
    r"|who\s+(?:responded|took\s+part|answered))\b",
    re.I)


# --------------------------------------------------------------------------- a figure's time frame

#: Words that make a figure a plan or target, not a count of what is there now: "Korea plans
#: 30,000 GPUs", "aims to install", "a target of 50,000", "the goal is", "will spend $7bn",
#: "is expected to reach", "intends to build", "is set to", "pledged $2bn" (a promise, not a
#: sum spent), "would add". Matched on lowercased text; the nearest cue before a figure in its
#: clause decides (see `figures.time_frame`), so "has set a target of 50,000" is a target.
PLANNED_FRAME = re.compile(r"\b(?:" + _alternation("""
    will have
    would have
    to have
    is to
    are to
    is set to
    are set to
    on track to
    will
    would
    shall
    plan
    plans
    planned
    planning
    aim
    aims
    aimed
    aiming
    target
    targets
    targeted
    targeting
    goal
    goals
    ambition
    intends
    intend
    intended
    expects
    expected
    projected
    forecast
    seeks
    seeking
    wants
    hopes
    pledge
    pledges
    pledged
    promised
    promises
    proposed
    envisages
    envisions
    going to
""") + r")\b")
#: Words that make a figure a count of what is, or was, there: "Japan currently has about
#: 20,000 GPUs", "now operates", "has reached", "stood at", "totalled", "installed 5,000
#: last year", "since 2022", "so far", "already", "as of", past tense of the verbs news uses
#: for a stock or a sum ("spent", "bought", "trained", "rose to"). Reporting verbs ("said",
#: "announced") are neither: they date the telling, not the figure.
REPORTED_FRAME = re.compile(r"\b(?:" + _alternation("""
    has
    have
    had
    is
    are
    was
    were
    now
    currently
    presently
    today
    already
    so far
    to date
    as of
    at present
    since
    reached
    stood
    stands
    totalled
    totaled
    totals
    amounted
    amounts
    counted
    numbered
    operates
    operated
    runs
    ran
    holds
    held
    owns
    owned
    hosts
    hosted
    employs
    employed
    spent
    bought
    purchased
    acquired
    installed
    deployed
    built
    trained
    received
    rose
    grew
    fell
    climbed
    jumped
    topped
    exceeded
    hit
    last year
    last month
""") + r")\b")
#: "by 2030", "by the end of 2028", "in 2031": a year after the source's own marks a plan
#: (a year before it, "by 2024", what was reached). Group `year`.
BY_YEAR = re.compile(
    r"\b(?:by|in|until|through)\s+(?:the\s+end\s+of\s+)?(?P<year>(?:19|20)\d\d)\b")
#: Words that may stand between a plan's cue and the verb it governs: "aims to have reached",
#: "will hit", "expected to be" (a past form after them is still the plan).
FRAME_GOVERNED_GAP = re.compile(r"^(?:\s+(?:to|be|have|then|soon|also|further|eventually))*\s*$")
#: Where a figure's clause ends, for its time frame: "Japan has 20,000 GPUs; Korea plans
#: 30,000", "... now, while Korea aims for ...", ", but", ", whereas". A comparator after
#: "against", "compared with" or "than" stays in the clause: "Korea plans 30,000 against
#: Japan's 50,000" sets a plan against a plan.
FRAME_CLAUSE_BREAK = re.compile(r";|:|—|–|\bwhile\b|\bwhereas\b|,\s+but\b|,\s+and\b|\.\s")
