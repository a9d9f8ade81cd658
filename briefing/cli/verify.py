"""`briefing verify`: a thin wrapper over `briefing.brief.verify`.

Registered by the main app with `app.command("verify")(verify_command)`; the app's group
turns a BriefingError into one `error: …` line and its exit code (2 for a file that is not
a brief).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from briefing.cli.corpus import corpus_path

if TYPE_CHECKING:
    from briefing.brief.verify import Report


def verify_command(
    brief: Annotated[Path, typer.Argument(
        help="A brief made by `briefing make`: its .md, or its .pdf (read from the facts "
             "JSON it carries).", show_default=False)],
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="Folder of articles the brief was made from. Default: "
                         "$BRIEFING_CORPUS or the bundled seeds.", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of lines.")] = False,
) -> None:
    """Check that every cited source still states the fact the brief quotes from it.

    Each citation is ok, changed (the file differs from when the brief was made but still
    states the fact), not found, or missing (the file is gone). A quote from a PDF report
    must also be in the page as printed, read by a second PDF parser (pypdf): if our reading
    of the report glued a header into it, it is not found. A citation of an older version
    of a refreshed page says whether the newer version states the same. Exit 0 when every
    citation is ok or changed, 1 otherwise, also when a newer version of a cited page
    changed or dropped the statement (the source now says something else).

    Example: briefing verify out/brief-kr-2026-11-22.pdf --corpus ~/articles
    """
    from briefing.brief.verify import report_json, report_lines, verify_file
    from briefing.cli.printing import echo, echo_json

    report = verify_file(brief, corpus_path(corpus))
    if as_json:
        echo_json(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        for line in report_lines(report):
            echo(line)  # quotes and paths from the corpus: shown as written
    hint = other_corpus_hint(report, given=corpus is not None)
    if hint:
        echo(f"hint: {hint}", err=True)  # on stderr: `--json` output stays JSON
    raise typer.Exit(0 if report.passed else 1)


def other_corpus_hint(report: Report, *, given: bool) -> str | None:
    """When not one file the brief cites is in the corpus, the brief was most likely made
    from another folder (a brief records file paths relative to its corpus, not the folder
    itself): say so, rather than leave "37 missing" to read as 37 deleted files."""
    cited = {c.source.path for c in report.checks if c.source and c.source.path}
    if not cited or any(c.status != "missing" for c in report.checks):
        return None
    which = "" if given else (" ($BRIEFING_CORPUS)" if os.environ.get("BRIEFING_CORPUS")
                              else " (the bundled seeds, used when no --corpus is given)")
    files = ("the file the brief cites is not" if len(cited) == 1
             else f"none of the {len(cited)} files the brief cites is")
    return (f"{files} in the corpus {report.corpus}{which}: was it made from another "
            "corpus? Give that folder with --corpus DIR")
