"""Checking a brief against the corpus: does every cited source still state what it is cited for?

A brief (Markdown, or a PDF carrying `facts.json`) is read back into its citations: each
(quoted fact, cited source) pair. Each is checked against the corpus file as it is now:

- `ok`: the source states the fact (whitespace collapsed, curly quotes and no-break spaces
  read as their plain forms) and, when the brief recorded the file's hash, the file is the same;
- `changed`: the file's hash differs from the recorded one but the fact is still stated;
- `not found`: the file is there but no longer states the fact, or (a PDF report) our reading
  of it states the fact but the report as printed does not (`briefing.brief.printed`: pypdf reads
  the cited page on its own, so a misreading of ours, such as a running header glued into a
  sentence, is not confirmed by our own text);
- `missing`: the file is gone (or the brief names no file for the source).

A citation of an older version of a page `briefing add --refresh` fetched again says whether
the newest version still states it, states it changed, or no longer states it.

No store, no index: the corpus files are read directly, so nothing cached can hide a change.
"""

from __future__ import annotations

import glob
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from briefing.brief.printed import PrintedReport, printed_verdict
from briefing.errors import BriefingError, CorpusError, UsageError
from briefing.text import NEAR_SAME_WORDING, collapse, plain, unligature

Status = Literal["ok", "changed", "not found", "missing"]
STATUSES: tuple[Status, ...] = ("ok", "changed", "not found", "missing")
PASSING: frozenset[str] = frozenset({"ok", "changed"})
HASH_PREFIX = 16
"""Hex digits of a source file's sha256 that the Markdown Sources list records."""
NOT_AS_PRINTED = "not found in the PDF as printed (our reading of the report may be wrong)"
#: How alike (Indel similarity) the newer version's closest sentence must be to a quote from
#: an older version for the statement to count as changed rather than gone: a figure or a few
#: words changed ("£14 billion" to "£14.5 billion" is 0.98; a different sentence on the same
#: subject is below 0.6).
CHANGED_WORDING = 0.7


@dataclass(frozen=True, slots=True)
class CitedSource:
    """An entry of a brief's numbered Sources list."""

    number: int
    path: str | None
    """Corpus file holding it (the carrying file for a related article); None if not named."""
    sha256: str | None
    """The file's sha256 (or a prefix of it) when the brief was made, if the brief records it."""
    label: str
    extractor: str | None = None
    """For a page or report: what extracted the text the brief quoted (`trafilatura 2.3.1`)."""


@dataclass(frozen=True, slots=True)
class Quote:
    """One citation of a brief: a quoted fact and one source cited for it."""

    fact: str
    number: int
    wordings: tuple[str, ...]
    """What the source is said to state: the fact itself, or (from facts JSON) each wording
    the source gave when near-identical wordings were merged into one fact."""
    spans: tuple[tuple[int, int], ...] = ()
    """Where each wording was, in the decoded file (facts JSON only)."""
    merged: bool = False
    """A later citation in a Markdown brief: the source may state a near-identical wording
    that was merged into the fact, and the brief quotes only the first source's wording."""
    page: int | None = None
    """The page of a PDF report the brief cites it on."""


@dataclass(frozen=True, slots=True)
class CitedBrief:
    """A brief read back: its Sources list and its citations."""

    path: Path
    form: str
    """`markdown`, `pdf` or `json`."""
    sources: dict[int, CitedSource]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True)
class Check:
    """The verdict on one citation."""

    quote: Quote
    source: CitedSource | None
    status: Status
    detail: str = ""
    newer: str = ""
    """For a citation of an older version of a page: what the newest version does with the
    statement (`same`, `changed`, `gone`, `unreadable`); empty otherwise."""

    @property
    def superseded(self) -> bool:
        """True of the file it cites, but the page now says something else, or nothing."""
        return self.newer in ("changed", "gone")


