"""The command palette (ctrl+p): every action of the app by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    title: str
    help: str
    action: str
    """An action of the app, e.g. `export` or `show_tab('preview')`."""


def palette_commands(bindings: list, extra: tuple[PaletteCommand, ...]) -> list[PaletteCommand]:
    """The app's bound actions (one source of truth: its bindings; one entry per action)
    plus unbound ones."""
    found: dict[str, PaletteCommand] = {}
    for b in bindings:
        if isinstance(b, Binding) and b.description and b.description not in found:
            found[b.description] = PaletteCommand(b.description, b.tooltip, b.action)
    return [*found.values(), *extra]


class BriefingCommands(Provider):
    def _commands(self) -> list[tuple[PaletteCommand, Callable[[], object]]]:
        app = self.app
        commands = palette_commands(getattr(app, "MAIN_BINDINGS", app.BINDINGS),
                                    getattr(app, "PALETTE_ONLY", ()))
        return [(c, partial(app.run_action, c.action)) for c in commands]

    async def discover(self) -> Hits:
        for command, run in self._commands():
            yield DiscoveryHit(command.title, run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, run in self._commands():
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), run, help=command.help)
