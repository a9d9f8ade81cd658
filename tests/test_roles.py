"""Who a sentence is about (issue 22, round 2): the other party to an agreement, a place where
others react or meet, a government body named without its country, a leader's bare surname
after his full name, lists of countries as the subject and "these countries" after them,
and possessive makers listed with a subject.

Every article here is written for these tests; each rule has a negative case (the same kind
of words where the country really is what the sentence is about).
"""

from __future__ import annotations

from articles import find, roles, statements

INDIA_MOUS = (
    "India signs digital pacts with four countries\n\n"
    "The Union Cabinet on Wednesday cleared three memoranda of understanding on digital "
    "public infrastructure with Ghana, Peru and Japan, officials said.\n\n"
    "The MoU with Ghana covers payment systems and identity software for 12 million people.\n\n"
    "The Japan MoU sets up a joint working group on semiconductors and AI research.\n\n"
    "The agreement with Peru was signed in May and runs for five years.\n"
)


def test_the_partners_of_an_agreement_are_named_in_passing(tmp_path):
    found = statements(tmp_path, INDIA_MOUS)
    # The Union Cabinet is India's government: the story is about India.
    first = find(found, "The Union Cabinet on Wednesday")
    assert (first.countries, first.mentions) == (("IN",), ("GH", "JP", "PE"))
    for words, partner in (("The MoU with Ghana", "GH"), ("The Japan MoU", "JP"),
                           ("The agreement with Peru", "PE")):
        st = find(found, words)  # (a sentence may be quoted with the one it leans on)
        assert st.countries == ("IN",) and partner in st.mentions, st.text


def test_a_country_signing_the_agreement_is_still_its_subject():
    # Acting, not named as the other party: a headline's "India signs MoU with ...".
    assert roles("India signs MoU with Ghana on digital payments") == [
        ("IN", "subject"), ("GH", "mention")]
    assert roles("Japan signed an agreement on chips with Peru last week.") == [
        ("JP", "subject"), ("PE", "mention")]
    # A country before a verb is no modifier of the agreement noun after it.
    assert roles("Ghana approved a deal on Tuesday.") == [("GH", "subject")]


def test_a_country_naming_a_conflict_is_the_storys_country_only_when_it_is_about_it(tmp_path):
    found = statements(tmp_path, (
        "Chile's data centres face higher energy bills\n\n"
        "Chile's data-centre operators expect power prices to rise by 15% this year.\n\n"
        "The Iran conflict has raised fuel costs for the operators, the association said.\n"))
    st = find(found, "The Iran conflict")
    assert (st.countries, st.mentions) == (("CL",), ("IR",))
    found = statements(tmp_path, (
        "Ukraine builds drones at home\n\n"
        "Ukraine is building 40,000 drones a month, its digital ministry said.\n\n"
        "The Ukraine war has pushed the ministry to fund 200 new makers.\n"))
    assert find(found, "The Ukraine war").countries == ("UA",)


def test_a_place_where_others_meet_is_a_mention():
    assert roles("Speaking at a conference in Taipei, the minister praised the chips.") == [
        ("TW", "mention")]
    assert roles("Ministers from 40 countries met at a summit in Seoul on Tuesday.") == [
        ("KR", "mention")]
    # Where a country acts "in" itself, it stays the subject; so does a place that reacts
    # (the concern is its own).
    assert roles("Taiwan invested $2 billion in new fabs in 2024.") == [("TW", "subject")]
    assert roles("The deal caused alarm in Washington, officials said.") == [
        ("US", "subject")]


SUMMIT = (
    "Norway and Chile refuse to sign summit pledge\n\n"
    "Norway and Chile declined to sign the pledge on open AI at the summit on Tuesday. "
    "Asked why, the two countries said the text was too vague on compute limits.\n"
)


def test_the_two_countries_point_back_at_the_pair_just_named(tmp_path):
    st = find(statements(tmp_path, SUMMIT), "the two countries said")
    assert st.countries == ("CL", "NO")


