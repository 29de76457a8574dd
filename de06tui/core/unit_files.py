"""Unit-level files into a UnitSet: the portal's own answers (saved JSON) and office tables
(CSV, XLSX …) with a unit column beside the province column.

Unit names are checked against the unit registry where the province's list is known: an unknown
name is refused with its file, row and the nearest names. Where the list isn't known, names are
taken as given, and a warning says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from de06tui.core import portal
from de06tui.core.metrics import MetricCatalog, default_catalog
from de06tui.core.periods import PeriodError, parse_period
from de06tui.core.problems import ERROR, WARNING, Problem
from de06tui.core.readers import ROW, ReadError, files_in, read_path
from de06tui.core.registry import ProvinceRegistry, UnknownProvince, default_registry
from de06tui.core.text import key
from de06tui.core.units import COHORTS, UnitRegistry, UnitSet, unit_frame

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
                 province: str | None = None) -> tuple[list[dict], str | None]:
    """Unit records of a saved portal answer; raises PortalShapeError naming what is wrong."""
    as_of = as_of_of(doc)
    if portal.tree_endpoint(doc):
        if province is None:
            raise portal.PortalShapeError(f"{name}: a per-group answer does not name its province; give --province")
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


class TableReader:
    """An office table of unit rows: long (metric, value) or wide (one column per metric)."""

    def __init__(self, units: UnitRegistry, provinces: ProvinceRegistry, catalog: MetricCatalog,
                 cohort: str | None, period: str | None):
        self.units, self.provinces, self.catalog = units, provinces, catalog
        self.cohort, self.period = cohort, period
        self.problems: list[Problem] = []
        self._unlisted: set[tuple[str, str]] = set()

    def _fail(self, reason: str, name: str, row: int | None = None, column: str | None = None,
              value: str | None = None) -> None:
        problem = Problem(ERROR, reason, file=name, row=row, column=column, value=value)
        if problem not in self.problems:  # a wide row repeats its unit once per metric column
            self.problems.append(problem)

    def read(self, frame: pl.DataFrame, name: str) -> list[dict]:
        cols = [c for c in frame.columns if c != ROW]
        where = {w: _pick(cols, w) for w in _COLUMNS}
        for need in ("province", "unit"):
            if where[need] is None:
                self._fail(f"no {need} column (a unit-level file has a unit column beside the province "
                           "column)", name, column=need)
                return []
        if where["metric"] and where["value"]:
            long = frame.rename({where["metric"]: "_metric", where["value"]: "_value"})
        else:
            wide = {c: self.catalog.match_column(c) for c in cols if c not in where.values()}
            wide = {c: m for c, m in wide.items() if m}
            if not wide:
                self._fail("no metric and value columns, and no column named as a metric", name)
                return []
            long = frame.unpivot(list(wide), index=[c for c in frame.columns if c not in wide],
                                 variable_name="_metric", value_name="_value")
            long = long.with_columns(pl.col("_metric").replace_strict(wide, return_dtype=pl.Utf8))
        out: list[dict] = []
        for rec in long.with_columns(pl.col("_value").cast(pl.Utf8)).iter_rows(named=True):
            got = self._row(rec, where, name)
            if got is not None:
                out.append(got)
        for province, cohort in sorted(self._unlisted):
            self.problems.append(Problem(WARNING, f"no list of {cohort} units is known for "
                                         f"{self.provinces.name(province, 34)}: unit names taken as given "
                                         "(fetch the province's units to check them)", file=name))
        return out

    def _row(self, rec: dict, where: dict, name: str) -> dict | None:
        row = rec[ROW]
        try:
            province = self.provinces.resolve(rec[where["province"]], 34)
        except UnknownProvince as exc:
            self._fail(str(exc), name, row, where["province"], str(rec[where["province"]]))
            return None
        metric = self.catalog.match_column(str(rec["_metric"] or "")) or (
            rec["_metric"] if rec["_metric"] in self.catalog else None)
        if metric is None:
            self._fail("unknown metric", name, row, where["metric"], str(rec["_metric"]))
            return None
        cohort = self._cohort(rec, where, name, row)
        if cohort is None:
            return None
        text = str(rec[where["unit"]] or "").strip()
        unit = self.units.find(province, text, cohort)
        if unit is None and self.units.knows(province, cohort):
            near = self.units.suggest(province, text, cohort)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            self._fail(f"unknown {cohort} of {self.provinces.name(province, 34)}{hint}", name, row,
                       where["unit"], text)
            return None
        if unit is None:
            self._unlisted.add((province, cohort))
        period = self._period(rec, where, name, row)
        value = self._value(rec["_value"], name, row, where["value"] or str(rec["_metric"]))
        if period is None or value is False:
            return None
        return {"period": period, "province": province, "unit": unit.code if unit else text,
                "unit_id": unit.id if unit else "", "name": unit.name if unit else text,
                "cohort": cohort, "metric": metric, "value": value, "real": True}

    def _cohort(self, rec: dict, where: dict, name: str, row: int) -> str | None:
        if where["cohort"] and rec[where["cohort"]]:
            got = _COHORT_WORDS.get(key(str(rec[where["cohort"]])))
            if got is None:
                self._fail(f"unknown level; expected one of {', '.join(COHORTS)}", name, row,
                           where["cohort"], str(rec[where["cohort"]]))
            return got
        if self.cohort is None:
            self._fail("no level column: say --level department or --level commune", name, row)
        return self.cohort

    def _period(self, rec: dict, where: dict, name: str, row: int) -> str | None:
        text = rec[where["period"]] if where["period"] else self.period
        if not text:
            self._fail("no period column: give --period", name, row)
            return None
        try:
            return parse_period(str(text))
        except PeriodError as exc:
            self._fail(str(exc), name, row, where["period"], str(text))
            return None

    def _value(self, text: str | None, name: str, row: int, column: str) -> float | None | bool:
        if text is None or str(text).strip() in ("", "-", "–", "N/A", "x"):
            return None
        try:
            return float(str(text).replace(",", ".")) if str(text).count(",") == 1 and "." not in str(text) \
                else float(text)
        except ValueError:
            self._fail("not a number", name, row, column, str(text))
            return False


def load_unit_paths(paths: list[Path | str], cohort: str | None = None, period: str | None = None,
                    province: str | None = None, units: UnitRegistry | None = None,
                    catalog: MetricCatalog | None = None) -> UnitSet:
    """Unit-level files and folders into a UnitSet; a file with errors is refused whole."""
    units = units or UnitRegistry.load()
    provinces, catalog = default_registry(), catalog or default_catalog()
    frames: list[pl.DataFrame] = []
    problems: list[Problem] = []
    sources: list[str] = []
    for path in map(Path, paths):
        if not path.exists():
            problems.append(Problem(ERROR, "no such file or folder", file=str(path)))
        for f in files_in(path) if path.exists() else []:
            sources.append(str(f))
            got = _one_file(f, units, provinces, catalog, cohort, period, province)
            problems.extend(got[1])
            if got[0] is not None and not any(p.is_error for p in got[1]):
                frames.append(got[0])
    frame = pl.concat(frames) if frames else unit_frame([])
    return UnitSet(frame, units, problems, tuple(sources))


def _one_file(path: Path, units: UnitRegistry, provinces: ProvinceRegistry, catalog: MetricCatalog,
              cohort: str | None, period: str | None, province: str | None
              ) -> tuple[pl.DataFrame | None, list[Problem]]:
    name = str(path)
    if path.suffix.lower() == ".json":
        try:
            doc = json.loads(path.read_text("utf-8-sig"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            return None, [Problem(ERROR, f"cannot read as JSON: {str(exc)[:160]}", file=name)]
        if portal.is_portal_doc(doc):
            try:
                records, as_of = portal_units(doc, name, period, provinces, province)
            except portal.PortalShapeError as exc:
                return None, [Problem(ERROR, str(exc).removeprefix(f"{name}: "), file=name)]
            return unit_frame(records, as_of), []
    try:
        table = read_path(path)
    except ReadError as exc:
        return None, [exc.problem]
    reader = TableReader(units, provinces, catalog, cohort, period)
    records = reader.read(table.frame, name)
    return unit_frame(records), table.problems + reader.problems
