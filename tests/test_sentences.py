"""Sentence splitting on real article text: seeds, and news wording from varied publishers."""

from __future__ import annotations

import itertools
import time

import pytest

from briefing.extract.sentences import split_sentences
from briefing.resources import seeds_dir


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# --------------------------------------------------------------------------- seeds


def seed_paragraph(name: str, starts_with: str) -> str:
    text = (seeds_dir() / name).read_text(encoding="utf-8")
    return next(p for p in text.split("\n") if p.startswith(starts_with))


def test_seed_paragraph_with_us_mid_sentence() -> None:
    para = seed_paragraph("004_873eaca25918412c.txt", "As the competition")
    assert sentences(para) == [
        "As the competition between the U.S. and China for dominance in artificial "
        "intelligence intensifies, countries worldwide are striving to develop their own AI "
        "capabilities to reduce reliance on these superpowers.",
        "South Korea, with its advanced tech sector, is at the forefront of this movement, "
        "aiming to achieve a high degree of autonomy in AI.",
    ]


def test_seed_paragraph_ending_in_us_and_starting_with_the_uk() -> None:
    para = seed_paragraph("004_873eaca25918412c.txt", "Other countries")
    got = sentences(para)
    assert len(got) == 5
    assert got[2] == (
        "The U.K. has established a sovereign AI unit to attract investments and support "
        "local startups."
    )
    assert got[-1].endswith("purchase advanced AI chips from the U.S.")


def test_seed_paragraph_with_money_and_gpus() -> None:
    para = seed_paragraph("004_873eaca25918412c.txt", "South Korean President")
    got = sentences(para)
    assert len(got) == 3
    assert got[2] == (
        "The government plans to triple its AI development budget to approximately "
        "$6.8 billion next year."
    )


def test_seed_list_item_is_one_sentence() -> None:
    item = (
        "2017: China unveiled its national AI development plan, setting a goal to become a "
        "global leader in AI by 2030."
    )
    assert sentences(item) == [item]


def test_seed_paragraph_with_question_and_colon() -> None:
    para = seed_paragraph("003_3c617abaaabd9cd6.txt", "In the tide")
    got = sentences(para)
    assert got[-3:] == [
        "But what do we think about the deeper meaning behind this achievement?",
        "Is it joy or sorrow?",
        "China Exportsemi Web will discuss this issue with you:",
    ]


def test_seed_curly_apostrophes_and_quotes_do_not_split() -> None:
    para = seed_paragraph("000_311d42b208cd9cf6.txt", "Israel, often referred")
    got = sentences(para)
    assert len(got) == 3
    assert got[0].startswith('Israel, often referred to as the "Startup Nation,"')


# --------------------------------------------------------------------------- abbreviations


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Commerce Department tightened export rules on Tuesday.",
        "Talks between the U.N. and the U.K. government resumed in Geneva.",
        "Dr. Fei-Fei Li and Prof. Yoshua Bengio spoke at the summit.",
        "Mr. Altman met Mrs. Kim and Ms. Park in St. Louis last week.",
        "Samsung Electronics Co. and SK Hynix Inc. reported record chip sales.",
        "Arm Ltd. and Nvidia Corp. are in talks, sources said.",
        "It was a case of OpenAI vs. Google in the courtroom.",
        "Models such as Llama, e.g. the 70B version, and others, i.e. open ones, were tested.",
        "The firm was ranked No. 1 in Asia for AI patents.",
        "The rules take effect on Jan. 18 and will be reviewed in Sept. 2025.",
        "J. R. R. Tolkien and Geoffrey E. Hinton were both born in England.",
        "The budget rises to $6.8 billion, or 3.5% of the total, under GPT-4.5 pricing.",
        "The U.S.-China rivalry is covered at openai.com and at reuters.com daily.",
        "Trading resumed at 9 a.m. local time after a pause.",
        "Robots, drones, sensors, etc. are covered by the new rules.",
        "He holds a Ph.D. in computer science from Seoul National University.",
    ],
)
def test_abbreviations_decimals_and_initials_stay_inside_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


def test_us_at_sentence_end_splits_before_a_sentence_starter() -> None:
    text = "Saudi Arabia will buy chips from the U.S. The deal was signed on Monday."
    assert sentences(text) == [
        "Saudi Arabia will buy chips from the U.S.",
        "The deal was signed on Monday.",
    ]


def test_us_before_a_proper_name_is_the_documented_ambiguity() -> None:
    # A capitalised name after "U.S." is read as a continuation ("the U.S. Senate").
    text = "The chips come from the U.S. Senate approval is pending."
    assert sentences(text) == [text]


