"""PDF reports: text in reading order, with the offset where each page starts.

pdfminer.six finds the text boxes (paragraphs) of each page; we put them in reading order
ourselves (column by column, top to bottom, full-width boxes such as a title splitting the
page into bands), because its own ordering interleaves two-column pages. Running headers
and footers (boxes near the top or bottom edge that repeat across pages, and bare page
numbers) are dropped; a word hyphenated at a line end is joined. Each box becomes one
paragraph, paragraphs are separated by blank lines, pages follow each other.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from briefing.corpus import date_line, parse_date
from briefing.errors import CorpusError
from briefing.formats import Reading

#: A box this close to the top or bottom edge (share of the page height) may be a running
#: header or footer.
EDGE = 0.1
#: A running header or footer is a line or two: at most this many words.
RUNNING_WORDS = 16
#: A PDF with more pages is cut off here (and says so): a corpus file is a report, not a
#: library, and a hostile file must not keep the indexer busy for ever.
MAX_PAGES = 1000
#: A box wider than this share of the text area spans the columns (a title, a table).
FULL_WIDTH = 0.6
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$"
                          r"|^[ivxlcdm]{1,6}$", re.I)
# Auto-hyphenation marks (WeasyPrint and TeX write U+2010 or a soft hyphen): always a break.
_SOFT_HYPHENS = ("\u00ad", "\u2010")
_WORD_END = re.compile(r"(\w+)[-\u00ad\u2010]$")
_WORD_START = re.compile(r"^(\w+)")


@dataclass(frozen=True, slots=True)
class _Box:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    lines: tuple[str, ...]
    page_height: float

    @property
    def flat(self) -> str:
        return " ".join(" ".join(self.lines).split())


def read_pdf(data: bytes) -> Reading:
    """A report's text and metadata. CorpusError (encrypted, no text layer, broken)."""
    import pdfminer  # about 0.15 s: only PDFs need it

    document, pages = _open(data)
    boxes = list(_boxes(pages))
    if not any(b.flat for b in boxes):
        raise CorpusError("no text layer (a scanned PDF?): nothing to quote")
    boxes = _without_running_lines(boxes)
    text, starts = _layout(boxes, _words(boxes))
    meta = _metadata(document)
    first = [b.flat for b in boxes if b.page == 0]
    title = meta.get("title") or _first_title(first)
    day = meta.get("date") or next((d for d in map(date_line, first[:8]) if d), None)
    warnings = (f"longer than {MAX_PAGES} pages: read up to page {MAX_PAGES}",) \
        if len(starts) >= MAX_PAGES else ()
    return Reading(text=text, extractor=f"pdfminer.six {pdfminer.__version__}", title=title,
                   date=day, pages=tuple(starts), warnings=warnings)


# --------------------------------------------------------------------------- opening


