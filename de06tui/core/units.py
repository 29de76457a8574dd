"""Units below the province: departments (sở, ban, ngành) and communes (xã, phường), their
registry, and their ranking in two cohorts, the way each province's working group ranks them.

Unit results are a long frame like the province dataset's, with a ``unit`` key (the portal's
code, e.g. ``H21.227``) beside ``province``; ``as_of`` is the day a snapshot of a period was taken
(the portal's year to date changes daily), so two snapshots of one period compare day over day.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl
from polars.datatypes import DataTypeClass

from de06tui.core.collation import vi_rank
from de06tui.core.paths import data_dir, user_data_dir
from de06tui.core.portal import COHORTS, COMMUNE, DEPARTMENT
from de06tui.core.problems import Problem
from de06tui.core.text import fold

__all__ = [
    "BOARD_SCHEMA",
    "COHORTS",
    "COMMUNE",
    "DEPARTMENT",
    "UNIT_SCHEMA",
    "Unit",
    "UnitRegistry",
    "UnitSet",
    "match_key",
    "unit_board",
    "unit_frame",
]

UNIT_SCHEMA: dict[str, DataTypeClass] = {"period": pl.Utf8, "as_of": pl.Utf8, "province": pl.Utf8, "unit": pl.Utf8,
               "unit_id": pl.Utf8, "name": pl.Utf8, "cohort": pl.Utf8, "metric": pl.Utf8,
               "value": pl.Float64, "source_rank": pl.Int32, "flag": pl.Utf8, "real": pl.Boolean}
# A unit file's frame holds the seven key texts as categoricals (unit_files.FILE_SCHEMA): the steps
# here compare them with strings, which both types answer alike, and a board's rows are strings.
BOARD_SCHEMA: dict[str, DataTypeClass] = {"rank": pl.Int32, "source_rank": pl.Int32, "unit": pl.Utf8, "name": pl.Utf8,
                "province": pl.Utf8, "cohort": pl.Utf8, "value": pl.Float64, "prev_rank": pl.Int32,
                "rank_change": pl.Int32, "prev_value": pl.Float64, "value_change": pl.Float64,
                "flag": pl.Utf8, "real": pl.Boolean}
# "UBND xã Vân Canh", "Xã Vân Canh", "Vân Canh": one commune. Departments keep their own words
# but lose the " - Tỉnh Phú Thọ" the portal appends.
_AUTHORITY = re.compile(r"^(ubnd|uy ban nhan dan)\s+")
_KIND = re.compile(r"^(xa|phuong|thi tran|dac khu)\s+")
_SHOWN_PREFIX = re.compile(
    r"(?i)^((ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+)?(xã|phường|thị trấn|đặc khu)\s+")
_SUFFIX = re.compile(r"\s*-\s*(tinh|thanh pho)\s+[a-z ]+$")


@lru_cache(maxsize=65536)  # a file and the lists it is checked against name the same units
def match_key(name: str) -> str:
    """A unit name folded for matching: no case, diacritics, "UBND xã/phường" or province suffix."""
    text = _SUFFIX.sub("", fold(name).replace(".", " ").strip())
    return _KIND.sub("", _AUTHORITY.sub("", text)).strip()


def sort_name(name: str) -> str:
    """The name a reader orders units by: "UBND xã Vân Canh" is ordered as "Vân Canh"."""
    return _SHOWN_PREFIX.sub("", str(name).strip())


@dataclass(frozen=True)
class Unit:
    """A department or commune as the portal lists it."""

    code: str  # the portal's departmentCode, e.g. H21.227
    name: str
    province: str  # the province's registry code
    cohort: str  # department | commune
    id: str = ""  # the portal's departmentId


# A list's units by lower-case code and by id, each with its place in the list, and by folded name.
_Lookup = tuple[dict[str, tuple[int, Unit]], dict[str, tuple[int, Unit]], dict[str, list[Unit]]]


@dataclass
class UnitRegistry:
    """Each province's lists of units (one per cohort), as the portal last gave them."""

    lists: dict[tuple[str, str], list[Unit]] = field(default_factory=dict)  # (province, cohort) →
    sources: dict[tuple[str, str], str] = field(default_factory=dict)  # … and where it came from
    _lookups: dict[tuple[str, str | None], _Lookup] = field(default_factory=dict, init=False, repr=False,
                                                           compare=False)  # see _lookup; add() empties it

    @classmethod
    def load(cls, folders: list[Path] | None = None) -> UnitRegistry:
        """The shipped lists, then the user's (refreshed by fetches), a later one replacing."""
        reg = cls()
        for folder in folders if folders is not None else [data_dir() / "units", user_data_dir() / "units"]:
            for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
                try:
                    doc = json.loads(path.read_text("utf-8"))
                    units = [Unit(u["code"], u["name"], doc["province"], u["cohort"], u.get("id", ""))
                             for u in doc["units"]]
                except (OSError, ValueError, KeyError, TypeError):
                    continue  # a damaged list is as good as none: names are then taken as given
                reg.add(doc["province"], units, str(path))
        return reg

    def add(self, province: str, units: list[Unit], source: str) -> None:
        """Replace the lists of every cohort ``units`` has for ``province``."""
        self._lookups.clear()
        for cohort in {u.cohort for u in units}:
            self.lists[(province, cohort)] = [u for u in units if u.cohort == cohort]
            self.sources[(province, cohort)] = source

    def knows(self, province: str, cohort: str) -> bool:
        return (province, cohort) in self.lists

    def units(self, province: str, cohort: str) -> list[Unit]:
        return list(self.lists.get((province, cohort), []))

    def _of(self, province: str, cohort: str | None) -> list[Unit]:
        return [u for (p, c), us in self.lists.items() if p == province and cohort in (None, c) for u in us]

    def find(self, province: str, text: str, cohort: str | None = None) -> Unit | None:
        """The unit of ``province`` written as its code or its name in any usual way."""
        want = str(text).strip()
        codes, ids, names = self._lookup(province, cohort)
        if not names:  # most provinces of a national file: no list, nothing to fold names for
            return None
        hits = [hit for hit in (codes.get(want.lower()), ids.get(want)) if hit is not None]
        if hits:  # the first listed whose code or id it is
            return min(hits, key=lambda hit: hit[0])[1]
        found = names.get(match_key(want), [])
        return found[0] if len(found) == 1 else None

    def _lookup(self, province: str, cohort: str | None) -> _Lookup:
        """The units of ``province`` by lower-case code, id and folded name (with their place in
        the list), made once per list: a national file looks up 3,321 units in lists of ~100."""
        lookup = self._lookups.get((province, cohort))
        if lookup is None:
            lookup = ({}, {}, {})
            for i, u in enumerate(self._of(province, cohort)):
                lookup[0].setdefault(u.code.lower(), (i, u))
                if u.id:
                    lookup[1].setdefault(u.id, (i, u))
                lookup[2].setdefault(match_key(u.name), []).append(u)
            self._lookups[(province, cohort)] = lookup
        return lookup

    def suggest(self, province: str, text: str, cohort: str | None = None, n: int = 3) -> list[str]:
        names = {match_key(u.name): u.name for u in self._of(province, cohort)}
        return [names[m] for m in difflib.get_close_matches(match_key(text), names, n=n, cutoff=0.75)]