def test_etc_ends_a_sentence_only_before_a_sentence_starter() -> None:
    text = "It covers chips, GPUs, etc. The list is long. It names drones, etc. and more."
    assert sentences(text) == [
        "It covers chips, GPUs, etc.",
        "The list is long.",
        "It names drones, etc. and more.",
    ]


def test_company_suffix_at_sentence_end() -> None:
    text = "The chips were made by Taiwan Semiconductor Manufacturing Co. However, demand fell."
    assert sentences(text) == [
        "The chips were made by Taiwan Semiconductor Manufacturing Co.",
        "However, demand fell.",
    ]


# --------------------------------------------------------------------------- punctuation


def test_question_exclamation_and_ellipsis() -> None:
    text = "Is AI a bubble? Some say yes! Others wait… The market decides... and it will."
    assert sentences(text) == [
        "Is AI a bubble?",
        "Some say yes!",
        "Others wait…",
        "The market decides... and it will.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = (
        "“We cannot fall behind,” he said. “It is a matter of survival.” "
        'The minister agreed. "We will act." (Officials declined to comment.) Talks go on.'
    )
    assert sentences(text) == [
        "“We cannot fall behind,” he said.",
        "“It is a matter of survival.”",
        "The minister agreed.",
        '"We will act."',
        "(Officials declined to comment.)",
        "Talks go on.",
    ]


def test_quote_set_off_by_a_space_after_the_full_stop() -> None:
    text = "He called it “a turning point. ” Investors were less sure."
    assert sentences(text) == ["He called it “a turning point. ”", "Investors were less sure."]


def test_question_inside_quote_followed_by_lowercase_attribution() -> None:
    text = "“Why now?” asked the analyst. “Because the chips are here.”"
    assert sentences(text) == ["“Why now?” asked the analyst.", "“Because the chips are here.”"]


def test_text_glued_after_a_full_stop_is_split() -> None:
    text = "Korea aims to lead by 2030.The government will fund it.Officials agree."
    assert sentences(text) == [
        "Korea aims to lead by 2030.",
        "The government will fund it.",
        "Officials agree.",
    ]


def test_numbered_list_marker_is_not_a_sentence() -> None:
    assert sentences("1. The first plan was announced in May.") == [
        "1. The first plan was announced in May."
    ]


# --------------------------------------------------------------------------- whitespace


def test_crlf_newlines_and_nbsp_are_whitespace_and_spans_are_trimmed() -> None:
    text = "  The plan was\r\nannounced on Monday.\r\n  It starts\u00a0in May.\u00a0 "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "The plan was\r\nannounced on Monday.",
        "It starts\u00a0in May.",
    ]
    assert spans[0][0] == 2


def test_start_and_end_limit_the_split_and_offsets_index_the_whole_text() -> None:
    text = "Header line. First sentence here. Second one here. Footer."
    start = text.index("First")
    end = text.index(" Footer")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["First sentence here.", "Second one here."]
    assert spans[0][0] == start


def test_blank_and_punctuation_only_blocks_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \r\n ") == []
    assert split_sentences("... — ...") == []


# --------------------------------------------------------------------------- CJK and Korean


def test_chinese_sentence_ends_without_spaces() -> None:
    text = "中国在全球AI模型中占36%。美国占44%！这意味着什么？我们拭目以待。"
    assert sentences(text) == [
        "中国在全球AI模型中占36%。",
        "美国占44%！",
        "这意味着什么？",
        "我们拭目以待。",
    ]


def test_chinese_closing_quote_stays_with_sentence() -> None:
    text = "他说：“我们不会落后。”随后离开了会场。"
    assert sentences(text) == ["他说：“我们不会落后。”", "随后离开了会场。"]


def test_japanese_quote_followed_by_particle_is_one_sentence() -> None:
    text = "「遅れてはならない。」と首相は述べた。政府は予算を増やす。"
    assert sentences(text) == ["「遅れてはならない。」と首相は述べた。", "政府は予算を増やす。"]


def test_korean_sentences_with_spaces_and_glued() -> None:
    text = "정부는 AI 예산을 세 배로 늘린다. 이는 큰 변화다.업계는 환영했다."
    assert sentences(text) == [
        "정부는 AI 예산을 세 배로 늘린다.",
        "이는 큰 변화다.",
        "업계는 환영했다.",
    ]


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    "text",
    ["." * 50_000 + "x", "! " * 30_000 + "A", "U.S. " * 20_000, ". ”" * 20_000, "a" * 100_000],
)
def test_pathological_blocks_take_linear_time(text: str) -> None:
    began = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - began < 1.0


def test_spans_are_ordered_disjoint_and_trimmed_on_every_seed() -> None:
    for path in sorted(seeds_dir().glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        assert spans, path.name
        for (s, e), (s2, _) in itertools.pairwise(spans):
            assert s < e <= s2
        for s, e in spans:
            assert text[s:e] == text[s:e].strip()
