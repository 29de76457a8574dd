"""Plain-text rendering of a leaderboard for terminals and pipes (no Rich), in the reader's language."""

from __future__ import annotations

import unicodedata

import polars as pl

from de06tui.core import numbers
from de06tui.core.metrics import MetricDef
from de06tui.core.text import clean

BAND_MARK = {"en": {"top": "▲ top", "bottom": "▼ bottom", "middle": ""},
             "vi": {"top": "▲ nhóm đầu", "bottom": "▼ nhóm cuối", "middle": ""}}
HEADS = {"en": ("Province", "Numerator", "Denominator"),
         "vi": ("Tỉnh/Thành phố", "Tử số", "Mẫu số")}
SAMPLE_BADGE = {"en": " [SAMPLE]", "vi": " [MẪU]"}
PROVINCES = {"en": "provinces", "vi": "tỉnh/thành"}
REAL_MARK = {"en": "real figure", "vi": "số liệu thật"}


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


def count(v: float | None, lang: str = "en") -> str:
    return numbers.count(v, lang)


def heading(m: MetricDef, period_label: str, total: int, synthetic: bool, lang: str = "en") -> str:
    """The line above the table: what, when, how many, and whether it is a sample."""
    lang = lang if lang in HEADS else "en"
    badge = SAMPLE_BADGE[lang] if synthetic else ""
    return f"{m.title(lang)} — {period_label} ({total} {PROVINCES[lang]}){badge}\n"


def render(board: pl.DataFrame, m: MetricDef, lang: str = "en", synthetic: bool = False) -> str:
    """The table; in a sample (``synthetic``) a real figure says so on its row."""
    lang = lang if lang in HEADS else "en"
    province, numerator, denominator = HEADS[lang]
    heads = ["#", province, f"{m.short(lang)} ({m.unit_label(lang)})", "±", numerator, denominator, ""]
    marks = BAND_MARK[lang]
    rows = []
    for r in board.iter_rows(named=True):
        value = numbers.metric_value(m, r["value"], lang) + ("≈" if r["approx"] else "")
        mark = marks[r["band"]]
        if r["flag"]:
            mark = f"{mark} [{clean(r['flag'])}]".strip()
        if synthetic and r.get("real"):
            mark = f"{mark} ({REAL_MARK[lang]})".strip()
        rows.append([str(r["rank"]), clean(r["name"]), value, change(r["rank_change"]),
                     count(r["numerator"], lang), count(r["denominator"], lang), mark])
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
