"""The note under ``rank`` that says which figure the board ranks by, when it is not the value."""

from __future__ import annotations

import polars as pl

from de06tui.core.text import clean


def basis_note(board: pl.DataFrame, decimals: int, lang: str) -> str | None:
    """One line naming the provinces ranked by their counts, or None when all rank by value."""
    from de06tui.core.ranking import BY_COUNTS, BY_VALUE, board_basis

    if board.height == 0 or board_basis(board) == BY_VALUE:
        return None
    counted = board.filter(pl.col("basis") == BY_COUNTS)
    stated = counted.filter(pl.col("stated_value").is_not_null())
    combined = counted.height - stated.height
    parts = []
    if stated.height:
        named = ", ".join(
            f"{clean(r['name'])} ({r['stated_value']:g} → {r['value']:.{decimals}f})"
            for r in stated.select("name", "stated_value", "value").iter_rows(named=True))
        parts.append(("xếp theo 100 × tử số ÷ mẫu số, không theo giá trị ghi trong tệp (mâu thuẫn): "
                      if lang == "vi" else
                      "ranked by 100 × numerator ÷ denominator, not by the stated value that "
                      "contradicts it: ") + named)
    if combined:
        parts.append(f"{combined} tỉnh/thành tính từ số hồ sơ gộp của các đơn vị cũ" if lang == "vi" else
                     f"{combined} province(s) ranked by their predecessors' counts combined")
    return ("ghi chú: " if lang == "vi" else "note: ") + "; ".join(parts)