def save_list(province: str, units: list[Unit], source: str, fetched_at: str,
              folder: Path | None = None) -> Path:
    """Write a province's list where the registry finds it next time (atomically)."""
    folder = folder or user_data_dir() / "units"
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"province": province, "source": source, "fetched_at": fetched_at,
           "units": [{"code": u.code, "name": u.name, "cohort": u.cohort, "id": u.id} for u in units]}
    path = folder / f"{province}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
    tmp.replace(path)
    return path


def units_of(records: list[dict[str, Any]]) -> list[Unit]:
    """The distinct units named by portal records, in the order they come."""
    seen: dict[str, Unit] = {}
    for r in records:
        seen.setdefault(r["unit"], Unit(r["unit"], r["name"], r["province"], r["cohort"],
                                        r.get("unit_id", "")))
    return list(seen.values())


def unit_frame(records: list[dict[str, Any]], as_of: str | None = None) -> pl.DataFrame:
    """Unit records as the unit frame (UNIT_SCHEMA)."""
    if not records:
        return pl.DataFrame(schema=UNIT_SCHEMA)
    frame = pl.DataFrame(records, infer_schema_length=None)
    missing = [pl.lit(None, t).alias(c) for c, t in UNIT_SCHEMA.items() if c not in frame.columns]
    frame = frame.with_columns(missing)
    if as_of is not None:
        frame = frame.with_columns(pl.col("as_of").fill_null(as_of))
    # polars types cast()'s keys as a union of names and selectors; a dict[str, …] is refused
    return frame.select(list(UNIT_SCHEMA)).cast(UNIT_SCHEMA)  # type: ignore[arg-type]


@dataclass
class UnitSet:
    """Unit results with where they came from and what is wrong with them."""

    frame: pl.DataFrame
    registry: UnitRegistry
    problems: list[Problem] = field(default_factory=list)
    sources: tuple[str, ...] = ()
    synthetic: bool = False

    def periods(self) -> list[str]:
        from de06tui.core import periods as P

        return sorted(self.frame["period"].unique().to_list(), key=P.sort_key)

    def snapshots(self, period: str) -> list[str | None]:
        days = self.frame.filter(pl.col("period") == period)["as_of"].unique().to_list()
        return sorted(days, key=_day_order)

    def metrics(self) -> list[str]:
        return sorted(self.frame["metric"].unique().to_list())


def _day_order(day: str | None) -> tuple[bool, str]:
    """Snapshots of one period in the order they were taken: one without a day first."""
    return (day is not None, day or "")


def _scope(units: UnitSet, province: str | None, cohort: str, metric: str) -> pl.DataFrame:
    """One cohort's rows on one metric, of one province or (None) of every province."""
    scope = units.frame.filter((pl.col("cohort") == cohort) & (pl.col("metric") == metric))
    return scope if province is None else scope.filter(pl.col("province") == province)


