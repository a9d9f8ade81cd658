"""The Markdown renderer: a `Brief` through `templates/brief.md.j2`.

Every value a template prints passes through `finalize`, which escapes it as Markdown text,
so article text can never become a link, an image, raw HTML or a heading. Only values the
template builds itself from trusted parts (citation markers, checked URLs) are marked `Raw`.

No control character reaches the file raw, whatever a value or a user's template holds:
`cat brief.md` must not clear a terminal or set its clipboard. Each is drawn as its Unicode
control picture (ESC as ␛, U+001B), a C1 control as `\u0085`; tabs and newlines stay.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from briefing.brief.compare import SCALE_WORDS, converted_amount, joined_range, range_top
from briefing.brief.render.template_cache import CompiledTemplates
from briefing.extract.figures import PHYSICAL_UNITS
from briefing.model import Brief, Figure
from briefing.resources import templates_dir

TEMPLATE = "brief.md.j2"


class Raw(str):
    """Text the template produced from trusted parts: printed as is."""


# Characters that change how CommonMark/GFM renders inline text. Only these are escaped,
# so the file stays readable as plain text.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Every C0 and C1 control but tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Block syntax only counts at the start of a line: headings, quotes, list markers, and a
# line of dashes alone (a thematic break or a setext underline: a title "---" is text).
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s)|-+(?=[-\s]*$)|=+(?=\s*$)"
                         r"|\d+(?=[.)](?:\s|$)))", re.M)


def escape_md(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    text = " ".join(str(text).split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return visible_controls(_LINE_START.sub(_escape_line_start, text))


def visible_controls(text: str) -> str:
    """Control characters drawn visibly: C0 and DEL as their control pictures (␛ U+241B,
    ␡ U+2421), C1 as `\u0085` (in Markdown a backslash before a letter is literal)."""
    return _CONTROL.sub(_picture, text) if _CONTROL.search(text) else text


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"\\u{code:04x}"


def _escape_line_start(m: re.Match[str]) -> str:
    # `# x`, `> x`, `- x` need `\#`; `1. x` needs `1\.` (a backslash before a digit is literal).
    mark = m.group(2)
    if mark[0].isdigit():
        return m.group(1) + mark + "\\"
    return m.group(1) + "\\" + mark


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Raw | int | float):
        return value
    return escape_md(value)


def link(url: str | None) -> Raw:
    """An autolink for a checked http(s) URL; anything else is shown as text."""
    if url and re.fullmatch(r"https?://[^\s<>\"'`\\]+", url):
        return Raw(f"<{url}>")
    return Raw(escape_md(url or ""))


def markers(refs: Iterable[int | tuple[int, int | None]]) -> Raw:
    """Citation markers `[1][3, p. 14]`: numbers into the Sources list, with the page for
    a PDF report (pass `BriefItem.cites()`)."""
    return Raw("".join(_marker(*ref) if isinstance(ref, tuple) else _marker(ref)
                       for ref in refs))


def _marker(number: int, page: int | None = None) -> str:
    return f"[{int(number)}, p. {int(page)}]" if page else f"[{int(number)}]"


def country_list(codes: Iterable[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(c, c) for c in codes) or "—"


def names(codes: Iterable[str], known: dict[str, str]) -> str:
    """Countries in words, as a label says them: `China`, `Japan and China`,
    `South Korea, Japan and China`."""
    shown = [known.get(c, c) for c in codes]
    return ", ".join(shown[:-1]) + " and " + shown[-1] if len(shown) > 1 else "".join(shown)


def rate_text(rate: float) -> str:
    """An exchange rate as the user wrote it, never in exponent form: `0.000072`."""
    return format(Decimal(repr(rate)).normalize(), "f")


#: Base units of physical figures, shown with SI prefixes.
_SI_UNITS = frozenset(PHYSICAL_UNITS.values())
_SI_PREFIXES = ((1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"),
                (1e3, "k"))


def figure_value(figure: Figure) -> str:
    """The normalised value, for the key-figures table: `6.8 bn USD`, `36%`, `260,000 GPUs`,
    `$68 bn` for a dollar of no known country."""
    v = figure.value
    # A range ("5-6 billion yuan", "30-40%") is shown whole: its value is only the lower end.
    top = range_top(figure) if figure.kind != "year" else None
    if figure.kind == "percent":  # "one-third" is 33.33%, not 33.3333%; "12.45%" stays whole
        return f"{v:.4g}%" if top is None else f"{v:.4g}–{top:.4g}%"
    if figure.kind == "year":
        return f"{v:.0f}"
    if figure.unit in _SI_UNITS:  # power, energy, data, speed: `1.9 GW`, `89 TWh`, `40 PB`
        scale, prefix = next(((s, p) for s, p in _SI_PREFIXES if abs(v) >= s), (1.0, ""))
        return f"{v / scale:,.2f}".rstrip("0").rstrip(".") + f" {prefix}{figure.unit}"
    if top is None:
        return amount(v, figure.unit)
    number = joined_range(amount(v, None), amount(top, None))
    if figure.unit == "$":
        return f"${number}"
    return f"{number} {figure.unit}" if figure.unit else number


def amount(value: float, unit: str | None) -> str:
    """A sum of money or a count, shortened: `6.8 bn USD`, `$68 bn`, `260,000 GPUs` (also an
    amount converted at the user's rates)."""
    for scale, word in SCALE_WORDS:
        if abs(value) >= scale:
            number = f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    if unit == "$":  # a dollar of no known country (`extract.figures.dollar_currency`)
        return f"${number}"
    return f"{number} {unit}" if unit else number


@functools.lru_cache(maxsize=8)
def environment(template_dir: Path | None = None) -> jinja2.Environment:
    """Templates from the user's folder first (when given), then the packaged ones.
    Cached: compiling the template costs more than rendering it (Jinja still reloads a
    template file that changed)."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(str(template_dir)))
    loaders.append(jinja2.FileSystemLoader(str(templates_dir())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), finalize=_finalize, autoescape=False,
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True, bytecode_cache=CompiledTemplates(),
    )
    env.globals.update(link=link, markers=markers, raw=Raw, figure_value=figure_value,
                       names=names, amount=amount, rate_text=rate_text,
                       converted_amount=converted_amount, country_list=country_list)
    env.filters["md"] = escape_md
    env.filters["raw"] = Raw
    return env


def render_markdown(brief: Brief, *, template: Path | None = None,
                    chart_files: Sequence[str] = ()) -> str:
    """The brief as Markdown. `template`: a user's Markdown template file instead of ours.
    `chart_files`: the names of the SVG files of `brief.charts`, written beside the
    Markdown, which links them (none: each chart is shown by its data table alone)."""
    if template is not None:
        env = environment(template.parent)
        name = template.name
    else:
        env = environment()
        name = TEMPLATE
    try:
        text = env.get_template(name).render(brief=brief, b=brief,
                                             chart_files=tuple(chart_files))
    except jinja2.TemplateError as err:
        from briefing.errors import UsageError

        raise UsageError(f"template {name}: {err}") from None
    # One blank line between blocks and a single final newline, whatever the template did;
    # no control character raw, whatever a value marked raw or a user's template held.
    return visible_controls(re.sub(r"\n{3,}", "\n\n", text).strip() + "\n")
