"""Plain-text rendering of a leaderboard for terminals and pipes (no Rich)."""

from __future__ import annotations

import unicodedata

import polars as pl

from de06tui.core.metrics import MetricDef
from de06tui.core.text import clean

BAND_MARK = {"top": "▲ top", "bottom": "▼ bottom", "middle": ""}


def width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def pad(text: str, n: int, right: bool = False) -> str:
    gap = " " * max(0, n - width(text))
    return gap + text if right else text + gap


def change(v: int | None) -> str:
    if v is None:
        return "–"
    return "=" if v == 0 else (f"▲{v}" if v > 0 else f"▼{-v}")


def count(v: float | None) -> str:
    return "" if v is None else f"{v:,.0f}"


def render(board: pl.DataFrame, m: MetricDef, lang: str = "en") -> str:
    heads = ["#", "Tỉnh/Thành phố" if lang == "vi" else "Province", f"{m.short(lang)} ({m.unit_label(lang)})",
             "±", "Tử số" if lang == "vi" else "Numerator", "Mẫu số" if lang == "vi" else "Denominator", ""]
    rows = []
    for r in board.iter_rows(named=True):
        value = m.fmt(r["value"]) + ("≈" if r["approx"] else "")
        mark = BAND_MARK[r["band"]]
        if r["flag"]:
            mark = f"{mark} [{clean(r['flag'])}]".strip()
        rows.append([str(r["rank"]), clean(r["name"]), value, change(r["rank_change"]),
                     count(r["numerator"]), count(r["denominator"]), mark])
    if not m.counts or board["numerator"].is_null().all():
        heads = heads[:4] + heads[6:]
        rows = [r[:4] + r[6:] for r in rows]
    widths = [max(width(x) for x in col) for col in zip(heads, *rows)]
    numeric = {0, 2, 3, 4, 5} if len(heads) == 7 else {0, 2, 3}
    out = []
    for line in [heads, *rows]:
        cells = [pad(c, w, i in numeric) for i, (c, w) in enumerate(zip(line, widths))]
        out.append("  ".join(cells).rstrip())
    return "\n".join(out) + "\n"