@dataclass(frozen=True, slots=True)
class Report:
    brief: CitedBrief
    corpus: Path
    checks: tuple[Check, ...]

    @property
    def passed(self) -> bool:
        """Every citation checks out, and none quotes a statement a newer version of its page
        changed or dropped: the source now says something else."""
        return all(c.status in PASSING and not c.superseded for c in self.checks)

    @property
    def counts(self) -> dict[str, int]:
        seen = Counter(c.status for c in self.checks)
        return {s: seen[s] for s in STATUSES if seen[s]}

    @property
    def summary(self) -> str:
        n = len(self.checks)
        parts = ", ".join(f"{count} {status}{self._superseded_note(status)}"
                          for status, count in self.counts.items())
        return f"{n} citation{'s' if n != 1 else ''}: {parts or 'none'}"

    def _superseded_note(self, status: str) -> str:
        """' (1 changed in a newer version of its page)' for the citations of `status`."""
        of = [c for c in self.checks if c.status == status]
        notes = [f"{n} {what} a newer version of its page" for n, what in (
            (sum(c.newer == "changed" for c in of), "changed in"),
            (sum(c.newer == "gone" for c in of), "no longer stated by")) if n]
        return f" ({'; '.join(notes)})" if notes else ""

    @property
    def superseded_line(self) -> str | None:
        """Why a brief whose every citation is true of its file still fails: its page has a
        newer version that says something else."""
        n = sum(c.superseded for c in self.checks)
        if not n:
            return None
        return (f"{n} citation{'s' if n != 1 else ''} quote{'s' if n == 1 else ''} what an"
                " older version of a page said: the newer version states it differently or"
                " not at all (make the brief again to quote the newer version)")


# --------------------------------------------------------------------------- reading a brief


def read_brief(path: Path) -> CitedBrief:
    """A Markdown brief, a PDF brief (its attached `facts.json`, else `brief.md`) or a facts
    JSON file, read back into citations. UsageError when it is none of these."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    if data.startswith(b"%PDF-"):
        return _from_pdf(path, data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not a brief: neither a PDF nor UTF-8 text") from None
    if text.lstrip().startswith("["):
        brief = parse_facts_json(text, path, "json")
    else:
        brief = parse_markdown(text, path)
    if not brief.quotes:
        raise UsageError(f"{path} is not a brief: it quotes no cited facts")
    return brief


def _from_pdf(path: Path, data: bytes) -> CitedBrief:
    files = pdf_attachments(path, data)
    if "facts.json" in files:
        return parse_facts_json(files["facts.json"].decode("utf-8"), path, "pdf")
    if "brief.md" in files:
        return parse_markdown(files["brief.md"].decode("utf-8"), path, "pdf")
    raise UsageError(f"{path} carries no facts.json or brief.md: not a PDF made by briefing")


def pdf_attachments(path: Path, data: bytes) -> dict[str, bytes]:
    """The files embedded in a PDF, by name (the first, when a name repeats)."""
    import io

    import pypdf  # about 0.1 s: only verify of a PDF needs it
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if not reader.is_encrypted:
            found = reader.attachments
            return {name: blobs[0] for name, blobs in found.items() if blobs}
    except DependencyError:  # AES needs a library we do not install: encrypted all the same
        pass
    except (PyPdfError, ValueError, KeyError, TypeError) as err:
        raise UsageError(f"cannot read the PDF {path}: {err}") from None
    # briefing never encrypts a brief; a locked copy's citations cannot be read back.
    raise BriefingError(f"{path}: encrypted PDF: cannot be checked")


# Markdown: `“fact text” [1][2]` in a list item; a Sources entry `1. … — file `path`…`.
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
_QUOTE = re.compile(r"“(?P<text>.+)” (?P<refs>(?:\[\d+(?:, p\. \d+)?\])+)")
_MARK = re.compile(r"\[(\d+)(?:, p\. (\d+))?\]")
_ENTRY = re.compile(r"^(?P<n>\d+)\.\s+(?P<body>.*)$")
_FILE = re.compile(r"(?:— file|related article carried in) `(?P<path>[^`]*)`"
                   r"(?:, sha256 `(?P<sha>[0-9a-f]{6,64})`)?(?:, text by `(?P<by>[^`]*)`)?")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_md(text: str) -> str:
    """Markdown text as the renderer escaped it (backslash escapes, `&amp;`) -> plain text."""
    return _UNESCAPE.sub(r"\1", text.replace("&amp;", "&"))


def parse_markdown(text: str, path: Path, form: str = "markdown") -> CitedBrief:
    sources: dict[int, CitedSource] = {}
    found: dict[tuple[str, int], Quote] = {}
    section = ""
    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            section = heading.group(2).strip().casefold() if len(heading.group(1)) == 2 else section
            continue
        if section == "sources":
            entry = _source_entry(line)
            if entry:
                sources.setdefault(entry.number, entry)
        elif _ITEM.match(line):
            for quote in _quotes(line):
                found.setdefault((quote.fact, quote.number), quote)
    return CitedBrief(path, form, sources, tuple(found.values()))


def _source_entry(line: str) -> CitedSource | None:
    m = _ENTRY.match(line)
    if not m:
        return None
    body = m.group("body")
    where = _FILE.search(body)
    label = collapse(unescape_md(body[:where.start()] if where else body)).rstrip(" —(,.")
    if where is None:
        return CitedSource(int(m.group("n")), None, None, label)
    return CitedSource(int(m.group("n")), where.group("path") or None, where.group("sha"), label,
                       where.group("by"))


def _quotes(line: str) -> Iterator[Quote]:
    m = _QUOTE.search(line)
    if not m:
        return
    fact = unescape_md(m.group("text"))
    refs = {int(n): int(page) if page else None for n, page in _MARK.findall(m.group("refs"))}
    # The first marker is the source whose wording is quoted; later ones may have been
    # merged in with a near-identical wording.
    for position, (number, page) in enumerate(refs.items()):
        yield Quote(fact, number, (fact,), merged=position > 0, page=page)


def parse_facts_json(text: str, path: Path, form: str = "json") -> CitedBrief:
    """The brief's facts JSON (`brief_facts_json`, also `briefing facts --json`)."""
    try:
        records = json.loads(text)
    except json.JSONDecodeError as err:
        raise UsageError(f"{path}: the facts JSON is not valid JSON ({err.msg})") from None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise UsageError(f"{path}: the facts JSON is not a list of facts")
    sources: dict[int, CitedSource] = {}
    numbers: dict[str, int] = {}
    quotes: list[Quote] = []
    try:
        for record in records:
            quotes.extend(_record_quotes(record, sources, numbers))
    except (KeyError, TypeError, ValueError) as err:
        raise UsageError(f"{path}: a fact in the facts JSON lacks {err}") from None
    return CitedBrief(path, form, sources, tuple(quotes))


