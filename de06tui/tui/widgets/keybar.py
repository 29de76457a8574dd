"""The key bar at the foot of every screen: the shown bindings of the screen, as one line.

Textual's Footer mounts a widget per key and recomposes them whenever the bindings change,
which made it the costliest part of the first frame. This bar renders the same list as one
piece of content; a click on a key presses it.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widgets import Static

from de06tui.tui.actions import label, order


class KeyBar(Static):
    # Styled in app.tcss.

    def __init__(self) -> None:
        super().__init__(id="keybar", markup=False)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each shown key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        self.refresh()

    def shown(self) -> list[tuple[str, str, bool, str]]:
        """(key display, description, enabled, key) of each binding the screen shows, one per action."""
        seen: set[str] = set()
        out = []
        lang = getattr(self.app, "lang", "en")
        # In the registry's order, whichever node (table, screen, app) a binding comes from.
        for _node, binding, enabled, _tooltip in sorted(self.screen.active_bindings.values(),
                                                        key=lambda b: order(b.binding)):
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            out.append((self.app.get_key_display(binding), label(binding, lang), enabled, binding.key))
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            _node, binding, enabled, _tooltip = palette
            out.append((self.app.get_key_display(binding), label(binding, lang), enabled, binding.key))
        return out

    def render(self) -> Content:
        parts: list[tuple[str, str] | str] = []
        spans = []
        at = 0
        for display, description, enabled, key in self.shown():
            dim = "" if enabled else " dim"
            chunk = f" {display} "
            parts.append((chunk, "bold $footer-key-foreground" + dim))
            label = f"{description} " if description else ""
            parts.append((label, "$footer-description-foreground" + dim))
            width = cell_len(chunk) + cell_len(label)
            spans.append((at, at + width, key))
            at += width
        self._spans = spans
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
