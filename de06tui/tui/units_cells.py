"""The units board's header and each unit's cells, in the app's language."""

from __future__ import annotations

from functools import partial

from de06tui.tui.i18n import t
from de06tui.tui.views.units import SORTS, UnitQuery, UnitRow, score_text
from de06tui.tui.widgets import cells
from de06tui.tui.widgets.line_table import TableRow


def snapshot_label(shot: tuple[str, str | None] | None, lang: str = "vi") -> str:
    from de06tui.core import periods as P

    if shot is None:
        return ""
    day = f" · {shot[1][8:10]}/{shot[1][5:7]}/{shot[1][:4]}" if shot[1] and len(shot[1]) == 10 else ""
    return P.label(shot[0], lang) + day


def header(q: UnitQuery, lang: str) -> list[cells.Cell]:
    """Column titles; the sorted one carries its direction."""
    arrow = "▼" if SORTS[q.sort] != q.reverse else "▲"

    def head(col: str, key: str, right: bool = False) -> cells.Cell:
        return cells.Cell(f"{t(key, lang)} {arrow}" if col == q.sort else t(key, lang), right=right)

    out = [head("rank", "col_rank", True), cells.Cell(t("u_col_portal", lang), right=True),
           head("name", "u_col_name")]
    if q.province is None:
        out.append(head("province", "col_province"))
    return out + [head("value", "u_col_score", True), head("change", "col_change", True),
                  cells.Cell("Δ"), cells.Cell("")]


def row_cells(r: UnitRow, national: bool, lang: str) -> list[cells.Cell]:
    score = score_text(r.value, lang)
    delta = None if r.value_change is None else score_text(abs(r.value_change), lang)
    out = [cells.Cell("–" if r.rank is None else str(r.rank), right=True),
           cells.Cell("–" if r.source_rank is None else str(r.source_rank), right=True),
           cells.Cell(r.name)]
    if national:
        out.append(cells.Cell(r.province_name))
    return out + [cells.Cell(score, right=True), cells.change(r.rank_change),
                  cells.value_change(delta, r.value_change), cells.Cell("⚠" if r.flag else "")]


def table_rows(made: dict[str, TableRow], rows: list[UnitRow], national: bool, lang: str) -> list[TableRow]:
    """The table's rows for ``rows``, each unit's made once into ``made`` (one view, one language)
    and built only when the table first draws it."""
    for r in rows:
        if r.code not in made:
            made[r.code] = TableRow.lazy(partial(row_cells, r, national, lang))
    return [made[r.code] for r in rows]