def test_the_two_governments_opening_a_paragraph_point_back_at_the_pair_before(tmp_path):
    """A wire copy about Norway, then a paragraph on what it and Chile agreed: "The two
    governments" opening the next paragraph are those two, not the story's focus alone."""
    found = statements(tmp_path, (
        "Norway signs a chip pact\n\n"
        "Norway's digital ministry signed a chip research pact on Monday.\n\n"
        "Chile will give Norway access to its lithium data, and Norway will train 300 "
        "Chilean engineers.\n\n"
        "The two governments plan a joint fund of 80 million euros by 2028.\n"))
    assert find(found, "The two governments plan").countries == ("CL", "NO")
    # A count that does not match the paragraph before points at nothing.
    found = statements(tmp_path, (
        "Norway signs a chip pact\n\n"
        "Chile will give Norway access to its lithium data.\n\n"
        "The three governments plan a joint fund of 80 million euros by 2028.\n"))
    assert find(found, "The three governments plan").countries != ("CL", "NO")


def test_a_count_that_does_not_match_is_no_pointer_back(tmp_path):
    text = SUMMIT.replace("the two countries", "the three countries")
    assert find(statements(tmp_path, text), "the three countries said").countries == ()
    # Talk of countries in general after a single country is not about it.
    found = statements(tmp_path, (
        "Peru drafts an AI law\n\n"
        "Peru's Congress debated an AI bill on Monday. "
        "Other countries have passed similar laws in the past two years.\n"))
    assert find(found, "Other countries have passed").countries == ()


def test_a_list_after_a_dash_is_the_subject_and_these_countries_follow_it(tmp_path):
    found = statements(tmp_path, (
        "Gulf states lead an AI readiness index\n\n"
        "Apart from Qatar, the Andean countries—Peru, Bolivia and Ecuador—all scored below "
        "the regional average of 48 points. However, these countries have all adopted "
        "national AI plans since 2022.\n"))
    st = find(found, "all scored below")
    assert st.countries == ("BO", "EC", "PE")
    assert "QA" in st.mentions


def test_examples_opening_the_clause_are_its_subjects():
    assert roles("A new index shows that nations such as Peru, Chile, and the United "
                 "Kingdom have the most AI engineers per capita.") == [
        ("PE", "subject"), ("CL", "subject"), ("GB", "subject")]
    # Examples of a noun named after a verb or a preposition stay in passing.
    assert roles("Kenya sells chips to countries such as Peru and Chile.") == [
        ("KE", "subject"), ("PE", "mention"), ("CL", "mention")]
    assert roles("Norway imposed sanctions on nations like Iran and Syria in 2023.") == [
        ("NO", "subject"), ("IR", "mention"), ("SY", "mention")]


def test_a_possessive_maker_listed_with_a_subject_acts_with_it():
    assert roles("Qatar and Norway's wealth fund NBIM are buying stakes in the lab.") == [
        ("QA", "subject"), ("NO", "subject")]
    # Listed after a non-country, or as an object, it stays a company's home.
    assert roles("Investors include Nvidia, SoftBank and Norway's NBIM.") == [
        ("NO", "mention")]
    assert roles("The lab sold stakes to Qatar and Norway's NBIM.")[1] == ("NO", "mention")


def test_a_leaders_bare_surname_after_his_full_name_is_his_country(tmp_path):
    found = statements(tmp_path, (
        "Russia sets up an AI alliance\n\n"
        "President Vladimir Putin has ordered the government to build a national AI "
        "platform by 2026.\n\n"
        "Last month, Putin announced an alliance of AI researchers from 12 countries.\n"))
    assert find(found, "Putin announced").countries == ("RU",)


def test_a_bare_surname_without_the_full_name_or_inside_another_name_is_nobodys(tmp_path):
    found = statements(tmp_path, (
        "Kenya opens an AI lab\n\n"
        "Kenya opened an AI lab with 200 researchers on Monday.\n\n"
        "Putin announced an alliance of AI researchers on Friday.\n"))
    st = find(found, "Putin announced")
    assert "RU" not in st.countries + st.mentions
    found = statements(tmp_path, (
        "Kenya courts investors\n\n"
        "Kenya hosted Donald Trump at a summit on Monday, officials said.\n\n"
        "The Trump Tower in Nairobi will house an AI hub with 300 desks, Eric Trump "
        "said.\n"))
    st = find(found, "The Trump Tower")
    assert (st.countries, st.mentions) == (("KE",), ())