def _record_quotes(record: dict[str, Any], sources: dict[int, CitedSource],
                   numbers: dict[str, int]) -> Iterator[Quote]:
    by_key: dict[str, list[dict[str, Any]]] = {}
    for citation in record["citations"]:
        by_key.setdefault(citation["source"]["key"], []).append(citation)
    refs = record.get("refs") or [numbers.setdefault(k, len(numbers) + 1) for k in by_key]
    for number, citations in zip(refs, by_key.values(), strict=True):
        src = citations[0]["source"]
        sources.setdefault(int(number), CitedSource(
            int(number), src.get("path"), src.get("sha256"), src.get("title") or src["key"],
            src.get("extractor")))
        page = citations[0].get("page")
        yield Quote(str(record["text"]), int(number),
                    tuple(str(c["text"]) for c in citations),
                    tuple((int(c["span"][0]), int(c["span"][1])) for c in citations),
                    page=int(page) if page is not None else None)


# --------------------------------------------------------------------------- checking


@dataclass(frozen=True, slots=True)
class _File:
    sha256: str
    text: str | None
    """Decoded text (for a page or report: the text extracted from it), or None when the
    file cannot be read (see `problem`)."""
    problem: str = ""
    extractor: str | None = None
    """What extracted `text` now, for a page or report."""
    pages: tuple[int, ...] = ()
    printed: PrintedReport | None = None
    """A PDF report as pypdf reads it, to check quotes against it as printed."""


def verify(brief: CitedBrief, corpus: Path) -> Report:
    """Check every citation of a brief against the corpus folder as it is now."""
    root = corpus.resolve()
    files: dict[str, _File | None] = {}
    newer: dict[str, tuple[str, str] | None] = {}
    checks = []
    for quote in brief.quotes:
        source = brief.sources.get(quote.number)
        if source is None or not source.path:
            why = "not in the Sources list" if source is None else "names no corpus file"
            checks.append(Check(quote, source, "missing", f"source [{quote.number}] {why}"))
            continue
        if source.path not in files:
            files[source.path] = _load(root, source.path)
            newer[source.path] = _newer_version(root, source.path)
        check = _check(quote, source, files[source.path])
        found = newer[source.path]
        if check.status in PASSING and found:
            # Still true of the file it cites; a brief made now would cite the newer one.
            newest, when = found
            if newest not in files:
                files[newest] = _load(root, newest)
            updated = f"updated {when[:10]}, " if when else ""
            verdict, in_newer = _in_newer(quote, files[newest])
            said = f"cites an older version of this page ({updated}{newest}); {in_newer}"
            check = replace(check, detail="; ".join(filter(None, (check.detail, said))),
                            newer=verdict)
        checks.append(check)
    return Report(brief, root, tuple(checks))


