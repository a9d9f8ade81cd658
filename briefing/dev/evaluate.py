"""`make eval`: extraction measured on real news articles against gold annotations.

A developer tool (CI does not run it). The development set is a recipe plus our own
annotations, committed under `tests/devset/gold/` (one YAML file per article: the search
query, rank and URL it came from, its focus countries, the countries it names only in
passing, and gold facts as short verbatim snippets with their subject country, theme and
figure owners). The article texts belong to their publishers and are never committed: they
are fetched into `tests/devset/texts/` (git-ignored) with the recipe, and an article whose
text is missing is listed, not scored.

Printed per article and in total:
- recall: gold facts found as a statement whose subjects include the gold country;
- found: the same, whatever the country (so a miss can be told from a misattribution);
- mention-credited: statements whose subjects include a country the article names only in
  passing (share of all statements with a country);
- theme: found facts whose themes include the gold theme;
- figures: gold figures whose owner extraction got right, of those it read as figures (and
  of all gold figures: some, like scores and ordinals, are not read as figures at all).

Run: python -m briefing.dev.evaluate [--dir tests/devset] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import CorpusError
from briefing.extract.facts import Statement, extract_statements
from briefing.extract.themes import load_taxonomy
from briefing.ingest.document import read_document
from briefing.text import collapse, plain
from briefing.yamlio import load_yaml


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    right: int = 0
    themed: int = 0
    statements: int = 0
    mention_credited: int = 0
    figures: int = 0
    figures_found: int = 0
    figures_right: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "found", "right", "themed", "statements", "mention_credited",
                     "figures", "figures_found", "figures_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _codes(value: object) -> set[str]:
    if value is None:
        return set()
    return {str(v).upper() for v in (value if isinstance(value, list) else [value])}


def _norm(text: str) -> str:
    return collapse(plain(text)).casefold()


def _matching(statements: list[Statement], quotes: list[str]) -> list[Statement]:
    wanted = [_norm(q) for q in quotes]
    hits = [s for s in statements if all(q in _norm(s.text) for q in wanted)]
    return sorted(hits, key=lambda s: len(s.text))


def score_article(gold: dict, text_path: Path, verbose: bool) -> Score:
    taxonomy = load_taxonomy()
    document = read_document(text_path.parent, text_path)
    statements = [s for a in document.articles for s in extract_statements(a, taxonomy)]
    score = Score(statements=sum(1 for s in statements if s.countries))
    mentioned = _codes(gold.get("mentioned"))
    score.mention_credited = sum(1 for s in statements if mentioned & set(s.countries))
    for fact in gold.get("facts") or []:
        score.gold += 1
        want = _codes(fact.get("country"))
        hits = _matching(statements, fact["quote"])
        label = " / ".join(fact["quote"])
        if not hits:
            score.misses.append(f"missed: {label}")
            continue
        score.found += 1
        right = [s for s in hits if want <= set(s.countries)]
        best = (right or hits)[0]
        if right:
            score.right += 1
        else:
            score.misses.append(f"country {sorted(best.countries)} != {sorted(want)}: {label}")
        if fact.get("theme") in best.themes:
            score.themed += 1
        elif verbose:
            score.misses.append(f"theme {list(best.themes)} lacks {fact.get('theme')}: {label}")
        for fig_text, owner in (fact.get("figures") or {}).items():
            score.figures += 1
            owners = [getattr(f, "country", None) for f in best.figures
                      if _norm(str(fig_text)) in _norm(f.text) or _norm(f.text) in
                      _norm(str(fig_text))]
            score.figures_found += bool(owners)
            if str(owner).upper() in owners:
                score.figures_right += 1
            elif verbose:
                what = f"owner {owners}" if owners else "not read as a figure"
                score.misses.append(f"figure {fig_text!r} {what}, gold owner {owner}")
    if verbose:
        for s in statements:
            if mentioned & set(s.countries):
                score.misses.append(f"mention-credited {sorted(s.countries)}: {s.text[:90]}")
    return score


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "   - "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path("tests/devset"))
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)
    total, missing = Score(), []
    print(f"{'article':10} {'facts':>5} {'recall':>7} {'found':>7} {'theme':>7} "
          f"{'figures right/read/all':>23} {'mention-credited':>17}")
    for gold_path in sorted((args.dir / "gold").glob("*.yaml")):
        gold = load_yaml(gold_path.read_text(encoding="utf-8"))
        text_path = args.dir / "texts" / f"{gold['id']}.txt"
        if not text_path.exists():
            missing.append(f"{gold['id']}: {gold.get('url')} (query {gold.get('query')!r}, "
                           f"rank {gold.get('rank')})")
            continue
        try:
            s = score_article(gold, text_path, args.verbose)
        except CorpusError as err:
            s = Score(gold=len(gold.get("facts") or []), misses=[f"unreadable: {err}"])
        total.add(s)
        print(f"{gold['id']:10} {s.gold:5} {_pct(s.right, s.gold):>7} {_pct(s.found, s.gold):>7}"
              f" {_pct(s.themed, s.found):>7}"
              f" {s.figures_right:>11}/{s.figures_found}/{s.figures:<6}"
              f" {s.mention_credited:>4}/{s.statements:<4}")
        for line in s.misses:
            print(f"    {line}")
    print(f"{'TOTAL':10} {total.gold:5} {_pct(total.right, total.gold):>7} "
          f"{_pct(total.found, total.gold):>7} {_pct(total.themed, total.found):>7} "
          f"{total.figures_right:>11}/{total.figures_found}/{total.figures:<6}"
          f" {total.mention_credited:>4}/{total.statements:<4}"
          f" ({_pct(total.mention_credited, total.statements).strip()})")
    print(f"figure owners right: {_pct(total.figures_right, total.figures_found).strip()} of "
          f"the gold figures read as figures")
    if missing:
        print(f"\n{len(missing)} article(s) without text (fetch them with the recipe):",
              file=sys.stderr)
        for line in missing:
            print(f"  {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
