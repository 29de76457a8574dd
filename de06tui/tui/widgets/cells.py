"""Small pieces of table text: bars, sparklines, rank changes, values.

They are ``Cell`` objects: literal text in styled spans, so nothing from the data is ever read as
markup. A table repaints every visible cell on each refresh, and a ``Cell`` renders in under half
the time of a Rich ``Text`` (it has no wrapping or justifying to do: a cell is one line).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text


class Cell:
    """One line of styled spans, optionally right-aligned in its column."""

    __slots__ = ("right", "spans")

    def __init__(self, text: str = "", style: str = "", right: bool = False) -> None:
        self.spans: list[tuple[str, str]] = [(text, style)] if text else []
        self.right = right

    def append(self, text: str, style: str = "") -> Cell:
        if text:
            self.spans.append((text, style))
        return self

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.spans)

    def __str__(self) -> str:
        return self.plain

    def to_text(self) -> Text:
        """The same spans as Rich text, to join into a longer text."""
        out = Text()
        for text, style in self.spans:
            out.append(text, style=style)
        return out

    def __rich_measure__(self, console, options) -> Measurement:
        width = cell_len(self.plain)
        return Measurement(width, width)

    def __rich_console__(self, console, options):
        if self.right:
            gap = options.max_width - cell_len(self.plain)
            if gap > 0:
                yield Segment(" " * gap)
        for text, style in self.spans:
            yield Segment(text, Style.parse(style) if style else None)


BLOCKS = "▁▂▃▄▅▆▇█"
EIGHTHS = " ▏▎▍▌▋▊▉█"

# Band styles: colour for those who have it; the TOP/LOW label carries the meaning without it.
BAND_STYLE = {"top": "bold green", "bottom": "bold red", "middle": ""}


def bar(value: float | None, low: float, high: float, width: int = 10) -> Cell:
    """A horizontal bar proportional to ``value`` on the metric's range, in eighths of a cell."""
    if value is None or high <= low:
        return Cell(" " * width)
    frac = min(max((value - low) / (high - low), 0.0), 1.0)
    eighths = round(frac * width * 8)
    full, part = divmod(eighths, 8)
    body = "█" * full + (EIGHTHS[part] if part and full < width else "")
    return Cell(body.ljust(width), "cyan")


def sparkline(values: tuple[float | None, ...] | list[float | None], low: float | None = None,
              high: float | None = None) -> Cell:
    """Unicode blocks scaled between the series' own min and max (the trend, not the level)."""
    nums = [v for v in values if v is not None]
    if not nums:
        return Cell()
    lo = min(nums) if low is None else low
    hi = max(nums) if high is None else high
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif hi - lo < 1e-9:
            out.append(BLOCKS[3])
        else:
            out.append(BLOCKS[min(int((v - lo) / (hi - lo) * (len(BLOCKS) - 1) + 0.5), len(BLOCKS) - 1)])
    return Cell("".join(out), "blue")


def change(delta: int | None) -> Cell:
    """▲3 (moved up), ▼2 (down), = (same), blank when there is nothing to compare with."""
    if delta is None:
        return Cell()
    if delta > 0:
        return Cell(f"▲{delta}", "green")
    if delta < 0:
        return Cell(f"▼{-delta}", "red")
    return Cell("=", "dim")


def counts(numerator: float | None, denominator: float | None, lang: str = "en") -> Cell:
    if numerator is None or denominator is None:
        return Cell()
    from de06tui.tui.figures import whole

    return Cell(f"{whole(numerator, lang)}/{whole(denominator, lang)}")


def value(text: str, approx: bool, real: bool, synthetic: bool, changed: bool = False) -> Cell:
    """The formatted value, ≈ when approximate, ✓ for a real figure inside a synthetic sample,
    • when it changed at the last refresh."""
    out = Cell("≈" if approx else " ")
    out.append(text, "bold" if real or not synthetic else "italic")
    if synthetic:
        out.append("✓" if real else " ", "green")
    if changed:
        out.append("•", "bold yellow")
    return out


def value_change(formatted: str | None, delta: float | None) -> Cell:
    """+1.2 / −0.4 (the metric's own decimals in ``formatted``), blank with nothing to compare."""
    if delta is None or formatted is None:
        return Cell()
    if formatted.strip("0.,") == "":
        return Cell("=", "dim")  # rounds to no change at the metric's precision
    sign, style = ("+", "green") if delta > 0 else ("−", "red")
    return Cell(f"{sign}{formatted}", style)


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut after a whole word with an ellipsis."""
    if cell_len(text) <= width:
        return text
    kept = ""
    for word in text.split(" "):
        longer = f"{kept} {word}" if kept else word
        if cell_len(longer) + 1 > width:
            break
        kept = longer
    if not kept:  # one word longer than the column: cut it, still marked
        kept = text[: max(width - 1, 0)]
    return kept + "…"


def fit_last(rows: list[list[Cell]], widths: list[int], width: int, head: int, least: int = 10) -> None:
    """Shorten the last column's cells, word by word, so a row fits in ``width`` cells.

    ``widths`` holds each column's widest cell or header (one space either side comes on top);
    the last column gets what is left (never under ``least``), so a region reads "Bắc Trung Bộ
    và…" rather than being cut by the screen's edge in the middle of a word. ``widths[-1]`` is
    brought down to the widest shortened cell, or the header's width ``head``."""
    if not rows or not widths or width <= 0:
        return
    used = sum(2 + w for w in widths[:-1])
    room = max(least, width - used - 2 - 2)  # its own padding, and the scrollbar
    if widths[-1] <= room:
        return
    for r in rows:
        cell = r[-1]
        if cell_len(cell.plain) > room:
            style = cell.spans[0][1] if cell.spans else ""
            r[-1] = Cell(shorten(cell.plain, room), style, right=cell.right)
    widths[-1] = max(head, *(cell_len(r[-1].plain) for r in rows))
