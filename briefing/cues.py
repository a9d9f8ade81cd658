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
#: A name listed right before a country, after a cue: "markets in Africa and India", "exports
#: to Europe, China ...": the country shares the cue of the list's first name.
LISTED_NAME_BEFORE = re.compile(
    r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:\s*,|,?\s+(?:and|or))\s+(?:the\s+)?$")
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


# --------------------------------------------------------------------------- site furniture
# What a site puts around and between the paragraphs of a story: consent banners, link
# lines, newsletter pitches, share buttons, captions and credits, wire sign-offs, author
# notes. None of it is ever a fact or a heading, wherever it sits. Each pattern is the shape
# of a whole line (a paragraph of a pasted page, a block a reader returns), never a word
# inside a sentence: a sentence of the story that says "cookies", "related" or "photo" stays.

#: A longer line is a paragraph of the story: furniture is never looked for in it.
FURNITURE_MAX_CHARS = 320

_NAME = r"[A-Z][\w.'’-]*"
#: The staff a wire sign-off names: "Ana Perez", "Ana Perez in Santiago and Tom Smith",
#: "David Lee, Mia Chen", "the Example Ministry research desk". Case-sensitive: "by a team
#: of 40 scientists" is no sign-off.
_STAFF = (rf"(?-i:(?:the\s+)?{_NAME}(?:(?:\s+|,\s*)(?:{_NAME}|and|&|in|at|from|the|de|van|von"
          r"|der|da|al|bin|el|le|la|del|du|dos|desk|staff|team|bureau|newsroom|research|news"
          r"|data|graphics|reporters|correspondents|editors))*)")
#: What the staff did: "Reporting by", "Additional reporting by", "Writing by", "Editing
#: by", "Compiled by", "Graphics by", "Reporting and writing by", "Edited by:".
_CREDIT = (r"(?:(?:additional|further)\s+)?(?:reporting|writing|editing|compiled|edited|written"
           r"|produced|graphics|research|translated|translation|fact-?checking|video|photos?"
           r"|illustrations?|data|design)(?:\s+(?:and|&)\s+(?:reporting|writing|editing"
           r"|research))?\s+by\s*:?")
_SIGN_OFF = rf"{_CREDIT}\s*{_STAFF}(?:\s*[;,/.]\s*(?:and\s+)?{_CREDIT}\s*{_STAFF})*"

