"""Unit-level files into a UnitSet: the portal's own answers (saved JSON) and office tables
(CSV, XLSX …) with a unit column beside the province column.

Unit names are checked against the unit registry where the province's list is known: an unknown
name is refused with its file, row and the nearest names. Where the list isn't known, names are
taken as given, and a warning says so.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from de06tui.core import portal
from de06tui.core.metrics import MetricCatalog, default_catalog
from de06tui.core.periods import parse_period
from de06tui.core.problems import ERROR, WARNING, Problem
from de06tui.core.readers import ROW, ReadError, files_in, read_path
from de06tui.core.registry import ProvinceRegistry, UnknownProvince, default_registry
from de06tui.core.text import key
from de06tui.core.units import COHORTS, UNIT_SCHEMA, UnitRegistry, UnitSet, unit_frame

# Header spellings of the key columns, compared folded (see text.key).
_COLUMNS = {"province": ("province", "tinh", "tinhthanh", "tinhthanhpho", "donvitinh"),
            "unit": ("unit", "donvi", "commune", "department", "xa", "xaphuong", "coquan", "tendonvi",
                     "macoquan", "madonvi"),
            "cohort": ("cohort", "level", "cap", "capdonvi"),
            "period": ("period", "kybaocao", "ky", "thang"),
            "metric": ("metric", "chiso", "chitieu"),
            "value": ("value", "giatri", "diem")}
_COHORT_WORDS = {"department": "department", "so": "department", "agency": "department",
                 "province": "department", "captinh": "department",
                 "commune": "commune", "xa": "commune", "capxa": "commune", "xaphuong": "commune"}


def as_of_of(doc: object) -> str | None:
    """The day a crawler snapshot was taken (``metadata.runDateStr`` DDMMYYYY, else extractedAt)."""
    meta = doc.get("metadata") if isinstance(doc, dict) else None
    if not isinstance(meta, dict):
        return None
    run = str(meta.get("runDateStr") or "")
    if len(run) == 8 and run.isdigit():
        return f"{run[4:]}-{run[2:4]}-{run[:2]}"
    extracted = str(meta.get("extractedAt") or "")
    return extracted[:10] or None


def portal_units(doc: object, name: str, period: str | None, provinces: ProvinceRegistry,
                 province: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """Unit records of a saved portal answer; raises PortalShapeError naming what is wrong."""
    as_of = as_of_of(doc)
    if portal.tree_endpoint(doc):
        if province is None:
            raise portal.PortalShapeError(f"{name}: a per-group answer does not name its province; "
                                          "give --province")
        if not period:
            raise portal.PortalShapeError(f"{name}: the answer does not say its period; give --period")
        return portal.tree_records(doc, period, province), as_of
    records, period = portal.unit_records(doc, period, None, what=name)
    for r in records:
        try:
            r["province"] = provinces.resolve(r["province"], 34)
        except UnknownProvince as exc:
            raise portal.PortalShapeError(f"{name}: {exc}") from None
    return records, as_of


def unit_column(headers: list[str], claimed: set[str]) -> str | None:
    """The header of a unit column (a commune or department beside the province), if any."""
    return next((h for h in headers if h not in claimed and key(h) in _COLUMNS["unit"]), None)


def _pick(columns: list[str], what: str) -> str | None:
    return next((c for c in columns if key(c) in _COLUMNS[what]), None)


_MISSING = ("", "-", "–", "N/A", "x")
# The texts a table's rows are resolved from: province, unit, level, period, metric and figure.
_KEY_TEXTS = ("_p", "_u", "_c", "_t", "_metric", "_value")
# The unit frame as files give it: UNIT_SCHEMA with its seven key texts categorical, as they are
# resolved. A national file holds a few thousand distinct texts in 837k rows: cast to strings,
# the seven columns took 0.1 s of a 0.6 s load. Every reader of the frame compares them with
# strings, which either type answers alike.
FILE_SCHEMA = {**UNIT_SCHEMA, **dict.fromkeys(("period", "province", "unit", "unit_id", "name", "cohort",
                                               "metric"), pl.Categorical)}


def _categorical(frame: pl.DataFrame, column: str | None) -> pl.Expr:
    """``column`` as categorical text (none: a column of nulls)."""
    if column is None:
        return pl.lit(None, pl.Utf8).cast(pl.Categorical)
    if frame.schema[column] == pl.Categorical:
        return pl.col(column)
    return pl.col(column).cast(pl.Utf8).cast(pl.Categorical)


def _places(column: pl.Series) -> tuple[pl.Series, pl.Series]:
    """The distinct values of a categorical or integer column, and each row's place among them
    (UInt32). Categorical codes are small: a table as long as the largest code gives each row its
    place in one gather, where a join would hash every row and copy the rows it keeps."""
    distinct = column.unique(maintain_order=True)  # in order of first rows; faster, too, than unordered
    codes = distinct.to_physical()
    known = codes.is_not_null()
    index = pl.int_range(len(distinct), dtype=pl.UInt32, eager=True)
    top = codes.cast(pl.Int64).max()
    rows = column.to_physical()
    if isinstance(top, int) and top <= 4 * len(column) + 1024:
        table = pl.select(pl.zeros(top + 1, pl.UInt32)).to_series()
        place = table.scatter(codes.filter(known), index.filter(known)).gather(rows)
    else:
        place = rows.replace_strict(codes.filter(known), index.filter(known), default=None, return_dtype=pl.UInt32)
    if not known.all():  # the rows without a value: the place of the null among the distinct values
        place = place.fill_null(index.filter(~known)[0])
    return distinct, place


@dataclass
class _Resolved:
    """A function's answers for each distinct key (one categorical Series per answer), and each
    row's key among them."""

    outs: list[pl.Series]
    place: pl.Series

    def column(self, i: int, name: str) -> pl.Series:
        return self.outs[i].gather(self.place).alias(name)


