"""The brief as a print-ready, tagged PDF (WeasyPrint), safe whatever the articles contain.

The HTML comes from `brief.html.j2` (autoescaped Jinja2; a user's template folder overrides
the packaged one) and is laid out by WeasyPrint with a URL fetcher that serves only the
template folders' own assets. The Markdown and the facts JSON ride along as PDF attachments,
so anyone holding the PDF can check every citation. Same brief → byte-identical PDF.

A character that no installed font can draw never stops the PDF: WeasyPrint would draw it
as an empty box and say so only in its log, so the first layout listens for that, and when
it hears of any the brief is laid out again with each such character replaced by a visible
placeholder and the Method section saying so once. The Markdown (and the attached copy)
keeps every character.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import jinja2

from briefing.brief.compare import converted_amount
from briefing.brief.render.markdown import amount, figure_value, names, rate_text
from briefing.brief.render.template_cache import CompiledTemplates
from briefing.errors import BriefingError, UsageError
from briefing.model import Brief
from briefing.resources import templates_dir

if TYPE_CHECKING:  # only for annotations: weasyprint costs ~0.7 s to import
    import weasyprint

HTML_TEMPLATE = "brief.html.j2"
PAPERS = ("a4", "letter")

#: Variants that keep the attachments and need no clock: PDF/A-1/2 drop non-PDF attachments,
#: every PDF/X variant writes the current time (x-4/x-5g also a random UUID).
PDF_VARIANTS: tuple[str, ...] = (
    "pdf/a-3b", "pdf/a-3u", "pdf/a-3a", "pdf/a-4f", "pdf/ua-1", "pdf/ua-2",
)
_REFUSED_VARIANTS = {
    "pdf/a-1": "drops the embedded Markdown and facts",
    "pdf/a-2": "drops the embedded Markdown and facts",
    "pdf/x-": "writes the current time into the file (not reproducible)",
}

#: What `apt-get` needs when WeasyPrint cannot load its C libraries (Debian names).
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig"

#: Fonts the stylesheet asks for, and fallbacks for other scripts and emoji (Debian names).
FONT_PACKAGES = ("fonts-noto-core fonts-noto-cjk fonts-dejavu-core fonts-noto-color-emoji "
                 "fonts-noto-extra")

#: What stands for a character no installed font can draw: a white square (DejaVu Sans
#: and Noto Sans Symbols 2 have it), else a question mark (any font has it).
PLACEHOLDERS = ("\u25a1", "?")

#: The base URL of the document: relative references resolve under it, and the fetcher serves
#: only single names under it. `.invalid` never resolves, and nothing is fetched from it.
ASSET_BASE = "https://briefing.invalid/assets/"
_ASSET_TYPES = {
    ".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
_ASSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
#: Where the template finds the brief's charts: `chart-1.svg` ... drawn for this brief and
#: served from memory (never a file, never the network).
CHART_BASE = "https://briefing.invalid/charts/"


def render_pdf(brief: Brief, *, markdown: str, facts_json: str, paper: str = "a4",
               variant: str | None = None, template_dir: Path | None = None,
               charts: Sequence[str] | None = None) -> bytes:
    """The brief as PDF bytes, with `brief.md` and `facts.json` attached.

    `paper`: 'a4' | 'letter'. `variant`: None or one of `PDF_VARIANTS`. `template_dir`: a
    folder whose `brief.html.j2` / `brief.css` override the packaged ones. `charts`: the
    SVG of each of `brief.charts`, when already drawn (else they are drawn here).
    """
    variant = variant.lower() if variant else None
    _check_variant(variant)
    html = render_html(brief, template_dir=template_dir, paper=paper)
    if charts is None and brief.charts:
        from briefing.brief.charts import chart_svgs

        charts = chart_svgs(brief.charts)
    svgs = dict(zip(chart_urls(brief), charts or (), strict=True))
    wp = _import_weasyprint()
    fetcher = _asset_fetcher(wp, _template_dirs(template_dir), svgs)
    stamp = _as_of_stamp(brief)

    def write(html: str) -> tuple[bytes, set[str]]:
        # Attachments are read once: each layout gets its own.
        attachments = [
            wp.Attachment(string=markdown, name="brief.md", created=stamp, modified=stamp,
                          description="This brief as Markdown", relationship="Alternative",
                          url_fetcher=fetcher),
            wp.Attachment(string=facts_json, name="facts.json", created=stamp, modified=stamp,
                          description="The cited facts, their sources and character spans",
                          relationship="Data", url_fetcher=fetcher),
        ]
        with _missing_glyphs() as missing, _reproducible_font_subsets(stamp):
            try:
                document = wp.HTML(string=html, base_url=ASSET_BASE, url_fetcher=fetcher)
                pdf = document.write_pdf(pdf_variant=variant, pdf_tags=True,
                                         attachments=attachments)
            except wp.urls.FatalURLFetchingError as refused:
                raise BriefingError(f"PDF template: {refused.__cause__ or refused}") from None
        return pdf, set(missing.missing)

    pdf, undrawable = write(html)
    for placeholder in PLACEHOLDERS if undrawable else ():
        shown = Undrawable(tuple(sorted(undrawable)), placeholder)
        html = render_html(brief, template_dir=template_dir, paper=paper, undrawable=shown)
        table = dict.fromkeys(map(ord, undrawable), placeholder)
        fetcher.charts = {url: svg.translate(table) for url, svg in svgs.items()}
        pdf, left = write(html.translate(table))
        if not left:
            return pdf
        undrawable |= left - {placeholder}  # the placeholder itself: try the next one
    if undrawable:
        raise BriefingError(f"no installed font can draw the placeholder for "
                            f"{_characters(undrawable)}; install fonts (Debian: "
                            f"{FONT_PACKAGES})")
    return pdf


@dataclass(frozen=True, slots=True)
class Undrawable:
    """Characters of the brief no installed font can draw, and what the PDF shows instead."""

    chars: tuple[str, ...]
    placeholder: str

    @property
    def codes(self) -> str:
        """`U+0002, U+001B`."""
        return ", ".join(f"U+{ord(ch):04X}" for ch in self.chars)


def render_html(brief: Brief, *, template_dir: Path | None = None, paper: str = "a4",
                undrawable: Undrawable | None = None) -> str:
    """The HTML the PDF is laid out from (useful for tests and debugging). `undrawable`:
    the characters shown as a placeholder, for the Method section to say so."""
    if paper not in PAPERS:
        raise UsageError(f"unknown paper size {paper!r}; choose one of {', '.join(PAPERS)}")
    env = _environment(_template_dirs(template_dir))
    try:
        template = env.get_template(HTML_TEMPLATE)
        return template.render(brief=brief, paper=paper, meta=document_metadata(brief),
                               undrawable=undrawable, chart_urls=chart_urls(brief))
    except jinja2.TemplateError as error:
        where = f" (line {error.lineno})" if getattr(error, "lineno", None) else ""
        raise BriefingError(f"PDF template {HTML_TEMPLATE}{where}: {error.message}") from None


def chart_urls(brief: Brief) -> tuple[str, ...]:
    """Where the template's `<img>` finds each chart (see `CHART_BASE`)."""
    return tuple(f"{CHART_BASE}chart-{n}.svg" for n in range(1, len(brief.charts) + 1))


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True, slots=True)
class DocumentMetadata:
    """What the PDF's Info dictionary and XMP say about the brief."""

    title: str
    subject: str
    """The selection, e.g. `Countries: South Korea; themes: all`."""
    keywords: tuple[str, ...]
    generator: str
    """`briefing 0.1.0`, written as the PDF's Creator."""