#: Whole lines that are site furniture. Matched case-blind against a stripped line.
FURNITURE = re.compile(
    r"""^(?:
    # breadcrumbs: "Home > World > Asia", "Startseite / Wirtschaft"
        (?:home|startseite|accueil)\s*[>»/›|].*
    # ad slots: "Advertisement", "Skip advertisement", "Sponsored content", "Ad",
    # "Story continues below advertisement", "Scroll to continue with content"
      | (?:skip\s)?advertisement|sponsored(?:\scontent)?|ad
      | (?:story|article|text)\scontinues\s(?:below|after)\b.*
      | scroll\s(?:down\s)?to\scontinue\b.*
    # cookie and consent notices: "We use cookies to improve your experience.", "This
    # website uses cookies ...", "We and our partners use cookies ...", "Accept all
    # cookies", "Reject all", "Manage preferences", "Cookie policy | Terms of use"
      | (?:we|this\s(?:web)?site|our\s(?:web)?site|this\spage)
        (?:\sand\sour\s(?:\w+\s)?partners)?\s(?:use|uses|may\suse|store)\s(?:\w+\s)?cookies\b.*
    # "By continuing to browse you agree to our cookie policy.", "By using this site, you
    # accept our use of cookies."
      | by\s(?:continuing|using|clicking|browsing|visiting|scrolling|staying|accepting
               |proceeding)\b.{0,100}?\byou\s(?:agree|consent|accept|are\s(?:agreeing
               |consenting))\b.*
      | (?:accept|reject|allow|decline|refuse)\s(?:all\s|optional\s)?(?:cookies|tracking)\b.*
      | (?:accept|reject)\sall
      | (?:manage|customi[sz]e)\s(?:my\s)?(?:cookie\s|privacy\s)?(?:preferences|settings
               |consent|choices|options)\b.*
      | (?:cookie|privacy)\s(?:policy|settings|notice|preferences|statement)(?:\s*[|·•].*)?
      | do\snot\ssell\s(?:or\sshare\s)?my\spersonal\sinformation
    # link lines between paragraphs: "Related: Peru weighs its cloud rules", "Also read: ...",
    # "ALSO READ | ...", "Recommended: ...", "Don't miss: ...", "WATCH: ...",
    # "More from Example News: ...", "Read more", "Read next", "See also ...",
    # "Continue reading", "Read the full story", "Purchase Licensing Rights"
      | (?:related(?:\s(?:news|articles?|posts?|stories|story|content|reading|coverage|links?))?
          |also\sread|read\salso|must\sread|more\sto\sread|recommended(?:\sfor\syou|\sreading)?
          |suggested(?:\sreading)?|don['’]t\smiss|editor['’]?s\spicks?|in\sother\snews|watch
        )\s*[:|>»–—-]\s*\S.*
      | more\s(?:from|on)\s[^:|]{1,60}[:|]\s*\S.*
      | read\s(?:more|also|next)\b.*|continue\sreading\b.*|see\salso\b.*
      | read\sthe\s(?:full|whole|complete|original)\s(?:story|article|report|piece|interview)\b.*
      | purchase\slicensing\srights\b.*
    # newsletter sign-ups and sharing: "Sign up for our newsletter", "Subscribe to Example
    # Weekly", "Get our free daily newsletter", "Join our newsletter", "Share this article",
    # "Share this article on WhatsApp, X or LinkedIn.", "Share on Facebook", "Follow us on X",
    # "Follow Example News on Google News",
    # "Click here to read more", "Discover more from Example Media"
      | subscribe\b.*|sign\sup\b.*|follow\sus\b.*|join\sour\b.*newsletter.*
      | get\s(?:our|the)\s(?:[\w-]+\s){0,4}newsletters?\b.*
      | discover\smore\sfrom\b.*
      | (?:share|tweet|email|print)(?:\sthis(?:\s(?:article|story|post|page))?)?:?
      | share\s(?:this|the)\s(?:article|story|post|page)\s(?:on|via|with)\s.*
      | share\son\s.*|click\sto\s(?:share|print|email).*|like\sthis:?
      | follow\s(?:[\w.&'’-]+\s){1,5}on\s(?:twitter|x|facebook|instagram|linkedin|google\snews
               |whatsapp|telegram|threads|youtube|bluesky|tiktok)\b.*
      | (?:click|tap)\shere\b.*
    # wire sign-offs: "Reporting by Ana Perez; Editing by Tom Smith", "(Additional reporting
    # by Ken Lee in Seoul)", "Writing by Mia Chen", "Compiled by ET Bureau", "-- Edited by ..."
      | [(\[]?\s*(?:(?:--?|[–—])\s*)?"""
    + _SIGN_OFF
    + r"""\s*[)\]]?\.?
    # the line under every Reuters story: "Our Standards: The Thomson Reuters Trust
    # Principles."
      | our\sstandards\s*:.*|(?:the\s)?thomson\sreuters\strust\sprinciples\.?
    # syndication disclaimers: "(Only the headline and picture of this report may have been
    # reworked by the ... staff; the rest of the content is auto-generated from a syndicated
    # feed.)", "(Except for the headline, this story has not been edited by ... staff and is
    # published from a syndicated feed.)", "This story has been published from a wire
    # agency feed without modifications to the text."
      | [(\[]?\s*(?:only\sthe\sheadline|except\sfor\sthe\sheadline|this\s(?:story|article
               |report|copy|content)|disclaimer|note)\b.{0,250}\b(?:syndicated|agency|wire
               |news\sservice|automated)\s(?:\w+\s)?feed\b.*
    # photo captions and credits: "Photo: Reuters", "Image credit: Example Ltd", "FILE PHOTO:
    # A worker ...", "Photograph: Jane Roe/Reuters", "Representational image", "File photo"
      | (?:(?:file\s)?photo(?:graph)?s?|image|picture|credit|source|caption|figure|fig\.|video
          |illustration|graphic|(?:photo|image|picture)\s(?:credits?|courtesy|source)
          |photo\sillustration)\s*[:|].*
      | (?:file\sphoto|representational\simage|representative\simage)\.?
    # copyright lines: "Copyright 2026 Example Wire", "© 2024 Example Media. All rights
    # reserved.", "© AFP", "(c) Copyright Thomson Reuters 2026" ("Copyright law ..." stays)
      | ©.*|\(c\)\s.*|copyright\s*(?:©|\(c\)|\d{4}\b).*|copyright\s(?:\S+\s){0,6}\S*\d{4}\.?
      | all\srights\sreserved.*
    # republishing notes: "This article was originally published on The Conversation.",
    # "A version of this story appeared in print on ...", "This story first appeared in ..."
      | this\s(?:article|story|post|piece|column|interview|essay)\s(?:was|is|has\sbeen|first)
        \s(?:originally\s|first\s)?(?:published|appeared|posted|republished)\b.*
      | a\sversion\sof\sthis\s(?:article|story|piece)\b.*
    # author notes: "The author is a senior fellow at ...", "The writer is ...", "The views
    # expressed in this article are the author's own.", "Views are personal."
      | the\s(?:authors?|writers?|columnist)\s(?:is|are|was|were)\s(?:a|an|the|currently
               |formerly|(?-i:[A-Z]))\b.*
      | (?:the\s|any\s)?(?:opinions|views)\s(?:and\sopinions\s)?expressed\s(?:here|herein|above
               |in\sth(?:is|e)\s(?:article|column|piece|blog|post|commentary))\b.*
      | views\sare\s(?:strictly\s)?personal\.?
    # page widgets: "Tags: ...", "Filed under: ...", "Loading...", "Like this:",
    # "Listen to this article", "5 min read", "Comparison Clear all"
      | (?:tags?|topics|categories|filed\sunder|posted\sin)\s*:.*
      | loading\.*|share\sthis:?|comparison\sclear\sall
      | listen\sto\sthis\s(?:article|story)\b.*|\d{1,2}\s(?:-\s)?min(?:ute)?s?\sread
    # a date label whose date sits on another line: "Updated on", "Published:"
      | (?:last\s)?(?:updated|published|posted)(?:\s(?:on|at))?\s*:?
    )\s*$""",
    re.I | re.X,
)
#: Every word a FURNITURE line can open with (lowercased, letters only: "don't" is "don"),
#: so that a line opening with any other word skips the pattern. A line opening with no
#: letter ("(Reporting by ...", "© AFP", "5 min read") is always matched against it.
#: A new pattern's first word belongs here too.
FURNITURE_OPENERS = frozenset("""
    home startseite accueil
    skip advertisement sponsored ad story article text scroll
    we this our by accept reject allow decline refuse manage customise customize cookie
    privacy do
    related also read must more recommended suggested don editor editors in watch see
    continue purchase
    subscribe sign follow join get discover share tweet email print like click tap
    additional further reporting writing editing compiled edited written produced graphics
    research translated translation fact factchecking video photo photos illustration
    illustrations data design
    the thomson only except disclaimer note
    file photograph photographs image picture credit source caption figure fig graphic
    representational representative
    copyright all a any opinions views
    tags tag topics categories filed posted loading comparison listen
    last updated published
""".strip().split())

