"""Which registry a (file, period) block is written on.

Offices restate months before July 2025 on the 34 new provinces. Such a block must be read on the
34 (the new, merged Gia Lai is code 52, not the old Gia Lai, 64) and kept apart from the 63.

Every name of the 34 is also a name of the 63, so a block's names rarely prove it is on the 34.
The rule, per block of a period before July 2025:
- any name only in the 63 (Bình Định, Kon Tum …) and none only in the 34: the 63, as ever;
- a name only in the 34 and none only in the 63: the 34;
- names only in each: a located error, the block cannot be on both;
- names in both registries only: the 34 when the block names at least half of the 34 provinces
  (a list of the 63 that long without one of the 29 absorbed provinces does not happen), else the
  63, as ever.
"""

from __future__ import annotations

import polars as pl

from de06tui.core.problems import ERROR, RESTATED_ON_34, WARNING, Problem
from de06tui.core.readers import ROW
from de06tui.core.registry import ProvinceRegistry, UnknownProvince

WHOLE_SHARE = 0.5  # of the 34 provinces a block of shared names must name to be read on the 34


def _code(registry: ProvinceRegistry, text: str, era: int) -> str | None:
    try:
        return registry.resolve(text, era)
    except UnknownProvince:
        return None


def restated_periods(long: pl.DataFrame, registry: ProvinceRegistry,
                     name: str) -> tuple[list[str], list[Problem]]:
    """Periods before July 2025 whose block is written on the 34, and the problems found."""
    old = long.filter((pl.col("era") == 63) & pl.col("_province").is_not_null())
    if old.height == 0:
        return [], []
    blocks = old.group_by(pl.col("period").cast(pl.Utf8), "_province").agg(pl.col(ROW).min()).sort(ROW)
    seen: dict[str, tuple[str | None, str | None]] = {}
    restated: list[str] = []
    problems: list[Problem] = []
    need = WHOLE_SHARE * len(registry.provinces(34))
    for period, rows in blocks.group_by("period", maintain_order=True):
        only63: list[tuple[int, str]] = []
        only34: list[tuple[int, str]] = []
        shared: set[str] = set()
        for text, row in rows.select("_province", ROW).iter_rows():
            if text not in seen:
                seen[text] = (_code(registry, text, 63), _code(registry, text, 34))
            in63, in34 = seen[text]
            if in63 and not in34:
                only63.append((row, text))
            elif in34 and not in63:
                only34.append((row, text))
            elif in34:
                shared.add(in34)
        label = period[0]
        if only63 and only34:
            (r63, t63), (r34, t34) = only63[0], only34[0]
            problems.append(Problem(
                ERROR, f"period {label} mixes the two registries: '{t34}' is a province only of the 34 "
                       f"(from July 2025), '{t63}' (row {r63}) only of the 63; write one block per "
                       "registry", file=name, row=r34, column="province", value=t34))
        elif only34 or (not only63 and len(shared) >= need):
            restated.append(label)
            problems.append(Problem(
                WARNING, f"period {label} is written on the 34 provinces of July 2025: read as a "
                         "restatement on the 34, kept apart from the 63", file=name,
                row=int(rows[ROW].min()), column="province", kind=RESTATED_ON_34))
    return restated, problems
