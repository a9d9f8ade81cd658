"""Every cue word and prefix pattern the reader and the extractor rely on, in one place.

Each rule says what real wording it serves. They are deliberately general: a rule is a
shape of news English (a wire dateline, a supplier named after "from", a sentence opening
with "This"), never the words of one article.
"""

from __future__ import annotations

import re

from briefing.dates import DATE_WORDS


def _alternation(words: str) -> str:
    """`a b|c d` written one per line -> a regex alternation; spaces match any whitespace."""
    items = [w.strip() for w in words.strip().split("\n") if w.strip()]
    items.sort(key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


# --------------------------------------------------------------------------- article prefixes
# What sits before the first word of the story on a saved or pasted news page. Each is cut off
# the block (statement spans stay exact) and, where it says so, read into the source.

#: A date as a prefix writes it, the year optional ("March 4", "Sept. 3, 2025", "2025-03-02",
#: "Mon, 12 November 2025"): every month name and abbreviation, from `briefing.dates`, which
#: also reads what it finds.
_DATE_WORDS = DATE_WORDS
_DASH = r"(?:--?|[–—])"

#: Wire dateline: "OSLO, March 4 (Reuters) - ", "NAIROBI, Jan. 9 (Xinhua) — ",
#: "TOKYO (Kyodo) -- ", "WASHINGTON — ", "SAN FRANCISCO, Calif. (AP) —". The place is in
#: capitals (or any case when an agency in brackets follows); the date may lack a year.
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’\- ]{{1,30}}[A-Z.](?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+)?(?=(?:,\s*{_DATE_WORDS})?\s*\())"
    rf"(?:,?\s*(?P<date>{_DATE_WORDS}))?"
    rf"(?:\s*\((?P<agency>[A-Z][\w&.' ]{{1,30}})\))?"
    rf"\s*(?:{_DASH}|:)\s+(?=\S)",
)
#: A site's name glued to the story by copy-paste: "example-news.com Reported - The ...",
#: "technews.co.uk | ", "Reuters.com — ".
SITE_PREFIX = re.compile(
    r"^(?P<site>(?:[A-Za-z0-9-]+\.)+(?:com|net|org|news|co|uk|in|io|ai|info|biz|tv|kr|jp|de|fr"
    r"|au|ca|eu|sg|ae|sa|ng|ke|za|br|mx|es|it|nl|pl|se|ch|ie|tw|cn|my|id|vn|ph|th|pk|us))"
    r"(?:\s+(?:reported|reports|news|staff|desk|bureau))?\s*(?:[-–—|:]|--)\s+(?=\S)",
    re.I,
)
#: A labelled date glued to the text: "date 2025-03-02 In a major step, ...",
#: "Published: 12 May 2025 The ministry ...", "Updated on March 3, 2025 - ...".
LABEL_DATE = re.compile(
    rf"^(?:date|dated|published|posted|updated|last\s+updated)(?:\s+on)?\s*:?\s*"
    rf"(?P<date>{_DATE_WORDS})(?:\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?)?"
    rf"\s*(?:{_DASH}|[|·•,])?\s*(?=\S)",
    re.I,
)
#: A byline line: "By Jane Doe | Updated March 3, 2025", "By Jane Doe and John Roe, Reuters".
BYLINE = re.compile(
    r"^[Bb]y\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|van|von|da|al))*"
    r"\s*(?:[|,·•–—-]\s*.*)?$",
)


# --------------------------------------------------------------------------- who a fact is about

