"""A small corpus for the saved-brief and what's-new tests, written for them (no third-party
text): two Korean stories and a Japanese one, each dated, plus the CLI calls they share."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefing.cli.app import app

ARTICLES = {
    "seoul-fund.txt": """---
title: Seoul sets up a fund for AI chip startups
publisher: Harbour Ledger
date: 2026-10-01
---
Seoul sets up a fund for AI chip startups

South Korea announced a fund of 3 trillion won for AI chip startups on Monday.

The science ministry said the fund will accept applications from March 2027.

South Korea also plans to train 50,000 AI engineers by 2030, according to the ministry.
""",
    "tokyo-compute.txt": """---
title: Tokyo orders a national AI supercomputer
publisher: Pacific Dispatch
date: 2026-10-05
---
Tokyo orders a national AI supercomputer

Japan will build a national supercomputer with 10,000 GPUs in Hokkaido.

The Japanese government has earmarked 200 billion yen for the machine.
""",
    "korea-patents.txt": """---
title: Korean AI patent filings climb
publisher: Inventors Weekly
date: 2026-09-20
---
Korean AI patent filings climb

South Korean companies filed 12,000 AI patent applications last year, up 30% from the year before.

Analysts in Seoul said South Korea is catching up with larger rivals in AI patents.
""",
}

#: Added later in the what's-new tests: news after the first render.
LATER = ("busan-datacentre.txt", """---
title: Busan to host a state AI data centre
publisher: Harbour Ledger
date: 2026-11-10
---
Busan to host a state AI data centre

South Korea will open a 40-megawatt public AI data centre in Busan in 2028.
""")

runner = CliRunner()


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def fact_ids(corpus: Path) -> dict[str, str]:
    """Each fact's id by its text, as `briefing facts --json` lists them."""
    r = run("facts", "--json", "--corpus", corpus)
    assert r.exit_code == 0, r.stderr
    return {f["text"]: f["id"] for f in json.loads(r.stdout)}


def id_of(corpus: Path, words: str) -> str:
    """The id of the one fact quoting `words`."""
    hits = [fid for text, fid in fact_ids(corpus).items() if words in text]
    assert len(hits) == 1, (words, hits)
    return hits[0]