def _in_newer(quote: Quote, file: _File | None) -> tuple[str, str]:
    """Whether the newest version of a page still states what a brief quotes from an older
    one: the same, changed (its closest sentence, when near enough), or not at all; as a
    verdict (see `Check.newer`) and in words."""
    if file is None or file.text is None:
        return "unreadable", "the newer version cannot be read"
    if _states(file.text, replace(quote, spans=())):  # the spans are the older file's
        return "same", "the newer version says the same"
    closest = _closest_wording(file.text, quote.fact)
    if closest is not None:
        return "changed", f"the statement changed in the newer version: “{closest}”"
    return "gone", "the statement is not in the newer version"


def _closest_wording(text: str, fact: str) -> str | None:
    """The sentence (or two running sentences, as a joined quote has) of `text` most like
    `fact`, when at least CHANGED_WORDING alike."""
    from rapidfuzz.distance import Indel

    want = _normal(fact)
    sentences = list(_sentences(text))
    runs = [*sentences, *(f"{a} {b}" for a, b in pairwise(sentences))]
    best, score = None, CHANGED_WORDING
    for run in runs:
        s = Indel.normalized_similarity(want, run)
        if s >= score:
            best, score = run, s
    return best


def _newer_version(root: Path, rel: str) -> tuple[str, str] | None:
    """The newest version of a cited file `briefing add --refresh` has since fetched again
    (the same URL, fetched later) and when it was fetched: None when the file is the newest.
    The versions of a page sit side by side under one name (`name.html`, `name-v2.html`),
    each with its sidecar."""
    from briefing.ingest.fetch import fetch_record
    from briefing.ingest.provenance import version_order
    from briefing.ingest.walk import SIDECAR

    cited = PurePosixPath(rel)
    if cited.is_absolute() or ".." in cited.parts:
        return None
    own = fetch_record(root / cited)
    m = re.fullmatch(r"(.*?)(?:-v\d+)?(\.\w+)", cited.name)
    if own is None or m is None:
        return None
    folder = (root / cited).parent
    versions = [(version_order(own.fetched_at, rel), rel, own.fetched_at)]
    for sidecar in folder.glob(f"{glob.escape(m.group(1))}*{m.group(2)}{SIDECAR}"):
        page = sidecar.with_name(sidecar.name[:-len(SIDECAR)])
        found = fetch_record(page)
        other = (cited.parent / page.name).as_posix()
        if found is not None and found.url == own.url and other != rel and page.is_file():
            versions.append((version_order(found.fetched_at, other), other, found.fetched_at))
    _, newest, when = max(versions)
    return None if newest == rel else (newest, when or "")


def verify_file(brief: Path, corpus: Path) -> Report:
    return verify(read_brief(brief), corpus)


def _load(root: Path, rel: str) -> _File | None:
    """A corpus file by its relative path; None when it is gone (or would be outside root)."""
    parts = PurePosixPath(rel)
    if parts.is_absolute() or ".." in parts.parts:
        return None
    try:
        data = (root / parts).read_bytes()
    except OSError:
        return None
    from briefing.ingest.document import document_text

    sha = hashlib.sha256(data).hexdigest()
    try:
        text, reading = document_text(rel, data)
    except CorpusError as err:
        return _File(sha, None, str(err))
    if reading is None:
        return _File(sha, text)
    printed = PrintedReport(data) if data.startswith(b"%PDF-") and reading.pages else None
    return _File(sha, text, extractor=reading.extractor, pages=reading.pages, printed=printed)


def _check(quote: Quote, source: CitedSource, file: _File | None) -> Check:
    if file is None:
        return Check(quote, source, "missing", "no such file in the corpus")
    same = source.sha256 is None or file.sha256.startswith(source.sha256.lower())
    since = "" if same else " (the file changed since the brief was made)"
    if file.text is None:
        return Check(quote, source, "not found", f"file unreadable: {file.problem}{since}")
    if not since and source.extractor and file.extractor and source.extractor != file.extractor:
        since = (f" (the file is the same, but its text is now extracted by {file.extractor},"
                 f" not {source.extractor}: our extraction changed)")
    if _states(file.text, quote):
        wrong = _page_problem(file, quote)
        if wrong:
            return Check(quote, source, "not found", f"{wrong}{since}")
        printed = _printed_problem(file, quote)
        if printed == "missing":
            return Check(quote, source, "not found", f"{NOT_AS_PRINTED}{since}")
        if same:
            return Check(quote, source, "ok", printed)
        # The quote still stands: said, so that "changed" is not read as a changed fact
        # (`briefing diff` counts it as read as before).
        still = "the file changed since the brief was made, and still states this"
        return Check(quote, source, "changed", "; ".join(filter(None, (still, printed))))
    near = _near_wording(file.text, quote.fact) if quote.merged else None
    if near is not None and same:
        return Check(quote, source, "ok", f"states a near-identical wording: “{near}”")
    if near is not None:
        return Check(quote, source, "not found",
                     f"only a near-identical wording is left: “{near}”{since}")
    return Check(quote, source, "not found", f"the quoted text is not in the file{since}")


