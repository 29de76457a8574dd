"""Metric definitions, one declarative TOML file per leaderboard screen."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from de06tui.core.paths import screens_dir, user_screens_dir
from de06tui.core.problems import ERROR, DataError, Problem
from de06tui.core.text import clean, key

UNITS = ("%", "points")


@dataclass(frozen=True)
class MetricDef:
    """What a leaderboard ranks and how to show it."""

    id: str
    title_vi: str
    title_en: str
    short_vi: str
    short_en: str
    unit: str
    low: float
    high: float
    higher_is_better: bool = True
    decimals: int = 1
    top: int = 3
    bottom: int = 3
    counts: bool = False
    main: bool = False
    order: int = 100
    columns: tuple[str, ...] = ()
    source: str = ""
    thresholds: tuple[float, float] | None = None
    """(red, amber) band boundaries in the metric's unit; None: the defaults (core/thresholds.py)."""

    def title(self, lang: str) -> str:
        return self.title_vi if lang == "vi" else self.title_en

    def short(self, lang: str) -> str:
        return self.short_vi if lang == "vi" else self.short_en

    def fmt(self, value: float | None) -> str:
        if value is None:
            return "–"
        return f"{value:.{self.decimals}f}"

    def unit_label(self, lang: str = "en") -> str:
        if self.unit == "%":
            return "%"
        return "điểm" if lang == "vi" else "pts"


def _parse(path: Path, doc: dict[str, Any]) -> MetricDef:
    problems: list[Problem] = []
    name = str(path)

    def bad(k: str, why: str) -> None:
        problems.append(Problem(ERROR, why, file=name, column=k))

    def get(k: str, typ: type, required: bool = True, default: Any = None) -> Any:
        node = doc
        for part in k.split("."):
            if not isinstance(node, dict) or part not in node:
                if required:
                    bad(k, "required key is missing")
                return default
            node = node[part]
        if typ is float and isinstance(node, int) and not isinstance(node, bool):
            node = float(node)
        if not isinstance(node, typ) or (typ is int and isinstance(node, bool)):
            bad(k, f"must be {typ.__name__}, got {type(node).__name__} {node!r}")
            return default
        return node

    mid = get("id", str, default="")
    if mid and not mid.replace("_", "").isalnum():
        bad("id", f"must be letters, digits and _, got {mid!r}")
    title_vi = get("title.vi", str, default=mid)
    title_en = get("title.en", str, default=mid)
    unit = get("unit", str, default="%")
    if unit not in UNITS:
        bad("unit", f"must be one of {', '.join(UNITS)}, got {unit!r}")
    rng = get("range", list, default=[0, 100])
    low, high = 0.0, 100.0
    if rng is not None:
        if len(rng) != 2 or not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in rng):
            bad("range", f"must be [low, high] numbers, got {rng!r}")
        elif rng[0] >= rng[1]:
            bad("range", f"low must be below high, got {rng!r}")
        else:
            low, high = float(rng[0]), float(rng[1])
    direction = get("direction", str, required=False, default="higher")
    if direction not in ("higher", "lower"):
        bad("direction", f"must be 'higher' or 'lower', got {direction!r}")
    decimals = get("decimals", int, required=False, default=1)
    if decimals is not None and not 0 <= decimals <= 6:
        bad("decimals", f"must be 0–6, got {decimals}")
    top = get("highlight.top", int, required=False, default=3)
    bottom = get("highlight.bottom", int, required=False, default=3)
    for k, v in (("highlight.top", top), ("highlight.bottom", bottom)):
        if v is not None and not 0 <= v <= 20:
            bad(k, f"must be 0–20, got {v}")
    columns = get("columns", list, required=False, default=[])
    if columns and not all(isinstance(c, str) for c in columns):
        bad("columns", "must be a list of strings")
    get("thresholds", dict, required=False)
    red = get("thresholds.red", float, required=False)
    amber = get("thresholds.amber", float, required=False)
    if (red is None) != (amber is None):
        bad("thresholds", "give both red and amber, or neither")
    for k, v in (("thresholds.red", red), ("thresholds.amber", amber)):
        if v is not None and not low <= v <= high:
            bad(k, f"must be inside the range {low:g}–{high:g}, got {v}")
    if red is not None and amber is not None and (red > amber if direction != "lower" else red < amber):
        bad("thresholds", f"red ({red}) must be on the worse side of amber ({amber})")
    # Optional keys are checked before the verdict too: a wrong type is a problem, not a default.
    short_vi = get("short.vi", str, required=False, default=title_vi)
    short_en = get("short.en", str, required=False, default=title_en)
    counts = get("counts", bool, required=False, default=False)
    main = get("main", bool, required=False, default=False)
    order = get("order", int, required=False, default=100)
    if problems:
        raise DataError(problems)
    return MetricDef(
        id=mid,
        # Titles are text from a file: cleaned once here, so every screen and output shows plain text.
        title_vi=clean(title_vi),
        title_en=clean(title_en),
        short_vi=clean(short_vi),
        short_en=clean(short_en),
        unit=unit,
        low=low,
        high=high,
        higher_is_better=direction == "higher",
        decimals=decimals,
        top=top,
        bottom=bottom,
        counts=counts,
        main=main,
        order=order,
        columns=tuple([mid, *columns]),
        source=name,
        thresholds=(red, amber) if red is not None and amber is not None else None,
    )


