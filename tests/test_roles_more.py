"""Who a sentence is about (issue 22, round 3): initials in brackets after a country's name,
a company's or institution's home, a place named as what another is like, a link's
destination, a relation in apposition after a cue, examples of countries whose thing the
sentence is about, a place someone travels to in a story about two countries, "the
countries'" and "the two countries" pointing back, and a site's section label above the
headline.

Every article here is written for these tests; each rule has a negative case (the same kind
of words where the country really is what the sentence is about).
"""

from __future__ import annotations

from articles import find, roles, statements, story

CHILE = ("Chile drafts a law on artificial intelligence",
         "Chile's Senate began debating a bill on artificial intelligence on Monday.")
EGYPT = ("Egypt courts foreign AI investors",
         "Egypt has set up a council to attract investment in artificial intelligence.")
SINGAPORE = ("Singapore investors look abroad",
             "Singapore has pledged more money for artificial intelligence this year.")
KENYA = ("Kenya trains teachers in AI",
         "Kenya will train 5,000 teachers in artificial intelligence, the ministry said.")
INDIA = ("India opens an AI data hub",
         "India opened a large data hub on its east coast on Friday, officials said.")


def test_initials_in_brackets_repeat_the_role_of_the_name_before_them(tmp_path):
    st = story(tmp_path, *CHILE, "Modelled on the European Union's (EU) rulebook, the "
                                 "draft sorts AI systems into four bands of risk.")
    assert (st.countries, st.mentions) == (("CL",), ("EU",))
    # Opening the sentence, the name and its initials are both its subject.
    assert roles("The United Arab Emirates (UAE) will fund two more data centres.") == [
        ("AE", "subject"), ("AE", "subject")]


def test_a_company_based_in_a_country_names_its_home(tmp_path):
    sentence = ("Singapore-based investors signed deals worth $2 billion with Egypt last "
                "month, the ministry said.")
    st = story(tmp_path, *EGYPT, sentence)
    assert (st.countries, st.mentions) == (("EG",), ("SG",))
    # In a story about Singapore, its investors are what the sentence is about.
    st = story(tmp_path, *SINGAPORE, sentence)
    assert "SG" in st.countries


def test_an_institution_in_a_place_names_its_home(tmp_path):
    st = story(tmp_path, *KENYA, "The courses are run with partners, including the Gulf "
                                 "University of Science and Technology in Doha.")
    assert (st.countries, st.mentions) == (("KE",), ("QA",))
    # Researchers in a place are that place's.
    assert roles("Researchers in Doha will lead the new course.") == [("QA", "subject")]


def test_a_place_named_as_what_another_is_like_is_a_mention():
    assert roles("The governor called the province the Texas of Canada because of its "
                 "oil.") == [("US", "mention"), ("CA", "subject")]
    # A country's own long name is no likeness.
    assert roles("The United Kingdom of Great Britain and Northern Ireland signed it.")[0] == (
        "GB", "subject")


def test_a_company_named_after_its_home_is_a_maker():
    assert roles("Taiwan Semiconductor will expand its plant, the company said.") == [
        ("TW", "mention")]
    assert roles("Taiwan semiconductor exports rose by a fifth last year.") == [
        ("TW", "subject")]


def test_where_a_link_leads_is_named_in_passing(tmp_path):
    st = story(tmp_path, *INDIA, "The hub will be connected by subsea cables to Oman and "
                                 "Kenya, the company said.")
    assert (st.countries, st.mentions) == (("IN",), ("KE", "OM"))
    # A country opening the clause is what it is about, whatever it connects.
    assert roles("Kenya connected 300 schools to the internet last year.") == [
        ("KE", "subject")]


def test_a_relation_in_apposition_after_a_cue_is_read_past(tmp_path):
    st = story(tmp_path, *EGYPT, "Egypt spends far less on AI compared to its Gulf "
                                 "neighbours the UAE and Qatar, the report found.")
    assert (st.countries, st.mentions) == (("EG",), ("AE", "QA"))
    # Without a cue before it, the neighbour in apposition acts; a phrase of its own after
    # the possessive is no apposition.
    assert roles("Egypt and its neighbour Libya signed a power deal.") == [
        ("EG", "subject"), ("LY", "subject")]
    assert roles("The firm runs its cloud from its base in Cairo, the report said.") == [
        ("EG", "subject")]


def test_examples_of_countries_whose_thing_the_sentence_is_about_are_subjects():
    assert roles("The report praises the progress of countries such as Peru and Ecuador, "
                 "which doubled their AI courses.") == [("PE", "subject"), ("EC", "subject")]
    # After a cue, a verb or another preposition, the examples stay in passing.
    assert roles("The index ranks Chile ahead of countries such as Peru.") == [
        ("CL", "subject"), ("PE", "mention")]
    assert roles("Chile sells copper to countries such as Peru and Bolivia.") == [
        ("CL", "subject"), ("PE", "mention"), ("BO", "mention")]


UK_INDIA = (
    "Britain and India agree a UK-India technology pact\n\n"
    "The UK and India agreed a technology security pact on Monday, officials said.\n\n"
    "The foreign secretary travelled to New Delhi on Tuesday, where he met Prime Minister "
    "Narendra Modi to sign the pact.\n\n"
    "The pact was drawn up by the countries' national security advisers over six months.\n\n"
    "In a statement after the visit, the Foreign Office said the two countries would also "
    "fund joint research on AI.\n"
)


def test_a_place_travelled_to_in_a_story_about_two_countries_is_about_both(tmp_path):
    found = statements(tmp_path, UK_INDIA)
    for words in ("The foreign secretary travelled", "drawn up by the countries'",
                  "the two countries would also"):
        assert find(found, words).countries == ("GB", "IN"), words


def test_a_place_travelled_to_in_a_story_about_another_country_is_a_mention(tmp_path):
    st = story(tmp_path, *KENYA, "The Kenyan education minister travelled to Beijing on "
                                 "Monday to buy laptops for the course.")
    assert (st.countries, st.mentions) == (("KE",), ("CN",))
    st = story(tmp_path, "US president tours the Gulf",
               "The US president began a tour of the Gulf on Monday, the White House said.",
               "The tour, with stops in Qatar and Kuwait, aims to secure new investment "
               "deals.")
    assert (st.countries, st.mentions) == (("US",), ("KW", "QA"))


def test_a_section_label_above_the_headline_is_no_section_of_the_story(tmp_path):
    found = statements(tmp_path, "UK\n\n" + UK_INDIA)
    assert find(found, "The pact was drawn up").countries == ("GB", "IN")
    # A heading inside the story still opens a section about its country.
    found = statements(tmp_path, UK_INDIA + "\n## India\n\nThe government will also "
                                            "train 10,000 engineers in chip design.\n")
    assert find(found, "train 10,000 engineers").countries == ("IN",)


def test_the_other_party_to_a_relationship_is_a_party_when_the_story_is_about_it(tmp_path):
    sentence = "The president hailed Kenya's relationship with Japan at a dinner on Monday."
    st = story(tmp_path, "Japan and Kenya agree an AI pact",
               "Japan and Kenya signed a pact on artificial intelligence on Monday.", sentence)
    assert st.countries == ("JP", "KE")
    # In a story about Kenya alone, the partner is named in passing.
    st = story(tmp_path, *KENYA, sentence)
    assert (st.countries, st.mentions) == (("KE",), ("JP",))
