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

from typing import SupportsInt, cast

import polars as pl

from de06tui.core.keys import Key, distinct_below
from de06tui.core.problems import ERROR, RESTATED_ON_34, WARNING, Problem
from de06tui.core.readers import ROW
from de06tui.core.registry import ProvinceRegistry, UnknownProvince

WHOLE_SHARE = 0.5  # of the 34 provinces a block of shared names must name to be read on the 34


def _code(registry: ProvinceRegistry, text: str, era: int) -> str | None:
    try:
        return registry.resolve(text, era)
    except UnknownProvince:
        return None


def restated_periods(long: pl.DataFrame, period: Key, codes: pl.Series, texts: list[str],
                     registry: ProvinceRegistry, name: str) -> tuple[list[str], list[Problem], set[str]]:
    """Periods before July 2025 whose block is written on the 34, the problems found, and the
    "period\0name" pairs a mixed block's error already speaks for.

    ``period`` is the validator's period key and ``codes`` each row's index into the distinct
    province ``texts``: blocks are found among integers, not a million strings.
    """
    old = long["era"] == 63
    if not old.any():
        return [], [], set()
    width = max(len(texts), 1)
    size = max(len(period.values), 1) * width
    # Four bytes a row where the pairs fit in them (a few hundred periods × a few hundred names), not eight.
    pairs = period.index.cast(pl.UInt32 if size < 2**32 else pl.UInt64) * width + codes
    pairs = distinct_below(pairs if old.all() else pairs.filter(old), size)
    seen: dict[str, tuple[str | None, str | None]] = {}
    by_period: dict[int, list[str]] = {}
    for pair in pairs.to_list():
        by_period.setdefault(pair // width, []).append(texts[pair % width])
    restated: list[str] = []
    problems: list[Problem] = []
    said: set[str] = set()
    need = WHOLE_SHARE * len(registry.provinces(34))
    for index, names in by_period.items():
        only63: list[str] = []
        only34: list[str] = []
        shared: set[str] = set()
        for text in names:
            if text not in seen:
                seen[text] = (_code(registry, text, 63), _code(registry, text, 34))
            in63, in34 = seen[text]
            if in63 and not in34:
                only63.append(text)
            elif in34 and not in63:
                only34.append(text)
            elif in34:
                shared.add(in34)
        label = period.values[index]
        if not only34 and (only63 or len(shared) < need):
            continue  # the 63, as ever
        block = long.filter(period.index == index)
        if only63 and only34:
            r63, r34 = (_first_row(block, t) for t in (only63[0], only34[0]))
            problems.append(Problem(
                ERROR, f"period {label} mixes the two registries: '{only34[0]}' is a province only of "
                       f"the 34 (from July 2025), '{only63[0]}' (row {r63}) only of the 63; write one "
                       "block per registry", file=name, row=r34, column="province", value=only34[0]))
            said.update(f"{label}\0{t}" for t in only34)
        else:
            restated.append(label)
            problems.append(Problem(
                WARNING, f"period {label} is written on the 34 provinces of July 2025: read as a "
                         "restatement on the 34, kept apart from the 63", file=name,
                row=int(cast(SupportsInt, block[ROW].min())), column="province", kind=RESTATED_ON_34))
    return restated, problems, said


def _first_row(block: pl.DataFrame, text: str) -> int:
    return int(cast(SupportsInt, block.filter(pl.col("_province") == text)[ROW].min()))