def load_metric_file(path: Path) -> MetricDef:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError([Problem(ERROR, f"cannot read: {exc}", file=str(path))]) from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError([Problem(ERROR, f"not valid TOML: {exc}", file=str(path))]) from None
    return _parse(path, doc)


class MetricCatalog:
    """All metric definitions in display order, looked up by id or by any input column name."""

    def __init__(self, metrics: list[MetricDef], problems: list[Problem] | None = None):
        self._by_id = {m.id: m for m in sorted(metrics, key=lambda m: (m.order, m.id))}
        self.problems = list(problems or [])
        self._by_column: dict[str, str] = {}
        for m in self._by_id.values():
            for c in m.columns:
                owner = self._by_column.setdefault(key(c), m.id)
                if owner != m.id:
                    first = self._by_id[owner]
                    self._add_problem(Problem(
                        ERROR, f"column name '{c}' is also claimed by metric '{owner}' ({first.source}); "
                               f"such a column goes to '{owner}', so remove it from one of the two",
                        file=m.source or None, column="columns"))

    def _add_problem(self, problem: Problem) -> None:
        if problem not in self.problems:  # a catalog rebuilt from another keeps one copy
            self.problems.append(problem)

    def __iter__(self) -> Iterator[MetricDef]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, mid: object) -> bool:
        return mid in self._by_id

    def __getitem__(self, mid: str) -> MetricDef:
        return self._by_id[mid]

    def ids(self) -> list[str]:
        return list(self._by_id)

    def main(self) -> list[MetricDef]:
        return [m for m in self._by_id.values() if m.main]

    def match_column(self, header: str) -> str | None:
        """Metric id a column header answers to, regardless of case, diacritics and spacing."""
        return self._by_column.get(key(header))

    @classmethod
    def load(cls, folders: list[Path] | None = None, strict: bool = False) -> MetricCatalog:
        """Shipped screens, then the user's; a user file with the same id replaces a shipped one.

        A malformed file is skipped and reported in ``problems`` (``strict`` raises instead).
        """
        if folders is None:
            folders = [screens_dir(), user_screens_dir()]
        metrics: dict[str, MetricDef] = {}
        problems: list[Problem] = []
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.toml")):
                try:
                    m = load_metric_file(path)
                except DataError as exc:
                    if strict:
                        raise
                    problems.extend(exc.problems)
                    continue
                metrics[m.id] = m
        return cls(list(metrics.values()), problems)


@lru_cache(maxsize=1)
def default_catalog() -> MetricCatalog:
    return MetricCatalog.load()
