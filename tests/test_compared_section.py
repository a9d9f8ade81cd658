"""Which facts a one-country brief quotes under "<country> compared with others": only
comparisons (a fact with countries it is compared with). A fact with several subjects
("Portugal and Spain signed ...") or an investor named beside the country is the country's
own fact: it may be a key finding and is quoted in its theme's section. Articles in our own
words; the Markdown and a real WeasyPrint PDF (read back with pdftotext) are checked."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

from factories import make_fact, make_source
from test_leads import make, sections

from briefing.brief.build import Options, Selection, build_brief
from briefing.extract.themes import load_taxonomy

TAX = load_taxonomy()

# Portugal's own news, each with a figure, so that a fact with no figure is no key finding.
OWN = [
    "Portugal will invest €450 million in public computing capacity by 2028.",
    "Portugal's science agency will fund 1,200 doctoral grants in machine learning.",
    "Portugal plans to train 5,000 data scientists by 2029.",
    "Portugal has set aside €80 million for an AI institute in Porto.",
    "Portugal will spend €60 million on digital skills for civil servants next year.",
    "Portugal opened 14 new research laboratories for artificial intelligence in 2025.",
]
JOINT = ("Portugal and Spain signed an agreement on Tuesday to build a shared "
         "supercomputing network.")
OWN_COMPARISON = "Portugal spends about 0.7% of GDP on research, compared with 1.5% in Spain."
SPAIN = ("Spain will raise its public research budget to €9 billion next year, well above "
         "Portugal's €2 billion.")


def article(title: str, publisher: str, day: int, *sentences: str) -> str:
    body = "\n\n".join(sentences)
    return (f"---\ntitle: {title}\ndate: 2026-03-{day:02d}\npublisher: {publisher}\n---\n"
            f"{body}\n")


def corpus(folder: Path) -> Path:
    folder.mkdir()
    for n, sentence in enumerate(OWN):
        (folder / f"pt{n}.md").write_text(
            article(f"Portugal's AI plan, part {n + 1}", f"Tagus Wire {n}", 2 + n, sentence),
            encoding="utf-8")
    (folder / "joint.md").write_text(
        article("An Iberian computing network", "Douro Post", 10, JOINT, OWN_COMPARISON),
        encoding="utf-8")
    (folder / "es.md").write_text(
        article("Madrid raises its research budget", "Meseta Times", 12, SPAIN),
        encoding="utf-8")
    return folder


def test_only_comparisons_are_quoted_under_compared_with_others_in_markdown(tmp_path):
    brief = sections(make(corpus(tmp_path / "c"), tmp_path / "out", "-c", "PT")
                     .read_text(encoding="utf-8"))
    compared = brief["Portugal compared with others"]
    # Spain's fact that only measures Portugal: there, labelled as another country's.
    assert ("- *Another country's fact: Spain, compared with Portugal:* “" + SPAIN) in compared
    # The fact with two subjects is Portugal's own: quoted once, outside that section, and
    # never labelled.
    assert JOINT not in compared
    homes = [title for title, body in brief.items() if JOINT in body]
    assert len(homes) == 1 and homes[0] not in ("Sources", "Method")
    assert "Another country's fact: Spain, compared with Portugal:* “Portugal and" not in (
        "".join(brief.values()))
    # Portugal's own comparison is a comparison, never labelled as another country's.
    assert OWN_COMPARISON in "".join(brief.values())
    assert "Another country's fact: Spain, compared with Portugal:* “Portugal spends" not in (
        compared)


def test_the_pdf_quotes_the_joint_fact_outside_compared_with_others(tmp_path):
    pdf = make(corpus(tmp_path / "c"), tmp_path / "out", "-c", "PT", fmt="pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = " ".join(text.split())
    start = flat.index("Portugal compared with others")
    # The section holds Spain's fact only: it ends with that quote's citation.
    end = flat.index("Portugal's €2 billion.”", start) + len("Portugal's €2 billion.”")
    compared = flat[start:end + 5]
    assert "“" not in flat[end:end + 5]
    assert "Another country's fact: Spain, compared with Portugal: “Spain will raise" in compared
    assert "Portugal and Spain signed" not in compared
    assert flat.count("Portugal and Spain signed an agreement") == 1  # quoted once, elsewhere


def test_several_subjects_or_an_investor_beside_the_country_are_its_own_facts():
    src = make_source(1)
    facts = [make_fact(n, f"Korea states its figure number {n} on AI today.", src)
             for n in range(1, 8)]
    joint = make_fact(8, "Korea and Japan agreed a joint AI safety institute.", src,
                      countries=("KR", "JP"))
    investor = replace(make_fact(9, "Korea opened a chip plant with a Dutch investor.", src),
                       mentions=("NL",))
    versus = replace(make_fact(10, "Korea spends more on AI than Japan does.", src,
                               countries=("KR", "JP")), compared=("JP",))
    brief = build_brief([*facts, joint, investor, versus], Selection(countries=("KR",)), TAX,
                        Options(date(2026, 11, 22)), "0")
    in_compared = {i.fact.id for i in brief.compared}
    in_sections = {i.fact.id for s in brief.sections for i in s.items}
    in_findings = {i.fact.id for i in brief.key_findings}
    assert versus.id in in_compared | in_findings and versus.id not in in_sections
    assert not in_compared - {versus.id}
    for own in (joint, investor):
        assert own.id in in_sections | in_findings and own.id not in in_compared