def _normal(text: str) -> str:
    # A PDF's text may hold ligature characters: quoted as they are, compared as letters.
    return collapse(unligature(plain(text)))


def _states(text: str, quote: Quote) -> bool:
    """Whether the file states one of the quote's wordings: at its recorded span, or anywhere."""
    for n, wording in enumerate(quote.wordings):
        if n < len(quote.spans):
            start, end = quote.spans[n]
            if _normal(text[start:end]) == _normal(wording):
                return True
    flat = _normal(text)
    return any(_normal(w) in flat for w in quote.wordings if w.strip())


def _printed_problem(file: _File, quote: Quote) -> str:
    """For a quote from a PDF report: "missing" when the report as printed (pypdf's reading
    of the cited page, and the next) does not state it, a note when pypdf cannot read the
    page, else ""."""
    if file.printed is None:
        return ""
    verdict = printed_verdict(file.printed, quote.wordings, quote.page)
    if verdict.startswith("unread: "):
        return f"not checked against the PDF as printed: {verdict.removeprefix('unread: ')}"
    return verdict


def _page_problem(file: _File, quote: Quote) -> str:
    """Why a quote cited on a page of a report is not on that page ("" when it is, or when
    no page is cited or the source has none)."""
    if quote.page is None:
        return ""
    if not file.pages:
        return f"the brief cites p. {quote.page}, but the file has no pages"
    found = [p for p in range(1, len(file.pages) + 1) if _on_page(file, p, quote)]
    if quote.page in found:
        return ""
    where = f" (it is on p. {found[0]})" if found else ""
    return f"the quoted text is not on p. {quote.page}{where}"


def _on_page(file: _File, page: int, quote: Quote) -> bool:
    """Whether a wording starts on `page`: within it, or running on to the next page."""
    assert file.text is not None
    bounds = (*file.pages, len(file.text))
    if page >= len(bounds):
        return False
    a, b = bounds[page - 1], bounds[page]
    c = bounds[page + 1] if page + 1 < len(bounds) else b
    here, both, after = (_normal(file.text[x:y]) for x, y in ((a, b), (a, c), (b, c)))
    return any(w in here or (w in both and w not in after)
               for w in map(_normal, quote.wordings) if w)


def _near_wording(text: str, fact: str) -> str | None:
    """The file's sentence closest to `fact` when it is near-identical with the same figures."""
    from rapidfuzz.distance import Indel

    from briefing.extract.figures import find_figures

    want = _normal(fact)
    numbers = _numbers(find_figures(want))
    best, score = None, NEAR_SAME_WORDING
    for sentence in _sentences(text):
        s = Indel.normalized_similarity(want, sentence)
        if s >= score and _numbers(find_figures(sentence)) == numbers:
            best, score = sentence, s
    return best


def _numbers(figures: Iterable) -> list[tuple[str, float]]:
    return sorted((f.kind, f.value) for f in figures)


def _sentences(text: str) -> Iterator[str]:
    from briefing.extract.sentences import split_sentences
    from briefing.ingest.blocks import body_blocks

    blocks = body_blocks(text, 0)
    for block in blocks:
        for s, e in split_sentences(text, block.start, block.end):
            yield _normal(text[s:e])


# --------------------------------------------------------------------------- output


def report_lines(report: Report, width: int = 72) -> list[str]:
    """One line per citation, then the one-line summary."""
    lines = []
    for check in report.checks:
        where = check.source.path if check.source and check.source.path else "?"
        fact = _shorten(check.quote.fact, width)
        line = f"{check.status:<9}  [{check.quote.number}] {where}: “{fact}”"
        lines.append(f"{line} — {check.detail}" if check.detail else line)
    lines.append(report.summary)
    if report.superseded_line:
        lines.append(report.superseded_line)
    return lines


def report_json(report: Report) -> dict[str, Any]:
    return {
        "brief": str(report.brief.path),
        "form": report.brief.form,
        "corpus": str(report.corpus),
        "passed": report.passed,
        "summary": report.summary,
        "counts": report.counts,
        "citations": [
            {"status": c.status, "newer_version": c.newer or None, "source": c.quote.number,
             "path": c.source.path if c.source else None,
             "title": c.source.label if c.source else None,
             "fact": c.quote.fact, "detail": c.detail}
            for c in report.checks
        ],
    }


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"