def test_a_fronted_comparator_leaves_the_clause_after_its_comma_to_its_subject():
    assert roles("Unlike China, Kenya has no chip plant of its own.") == [
        ("CN", "mention"), ("KE", "subject")]
    assert roles("Compared with the US, India spends less on AI research.") == [
        ("US", "mention"), ("IN", "subject")]
    # A list after the cue shares its role to the end.
    assert roles("Kenya trails the US, China and Japan in AI patents.") == [
        ("KE", "subject"), ("US", "mention"), ("CN", "mention"), ("JP", "mention")]


def test_a_country_before_a_verb_and_its_object_acts():
    # Not "a Kenya rule": the country approves it.
    assert roles("Kenya approved a new rule on AI in schools.") == [("KE", "subject")]
    assert roles("Last year the leading U.S. chip designer said so.") == [("US", "mention")]


def test_a_cue_reaches_past_not_only_and_a_list_past_but_also():
    assert roles("Peru lags far behind not only the United States and China, but also "
                 "Chile and Brazil.") == [("PE", "subject"), ("US", "mention"),
                                          ("CN", "mention"), ("CL", "mention"),
                                          ("BR", "mention")]
    # Without a cue, "not only ... but also" lists subjects.
    assert roles("Not only Peru but also Chile signed the charter.") == [
        ("PE", "subject"), ("CL", "subject")]


def test_where_someone_elses_money_mostly_goes_is_a_mention():
    assert roles("So much money is being invested in large models, mostly in the US, "
                 "that talent leaves.") == [("US", "mention")]


def test_a_short_time_phrase_before_the_subject_keeps_it_opening_its_clause():
    # A titled leader's country after "Last week," acts, as it would opening the sentence.
    assert roles("Last week, UK Prime Minister Keir Starmer announced new AI funding.") == [
        ("GB", "subject")]
    assert roles("On Tuesday, Chinese firms said they would open three labs.") == [
        ("CN", "subject")]
    # A fronted phrase naming a place is no time phrase: the firms are still a maker there.
    assert roles("In Kenya, Chinese firms have opened three labs.") == [
        ("KE", "subject"), ("CN", "mention")]


def test_a_place_someone_visits_is_a_mention():
    assert roles("President Ruto visited Washington last week to court chip makers.") == [
        ("KE", "subject"), ("US", "mention")]
    assert roles("He also toured several cities, including Lagos and Accra, where he "
                 "signed deals.") == [("NG", "mention"), ("GH", "mention")]


def test_where_a_countrys_money_goes_is_a_mention_unless_the_story_is_about_it(tmp_path):
    assert roles("In return, Japan committed to funding AI data centres in India.") == [
        ("JP", "subject"), ("IN", "mention")]
    # A company's money in a country: the country is what the sentence is about.
    assert roles("Microsoft will invest $3 billion in India by 2026.") == [("IN", "subject")]
    found = statements(tmp_path, (
        "India draws AI investment\n\n"
        "India expects $20 billion of AI investment this year, officials said.\n\n"
        "Japan will invest $5 billion in India by 2030, its trade ministry said.\n"))
    st = find(found, "Japan will invest")
    assert st.countries == ("IN", "JP")
    assert [f.country for f in st.figures if f.text.startswith("$")] == ["JP"]


def test_a_country_urged_or_hoped_for_by_the_speaker_is_a_mention(tmp_path):
    found = statements(tmp_path, (
        "Peru asks Chile to share its AI cluster\n\n"
        "Peru's digital ministry said on Monday it wants access to a new supercomputer "
        "for its 40 universities.\n\n"
        "\"We hope that Chile will open its cluster to Peruvian researchers,\" the "
        "minister said.\n"))
    st = find(found, "We hope that Chile")
    assert (st.countries, st.mentions) == (("PE",), ("CL",))
    assert roles("Peru urged Chile to open the cluster to 500 researchers.") == [
        ("PE", "subject"), ("CL", "mention")]
    # Where the country itself hopes, it is the subject.
    assert roles("Chile hopes that its cluster will be ready by 2027.") == [
        ("CL", "subject")]


ROUND_UP = (
    "Five national AI strategies compared\n\n"
    "More than 70 governments have now published a national AI strategy.\n\n"
    "Peru released its AI strategy in 2021 with a budget of $40 million.\n\n"
    "Chile released its strategy in 2020 and updated it in 2024.\n\n"
    "The country plans to train 10,000 AI engineers by 2030.\n\n"
    "Norway published its strategy in 2020.\n\n"
    "Kenya adopted its strategy in 2025.\n"
)