def document_metadata(brief: Brief) -> DocumentMetadata:
    sel = brief.selection
    countries = [brief.country_names.get(c, c) for c in sel.countries]
    themes = [brief.theme_names.get(t, t) for t in sel.themes]
    subject = (f"Countries: {'; '.join(countries) or 'all'}; "
               f"themes: {'; '.join(themes) or 'all'}")
    # Keywords are split on commas by WeasyPrint: keep a name whole.
    names = (countries or list(brief.country_names.values())) + (
        themes or list(brief.theme_names.values()))
    keywords = tuple(dict.fromkeys(n.replace(",", "") for n in names))
    return DocumentMetadata(brief.title, subject, keywords, f"briefing {brief.version}")


# --------------------------------------------------------------------------- template helpers


def _template_dirs(template_dir: Path | None) -> tuple[Path, ...]:
    if template_dir is None:
        return (templates_dir(),)
    if not Path(template_dir).is_dir():
        raise UsageError(f"template folder {str(template_dir)!r} does not exist")
    return (Path(template_dir), templates_dir())


def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in dirs])
    env = jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True,
                             bytecode_cache=CompiledTemplates())
    # figure_value: the same normalised value the Markdown table shows.
    env.filters.update(script_lang=script_lang, figure_value=figure_value)
    env.tests["web_url"] = is_web_url
    # names, amount, rate_text: a comparison's labels and converted amounts, worded as in
    # the Markdown.
    env.globals.update(country_list=country_list, names=names, amount=amount,
                       rate_text=rate_text, converted_amount=converted_amount)
    return env