def _rank(over: list[str] | None = None) -> pl.Expr:
    """Competition ranks (1, 2, 2, 4) on higher-is-better scores; no score, no rank. ``over``:
    the columns whose values each make a board of their own (a snapshot: period and day)."""
    rank = (-pl.col("value")).rank("min")
    return pl.when(pl.col("value").is_not_null()).then(rank if over is None else rank.over(over)).cast(pl.Int32)


def _ranked(rows: pl.DataFrame) -> pl.DataFrame:
    return rows.with_columns(_rank().alias("rank"))


def _snapshot(frame: pl.DataFrame, period: str, as_of: str | None) -> pl.DataFrame:
    rows = frame.filter(pl.col("period") == period)
    return rows.filter(pl.col("as_of").is_null() if as_of is None else pl.col("as_of") == as_of)


def in_cluster(frame: pl.DataFrame, members: list[str] | tuple[str, ...]) -> pl.DataFrame:
    """The rows of units named (by code or any usual spelling of the name) in a cluster."""
    codes = {m.strip().lower() for m in members}
    keys = {match_key(m) for m in members}
    names = frame["name"].unique().to_list()
    wanted = [n for n in names if match_key(n) in keys]
    code = pl.col("unit").cast(pl.Utf8)  # a file's codes are categorical, which has no lower case
    return frame.filter(code.str.to_lowercase().is_in(list(codes)) | pl.col("name").is_in(wanted))


def cluster_units(units: UnitSet, members: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The codes of the units a cluster names, in any snapshot (see ``in_cluster``)."""
    return frozenset(in_cluster(units.frame.select("unit", "name").unique(), members)["unit"].to_list())


def unit_history(units: UnitSet, code: str, province: str | None, cohort: str, metric: str
                 ) -> list[tuple[str, str | None, float | None, int | None, int]]:
    """One unit on ``metric`` in every snapshot it is in, oldest first: (period, day, value, rank,
    units ranked). Its rank is the one ``unit_board`` gives it on that snapshot's board of the
    same scope, worked out for every snapshot in one pass."""
    from de06tui.core import periods as P

    scope = _scope(units, province, cohort, metric)
    shot = ["period", "as_of"]
    ranked = scope.with_columns(_rank(shot).alias("rank"), pl.col("value").count().over(shot).alias("of"))
    mine = ranked.filter(pl.col("unit") == code).select(*shot, "value", "rank", "of").rows()
    return sorted(mine, key=lambda r: (P.sort_key(r[0]), _day_order(r[1])))


def unit_board(units: UnitSet, province: str | None, cohort: str, metric: str, period: str,
               cluster: list[str] | tuple[str, ...] | None = None, as_of: str | None = None,
               before: tuple[str, str | None] | None = None, cluster_as_filter: bool = False
               ) -> pl.DataFrame:
    """One cohort's units ranked on ``metric`` in ``period`` (BOARD_SCHEMA columns).

    ``province`` None ranks the cohort nationally; ``cluster`` ranks only its members among
    themselves (``cluster_as_filter``: keep the ranks among the whole scope, show only its
    members). ``as_of`` picks the snapshot (default: the latest of the period); ``before``
    (period, as_of) is what the change is against (default: the snapshot before, else none).
    Ranked units come first by rank, equal scores in Vietnamese alphabetical order; units with
    no score follow, unranked.
    """
    if cohort not in COHORTS:
        raise ValueError(f"cohort must be one of {', '.join(COHORTS)}, got {cohort!r}")
    scope = _scope(units, province, cohort, metric)
    if cluster is not None and not cluster_as_filter:
        scope = in_cluster(scope, cluster)
    days = units.snapshots(period)
    as_of = as_of if as_of is not None or not days else days[-1]
    board = _ranked(_snapshot(scope, period, as_of))
    if before is None and as_of in days and days.index(as_of) > 0:
        before = (period, days[days.index(as_of) - 1])
    if before is not None:
        prev = _ranked(_snapshot(scope, *before)).select(
            "unit", pl.col("rank").alias("prev_rank"), pl.col("value").alias("prev_value"))
        board = board.join(prev, on="unit", how="left")
    else:
        board = board.with_columns(pl.lit(None, pl.Int32).alias("prev_rank"),
                                   pl.lit(None, pl.Float64).alias("prev_value"))
    board = board.with_columns(
        (pl.col("prev_rank") - pl.col("rank")).cast(pl.Int32).alias("rank_change"),
        (pl.col("value") - pl.col("prev_value")).alias("value_change"),
        pl.Series("_vi", vi_rank([sort_name(n) for n in board["name"].to_list()]), dtype=pl.Int64),
    )
    if cluster is not None and cluster_as_filter:
        board = in_cluster(board, cluster)
    # polars types cast()'s keys as a union of names and selectors; a dict[str, …] is refused
    return board.sort(["rank", "_vi"], nulls_last=True).select(list(BOARD_SCHEMA)).cast(BOARD_SCHEMA)  # type: ignore[arg-type]