class TableReader:
    """An office table of unit rows: long (metric, value) or wide (one column per metric).

    Each distinct province, unit, level, period and metric text is resolved once and joined
    back, so a million rows cost a few thousand look-ups; every refused cell is named by row.
    """

    def __init__(self, units: UnitRegistry, provinces: ProvinceRegistry, catalog: MetricCatalog,
                 cohort: str | None, period: str | None):
        self.units, self.provinces, self.catalog = units, provinces, catalog
        self.cohort, self.period = cohort, period
        self.problems: list[Problem] = []
        self._said: set[Problem] = set()  # the errors in problems, looked up as each is found
        self.sheet: str | None = None  # the workbook sheet being read, named in every problem

    def _fail(self, reason: str, name: str, row: int | None = None, column: str | None = None,
              value: str | None = None) -> None:
        problem = Problem(ERROR, reason, file=name, row=row, column=column, value=value, sheet=self.sheet)
        if problem not in self._said:  # a wide row repeats its unit once per metric column
            self._said.add(problem)
            self.problems.append(problem)

    def _long(self, frame: pl.DataFrame, name: str) -> tuple[pl.DataFrame, dict[str, Any]] | None:
        cols = [c for c in frame.columns if c != ROW]
        where = {w: _pick(cols, w) for w in _COLUMNS}
        for need in ("province", "unit"):
            if where[need] is None:
                self._fail(f"no {need} column (a unit-level file has a unit column beside the province "
                           "column)", name, column=need)
                return None
        if where["metric"] and where["value"]:
            long = frame.rename({where["metric"]: "_metric", where["value"]: "_value"})
        else:
            wide = {c: self.catalog.match_column(c) for c in cols if c not in where.values()}
            wide = {c: m for c, m in wide.items() if m}
            if not wide:
                self._fail("no metric and value columns, and no column named as a metric", name)
                return None
            # _metric keeps each column's own header: the metric is resolved from it (_metric) and
            # a bad cell is located by it
            if not all(frame.schema[c].is_numeric() for c in wide):  # one column of one type
                frame = frame.with_columns(pl.col(list(wide)).cast(pl.Utf8))
            long = frame.unpivot(list(wide), index=[c for c in frame.columns if c not in wide],
                                 variable_name="_metric", value_name="_value")
        # Key texts are categorical (the readers give them so): a million rows hold a few thousand
        # distinct texts, and each is stripped and resolved once (see _resolve). So are the
        # figures' texts, parsed once each (see _values). Numbers stay numbers.
        text = {"_p": where["province"], "_u": where["unit"], "_c": where["cohort"], "_t": where["period"],
                "_metric": "_metric", "_value": "_value"}
        long = long.with_columns(_categorical(long, c).alias(k) for k, c in text.items()
                                 if k != "_value" or not long.schema["_value"].is_numeric())
        return long, where

    def _resolve(self, long: pl.DataFrame, given: list[tuple[Any, ...]], place: pl.Series,
                 fn: Callable[..., object], name: str, column: str | None, outs: int = 1) -> _Resolved:
        """fn of each distinct key ``given`` (its place among them per row in ``place``); the rows
        of a key fn refuses (ValueError) are located errors, in the order of the rows."""
        got: list[tuple[Any, ...]] = []
        bad: dict[int, tuple[str, str | None]] = {}
        for i, args in enumerate(given):
            try:
                value = fn(*args)
                got.append(value if isinstance(value, tuple) else (value,))
            except ValueError as exc:
                got.append((None,) * outs)
                bad[i] = (str(exc), None if args[-1] is None else str(args[-1]))
        if bad:
            refused = pl.Series([i in bad for i in range(len(given))], dtype=pl.Boolean).gather(place)
            hit = pl.DataFrame({ROW: long[ROW], "_key": place}).filter(refused).unique().sort(ROW, "_key")
            for row, i in hit.iter_rows():
                self._fail(bad[i][0], name, row, column, bad[i][1])
        return _Resolved([pl.Series([g[j] for g in got], dtype=pl.Utf8).cast(pl.Categorical)
                          for j in range(outs)], place)

    def _text(self, long: pl.DataFrame, key: str, fn: Callable[[str | None], str], name: str,
              column: str | None) -> _Resolved:
        """fn of each distinct text of the categorical column ``key``, stripped."""
        distinct, place = _places(long[key])
        given = [(v.strip() if isinstance(v, str) else v,) for v in distinct.to_list()]
        return self._resolve(long, given, place, fn, name, column)

    def _units(self, long: pl.DataFrame, province: _Resolved, cohort: _Resolved, name: str, column: str | None,
               unlisted: set[tuple[str, str]]) -> _Resolved:
        """Each distinct (province, level, unit text) as its unit's code, id and name."""
        texts, place_u = _places(long["_u"])
        n_u, n_c = len(texts), len(cohort.outs[0])
        # one integer per row for the three: (province, level) first, made dense when there are
        # several levels, so that the whole stays under rows² (which UInt64 holds)
        pair, pair_codes = province.place.cast(pl.UInt64), []
        if n_c > 1:
            pairs, pair = _places(pair * n_c + cohort.place)
            pair_codes = pairs.to_list()
        keys, place = _places(pair.cast(pl.UInt64) * n_u + place_u)
        provinces, cohorts, units = province.outs[0].to_list(), cohort.outs[0].to_list(), texts.to_list()
        given = []
        for k in keys.to_list():
            p_c = pair_codes[k // n_u] if pair_codes else k // n_u
            text = units[k % n_u]
            given.append((provinces[p_c // n_c], cohorts[p_c % n_c], text.strip() if isinstance(text, str) else text))

        def unit(province: str, cohort: str, text: str | None) -> tuple[str | None, str, str | None]:
            found = self.units.find(province, text or "", cohort)
            if found is None and self.units.knows(province, cohort):
                near = self.units.suggest(province, text or "", cohort)
                hint = f"; did you mean {', '.join(near)}?" if near else ""
                raise ValueError(f"unknown {cohort} of {self.provinces.name(province, 34)}{hint}")
            if found is None:
                unlisted.add((province, cohort))
            return (found.code, found.id, found.name) if found else (text, "", text)

        return self._resolve(long, given, place, unit, name, column, outs=3)

    def read(self, frame: pl.DataFrame, name: str, sheet: str | None = None) -> pl.DataFrame:
        """The table's rows as the unit frame (empty when anything is refused)."""
        self.sheet = sheet
        shaped = self._long(frame, name)
        if shaped is None:
            return unit_frame([])
        long, where = shaped
        long = long.select(ROW, *_KEY_TEXTS)
        province = self._text(long, "_p", self._province, name, where["province"])
        metric = self._text(long, "_metric", self._metric, name, where["metric"])
        cohort = self._text(long, "_c", self._cohort, name, where["cohort"] or "level")
        period = self._text(long, "_t", self._period, name, where["period"] or "period")
        if self.problems:
            return unit_frame([])
        unlisted: set[tuple[str, str]] = set()
        unit = self._units(long, province, cohort, name, where["unit"], unlisted)
        values = self._values(long, name, where["value"])
        if self.problems:
            return unit_frame([])
        for p, c in sorted(unlisted):
            self.problems.append(Problem(WARNING, f"no list of {c} units is known for "
                                         f"{self.provinces.name(p, 34)}: unit names taken as given "
                                         "(fetch the province's units to check them)", file=name))
        n = long.height
        out = pl.DataFrame([period.column(0, "period"), pl.repeat(None, n, dtype=pl.Utf8, eager=True).alias("as_of"),
                            province.column(0, "province"), unit.column(0, "unit"), unit.column(1, "unit_id"),
                            unit.column(2, "name"), cohort.column(0, "cohort"), metric.column(0, "metric"),
                            values.alias("value"), pl.repeat(None, n, dtype=pl.Int32, eager=True).alias("source_rank"),
                            pl.repeat(None, n, dtype=pl.Utf8, eager=True).alias("flag"),
                            pl.repeat(True, n, dtype=pl.Boolean, eager=True).alias("real")])
        # polars types cast()'s keys as a union of names and selectors; a dict[str, …] is refused
        return out.cast(FILE_SCHEMA)  # type: ignore[arg-type]

    def _values(self, long: pl.DataFrame, name: str, column: str | None) -> pl.Series:
        """Each distinct figure text parsed once, then given back to its rows; bad ones located."""
        if long["_value"].dtype.is_numeric():
            return long["_value"].cast(pl.Float64)
        distinct, place = _places(long["_value"])
        text = distinct.cast(pl.Utf8).str.strip_chars()
        missing = text.is_null() | text.is_in(list(_MISSING))
        decimal_comma = text.str.count_matches(",").eq(1) & ~text.str.contains(".", literal=True)
        number = pl.select(pl.when(decimal_comma).then(text.str.replace(",", ".", literal=True))
                           .otherwise(text).cast(pl.Float64, strict=False)).to_series()
        wrong = ~missing & number.is_null()
        if wrong.any():
            bad = long.filter(wrong.gather(place)).sort(ROW, maintain_order=True)
            for row, cell, metric in bad.select(ROW, "_value", "_metric").iter_rows():
                self._fail("not a number", name, row, column or metric, str(cell).strip())
        return pl.select(pl.when(missing).then(None).otherwise(number)).to_series().gather(place)

    def _province(self, text: str | None) -> str:
        return self.provinces.resolve(text or "", 34)  # UnknownProvince is a ValueError

    def _metric(self, text: str | None) -> str:
        mid = self.catalog.match_column(text or "") or (text if text in self.catalog else None)
        if mid is None:
            raise ValueError("unknown metric")
        return mid

    def _cohort(self, text: str | None) -> str:
        if text:
            got = _COHORT_WORDS.get(key(text))
            if got is None:
                raise ValueError(f"unknown level; expected one of {', '.join(COHORTS)}")
            return got
        if self.cohort is None:
            raise ValueError("no level column: say --level department or --level commune")
        return self.cohort

    def _period(self, text: str | None) -> str:
        if not (text or self.period):
            raise ValueError("no period column: give --period")
        return parse_period(str(text or self.period))  # PeriodError is a ValueError


def load_unit_paths(paths: list[Path | str], cohort: str | None = None, period: str | None = None,
                    province: str | None = None, units: UnitRegistry | None = None,
                    catalog: MetricCatalog | None = None) -> UnitSet:
    """Unit-level files and folders into a UnitSet; a file with errors is refused whole."""
    units = units or UnitRegistry.load()
    provinces, catalog = default_registry(), catalog or default_catalog()
    frames: list[pl.DataFrame] = []
    problems: list[Problem] = []
    sources: list[str] = []
    synthetic = False
    for path in map(Path, paths):
        if not path.exists():
            problems.append(Problem(ERROR, "no such file or folder", file=str(path)))
        for f in files_in(path) if path.exists() else []:
            sources.append(str(f))
            got = _one_file(f, units, provinces, catalog, cohort, period, province)
            problems.extend(got[1])
            if got[0] is not None and not any(p.is_error for p in got[1]):
                frames.append(got[0])
                synthetic = synthetic or got[2]
    # a portal answer's frame is small: its texts become categorical like a table's, so they concat
    frame = pl.concat([f.cast(FILE_SCHEMA) for f in frames or [unit_frame([])]])  # type: ignore[arg-type]
    return UnitSet(frame, units, problems, tuple(sources), synthetic)


def _one_file(path: Path, units: UnitRegistry, provinces: ProvinceRegistry, catalog: MetricCatalog,
              cohort: str | None, period: str | None, province: str | None
              ) -> tuple[pl.DataFrame | None, list[Problem], bool]:
    name = str(path)
    if path.suffix.lower() == ".json":
        try:
            doc = json.loads(path.read_text("utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return None, [Problem(ERROR, f"cannot read as JSON: {str(exc)[:160]}", file=name)], False
        if portal.is_portal_doc(doc):
            try:
                records, as_of = portal_units(doc, name, period, provinces, province)
            except portal.PortalShapeError as exc:
                return None, [Problem(ERROR, str(exc).removeprefix(f"{name}: "), file=name)], False
            return unit_frame(records, as_of), [], False
    try:
        table = read_path(path)
    except ReadError as exc:
        return None, [exc.problem], False
    reader = TableReader(units, provinces, catalog, cohort, period)
    return reader.read(table.frame, name, table.sheet), table.problems + reader.problems, table.synthetic