def is_web_url(url: str | None) -> bool:
    """Only http(s) URLs become links; anything else (javascript:, file:) is shown as text."""
    return bool(url) and re.match(r"https?://[^\s/]", url, re.IGNORECASE) is not None


def country_list(brief: Brief, codes: tuple[str, ...]) -> str:
    return ", ".join(brief.country_names.get(c, c) for c in codes) or "—"


# --------------------------------------------------------------------------- scripts

_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
_KANA = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
# Frequent characters that exist in only one of the two Chinese scripts, pairwise.
_SIMPLIFIED = set("这们国为说对发会经时个来过还进开关问实现学与"
                  "东长门间见车书语读话员业务产动区华单术众")
_TRADITIONAL = set("這們國為說對發會經時個來過還進開關問實現學與"
                   "東長門間見車書語讀話員業務產動區華單術眾")


def _in(ranges: tuple[tuple[int, int], ...], ch: str) -> bool:
    return any(lo <= ord(ch) <= hi for lo, hi in ranges)


def script_lang(text: str | None) -> str | None:
    """`ko`, `ja`, `zh-Hans` or `zh-Hant` when at least a third of the letters are Hangul,
    Kana or Han (a CJK character carries a syllable, a Latin letter less); else None.

    The PDF's CSS picks the matching Noto CJK face by `:lang()`: without it, font fallback
    draws Korean and Chinese with the Japanese glyph forms.
    """
    letters = [ch for ch in text or "" if ch.isalpha()]
    hangul = sum(_in(_HANGUL, ch) for ch in letters)
    kana = sum(_in(_KANA, ch) for ch in letters)
    han = sum(_in(_HAN, ch) for ch in letters)
    if 3 * (hangul + kana + han) < len(letters) or not letters:
        return None
    if hangul and hangul >= kana and 2 * hangul >= han:
        return "ko"
    if kana:
        return "ja"
    if not han:
        return None
    traditional = sum(ch in _TRADITIONAL for ch in letters)
    simplified = sum(ch in _SIMPLIFIED for ch in letters)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


# --------------------------------------------------------------------------- WeasyPrint


def _import_weasyprint() -> ModuleType:
    try:
        import weasyprint  # ~0.7 s: only when a PDF is made
        import weasyprint.urls
    except OSError as error:  # cffi could not load Pango/HarfBuzz/fontconfig
        raise BriefingError(
            f"PDF needs system libraries ({error.__class__.__name__}: "
            f"{str(error).splitlines()[0]}); install them with: "
            f"apt-get install {SYSTEM_PACKAGES}") from None
    return weasyprint


def _check_variant(variant: str | None) -> None:
    if variant is None or variant in PDF_VARIANTS:
        return
    reason = next((why for prefix, why in _REFUSED_VARIANTS.items()
                   if variant.lower().startswith(prefix)), None)
    because = f" ({reason})" if reason else ""
    raise UsageError(f"PDF variant {variant!r} is not supported{because}; "
                     f"choose one of {', '.join(PDF_VARIANTS)}")


