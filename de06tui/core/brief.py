"""The monthly brief: one sentence per main metric, in Vietnamese or English."""

from __future__ import annotations

import polars as pl

from de06tui.core import periods as P
from de06tui.core.dataset import Dataset
from de06tui.core.ranking import AUTO, leaderboard

_SINCE = {  # how the brief names the comparison period
    "vi": {P.MONTH: "so với tháng trước", P.QUARTER: "so với quý trước", P.YEAR: "so với năm trước"},
    "en": {P.MONTH: "on the previous month", P.QUARTER: "on the previous quarter",
           P.YEAR: "on the previous year"},
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _names(board: pl.DataFrame) -> str:
    return ", ".join(board["name"].to_list())


def brief_sentence(ds: Dataset, metric: str, period: str, lang: str = "vi",
                   provinces: str | int = AUTO, board: pl.DataFrame | None = None) -> str | None:
    """"3 địa phương có … cao nhất: A, B, C; thấp nhất: D." — None when the period has no data."""
    m = ds.catalog[metric]
    if board is None:
        board = leaderboard(ds, metric, period, provinces=provinces)
    if board.height == 0:
        return None
    best = board.filter(pl.col("rank") <= m.top)
    worst = board.filter(pl.col("rank") == pl.col("rank").max())
    approx = " (≈)" if board["approx"].any() else ""
    hi, lo = ("cao nhất", "thấp nhất") if m.higher_is_better else ("thấp nhất", "cao nhất")
    if lang == "vi":
        text = (f"{best.height} địa phương có {_lower_first(m.title_vi)} {hi}: {_names(best)}; "
                f"{lo}: {_names(worst)}{approx}.")
    else:
        hi, lo = ("highest", "lowest") if m.higher_is_better else ("lowest", "highest")
        text = (f"The {best.height} provinces with the {hi} {_lower_first(m.title_en)}: {_names(best)}; "
                f"{lo}: {_names(worst)}{approx}.")
    mover = _biggest_move(board, period, lang)
    return f"{text} {mover}" if mover else text


def _biggest_move(board: pl.DataFrame, period: str, lang: str) -> str | None:
    moved = board.filter(pl.col("rank_change").is_not_null() & (pl.col("rank_change") != 0))
    if moved.height == 0:
        return None
    up = moved.sort("rank_change", "rank", descending=[True, False]).row(0, named=True)
    down = moved.sort("rank_change", "rank").row(0, named=True)
    since = _SINCE[lang][P.kind(period)]
    parts = []
    if lang == "vi":
        if up["rank_change"] > 0:
            parts.append(f"{up['name']} lên {up['rank_change']} bậc")
        if down["rank_change"] < 0:
            parts.append(f"{down['name']} xuống {-down['rank_change']} bậc")
        return (", ".join(parts) + f" {since}.") if parts else None
    if up["rank_change"] > 0:
        parts.append(f"{up['name']} up {up['rank_change']} places")
    if down["rank_change"] < 0:
        parts.append(f"{down['name']} down {-down['rank_change']} places")
    return (", ".join(parts) + f" {since}.") if parts else None


def brief_heading(ds: Dataset, period: str, lang: str = "vi") -> str:
    label = P.label(period, lang)
    if ds.provenance.synthetic:
        note = ("dữ liệu MẪU tổng hợp, không phải số liệu chính thức" if lang == "vi"
                else "SAMPLE synthetic data, not official figures")
        return f"{label} — {note}"
    return label


def brief_lines(ds: Dataset, period: str, lang: str = "vi", provinces: str | int = AUTO) -> list[str]:
    """The brief's sentences, one per main metric with data in the period."""
    lines = []
    for m in ds.catalog.main():
        if period not in ds.periods(m.id):
            continue
        sentence = brief_sentence(ds, m.id, period, lang, provinces)
        if sentence:
            lines.append(sentence)
    return lines