#: Words that point back to a country already talked about: "the government has approved",
#: "the Kingdom's fund", "the island's chipmakers", "the bloc's AI Act", "talent here",
#: "domestic chips", "the Asian nation". They take the nearest fitting antecedent.
#: Matched against lowercased text (a case-blind pattern scans several times slower).
REFERRING = re.compile(
    r"\b(?:the\s+(?:(?:[a-z]+\s+)?(?:country|nation|state|kingdom|republic|emirate"
    r"|island|city-state|bloc|union|federation|commonwealth)"
    r"|government|administration|ministry|cabinet|president|prime\s+minister|chancellor"
    r"|parliament|congress|capital|economy|regulator|authorities|commission)"
    r"|its|their|here|domestic|domestically|homegrown|home-grown|nationwide|national"
    r"|local|locally)\b"
)
#: Talk of countries in general: "120 countries will face limits", "other nations".
#: Matched against lowercased text.
GENERIC = re.compile(r"\b(?:countries|nations|economies|governments)\b")

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
""".strip().splitlines())
#: The words a cue can end with: a country after none of them needs no closer look.
MENTION_CUE_WORDS = frozenset(cue.split()[-1] for cue in MENTION_BEFORE)
#: An adjective form after these words and before nothing noun-like is a language: "trained
#: in Spanish and Portuguese", "chatbots that answer in Korean".
LANGUAGE_BEFORE = re.compile(r"\b(?:in|into|speak|speaks|speaking|spoken|written|translated"
                             r"|read|reads)\s+$", re.I)
LANGUAGE_AFTER = re.compile(r"\s*(?:$|[,.;:)!?]|and\b|or\b|as\b|with\b|too\b)", re.I)
#: Countries listed after one named in passing share its role: "behind the United States and
#: China", "from US and Canadian funds", "like Iran, China, and Russia".
LISTED_WITH = re.compile(
    r"(?:['’]s)?\s*(?:,|,?\s+(?:and|or|as\s+well\s+as|nor))\s+(?:the\s+)?(?:[a-z][\w-]*\s+)?",
    re.I)
#: "Japan's SoftBank", "Korea's Samsung": a possessive before a capitalised name gives a
#: company's home country.
POSSESSIVE_NAME = re.compile(r"['’]s\s+(?:[A-Z][\w&.-]*)")
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
    "campus campuses datasets data language languages speakers market markets"
)
#: Every word ENTITY_AFTER can end on, to skip the pattern when none follows a country.
ENTITY_WORDS = frozenset(f"{_PERSONS} {_THINGS} prime".split())
ENTITY_AFTER = re.compile(
    r"\.?(?:[\s-]+(?:made|based|built|owned|backed|listed|headquartered))?\s+"
    r"(?:(?:[a-z][\w-]*|AI|A\.I\.)\s+){0,3}"
    rf"(?:(?P<person>prime\s+minister|{_alternation(_PERSONS.replace(' ', chr(10)))})\b"
    rf"|(?P<noun>{_alternation(_THINGS.replace(' ', chr(10)))})\b)",
    re.I,
)

#: Where a sentence turns from one country's figure to another's: "Brazil has 12%, while
#: Mexico has 8%", "the US leads with 34%, followed by China with 20%", "38,000 patents,
#: compared with 6,300 in the US", "Kenya is ahead of Nigeria, which has 40 start-ups".
CLAUSE_BREAK = re.compile(
    r"\s*(?:;\s+|,\s+(?=(?:while|whereas|compared|versus|vs\.?|followed|ahead|behind|which|of\s+which|currently\s+valued|valued|worth"
    r"|who|but|and|against|than|trailed|trailing|with)\b)|\s(?=(?:while|whereas|followed\s+by"
    r"|compared\s+(?:with|to)|versus|vs\.?)\s))",
    re.I,
)
#: A figure followed by its country: "the 44% of the United States", "38,000 patents in
#: China", "$2bn for Kenya" (what comes between is only these words). Not "from": money from
#: a country is that country's investment in the story's one.
FIGURE_OF = re.compile(r"\s*(?:of|in|by|for)\s+(?:the\s+)?")
#: A country right before its figure: "followed by China with 15%", "second only to the
#: United States with 44%", "China (10.1 percent)", "the US at 34%".
NAME_THEN_FIGURE = re.compile(
    r"(?:['’]s)?\s*,?\s*(?:with|at|on|of|has|had|holds|held|\()\s*(?:about|around|nearly|over"
    r"|some|roughly|almost|just|only|more\s+than|less\s+than)?\s*",
    re.I,
)
#: A figure for the whole world, no country's: "30,000 AI companies in the world",
#: "1.8 million developers worldwide".
GLOBAL_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:in\s+the\s+world|worldwide|globally|around\s+the\s+world"
    r"|across\s+the\s+globe)\b",
    re.I,
)
#: A "which" clause right after a country, up to the next clause break or the sentence end.
RELATIVE_AFTER = re.compile(
    r"(?:['’]s)?,\s+(?:which|who)\b[^;]*?(?=,\s+(?:while|whereas|but)\b|;|$)", re.I)
#: A clause that describes the noun just before it ("..., which has 40 start-ups", "the U.S.
#: market, currently valued at over $200 billion").
RELATIVE = re.compile(r"(?:which|who|currently\s+valued|valued|worth)\b", re.I)

#: A ranking or a share: "Germany followed in second place", "filled out the top five",
#: "ranks third", "a share of 17.1 percent". It ranks whatever its section is about, so it
#: takes the section's main theme as well as its own. Matched against lowercased text.
RANKING = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+place"
    r"|top\s+(?:three|five|ten|\d+)|followed\s+by|ahead\s+of|behind|share\s+of|leads?\s+in"
    r"|trail(?:s|ed|ing)?)\b"
)

# --------------------------------------------------------------------------- self-contained quotes

#: A sentence that opens like this leans on the one before: "This data shows ...",
#: "That alone saves ...", "These funds ...", "It will ...", "They plan ...", "Such rules ...".
LEANS_BACK = re.compile(
    r"^[\"“‘']?(?:this|that|these|those|such|it|they|he|she|both|the\s+latter|the\s+former"
    r"|the\s+same)\b(?!\s+(?:year|week|month|is\s+why))",
    re.I,
)
#: "The law takes effect in 2027", "The move ...", "The strategy was updated ...": a
#: definite noun for something just introduced. Country words ("the government") are
#: resolved by REFERRING instead, so they are not here.
DEFINITE_BACK = re.compile(
    r"^[\"“‘']?the\s+(?:new\s+|latest\s+|proposed\s+|planned\s+|same\s+)?(?P<noun>"
    r"move|moves|decision|plan|plans|initiative|announcement|deal|agreement|step|measure"
    r"|measures|effort|efforts|project|programme|program|scheme|law|bill|act|policy|strategy"
    r"|package|proposal|framework|push|effort|pledge|commitment|target|goal|fund|facility"
    r"|centre|center|report|study|survey|figure|figures|data|investment|funding|budget"
    r"|partnership|project|model|system|platform|rule|rules|regulation|regulations|order"
    r"|programmes|programs|roadmap|blueprint|mission|company|firm|startup|start-up)\b",
    re.I,
)
#: Two sentences quoted together stay short enough to read as one statement.
MAX_JOINED_WORDS = 70
