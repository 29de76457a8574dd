"""The units board's two tabs, departments and communes, drawn at once when switched.

Textual's ``Tabs`` slides its underline to a new tab over 0.3 s, and a key is not done until its
animations are; here the underline is simply drawn under the tab that is active.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

GAP = 2  # columns between two tabs


class CohortTabs(Widget):
    """Tabs named by (id, label); ``active`` is the id shown as chosen. A click posts ``Chosen``."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"cohort-tabs--active", "cohort-tabs--tab",
                                             "cohort-tabs--underline", "cohort-tabs--rule"}
    DEFAULT_CSS = """
    CohortTabs {
        height: 2;
        & > .cohort-tabs--active { text-style: bold; color: $foreground; }
        & > .cohort-tabs--tab { color: $foreground-muted; }
        & > .cohort-tabs--underline { color: $accent; }
        & > .cohort-tabs--rule { color: $panel; }
    }
    """

    active: reactive[str] = reactive("")

    class Chosen(Message):
        def __init__(self, tabs: CohortTabs, cohort: str) -> None:
            super().__init__()
            self.tabs = tabs
            self.cohort = cohort

        @property
        def control(self) -> CohortTabs:
            return self.tabs

    def __init__(self, tabs: list[tuple[str, str]], active: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = tabs
        self.set_reactive(CohortTabs.active, active)

    def relabel(self, tabs: list[tuple[str, str]]) -> None:
        self.tabs = tabs
        self.refresh()

    def _spans(self) -> list[tuple[str, int, int]]:
        """Each tab's id and the columns it takes, label with a space either side."""
        out, x = [], 0
        for cohort, label in self.tabs:
            width = cell_len(label) + 2
            out.append((cohort, x, x + width))
            x += width + GAP
        return out

    def render(self) -> Text:
        style = self.get_component_rich_style
        top, bottom = Text(no_wrap=True, overflow="crop"), Text(no_wrap=True, overflow="crop")
        for (cohort, label), (_id, start, end) in zip(self.tabs, self._spans()):
            chosen = cohort == self.active
            top.append(f" {label} ", style("cohort-tabs--active" if chosen else "cohort-tabs--tab"))
            top.append(" " * GAP)
            bottom.append(("━" if chosen else "─") * (end - start),
                          style("cohort-tabs--underline" if chosen else "cohort-tabs--rule"))
            bottom.append(" " * GAP)
        top.append("\n")
        return top + bottom

    def on_click(self, event: events.Click) -> None:
        for cohort, start, end in self._spans():
            if start <= event.x < end:
                self.post_message(self.Chosen(self, cohort))
                return
