"""Cue words and patterns the reader relies on to tell a page's furniture from its story:
bylines, date lines, wire prefixes, appeals, notices, "Related" sections, a list's lead-in.

Each rule says what real wording it serves. They are deliberately general: a rule is a
shape of news English (a wire dateline, a "Sign up" box), never the words of one article.
The extractor's own cues are in `briefing.extract.cues`.
"""

from __future__ import annotations

import re

from briefing.dates import DATE_WORDS

# --------------------------------------------------------------------------- article prefixes
# What sits before the first word of the story on a saved or pasted news page. Each is cut off
# the block (statement spans stay exact) and, where it says so, read into the source.

#: A date as a prefix writes it, the year optional ("March 4", "Sept. 3, 2025", "2025-03-02",
#: "Mon, 12 November 2025"): every month name and abbreviation, from `briefing.dates`, which
#: also reads what it finds.
_DATE_WORDS = DATE_WORDS
_DASH = r"(?:--?|[–—])"

#: Wire dateline: "OSLO, March 4 (Reuters) - ", "NAIROBI, Jan. 9 (Xinhua) — ",
#: "TOKYO (Kyodo) -- ", "WASHINGTON — ", "SAN FRANCISCO, Calif. (AP) —", and a press
#: release's "ABUJA, NIGERIA – 19 August 2026 – " (place, dash, date, dash: the date is read
#: and cut off with the place). The place is in capitals (or any case when an agency in
#: brackets follows); the date may lack a year.
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][A-Z.'’\- ]{{1,30}}[A-Z.](?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+)?(?=(?:,\s*{_DATE_WORDS})?\s*\())"
    rf"(?:(?:,?\s*|\s*{_DASH}\s*)(?P<date>{_DATE_WORDS}))?"
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

#: Whole lines of an appeal for readers' money, a membership or a subscription (a box under
#: or inside the story): "Support us from as little as £1 – it only takes a minute.",
#: "Support the Observer – from £1", "Become a member today", "Become a Friend of Example
#: News", "You've read 7 articles in the last year.", "You have read 3 of your 5 free
#: articles this month", "You have reached your free article limit", "... we have a small
#: favour to ask.", "Subscribe to continue reading", "To continue reading, log in or
#: subscribe", "Already a subscriber? Sign in", "This article is available to subscribers
#: only", "Make a contribution", "Donate now", "Independent journalism needs your support."
#: ("Support for the plan from $5bn funds ..." is news). Verbose, case-blind.
_APPEAL_LINES = r"""
        (?:please\s)?support\sus\b.*
      | (?:please\s)?support\s(?!(?:for|of|from|among|in|to|on)\b)(?:the\s)?[\w.'’&\s-]{1,40}?
        \s(?:[–—-]\s)?(?:from|for)\s(?:as\slittle\sas\s|just\s|only\s)?[£$€]\s?\d.*
      | (?:please\s)?(?:become|join\sus\sas)\sa\s(?:[\w'’-]+\s){0,2}(?:member|subscriber|supporter
               |patron|friend)s?\b.*
      | you(?:['’]ve|\shave)\s(?:read|viewed|opened)\s(?:\d+|\w+)\s(?:of\s(?:your\s|the\s)?
        (?:\d+\s|\w+\s)?)?(?:free\s)?(?:articles?|stories|pieces)\b.*
      | you(?:['’]ve|\shave)\s(?:reached|hit|used\sup)\s(?:your|the)\s.{0,60}\blimit\b.*
      | (?:\.{2,}|…)?\s*(?:but\s|and\s|so\s)?we\s(?:have|['’]ve\sgot)\sa\s(?:small\s|quick\s)?
        (?:favou?r|request)\sto\sask\b.*
      | (?:(?:subscribe|log\sin|sign\sin|register)\s(?:now\s|today\s)?)?to\s(?:continue|keep)
        \sreading\b.*
      | already\sa\s(?:subscriber|member|supporter)\b.*
      | this\s(?:article|story|content|piece)\sis\s(?:only\s)?(?:available|reserved|exclusive)
        \s(?:only\s)?(?:to|for)\s(?:\w+\s)?(?:subscribers|members|supporters)\b.*
      | (?:please\s)?(?:make|give)\sa\s(?:(?:one-off|single|monthly|annual|yearly|recurring
               |small|regular)\s)?(?:contribution|donation)\b.*
      | (?:please\s)?(?:donate|contribute)(?:\s(?:now|today|here|once|monthly))?[.!]?
      | (?:independent|quality|free|trusted|fearless|our)\s(?:[\w,-]+\s){0,3}journalism\b.{0,80}?
        \b(?:needs|relies\son|depends\son|is\s(?:funded|made\spossible)\sby)\s(?:your|readers
               |you)\b.*
"""

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

#: Notes a site adds to a story, as whole lines, matched like FURNITURE but apart from it
#: (only lines opening with one of NOTICE_OPENERS, or with no letter, are tried): appeals
#: for readers' money, republishing and syndication notes, the labels over a disclosure.
NOTICE = re.compile(
    r"""^(?:
    # reader-funding, membership and paywall appeals (`_APPEAL_LINES`), and the line that
    # closes one: "Thank you.", "Thank you for reading."
        """ + _APPEAL_LINES + r"""
      | thank\s(?:you|s)(?:\sfor\s(?:reading|your\ssupport|supporting\s.*))?[.!]?
    # republishing and syndication notes: "Republished with permission from Example Post",
    # "This story was syndicated from a wire service.", "This story was syndicated from a
    # wire service. It has not been edited by our staff and is published as received from
    # the agency.", "It has not been edited by our staff ...", "This content is
    # auto-generated from a news agency's copy."
      | republished\s(?:with\spermission|under|from|courtesy|by\sarrangement)\b.*
      | this\s(?:story|article|report|copy|content|piece)\s(?:was|is|has\sbeen)\s(?:\w+\s)?
        (?:syndicated|auto-generated|generated\sautomatically)\b.*
      | (?:it|this\s(?:story|article|report|copy|content))\shas\snot\sbeen\sedited\sby\b.*
    # the labels over an author's disclosure: "Disclosure statement", "Conflicts of interest",
    # "Competing interests"
      | disclosure(?:\sstatement)?s?|(?:conflicts?|declarations?)\sof\sinterests?
      | competing\sinterests
    )\s*$""",
    re.I | re.X,
)
#: Every word a NOTICE line can open with (as FURNITURE_OPENERS).
NOTICE_OPENERS = frozenset("""
    please support become join you we to subscribe log sign register already this make give
    donate contribute independent quality free trusted fearless our thank republished it
    disclosure disclosures conflicts conflict declarations declaration competing
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
#: "Ana Perez is Example Wire's correspondent in Santiago.", "Tom Smith covers energy.";
#: and the funding notes a republished article closes with: "Jane Roe has received research
#: funding from the energy regulator.", "Tom Smith receives funding from the Example
#: Council.", "The Conversation France receives funding from its partner universities."
#: (inside a story, "Example Robotics has received funding from the EU" is news: kept).
FURNITURE_CLOSING = re.compile(
    rf"""^(?-i:{_NAME}(?:\s(?:{_NAME}|de|van|von|der|da|al|bin|el|le|la|del))+)\s
    (?:(?:is|was)\s(?:a|an|the|(?-i:[A-Z][\w.'’-]*))\s(?:[\w'’.,-]+\s){{0,5}}?
       (?:reporter|correspondent|journalist|editor|writer|columnist|contributor|freelancer
         |producer|photographer|photojournalist|bureau\schief|intern|staff\swriter)s?\b
     |covers|reports\s(?:on|for)|writes\s(?:about|on|for)|has\s(?:covered|reported)
     |(?:ha(?:s|ve)\s(?:also\s)?(?:previously\s)?received|receives|received)
      \s(?:[\w-]+\s){{0,3}}?(?:funding|grants?|fees|payments?)\s(?:from|by)
     |(?:ha(?:s|ve)\sbeen|is|are)\s(?:partly\s)?funded\sby)
    \b.*$""",
    re.I | re.X,
)

#: A closing note labelled as being about its writer or publisher, its text after the label
#: in the same paragraph (a report's last page often runs them on): "About the author: The
#: Example Institute is an independent research organisation ...", "About the authors:
#: Jane Roe is a fellow ...", "About the Example Forum: ...". Furniture only where a story
#: ends, as FURNITURE_CLOSING; a labelled note may be longer than other furniture
#: (ABOUT_NOTE_MAX_CHARS).
ABOUT_NOTE_CLOSING = re.compile(
    r"""^about\s(?:the\s|this\s)?
    (?:authors?|writers?|contributors?|researchers?|editors?|publishers?|report|(?-i:[A-Z])
       [\w&.'’()-]*(?:\s[\w&.'’()-]+){0,8}?)
    \s*[:–—]\s+\S.*$""",
    re.I | re.X | re.S,
)
ABOUT_NOTE_MAX_CHARS = 1_000

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

#: An author's disclosure statement, wherever it sits and whoever it names: "Jane Roe does
#: not work for, consult, own shares in or receive funding from any company or organisation
#: that would benefit from this article, and has disclosed no relevant affiliations beyond
#: their academic appointment.", "The authors declare no competing interests.", "The writer
#: declares no conflict of interest." Searched for only in a line that holds one of
#: DISCLOSURE_HINTS (as written inside a sentence).
DISCLOSURE = re.compile(
    r"""\bdo(?:es)?\snot\swork\sfor,\s(?:or\s)?consult\b
      | \bha(?:s|ve)\sdisclosed\sno\s(?:relevant\s)?affiliations?\b
      | \bdeclares?\sno\s(?:competing|conflicts?\sof)\sinterests?\b""",
    re.I | re.X,
)
DISCLOSURE_HINTS = ("not work for", "disclosed no", "declare")

#: Notes a newsroom adds about the story itself, as whole lines, whatever word opens them:
#: they state nothing about the world. Only a line holding one of NOTE_LINE_HINTS
#: (lowercased) is matched. Case-blind.
NOTE_LINE = re.compile(
    r"""^(?:
    # a newsletter's promo between paragraphs: "The Daily Digest newsletter: Every morning,
    # the essential news.", "Morning Brief newsletter | Sign up for ..."
        (?:the\s)?(?:[\w'’&.-]+\s){0,5}newsletters?\s*[:|–—]\s*\S.*
    # a sponsorship or funding disclosure: "Disclosure: SiliconCurry has received sponsorship
    # from ...", "Full disclosure: ...", "The sponsor had no role in this story.", "Funders
    # had no say over the content of this report."
      | (?:full\s)?disclosures?\s*:\s*\S.*
      | (?:the\s)?(?:sponsors?|funders?|advertisers?|partners?)\s(?:had|has|have|played)\sno
        \s(?:role|say|input|involvement|influence|editorial\scontrol)\s(?:in|over|on)\s.*
    # corrections of the article itself: "An earlier version of this story misspelled the name
    # of ...", "Correction: An earlier version ...", "This story has been corrected to show
    # ...", "This article was amended on 3 March to ...", "Clarification: ..."
      | (?:corrections?|clarifications?|editor['’]?s\snote)\s*(?:\(\w+\))?\s*:\s*\S.*
      | an?\s(?:earlier|previous|prior)\sversion\sof\sth(?:is|e)\s(?:story|article|report|piece
               |post|column|interview|headline|graphic)\b.*
      | th(?:is|e)\s(?:story|article|report|piece|post|column|headline)\s(?:has\sbeen|was)
        \s(?:corrected|amended|updated\sto\scorrect|clarified)\b.*
    # an interview's editing note: "The interview has been edited for length and clarity.",
    # "This interview has been condensed and edited.", "Answers have been lightly edited."
      | (?:th(?:is|e)\s)?(?:interviews?|conversations?|transcripts?|q\s?&\s?a|exchanges?
               |answers|responses|remarks)\s(?:has|have|was|were)\sbeen\s(?:lightly\s)?
        (?:edited|condensed)\b.*
      | (?:th(?:is|e)\s)?(?:interviews?|conversations?|transcripts?|q\s?&\s?a)\s(?:was|were)
        \s(?:lightly\s)?(?:edited|condensed)\b.*
    )\s*$""",
    re.I | re.X,
)
NOTE_LINE_HINTS = ("newsletter", "disclosure", "sponsor", "funder", "advertiser", "partner",
                   "correct", "clarif", "editor", "version of th", "amended", "edited",
                   "condensed")

#: A heading that opens a press release's boilerplate section, which runs to the next
#: heading of the story or the end: "Notes to editors", "Note to Editors:", "Editor's
#: notes", "About NITDA", "About the Federal Ministry of ...", "About us", "About the
#: author(s)" (a report's note on its writers), "Media
#: contact(s)", "Press contact", "Media enquiries", "Contact", "For more information"
#: (its lines describe the organisation or say whom to call, never the news). Matched
#: case-blind against a heading-like line less Markdown markers.
BOILERPLATE_SECTION = re.compile(
    r"""^(?:
        notes?\sto\s(?:the\s)?(?:editors?|eds\.?)|editor['’]?s\snotes?|background\sfor\seditors
      | about\s(?:the\s)?(?-i:[A-Z])[\w&.'’()-]*(?:,?\s[\w&.'’()-]+){0,12}|about\sus
      | about\sthe\s(?:authors?|writers?|contributors?)
      | (?:media|press|news)\s(?:contacts?|enquiries|inquiries|office|information)
      | contacts?(?:\s(?:details|information|us))?
      | for\s(?:more|further)\s(?:information|details)(?:\s(?:contact|please\scontact))?
    )\s*[:.]?\s*$""",
    re.I | re.X,
)
#: A line that ends a press release's story: what follows is notes and contacts. "ENDS",
#: "-ENDS-", "- ENDS -", "— ends —", "###", "# # #". In capitals ("ends" in a line is a word).
STORY_END = re.compile(r"^\s*(?:[-–—]\s*)?(?:ENDS?|Ends)(?:\s*[-–—])?\s*$|^\s*#\s?#\s?#\s*$")

#: A sentence only an appeal for readers' money says, anywhere in a paragraph: "You've read 7
#: articles in the last year", "... we have a small favour to ask", "Support us from as
#: little as £1", "Support the Observer – from £1", "subscribe to continue reading",
#: "independent journalism needs your support", "you have reached your free article limit".
#: A paragraph that says one is part of the appeal, and so are the short lines around it
#: that speak to the reader (APPEAL_NEIGHBOUR): "Millions turn to us every day.", "It only
#: takes a minute.", "Thank you." Matched against lowercased text.
APPEAL = re.compile(
    r"""\byou(?:['’]ve|\shave)\s(?:read|viewed|opened)\s(?:\d+|\w+)\s(?:of\s(?:your\s|the\s)?
        (?:\d+\s|\w+\s)?)?(?:free\s)?(?:articles?|stories|pieces)\b
      | \byou(?:['’]ve|\shave)\s(?:reached|hit|used\sup)\s(?:your|the)\s(?:\w+\s){0,4}limit\b
      | \bwe\s(?:have|['’]ve\sgot)\sa\s(?:small\s|quick\s)?(?:favou?r|request)\sto\sask\b
      | \bsupport\s(?:us|the\s[\w.'’&\s-]{1,40}?)\s(?:[–—-]\s)?(?:from|for)\s
        (?:as\slittle\sas\s|just\s|only\s)?[£$€]\s?\d
      | \b(?:subscribe|log\sin|sign\sin|register)\s(?:now\s|today\s)?to\s(?:continue|keep)
        \sreading\b
      | \bjournalism\b.{0,80}?\b(?:needs|relies\son|depends\son)\s(?:your|readers['’]?|you)\b
      | \bmake\sa\s(?:(?:one-off|single|monthly|annual|recurring|small|regular)\s)?
        (?:contribution|donation)\s(?:today|now|from\s[£$€]|of\s(?:as\slittle\sas\s)?[£$€])""",
    re.X,
)
#: A whole line of an appeal (`_APPEAL_LINES`): dropped as furniture, it still marks where
#: an appeal's box is, so its short neighbours go too.
APPEAL_LINE = re.compile(rf"^(?:{_APPEAL_LINES})\s*$", re.I | re.X)
#: Every APPEAL holds one of these (lowercased): a paragraph with none skips the pattern.
APPEAL_HINTS = ("you've", "you’ve", "you have", " to ask", "support us", "support the",
                "continue reading", "keep reading", "journalism", "make a ")
#: A paragraph no longer than this is looked at for APPEAL (an appeal box's paragraph may
#: be long: "... we have a small favour to ask. Millions turn to us ...").
APPEAL_MAX_CHARS = 1_200
#: A line next to an appeal that speaks to the reader, with no quotation in it (a quoted
#: "we" is a source's): part of the same box. Matched against lowercased text.
APPEAL_NEIGHBOUR = re.compile(
    r"\b(?:you|your|yours|we|us|our|thank|thanks|subscri\w*|donat\w*|contribut\w*|membership)\b")
#: An appeal's neighbour is a short line: a paragraph of the story is longer.
APPEAL_NEIGHBOUR_MAX_CHARS = 200

#: Class names and ids of the boxes pages put reader-funding, membership and paywall
#: appeals in ("contributions-epic", "support-banner", "paywall", "membership-prompt",
#: "donate-box", "reader-revenue-ask"): each class token is matched, lowercased. A box is
#: dropped from a page only when its text is an appeal's too (`APPEAL_BOX_WORDS`).
APPEAL_CLASS = re.compile(
    r"(?:^|[-_])(?:epic|contributions?|contribute|paywall|membership|donate|donations?"
    r"|support|supporters?|reader-revenue|regwall|subscription-wall)(?:$|[-_])")
#: What an appeal box's text says: an APPEAL sentence, or words of asking for money or
#: sign-ups addressed to the reader. Matched against lowercased text.
APPEAL_BOX_WORDS = re.compile(
    r"\b(?:subscri(?:be|ber|bers|ption|ptions)|donat(?:e|ion|ions)|contribut(?:e|ion|ions)"
    r"|membership|become\sa\smember|support\s(?:us|our|the))\b")
READER_ADDRESS = re.compile(r"\b(?:you|your)\b")
#: An appeal box is no longer than this (a box holding more is the story itself).
APPEAL_BOX_MAX_CHARS = 3_000

#: Class names and ids of the element a page puts its deck (standfirst) in, under the
#: headline: "standfirst", "dek", "deck", "subhead", "sub-headline", "strapline",
#: "article-summary", "intro", "lead", "gem-c-lead-paragraph" (GOV.UK), "excerpt". Each
#: class token is matched, lowercased.
DECK_CLASS = re.compile(
    r"(?:^|[-_])(?P<name>standfirst|dek|deck|subhead|sub-?head(?:line|ing)?|strap(?:line)?"
    r"|summary|intro|lead(?:-paragraph)?|excerpt|teaser|description)(?:$|[-_])")
#: Of those, the names a page may also give its lede, the story's first paragraph styled
#: bigger ("p.lead" in many themes): such a paragraph is a deck only when the story's plain
#: paragraphs do not follow it at once.
DECK_OR_LEDE = frozenset({"lead", "lead-paragraph", "intro", "summary", "excerpt", "teaser",
                          "description"})

#: A line that only dates the story, whatever the date reader makes of it: "July 22, 2025 ·
#: 6:15 AM UTC", "Published 12 March 2025, 10:30 am GMT+9", "Updated: Tue 22 Jul 2025 06.15
#: BST", "March 4, 2026 | Updated March 5, 2026", "17:50, 15.11.2024", "Posted: Jan. 21,
#: 2026, 6:05 a.m. CT | Updated: Jan. 22, 2026, 9:40 a.m. CT", "Published: 17/06/2026 at
#: 06:30, updated at 11:12". Never a headline or
#: a heading; its first date (the `date` group) dates the story.
_STAMP_LABEL = (r"(?:(?:first\s|last\s)?(?:published|posted|updated|modified|dated|date)"
                r"|as\sof|on)\s*:?\s*")
_CLOCK = r"\d{1,2}(?:[:.]\d{2}){1,2}(?:\s*[ap]\.?\s?m\b\.?)?|\d{1,2}\s*[ap]\.?\s?m\b\.?"
_ZONE = r"\(?(?-i:UTC|GMT|Z|WIB|[A-Z]{1,3}T)(?:\s?[+−-]\s?\d{1,2}(?::?\d{2})?)?\)?"
# An update given as a time alone, after the date: "..., updated at 11:12", "· Updated 14:05".
_UPDATE_TIME = rf"(?:last\s)?(?:updated|modified)\s*:?\s*(?:at\s+)?(?:{_CLOCK})"
DATE_ONLY = re.compile(
    rf"(?:{_STAMP_LABEL})?(?:(?:{_CLOCK})(?:\s*{_ZONE})?(?:\s*[·|•,–—-]\s*|\s+))?"
    rf"(?P<date>{DATE_WORDS})"
    rf"(?:(?:\s*[·|•,–—-]\s*|\s+at\s+|\s+)"
    rf"(?:{_CLOCK}|{_ZONE}|{_STAMP_LABEL}{DATE_WORDS}|{_UPDATE_TIME}))*"
    r"\s*\.?",
    re.I,
)
#: A date line is no longer than this.
DATE_ONLY_MAX_CHARS = 90


# Text shapes (issue 22, kind 6). A sentence that hands over to a list and still says
# something: "The policy is structured around six key pillars:", "The plan has five main
# objectives:", "The ministry outlined three measures:". It has a verb after its first word
# (one of these, common in the policy news that introduces a list) and ends on what it
# counts or names, not on a word that only hands over ("include:", "as follows:", "are:").
LIST_LEAD_VERB = re.compile(
    r"\s(?:is|are|was|were|has|have|had|will|would|can|must|should|includes|included"
    r"|comprises|comprised|consists|contains|covers|rests|focuses|focused|targets|lists"
    r"|names|sets\s+out|set\s+out|outlines|outlined|identifies|identified|announced"
    r"|unveiled|proposes|proposed|approved|adopted|offers|offered|highlights|spans"
    r"|features|introduces|introduced|establishes|established|requires|required)\s",
    re.I)
#: Last words before the colon that hand over without naming what follows, and pronouns: a
#: site's prompt to its reader ("Our experts will discuss this issue with you:") counts nothing.
LIST_LEAD_HANDOVER = frozenset((
    "include", "includes", "including", "included", "are", "is", "was", "were", "as",
    "follows", "following", "such", "like", "namely", "these", "those", "this", "that", "to",
    "of", "for", "with", "by", "on", "in", "at", "from", "be", "been", "below", "here",
    "you", "us", "them", "it", "me", "him", "her"))
