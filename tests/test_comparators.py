"""A country a sentence only compares with, buys from, copies, partners with or ranks below
is a mention, not what the sentence is about; the story's own country is not lost when the
only country a sentence names is such a mention; and a sentence naming its own subject is not
also credited to the story's focus.

Every article here is written for these tests; each cue family has a positive case and a
negative one (the same words where the country really is the subject).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from articles import statements

from briefing.extract.facts import Statement


def find(found: list[Statement], start: str) -> Statement:
    hits = [s for s in found if s.text.startswith(start)]
    assert hits, f"no statement starts with {start!r}: {[s.text for s in found]}"
    return hits[0]


def about(tmp_path: Path, headline: str, lede: str, sentence: str) -> Statement:
    """The statement quoting `sentence` in a story whose headline and lede name its country
    (a sentence opening on "the bill" is quoted with the lede that names the bill)."""
    found = statements(tmp_path, f"{headline}\n\n{lede}\n\n{sentence}\n")
    hits = [s for s in found if sentence in s.text]
    assert len(hits) == 1, [s.text for s in found]
    return hits[0]


PERU = ("Peru drafts its first AI law", "Peru's Congress began debating a bill on artificial "
        "intelligence this week, lawmakers said.")
KAZAKHSTAN = ("Kazakhstan waits for its supercomputer", "Kazakhstan is building a national "
              "supercomputer near Astana, the digital ministry said on Monday.")
KENYA = ("Kenya joins an AI research network", "Kenya has joined a research network on "
         "artificial intelligence, the ministry said on Tuesday.")
CHINA = ("China releases open AI models", "China has released three open-weight AI models "
         "this month, state media reported.")
CZECHIA = ("Czechia bids for an AI factory", "Czechia will apply to host one of the new AI "
           "factories, its industry minister said.")


@pytest.mark.parametrize(
    ("story", "sentence", "mentions"),
    [
        # A precedent the law copies: the story's country stays the subject.
        (PERU, "Modelled on the European Union's AI Act, the draft law sorts AI systems by "
               "risk.", ("EU",)),
        (PERU, "Inspired by the EU AI Act, the draft law sets fines of up to 5% of turnover.",
         ("EU",)),
        (PERU, "In line with the European Union's rules, the bill bans social scoring by "
               "public bodies.", ("EU",)),
        (PERU, "The draft is similar to Brazil's framework and creates a single AI "
               "regulator.", ("BR",)),
        (PERU, "Following Chile, the bill also sets up a public registry of AI systems.",
         ("CL",)),
        # Suppliers and licensors.
        (KAZAKHSTAN, "The operator is still waiting for the export licence for American-made "
                     "chips from the U.S. government.", ("US",)),
        (KAZAKHSTAN, "The first 500 servers were supplied by the United States under a "
                     "special licence.", ("US",)),
        (KAZAKHSTAN, "The remaining processors were bought from Taiwan and imported from "
                     "Korea last year.", ("KR", "TW")),
        (KAZAKHSTAN, "Cooling systems provided by Germany arrive in the spring, the operator "
                     "said.", ("DE",)),
        # Partners after anything but a country opening the clause.
        (KENYA, "The country partnered with nine others, including Germany, France and "
                "Switzerland, to fund the research.", ("CH", "DE", "FR")),
        (KENYA, "The ministry signed the charter alongside France at a ceremony in "
                "Nairobi.", ("FR",)),
        (KENYA, "The programme was joined by Japan in its second year, officials said.",
         ("JP",)),
        # Rivals and targets.
        (CHINA, "The launch is putting pressure on the United States, whose labs still lead "
                "in model quality.", ("US",)),
        (CHINA, "The models are meant as a rival to the United States' leading chatbots.",
         ("US",)),
        (CHINA, "State planners want the new chips to counter the United States in the "
                "data-centre market.", ("US",)),
        (CHINA, "The labs hope to keep pace with the United States in chip design by 2030.",
         ("US",)),
    ],
)
def test_a_comparator_supplier_partner_or_rival_is_a_mention(tmp_path, story, sentence,
                                                             mentions):
    st = about(tmp_path, *story, sentence)
    (own,) = {"Peru": ("PE",), "Kazakhstan": ("KZ",), "Kenya": ("KE",),
              "China": ("CN",)}[story[0].split()[0]],
    assert (st.countries, st.mentions) == (own, mentions), st.text


def test_the_competition_widening_from_a_country_is_about_the_next_one(tmp_path):
    st = about(tmp_path, *CZECHIA, "But the competition is not limited to Germany: Czechia "
                                   "is also applying for the funds.")
    assert (st.countries, st.mentions) == (("CZ",), ("DE",))
    # Without "not limited to", the country limited to is the subject.
    st = about(tmp_path, *CZECHIA, "Germany has limited its own bid to two sites near "
                                   "Munich and Berlin.")
    assert st.countries == ("DE",)


def test_a_rank_below_others_leaves_them_mentions(tmp_path):
    st = about(tmp_path, *KENYA, "Kenya ranks third in Africa after Nigeria and South Africa "
                                 "in the number of AI start-ups.")
    assert (st.countries, st.mentions) == (("KE",), ("NG", "ZA"))
    st = about(tmp_path, *KENYA, "Kenya is second only to Nigeria in venture funding for AI "
                                 "start-ups.")
    assert (st.countries, st.mentions) == (("KE",), ("NG",))
    # "after" that is no ranking: what comes after is about the country named there.
    st = about(tmp_path, *KENYA, "The network grew quickly after Nigeria opened two research "
                                 "centres in Lagos.")
    assert "NG" in st.countries


@pytest.mark.parametrize(
    ("sentence", "subjects", "mentions"),
    [
        # A country opening the clause and the partner it acts with: both are subjects.
        ("Germany partnered with France to build a supercomputer for research.",
         ("DE", "FR"), ()),
        ("Japan has teamed up with the United Kingdom to test frontier AI models.",
         ("GB", "JP"), ()),
        # Coordinated subjects stay subjects.
        ("France and Germany signed the declaration on AI safety on Monday.",
         ("DE", "FR"), ()),
        # Examples of what the sentence is about are subjects.
        ("Ten countries, including Germany and France, signed the declaration on Monday.",
         ("DE", "FR"), ()),
        # "following" one word away is no cue: the country opens its own clause.
        ("In the following months Germany will open three AI testing centres.", ("DE",), ()),
        ("Officials named the following countries: Germany, France and Spain.",
         ("DE", "ES", "FR"), ()),
    ],
)
def test_real_subjects_stay_subjects(tmp_path, sentence, subjects, mentions):
    (st,) = statements(tmp_path, sentence + "\n")
    assert (st.countries, st.mentions) == (subjects, mentions), st.text


def test_the_only_country_named_as_a_supplier_leaves_the_sentence_to_the_story(tmp_path):
    found = statements(tmp_path, (
        "Kazakhstan waits for its supercomputer\n\n"
        "Kazakhstan is building a national supercomputer near Astana, the digital ministry "
        "said on Monday.\n\n"
        "Germany's GPU cluster opened last year with 4,000 chips.\n\n"
        "The operator bought 2,000 GPUs from the United States, officials said.\n"))
    assert find(found, "Germany's GPU").countries == ("DE",)
    bought = find(found, "The operator bought")
    # Its paragraph opens on it: the story's country, not the country of the paragraph
    # before, and not the supplier.
    assert (bought.countries, bought.mentions) == (("KZ",), ("US",))


def test_a_sentence_naming_its_own_subject_gets_no_focus(tmp_path):
    found = statements(tmp_path, (
        "Finland bids for an AI factory\n\n"
        "Finland will spend 50 million euros on a supercomputer in Kajaani, the ministry "
        "said.\n\n"
        "The Czech Republic has set aside 20 million euros for its own AI factory bid.\n\n"
        "The United Kingdom announced a similar plan in March with 100 million pounds.\n\n"
        "The European Union will pick the winners in the autumn.\n\n"
        "The government expects the Kajaani site to create 300 jobs.\n"))
    assert find(found, "The Czech Republic").countries == ("CZ",)
    assert find(found, "The United Kingdom").countries == ("GB",)
    assert find(found, "The European Union").countries == ("EU",)
    # "The government" still points back at the story's country.
    assert find(found, "The government expects").countries == ("FI",)


def test_a_section_about_another_country_does_not_take_the_reports_focus(tmp_path):
    found = statements(tmp_path, (
        "# Finland and its neighbours build AI factories\n\n"
        "Finland will spend 50 million euros on a supercomputer in Kajaani, the ministry "
        "said.\n\n"
        "## Czechia\n\n"
        "Czechia is applying with a site near Ostrava and 20 million euros.\n\n"
        "The government expects 300 jobs from the new site by 2027.\n\n"
        "## Outlook\n\n"
        "The government will hear the result of its bid in the spring.\n"))
    assert find(found, "The government expects").countries == ("CZ",)
    assert find(found, "The government will hear").countries == ("FI",)


def test_a_region_of_europe_is_not_the_union(tmp_path):
    (st,) = statements(tmp_path, "Norway will build two data centres to serve customers "
                                 "across Central Europe and Western Europe.\n")
    assert (st.countries, st.mentions) == (("NO",), ())
    (st,) = statements(tmp_path, "Europe will spend 20 billion euros on AI gigafactories "
                                 "by 2030.\n")
    assert st.countries == ("EU",)


def test_a_companys_home_is_a_mention_unless_the_story_is_about_it(tmp_path):
    italy = statements(tmp_path, (
        "Italy fines a chatbot maker\n\n"
        "Italy's data protection authority fined a chatbot maker 15 million euros on "
        "Friday.\n\n"
        "The regulator said the firm failed to verify the age of its users.\n\n"
        "The company opened its European headquarters in Ireland in March, so later cases "
        "go to another regulator.\n\n"
        "Its Italian users must be told how to object to the training of its models.\n"))
    (story,) = italy  # each sentence leans on the one before: one quote
    assert story.countries == ("IT",) and "IE" in story.mentions
    # In a story about the country, the home is the subject.
    (ireland,) = statements(tmp_path, "Ireland gained 300 jobs as a chatbot maker opened its "
                                      "European headquarters in Ireland.\n")
    assert ireland.countries == ("IE",)


def test_what_a_clause_says_of_a_countrys_thing_named_in_passing_is_in_passing(tmp_path):
    st = about(tmp_path, "EU unveils an AI fund", "The European Commission announced a "
               "20 billion euro fund for AI gigafactories on Tuesday.",
               "The fund comes in response to US President Jane Doe's declaration that "
               "three firms will invest $500 billion in the United States.")
    assert "US" not in st.countries and "US" in st.mentions


def test_a_country_visited_or_restricting_others_is_named_in_passing(tmp_path):
    st = about(tmp_path, *KENYA, "The agreement will be signed during President Jane Doe's "
                                 "state visit to the United States next week.")
    assert (st.countries, st.mentions) == (("KE",), ("US",))
    st = about(tmp_path, *CHINA, "Chinese labs built the models despite the US's export "
                                 "controls on high-end chips.")
    assert (st.countries, st.mentions) == (("CN",), ("US",))
    # Opening its clause, the country imposing the measure is what the sentence is about.
    (st,) = statements(tmp_path, "The US's export controls on high-end chips took effect in "
                                 "May, officials said.\n")
    assert st.countries == ("US",)


@pytest.mark.parametrize(
    ("story", "sentence", "mentions"),
    [
        # An equality comparison names its yardstick in passing.
        (CHINA, "Chinese inventors filed six times as many AI patents as the United States "
                "over the decade.", ("US",)),
        # A destination kept from, an allusion, a criticised country.
        (KAZAKHSTAN, "The licence rules aim to stop the chips from making their way to China "
                     "through resellers.", ("CN",)),
        (CHINA, "Officials warned against blocs of rich democracies, a clear reference to the "
                "United States.", ("US",)),
        (PERU, "Lawmakers also criticised the European Union's rules as too costly for small "
               "firms.", ("EU",)),
        # An organisation named after its home, and a company's home in a list.
        (KENYA, "One of the new fellows previously worked at Singapore Management "
                "University.", ("SG",)),
        (KENYA, "The backers are two local banks, a pension fund and Japan's SoftBank, "
                "officials said.", ("JP",)),
    ],
)
def test_yardsticks_allusions_and_homes_are_mentions(tmp_path, story, sentence, mentions):
    st = about(tmp_path, *story, sentence)
    (own,) = {"Peru": ("PE",), "Kazakhstan": ("KZ",), "Kenya": ("KE",),
              "China": ("CN",)}[story[0].split()[0]],
    assert (st.countries, st.mentions) == (own, mentions), st.text


@pytest.mark.parametrize(
    ("sentence", "subjects"),
    [
        # The same shapes where the country is what the sentence is about.
        ("Japan's SoftBank will invest $3 billion in new data centres.", ("JP",)),
        ("Singapore has twice as many AI researchers per head as it had in 2019.", ("SG",)),
        ("Singapore's universities trained 5,000 AI engineers last year.", ("SG",)),
    ],
)
def test_the_same_shapes_opening_on_the_country_keep_it(tmp_path, sentence, subjects):
    (st,) = statements(tmp_path, sentence + "\n")
    assert st.countries == subjects, st.text


def test_an_organisation_named_after_the_storys_country_stays_with_it(tmp_path):
    found = statements(tmp_path, (
        "Singapore trains AI engineers\n\n"
        "Singapore will train 15,000 AI engineers by 2030, the government said.\n\n"
        "Most of the courses will be taught at Singapore Management University from "
        "next year.\n"))
    st = find(found, "Most of the courses")
    assert st.countries == ("SG",)


def test_the_storys_country_partnering_with_other_countries_keeps_the_sentence(tmp_path):
    st = about(tmp_path, *KENYA, "The country partnered with nine other countries, including "
                                 "Germany and France, to fund the research.")
    assert (st.countries, st.mentions) == (("KE",), ("DE", "FR"))
    # Talk of countries in general that names none of its own is about none.
    found = statements(tmp_path, f"{KENYA[0]}\n\n{KENYA[1]}\n\nMany countries are now "
                                 "drafting rules on funding for AI research.\n")
    assert find(found, "Many countries").countries == ()


def test_a_section_on_one_country_does_not_take_the_other_countries_of_the_report(tmp_path):
    found = statements(tmp_path, (
        "# Kenya and Nigeria: an AI report\n\n"
        "Kenya will spend $50 million on AI research, the ministry said.\n\n"
        "Nigeria will spend $80 million on AI research, its ministry said.\n\n"
        "## Nigeria\n\n"
        "The government approved new funding for Kenyan start-ups in Abuja this year.\n"))
    funding = find(found, "The government approved")
    # Kenya is the report's focus, not this section's: its start-ups are named in passing.
    assert (funding.countries, funding.mentions) == (("NG",), ("KE",))
