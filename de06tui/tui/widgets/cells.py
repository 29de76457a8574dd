"""Small pieces of table text: bars, sparklines, rank changes. Always Rich ``Text`` objects,
so nothing from the data is ever read as markup."""

from __future__ import annotations

from rich.text import Text

BLOCKS = "▁▂▃▄▅▆▇█"
EIGHTHS = " ▏▎▍▌▋▊▉█"

# Band styles: colour for those who have it; the TOP/LOW label carries the meaning without it.
BAND_STYLE = {"top": "bold green", "bottom": "bold red", "middle": ""}


def bar(value: float | None, low: float, high: float, width: int = 10) -> Text:
    """A horizontal bar proportional to ``value`` on the metric's range, in eighths of a cell."""
    if value is None or high <= low:
        return Text(" " * width)
    frac = min(max((value - low) / (high - low), 0.0), 1.0)
    eighths = round(frac * width * 8)
    full, part = divmod(eighths, 8)
    body = "█" * full + (EIGHTHS[part] if part and full < width else "")
    return Text(body.ljust(width), style="cyan")


def sparkline(values: tuple[float | None, ...] | list[float | None], low: float | None = None,
              high: float | None = None) -> Text:
    """Unicode blocks scaled between the series' own min and max (the trend, not the level)."""
    nums = [v for v in values if v is not None]
    if not nums:
        return Text("")
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
    return Text("".join(out), style="blue")


def change(delta: int | None) -> Text:
    """▲3 (moved up), ▼2 (down), = (same), blank when there is nothing to compare with."""
    if delta is None:
        return Text("")
    if delta > 0:
        return Text(f"▲{delta}", style="green")
    if delta < 0:
        return Text(f"▼{-delta}", style="red")
    return Text("=", style="dim")


def counts(numerator: float | None, denominator: float | None) -> Text:
    if numerator is None or denominator is None:
        return Text("")
    return Text(f"{numerator:,.0f}/{denominator:,.0f}")


def value(text: str, approx: bool, real: bool, synthetic: bool, changed: bool = False) -> Text:
    """The formatted value, ≈ when approximate, ✓ for a real figure inside a synthetic sample,
    • when it changed at the last refresh."""
    out = Text("≈" if approx else " ")
    out.append(text, style="bold" if real or not synthetic else "italic")
    if synthetic:
        out.append("✓" if real else " ", style="green")
    if changed:
        out.append("•", style="bold yellow")
    return out


def value_change(formatted: str | None, delta: float | None) -> Text:
    """+1.2 / −0.4 (the metric's own decimals in ``formatted``), blank with nothing to compare."""
    if delta is None or formatted is None:
        return Text("")
    if formatted.strip("0.") == "":
        return Text("=", style="dim")  # rounds to no change at the metric's precision
    sign, style = ("+", "green") if delta > 0 else ("−", "red")
    return Text(f"{sign}{formatted}", style=style)