def test_in_a_round_up_the_country_of_a_new_paragraph_is_the_one_just_talked_about(tmp_path):
    st = find(statements(tmp_path, ROUND_UP), "The country plans")
    assert st.countries == ("CL",)


def test_in_a_story_about_one_country_a_new_paragraph_returns_to_it(tmp_path):
    found = statements(tmp_path, (
        "Peru trains AI engineers\n\n"
        "Peru wants 10,000 AI engineers by 2030, its education ministry said.\n\n"
        "Peru's plan draws on a programme that Chile ran in 2020.\n\n"
        "Peru expects the first 2,000 to graduate in 2026.\n\n"
        "The government will pay half of the fees for 3,000 students.\n"))
    assert find(found, "The government will pay").countries == ("PE",)


def test_first_nations_and_the_united_nations_are_no_talk_of_countries_in_general(tmp_path):
    found = statements(tmp_path, (
        "Canada funds AI skills\n\n"
        "Canada will spend C$200 million on AI skills, the industry minister said.\n\n"
        "The plan funds training for First Nations communities in 40 towns.\n\n"
        "Other nations spend far more on AI skills.\n"))
    assert find(found, "First Nations communities").countries == ("CA",)
    assert find(found, "Other nations spend").countries == ()


def test_countries_as_the_destination_of_what_the_subject_does_are_no_turn_to_the_world(
        tmp_path):
    found = statements(tmp_path, (
        "Norway limits exports of AI chips\n\n"
        "Norway's trade ministry set new limits on AI chip exports on Monday.\n\n"
        "The rules cap the computing power that can be sold to most countries at 50,000 "
        "GPUs a year.\n\n"
        "Other countries have set no such limits so far.\n"))
    assert find(found, "sold to most countries").countries == ("NO",)
    assert find(found, "Other countries have set").countries == ()


def test_governments_beside_businesses_and_countries_after_with_are_the_world(tmp_path):
    found = statements(tmp_path, (
        "Chile releases an open language model\n\n"
        "Chile's science ministry released an open language model for Spanish on Monday.\n\n"
        "Generative AI is changing how governments and businesses think about AI.\n\n"
        "Spending may reach $200 billion by 2027, with countries competing for talent.\n"))
    assert find(found, "how governments and businesses").countries == ()
    assert find(found, "with countries competing").countries == ()


def test_a_firm_named_by_its_standing_is_a_makers_firm():
    assert roles("Kenya's new model was praised by Silicon Valley frontrunner OpenAI on "
                 "Monday.") == [("KE", "subject"), ("US", "mention")]


def test_a_visited_or_urged_country_is_a_subject_when_the_story_is_about_it(tmp_path):
    found = statements(tmp_path, (
        "Kenya courts chip makers\n\n"
        "Kenya wants three chip plants by 2030, its trade ministry said.\n\n"
        "Prime Minister Narendra Modi visited Kenya on Monday and pledged $1 billion for "
        "data centres.\n"))
    assert find(found, "Modi visited Kenya").countries == ("IN", "KE")
    found = statements(tmp_path, (
        "China defends its chip sector\n\n"
        "China wants more chip plants by 2030, its ministry said.\n\n"
        "The US urged China to end subsidies for 40 chip makers.\n"))
    assert find(found, "The US urged China").countries == ("CN", "US")
    # In a story about someone else, the visited country is named in passing.
    found = statements(tmp_path, (
        "India courts chip makers abroad\n\n"
        "India wants three chip plants by 2030, its trade ministry said.\n\n"
        "Prime Minister Narendra Modi visited Kenya on Monday and pledged $1 billion for "
        "data centres.\n"))
    st = find(found, "Modi visited Kenya")
    assert (st.countries, st.mentions) == (("IN",), ("KE",))


def test_the_other_party_is_a_party_when_the_story_is_about_it(tmp_path):
    found = statements(tmp_path, (
        "Ghana widens its digital ties\n\n"
        "Ghana's communications ministry signed four digital agreements this year.\n\n"
        "India signed an MoU with Ghana on payment systems for 12 million people.\n"))
    assert find(found, "India signed an MoU with Ghana").countries == ("GH", "IN")
