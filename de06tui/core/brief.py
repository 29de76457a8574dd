"""The monthly brief: one sentence per main metric, in Vietnamese or English, as the review writes it.

"3 địa phương có tỷ lệ nộp hồ sơ trực tuyến cao nhất, gồm: Bình Định, Bắc Giang, Cà Mau; thấp nhất
là tỉnh Bạc Liêu." (the list form) or "Các tỉnh Bình Định, Bắc Giang, Cà Mau đứng đầu về …" (the lead
form). A brief on part of the provinces says how many have figures, and names no lowest province
when most are missing; when every province ties it says so.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from de06tui.core import periods as P
from de06tui.core.dataset import Dataset
from de06tui.core.metrics import MetricDef
from de06tui.core.ranking import AUTO, leaderboard, target_era

LIST, LEAD = "list", "lead"
FORMS = (LIST, LEAD)

_SINCE = {  # how the brief names the comparison period
    "vi": {P.MONTH: "so với tháng trước", P.QUARTER: "so với quý trước", P.YEAR: "so với năm trước"},
    "en": {P.MONTH: "on the previous month", P.QUARTER: "on the previous quarter",
           P.YEAR: "on the previous year"},
}
# Centrally run cities: "thành phố Hà Nội", not "tỉnh Hà Nội".
_CITIES = {63: {"01", "31", "48", "79", "92"}, 34: {"01", "31", "46", "48", "79", "92"}}
# Abbreviations a sentence read out spells in full.
_SPELLED_VI = {"Cổng DVCQG": "Cổng Dịch vụ công quốc gia", "DVCQG": "Dịch vụ công quốc gia"}
_SUBJECT_EN = {"sync_to_portal_rate": "rate of records synced to the National Public Service Portal"}


def subject(m: MetricDef, lang: str) -> str:
    """The metric as a sentence names it: lower-case first letter, abbreviations spelled out."""
    if lang != "vi":
        return _SUBJECT_EN.get(m.id) or m.title_en[:1].lower() + m.title_en[1:]
    text = m.title_vi[:1].lower() + m.title_vi[1:]
    for short, full in _SPELLED_VI.items():
        text = text.replace(short, full)
    return text


def _is_city(code: str, name: str, era: int) -> bool:
    return code in _CITIES[era] or name.startswith("TP ")


def _place(rows: pl.DataFrame, era: int, lang: str) -> str:
    """ "tỉnh Bạc Liêu", "thành phố Hà Nội", "các tỉnh A, B" — or "Bạc Liêu province" in English."""
    names = rows["name"].to_list()
    cities = [_is_city(c, n, era) for c, n in zip(rows["province"], names)]
    listed = ", ".join(names)
    if lang != "vi":
        if len(names) == 1:
            return names[0] if names[0].startswith("TP ") else f"{names[0]} {'city' if cities[0] else 'province'}"
        return listed
    if len(names) == 1:
        return names[0] if names[0].startswith("TP ") else f"{'thành phố' if cities[0] else 'tỉnh'} {names[0]}"
    kind = "thành phố" if all(cities) else ("tỉnh" if not any(cities) else "địa phương")
    return f"các {kind} {listed}"


def _and_list(names: list[str], lang: str) -> str:
    if len(names) < 2:
        return "".join(names)
    word = "và" if lang == "vi" else "and"
    return f"{', '.join(names[:-1])} {word} {names[-1]}"


def _coverage(n: int, total: int, lang: str) -> str:
    if n >= total:
        return ""
    return f" ({n}/{total} tỉnh có số liệu)" if lang == "vi" else f" ({n} of {total} provinces have figures)"


def _marks(board: pl.DataFrame, synthetic: bool, lang: str) -> str:
    """≈ when a figure is approximate; inside a synthetic sample, which figures are real."""
    out = " (≈)" if board["approx"].any() else ""
    if synthetic and board["real"].all():
        out += " [số liệu thật]" if lang == "vi" else " [real figures]"
    elif synthetic and board["real"].any():
        real = ", ".join(board.filter(pl.col("real"))["name"].to_list())
        out += f" [số liệu thật: {real}]" if lang == "vi" else f" [real figures: {real}]"
    return out


def _all_tie(m: MetricDef, board: pl.DataFrame, lang: str, tail: str) -> str:
    value = f"{m.fmt(board['value'][0])} {m.unit_label(lang)}"
    if lang == "vi":
        return f"Cả {board.height} tỉnh có {subject(m, lang)} bằng nhau: {value}{tail}."
    return f"All {board.height} provinces tie on the {subject(m, lang)}: {value}{tail}."


def _best_phrase(m: MetricDef, best: pl.DataFrame, era: int, lang: str, form: str) -> str:
    names = best["name"].to_list()
    hi = ("cao nhất", "highest") if m.higher_is_better else ("thấp nhất", "lowest")
    if lang == "vi":
        if form == LEAD:
            who = _place(best, era, lang)
            return f"{who[:1].upper()}{who[1:]} đứng đầu về {subject(m, lang)}"
        return f"{len(names)} địa phương có {subject(m, lang)} {hi[0]}, gồm: {', '.join(names)}"
    if form == LEAD:
        return f"{_and_list(names, lang)} lead on the {subject(m, lang)}"
    noun = "province has" if len(names) == 1 else "provinces have"
    return f"{len(names)} {noun} the {hi[1]} {subject(m, lang)}, namely: {', '.join(names)}"


def brief_sentence(ds: Dataset, metric: str, period: str, lang: str = "vi",
                   provinces: str | int = AUTO, board: pl.DataFrame | None = None,
                   form: str = LIST) -> str | None:
    """One metric's sentence for ``period``; None when the period has no figures for it."""
    m = ds.catalog[metric]
    if board is None:
        board = leaderboard(ds, metric, period, provinces=provinces)
    if board.height == 0:
        return None
    # The registry the board is on, which a shown board may have switched (63 → 34).
    era = int(board["era"][0]) if "era" in board.columns else target_era(period, provinces)
    n, total = board.height, len(ds.registry.provinces(era))
    tail = _coverage(n, total, lang) + _marks(board, ds.provenance.synthetic, lang)
    if n > 1 and board["rank"].max() == 1:
        return _all_tie(m, board, lang, tail)
    best = board.filter(pl.col("rank") <= m.top)
    worst = board.filter(pl.col("rank") == pl.col("rank").max())
    text = _best_phrase(m, best, era, lang, form)
    # The lowest is named only when most provinces have figures and it is not among the best.
    if 2 * n > total and worst.height and not set(worst["province"]) & set(best["province"]):
        lo = ("thấp nhất", "lowest") if m.higher_is_better else ("cao nhất", "highest")
        text += (f"; {lo[0]} là {_place(worst, era, lang)}" if lang == "vi"
                 else f"; the {lo[1]} is {_place(worst, era, lang)}")
    text += f"{tail}."
    mover = _biggest_move(board, period, lang)
    return f"{text} {mover}" if mover else text