def _as_of_stamp(brief: Brief) -> datetime:
    """The one date written into the file (attachments' dates): the brief's as-of day."""
    return datetime(brief.as_of.year, brief.as_of.month, brief.as_of.day, tzinfo=UTC)


@dataclass(slots=True)
class AssetFetcherLog:
    """Every URL WeasyPrint asked for, and which were refused (read by tests)."""

    asked: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def asset_path(url: str, dirs: tuple[Path, ...]) -> Path | None:
    """The template-folder file a URL names, or None: only `ASSET_BASE` + one plain file name
    with a known suffix, looked up in the user's folder first, then the packaged one."""
    if not url.startswith(ASSET_BASE):
        return None
    name = url[len(ASSET_BASE):]
    if not _ASSET_NAME.fullmatch(name) or Path(name).suffix.lower() not in _ASSET_TYPES:
        return None
    return next((d / name for d in dirs if (d / name).is_file()), None)


def _asset_fetcher(wp, dirs: tuple[Path, ...], charts: dict[str, str] | None = None
                   ) -> weasyprint.urls.URLFetcher:
    """A fetcher (an instance, as WeasyPrint requires) that serves the template folders' own
    assets by name and the brief's charts (SVG drawn for it, by their `CHART_BASE` URL)
    and refuses everything else: file:, http(s):, data:, paths out."""

    class AssetFetcher(wp.urls.URLFetcher):
        def __init__(self) -> None:
            # fail_on_errors: a refused URL stops the render (FatalURLFetchingError) rather
            # than leave a silent hole; only a template can ask for one, never article text.
            super().__init__(allowed_protocols=set(), fail_on_errors=True)
            self.log = AssetFetcherLog()
            self.charts = dict(charts or {})

        def fetch(self, url, headers=None):
            self.log.asked.append(url)
            chart = self.charts.get(url)
            if chart is not None:  # drawn by us from the brief's numbers, in memory
                return wp.urls.URLFetcherResponse(url, chart.encode("utf-8"),
                                                  {"Content-Type": "image/svg+xml"})
            path = asset_path(url, dirs)
            if path is None:
                self.log.refused.append(url)
                raise ValueError(f"refused to fetch {url[:200]!r}: only the template folder's "
                                 f"own assets ({', '.join(sorted(_ASSET_TYPES))}) are served")
            mime = _ASSET_TYPES[path.suffix.lower()]
            return wp.urls.URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return AssetFetcher()


class _NotdefCollector(logging.Filter):
    """Collects the characters WeasyPrint drew as .notdef (an empty box) for want of a font,
    and keeps its warning from any handler: the PDF is laid out again without them."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: dict[str, None] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith(".notdef glyph") and record.args:
            self.missing[str(record.args[0])] = None
            return False
        return True


@contextmanager
def _missing_glyphs() -> Iterator[_NotdefCollector]:
    """Listens to WeasyPrint for the characters it drew as .notdef while laying out."""
    logger = logging.getLogger("weasyprint")
    collector = _NotdefCollector()
    level = logger.level
    if logger.getEffectiveLevel() > logging.WARNING:  # someone quietened it: we still listen
        logger.setLevel(logging.WARNING)
    logger.addFilter(collector)
    try:
        yield collector
    finally:
        logger.removeFilter(collector)
        logger.setLevel(level)


def _characters(chars: set[str]) -> str:
    shown = sorted(chars)
    listed = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in shown[:8])
    return listed + (f" and {len(shown) - 8} more" if len(shown) > 8 else "")


@contextmanager
def _reproducible_font_subsets(stamp: datetime) -> Iterator[None]:
    # Without libharfbuzz-subset, fontTools subsets fonts and writes the current time into
    # each subset's `head` table unless SOURCE_DATE_EPOCH is set.
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = saved or str(int(stamp.timestamp()))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