def _open(data: bytes):
    """The parsed document and its laid-out pages, or CorpusError with the reason."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    if not data.startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise CorpusError("not a PDF file (no %PDF- header)")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        resources = PDFResourceManager(caching=True)
        device = PDFPageAggregator(resources, laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        pages = []
        for n, page in enumerate(PDFPage.create_pages(document)):
            if n >= MAX_PAGES:
                break
            interpreter.process_page(page)
            pages.append(device.get_result())
    except PDFPasswordIncorrect:
        raise CorpusError("encrypted PDF: it needs a password") from None
    except Exception as err:  # pdfminer raises many kinds on a damaged file
        raise CorpusError(_broken(err)) from None
    return document, pages


def _broken(err: Exception) -> str:
    from pdfminer.pdfdocument import PDFEncryptionError

    if isinstance(err, PDFEncryptionError):
        return f"encrypted PDF that cannot be read: {err}"
    detail = " ".join(str(err).split())[:120] or type(err).__name__
    return f"broken PDF: {detail}"


def _boxes(pages: Iterable) -> Iterator[_Box]:
    from pdfminer.layout import LTTextBox

    for n, page in enumerate(pages):
        height = page.height
        for item in page:
            if isinstance(item, LTTextBox):
                lines = tuple(line.get_text().rstrip("\n") for line in item)
                # pdfminer's y grows upwards: `top` here is the distance from the top edge.
                yield _Box(n, item.x0, height - item.y1, item.x1, height - item.y0, lines,
                           height)


# --------------------------------------------------------------------------- running lines


def _without_running_lines(boxes: list[_Box]) -> list[_Box]:
    """Drop running headers and footers: boxes at a page's edge whose wording (digits
    aside) repeats on other pages, and bare page numbers there."""
    edge = [b for b in boxes if _at_edge(b)]
    pages = len({b.page for b in boxes})
    seen = Counter(_shape(b.flat) for b in edge)
    repeats = {shape for shape, n in seen.items() if n >= 2 and n >= pages / 3}

    def running(box: _Box) -> bool:
        return _at_edge(box) and (
            _shape(box.flat) in repeats or bool(_PAGE_NUMBER.match(box.flat)))

    return [b for b in boxes if b.flat and not running(b)]


def _at_edge(box: _Box) -> bool:
    if len(box.flat.split()) > RUNNING_WORDS:
        return False  # body text that reaches the margin, not a header
    return box.top < box.page_height * EDGE or box.bottom > box.page_height * (1 - EDGE)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


# --------------------------------------------------------------------------- reading order


def _reading_order(boxes: list[_Box]) -> list[_Box]:
    """One page's boxes in reading order: bands split by full-width boxes; within a band,
    columns left to right, each top to bottom."""
    if not boxes:
        return []
    left = min(b.x0 for b in boxes)
    width = max(max(b.x1 for b in boxes) - left, 1.0)
    out: list[_Box] = []
    band: list[_Box] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if box.x1 - box.x0 > FULL_WIDTH * width:
            out.extend(_columns(band, left, width))
            out.append(box)
            band = []
        else:
            band.append(box)
    out.extend(_columns(band, left, width))
    return out


def _columns(band: list[_Box], left: float, width: float) -> list[_Box]:
    # A box's column: which third of the text area its left edge falls in (one, two or
    # three columns all sort correctly by it).
    return sorted(band, key=lambda b: (int(3 * (b.x0 - left) / width), b.top, b.x0))


# --------------------------------------------------------------------------- text


def _layout(boxes: list[_Box], words: set[str]) -> tuple[str, list[int]]:
    """The document's text and the offset where each page starts. A paragraph cut by a
    column or page break (no closing punctuation, the next box going on in lower case) is
    joined again: its page is where it starts."""
    text = ""
    starts: list[int] = []
    pages = max((b.page for b in boxes), default=-1) + 1
    for page in range(pages):
        starts.append(len(text))
        for box in _reading_order([b for b in boxes if b.page == page]):
            paragraph = join_lines(box.lines, words)
            if not paragraph:
                continue
            if text and _goes_on(text, paragraph):
                cut = text.rfind("\n\n", 0, len(text) - 2) + 2  # where the last one starts
                text = text[:cut] + join_lines((text[cut:-2], paragraph), words) + "\n\n"
                starts[-1] = min(starts[-1], len(text) - 2)
            else:
                text += paragraph + "\n\n"
    end = len(text.rstrip("\n"))
    return text.rstrip("\n") + "\n", [min(s, end) for s in starts]


def _goes_on(text: str, paragraph: str) -> bool:
    last = text.rstrip("\n")
    return (not last.endswith((".", "!", "?", ":", ";", "…", '"', "”", ")"))
            and paragraph[:1].islower())


def _words(boxes: list[_Box]) -> set[str]:
    """Every word of the document in lower case: tells a hyphenated compound broken at
    its hyphen ("state-owned") from a word broken by hyphenation ("infra-structure")."""
    return {w.lower() for b in boxes for line in b.lines for w in re.findall(r"\w+", line)}


def join_lines(lines: Iterable[str], words: set[str]) -> str:
    """A box's lines as one paragraph: a hyphenation break joined, other breaks a space."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
        elif _hyphen_break(out, line, words):
            out = out[:-1] + line
        elif _WORD_END.search(out) and _WORD_START.match(line):
            out += line  # a compound broken at its own hyphen: "state-" "owned"
        else:
            out += " " + line
    return out


def _hyphen_break(before: str, after: str, words: set[str]) -> bool:
    """Whether `before` ends in a hyphen that only breaks a word across lines."""
    head, tail = _WORD_END.search(before), _WORD_START.match(after)
    if not head or not tail or not tail.group(1)[0].islower():
        return False
    if before.endswith(_SOFT_HYPHENS):
        return True
    return (head.group(1) + tail.group(1)).lower() in words


# --------------------------------------------------------------------------- metadata


def _metadata(document) -> dict[str, str]:
    """Title and date from the XMP packet, else the document information dictionary."""
    found = _xmp(document)
    info = _info(document)
    for key in ("title", "date"):
        if not found.get(key) and info.get(key):
            found[key] = info[key]
    return found


def _info(document) -> dict[str, str]:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    for info in getattr(document, "info", []) or []:
        for key, name in (("Title", "title"), ("CreationDate", "date")):
            value = resolve1(info.get(key))
            if isinstance(value, bytes):
                text = " ".join(decode_text(value).split())
                out.setdefault(name, parse_date(_pdf_date(text)) if name == "date" else text)
    return {k: v for k, v in out.items() if v}


def _pdf_date(value: str) -> str:
    """`D:20250314093000+01'00'` -> `2025-03-14` (parse_date reads that)."""
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})", value)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else value


def _xmp(document) -> dict[str, str]:
    """dc:title and the creation date from the XMP metadata, parsed without a DTD, entities
    or network: the packet is untrusted like the rest of the file."""
    from lxml import etree
    from pdfminer.pdftypes import resolve1

    try:
        stream = resolve1(document.catalog.get("Metadata"))
        data = stream.get_data() if stream is not None else None
    except Exception:  # a damaged metadata stream: the first page still gives them
        return {}
    if not data:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=True)
    try:
        root = etree.fromstring(data.strip(), parser)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"}
    title = root.xpath("string(//dc:title//rdf:li[1])", namespaces=ns)
    day = (root.xpath("string(//xmp:CreateDate)", namespaces=ns)
           or root.xpath("string(//dc:date//rdf:li[1])", namespaces=ns))
    out = {"title": " ".join(str(title).split()), "date": parse_date(str(day)) or ""}
    return {k: v for k, v in out.items() if v}


def _first_title(first_page: list[str]) -> str | None:
    """A report with no title in its metadata: the first short line of its first page."""
    for line in first_page[:5]:
        if 2 <= len(line.split()) <= 20 and not date_line(line):
            return line
    return None