def _move(row: dict[str, Any], lang: str) -> str:
    step = row["rank_change"]
    mark = " (≈)" if row["change_approx"] else ""
    if lang == "vi":
        return f"{row['name']} {'lên' if step > 0 else 'xuống'} {abs(step)} bậc{mark}"
    return f"{row['name']} {'up' if step > 0 else 'down'} {abs(step)} places{mark}"


def _biggest_move(board: pl.DataFrame, period: str, lang: str) -> str | None:
    moved = board.filter(pl.col("rank_change").is_not_null() & (pl.col("rank_change") != 0))
    if moved.height == 0:
        return None
    up = moved.sort("rank_change", "rank", descending=[True, False], maintain_order=True).row(0, named=True)
    down = moved.sort("rank_change", "rank", maintain_order=True).row(0, named=True)
    parts = ([_move(up, lang)] if up["rank_change"] > 0 else []) + \
        ([_move(down, lang)] if down["rank_change"] < 0 else [])
    return (", ".join(parts) + f" {_SINCE[lang][P.kind(period)]}.") if parts else None


def brief_heading(ds: Dataset, period: str, lang: str = "vi") -> str:
    label = P.label(period, lang)
    if ds.provenance.synthetic:
        note = ("SAMPLE — dữ liệu MẪU tổng hợp, không phải số liệu chính thức" if lang == "vi"
                else "SAMPLE — synthetic data, not official figures")
        return f"{label} — {note}"
    return label


def brief_lines(ds: Dataset, period: str, lang: str = "vi", provinces: str | int = AUTO,
                form: str = LIST) -> list[str]:
    """The brief's sentences, one per main metric with figures in the period (a quarter or a
    year the data gives only as months is computed from them, as the leaderboard does)."""
    lines = []
    for m in ds.catalog.main():
        sentence = brief_sentence(ds, m.id, period, lang, provinces, form=form)
        if sentence:
            lines.append(sentence)
    return lines
