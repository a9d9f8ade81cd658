"""Full-text search (`--search`) through the real CLI on a real corpus: FTS5's operators
(OR, AND, NOT, parentheses, "quoted phrases", `word*`) mean what they mean there, and no
text a user types is an SQLite error or a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from saved_corpus import run, write_corpus

from briefing.store import fts_query

FUND = ("South Korea announced a fund of 3 trillion won for AI chip startups on Monday. The"
        " science ministry said the fund will accept applications from March 2027.")
ENGINEERS = "South Korea also plans to train 50,000 AI engineers by 2030, according to the ministry."
GPUS = "Japan will build a national supercomputer with 10,000 GPUs in Hokkaido."
YEN = "The Japanese government has earmarked 200 billion yen for the machine."
PATENTS = ("South Korean companies filed 12,000 AI patent applications last year, up 30% from"
           " the year before.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("search") / "corpus")


def found(corpus: Path, query: str, *options: str) -> set[str]:
    r = run("facts", "--search", query, "--json", *options, "--corpus", corpus)
    if r.exit_code == 1:  # nothing found: an empty list, and one line saying so
        assert r.stderr.startswith("error: no facts ") and len(r.stderr.splitlines()) == 1
    else:
        assert r.exit_code == 0, r.output
    return {f["text"] for f in json.loads(r.stdout)}


@pytest.mark.parametrize(("query", "texts"), [
    ("chip GPUs", set()),  # words side by side: all of them
    ("chip OR GPUs", {FUND, GPUS}),
    ("chip OR GPUs OR yen", {FUND, GPUS, YEN}),
    ("Japan* NOT Hokkaido", {YEN}),  # Japan, Japanese; not the one in Hokkaido
    ("(GPUs OR yen) AND machine", {YEN}),
    ("GPUs OR yen machine", {GPUS, YEN}),  # AND binds closer than OR, as in FTS5
    ("GPUs OR (yen AND Hokkaido)", {GPUS}),
    ('"AI engineers"', {ENGINEERS}),
    ('"engineers AI"', set()),  # a phrase is its words in a row, in order
    ('"AI chip" OR "AI patent"', {FUND, PATENTS}),
    ('"AI chip" NOT fund', set()),
    ("AI engin", {ENGINEERS}),  # the last word as it is being typed
    ("chip or GPUs", set()),  # lower-case "or" is a word, as in FTS5
    ("supercompu*", {GPUS}),
    ("naïve OR Hökkaidô", {GPUS}),  # accents as the index folds them
])
def test_operators_and_phrases(corpus, query, texts):
    assert found(corpus, query) == texts


@pytest.mark.parametrize("query", [
    "chips OR", "OR chips", "NOT", "NOT Japan", "AND AND", "(", ")", "((GPUs", "GPUs))(",
    '"', '"unclosed phrase', '""', "***", "*", "NEAR(a b, 2)", "a:b", "text:GPUs", "^GPUs",
    "GPUs +yen", "'; DROP TABLE statements; --", "\\", "{text}: x", "GPUs NOT NOT yen",
    "-GPUs", "x" * 3000, "ÆØÅ ﬁnance 日本", "\x00GPUs", "OR AND NOT ( ) \" *",
])
def test_no_text_is_an_sqlite_error(corpus, query):
    for args in (("facts", "--search", query, "--json"),
                 ("make", "--search", query, "--format", "md", "--date", "2026-11-22",
                  "--out", corpus.parent / "out")):
        r = run(*args, "--corpus", corpus)
        assert r.exit_code in (0, 1), (query, r.output)  # 1: nothing matched
        assert "Traceback" not in r.output and "sqlite" not in r.output.lower()
        assert r.exit_code == 0 or (r.stderr.startswith("error: no facts ")
                                    and len(r.stderr.splitlines()) == 1), r.output


def test_an_operator_with_nothing_to_act_on_is_a_word_or_dropped_when_last(corpus):
    assert found(corpus, "GPUs OR") == {GPUS}  # being typed: "GPUs OR" then "GPUs OR yen"
    assert found(corpus, "OR GPUs") == set()  # "or" is no word of the GPU fact
    assert found(corpus, "NOT Japan") == set()


def test_the_fts5_query_quotes_every_word():
    assert fts_query('chips OR "AI chips" NOT (x:y OR z*)') == (
        '("chips" OR (("ai" AND "chips") NOT (("x" AND "y") OR "z"*)))')


def test_hangul_and_kana_words_are_found_as_written(tmp_path):
    # NFKD alone would split a Hangul syllable into letters the index never holds.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    chips = "South Korea's 반도체 plan will spend 2 trillion won on chip plants by 2028."
    compute = "Japan's 計算資源 programme will fund 5,000 GPUs for universities by 2027."
    (corpus / "asia.txt").write_text(f"March 3, 2026\n\n{chips}\n\n{compute}\n",
                                     encoding="utf-8")
    assert found(corpus, "반도체") == {chips}
    assert found(corpus, "반도체 OR 計算資源") == {chips, compute}
    assert found(corpus, '"반도체 plan"') == {chips}
