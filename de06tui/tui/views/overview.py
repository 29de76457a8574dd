"""The overview: the top and bottom of each main metric, and the brief."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from de06tui.core.text import clean
from de06tui.tui.views.board import BoardRow, board_view

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset


@dataclass(frozen=True)
class OverviewPanel:
    metric: str
    period: str | None
    top: tuple[BoardRow, ...]
    bottom: tuple[BoardRow, ...]
    sentence: str
    home: BoardRow | None = None  # My province: the home province's row, shown under each list


@dataclass(frozen=True)
class OverviewView:
    period: str | None
    panels: tuple[OverviewPanel, ...]
    brief: tuple[str, ...]


def overview_view(ds: Dataset, period: str | None, lang: str, provinces: str = "auto",
                  home: str | None = None) -> OverviewView:
    from de06tui.core.brief import brief_sentence

    panels = []
    for m in ds.catalog.main():
        view = board_view(ds, m.id, period, trend_count=1, provinces=provinces)
        if view.period is None:
            panels.append(OverviewPanel(m.id, None, (), (), ""))
            continue
        top = tuple(r for r in view.rows if r.band == "top")
        bottom = tuple(r for r in view.rows if r.band == "bottom")
        sentence = brief_sentence(ds, m.id, view.period, lang, board=view.frame) or ""
        mine = home_row(ds, view.rows, view.era, home)
        panels.append(OverviewPanel(m.id, view.period, top, bottom, clean(sentence), mine))
    return OverviewView(period, tuple(panels), tuple(p.sentence for p in panels if p.sentence))


def home_row(ds: Dataset, rows: tuple[BoardRow, ...], era: int, home: str | None) -> BoardRow | None:
    """The home province's row on a board, None when no home is set or it has none."""
    if not home:
        return None
    try:
        code = ds.registry.resolve(home, era)
    except ValueError:
        return None
    return next((r for r in rows if r.code == code), None)


def brief_for(ds: Dataset, period: str | None, lang: str) -> list[str]:
    """The brief's lines for the period (the latest when none), headed by the SAMPLE note."""
    from de06tui.core.brief import brief_heading, brief_lines

    period = period or ds.latest_period()
    if period is None:
        return []
    return [clean(brief_heading(ds, period, lang))] + [clean(x) for x in brief_lines(ds, period, lang)]