#: Furniture that a line ends with: a caption whose credit closes it, a newsletter pitch.
#: Searched for only in a line's last FURNITURE_ENDING_CHARS, and only when one of
#: FURNITURE_ENDING_HINTS (lowercased) is there.
FURNITURE_ENDING = re.compile(
    r"""(?:
    # caption credits: "... near Santiago, January 5, 2026. REUTERS/Jane Roe/File Photo",
    # "(AP Photo/Ahn Young-joon)", "EPA-EFE/Kim Lee"
        (?-i:\b(?:REUTERS|AFP|EPA(?:-EFE)?|XINHUA|KYODO|YONHAP|ANI|PTI|IANS|DPA|ANSA|AAP|BERNAMA
                |AP\sPhoto)\s*/\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3})
        (?:\s*/\s*(?:file\sphoto|pool|handout|illustration|via\s[\w\s]{1,30}))?\)?\.?
    # "... at the conclave in Chennai Photo | Express", "... Photo credit: Example Ltd"
      | \b(?-i:Photo|PHOTO|Image|IMAGE|Picture)s?(?:\scredits?)?\s*[|:]\s*[^|:.]{1,40}\.?
    # "... a server hall in Santiago. (Photo by Jane Roe / Getty Images)", "(Image courtesy
    # of Example Ltd)", "(File photo)"
      | [(\[]\s*(?:(?:file|ap|afp|representational|representative)\s)?(?:photo(?:graph)?s?|images?
               |pictures?|illustrations?)\s*(?:by|courtesy|credit|:|/|\s*[)\]])[^()\[\]]{0,80}
        (?:[)\]])?\.?
    # "... in Seoul, South Korea. Jane Roe/Getty Images", "Jane Roe/Bloomberg via Getty Images"
      | (?-i:[A-Z][a-z][\w'’-]*\s[A-Z][\w'’-]+)\s*/\s*(?:getty\simages|shutterstock|alamy|afp
               |reuters|ap|bloomberg|anadolu|nurphoto|sopa\simages|zuma\spress)
        (?:\svia\s[\w\s]{1,30})?\)?\.?
    # newsletter pitches: "The Tariff Watch newsletter is your daily guide ... Sign up here."
    # (its own sentence: "students can sign up for free" is the story's)
      | (?:(?<=[.!?:])\s+|^)(?-i:Sign\sup|SIGN\sUP|Subscribe|SUBSCRIBE)\s(?:here|now|today
               |for\sfree)\s*[.!]?
    )\s*$""",
    re.I | re.X,
)
FURNITURE_ENDING_CHARS = 120
FURNITURE_ENDING_HINTS = ("/", "photo", "image", "picture", "illustration", "sign up",
                          "subscribe")

#: A sign-off glued to the end of a paragraph: "... on Tuesday. (Reporting by Ana Perez;
#: Editing by Tom Smith)". It is cut off the paragraph, which keeps its exact span.
GLUED_SIGN_OFF = re.compile(rf"[(\[]\s*{_SIGN_OFF}\s*[)\]]\.?\s*", re.I)

#: Notes about the writer, furniture only where a story ends (the same words at the top may
#: be the story's subject): "Jane Doe is a reporter covering technology for Example News.",
#: "Ana Perez is Example Wire's correspondent in Santiago.", "Tom Smith covers energy."
FURNITURE_CLOSING = re.compile(
    rf"""^(?-i:{_NAME}(?:\s(?:{_NAME}|de|van|von|der|da|al|bin|el|le|la|del))+)\s
    (?:(?:is|was)\s(?:a|an|the|(?-i:[A-Z][\w.'’-]*))\s(?:[\w'’.,-]+\s){{0,5}}?
       (?:reporter|correspondent|journalist|editor|writer|columnist|contributor|freelancer
         |producer|photographer|photojournalist|bureau\schief|intern|staff\swriter)s?\b
     |covers|reports\s(?:on|for)|writes\s(?:about|on|for)|has\s(?:covered|reported))\b.*$""",
    re.I | re.X,
)

#: Lines after which the rest of a file is links and comments, never article text:
#: "Related", "Related articles", "Leave a Reply", "12 Comments", "You may also like",
#: "More from Example News", "Most read", "Trending now" ("More from the budget will go to
#: 12 labs." is a sentence: it goes on).
FURNITURE_TAIL = re.compile(
    r"""^(?:related(?:\s(?:news|articles?|posts?|stories|content|reading|coverage))?
          (?:\s(?:recommendations?))?
      | leave\sa\s(?:reply|comment)|comments?|\d+\scomments?|post\snavigation
      | you\s(?:may|might)\s(?:also\s)?like|more\s(?:from|on|stories)\b[^:|.!?]{0,40}
      | recommended(?:\sfor\syou)?
      | popular\s(?:posts|stories)|most\sread|trending(?:\snow)?
    )\s*:?$""",
    re.I | re.X,
)
#: "Advertisement" in Chinese, Korean and Japanese ad slots: "芯达茂F广告位", "광고".
AD_SLOT = re.compile(r"广告|광고|広告")
