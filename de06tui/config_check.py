"""Reading ``config.toml``: every problem collected, each naming the file, the key and its line.

``load_config`` refuses the settings on the first problem (the error carries them all);
``de06tui config validate`` lists every one, and there also checks ``[keys]`` against the app's
action ids and ``[thresholds]`` against the metrics' ranges. A token's value is never in a message.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from de06tui.config import _FILE_KEYS, ConfigError, _check

if TYPE_CHECKING:
    from de06tui.core.metrics import MetricCatalog

Key = tuple[str, ...]

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
_TABLE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_ONE_PART = re.compile(_PART)
_SECTIONS = sorted({k.split(".")[0] for k in _FILE_KEYS if "." in k} | {"keys", "clusters", "thresholds",
                                                                        "columns"})


def _parts(dotted: str) -> Key:
    out = []
    for part in _ONE_PART.findall(dotted):
        if part.startswith('"'):
            try:
                part = json.loads(part)
            except ValueError:
                part = part[1:-1]
        elif part.startswith("'"):
            part = part[1:-1]
        out.append(part)
    return tuple(out)


def locate(text: str) -> dict[Key, int]:
    """The line each table and key is first written on. TOML parsers give no positions, so the
    lines are found again: a plain scan of headers and ``key =`` lines, good for what people write."""
    lines: dict[Key, int] = {}
    table: Key = ()
    for number, line in enumerate(text.splitlines(), 1):
        if header := _TABLE.match(line):
            table = _parts(header.group(1))
            lines.setdefault(table, number)
        elif assign := _ASSIGN.match(line):
            lines.setdefault(table + _parts(assign.group(1)), number)
    return lines


def _hint(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass
class Report:
    """Problems in one settings file; each message ends with its key's line when it was found."""

    where: str
    lines: Mapping[Key, int] = field(default_factory=dict)
    found: list[tuple[int, str]] = field(default_factory=list)

    def add(self, message: str, key: Key) -> None:
        while key and key not in self.lines:
            key = key[:-1]  # a value inside an inline table: the line of the table's key
        line = self.lines[key] if key else 0
        self.found.append((line, f"{message} (line {line})" if line else message))

    def problems(self) -> list[str]:
        """In the file's order, whichever check found them."""
        return [message for _, message in sorted(self.found, key=lambda found: found[0])]

    def bad(self, key: Key, why: str) -> None:
        self.add(f"{self.where}: key '{'.'.join(key)}': {why}", key)

    def setting(self, found: dict[str, Any], key: Key, value: Any) -> None:
        dotted = ".".join(key)
        if dotted not in _FILE_KEYS:
            self.add(f"{self.where}: unknown key '{dotted}'{_hint(dotted, _FILE_KEYS)}", key)
            return
        try:
            found[_FILE_KEYS[dotted]] = _check(_FILE_KEYS[dotted], value, f"{self.where}: key '{dotted}'")
        except ConfigError as exc:
            self.add(str(exc), key)


def read_file(path: Path, problems: list[str], known_actions: Collection[str] | None = None,
              catalog: MetricCatalog | None = None) -> dict[str, Any] | None:
    """The usable settings in ``path``; each problem is added to ``problems``. None when the file
    cannot be read as TOML. ``known_actions`` and ``catalog``, when given, check ``[keys]`` and
    ``[thresholds]`` against what the app knows."""
    try:
        text = path.read_text(encoding="utf-8")
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{path}: not valid TOML: {exc}")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path}: cannot read: {exc}")
        return None
    token = doc.get("http", {}).get("token") if isinstance(doc.get("http"), dict) else None
    if isinstance(token, str):
        from de06tui.core.text import add_secret

        add_secret(token)  # masked in every message, even one about another key
    report = Report(str(path), locate(text))
    found = _flatten(doc, report, known_actions)
    if catalog is not None and found.get("thresholds"):
        _against_metrics(found["thresholds"], catalog, report)
    problems.extend(report.problems())
    return found


def _flatten(doc: dict[str, Any], report: Report, known_actions: Collection[str] | None) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for k, v in doc.items():
        if k == "keys":
            found["keys"] = _keys(v, report, known_actions)
        elif k == "clusters":
            found["clusters"] = _clusters(v, report)
        elif k == "thresholds":
            found["thresholds"] = _thresholds(v, report)
        elif k == "columns":
            found["hidden_columns"] = _hidden_columns(v, report)
        elif isinstance(v, dict) and k in _SECTIONS:
            for k2, v2 in v.items():
                report.setting(found, (k, k2), v2)
        elif k in _SECTIONS:
            report.add(f"{report.where}: [{k}] must be a table of settings, not a single value", (k,))
        elif isinstance(v, dict) and k not in _FILE_KEYS:
            report.add(f"{report.where}: unknown section [{k}]{_hint(k, _SECTIONS)}", (k,))
        else:
            report.setting(found, (k,), v)
    return found


def _key_names(keys: Any) -> bool:
    """Textual key names separated by commas: none empty, none with a space inside."""
    return isinstance(keys, str) and all(p.strip() and not any(c.isspace() for c in p.strip())
                                         for p in keys.split(","))


def _keys(doc: Any, report: Report, known_actions: Collection[str] | None) -> Mapping[str, str]:
    """``[keys]`` action id = "key,key". Without ``known_actions`` every id is kept: the app
    reports the ones it does not know and goes on."""
    if not isinstance(doc, dict):
        report.add(f'{report.where}: [keys] must map action ids to key names, e.g. reload = "r,f5"', ("keys",))
        return MappingProxyType({})
    good: dict[str, str] = {}
    for action, keys in doc.items():
        key = ("keys", action)
        if known_actions is not None and action not in known_actions:
            report.bad(key, f"unknown action id{_hint(action, known_actions)} "
                            f"(known: {', '.join(sorted(known_actions))})")
        elif not _key_names(keys):
            report.bad(key, 'must be key names separated by commas, e.g. reload = "r,f5"')
        else:
            good[action] = keys
    return MappingProxyType(good)


def _clusters(doc: Any, report: Report) -> Mapping[str, tuple[str, ...]]:
    """``[clusters]``: each name a list of commune names or codes."""
    if not isinstance(doc, dict):
        report.add(f'{report.where}: [clusters] must map a cluster name to a list of communes, '
                   f'e.g. "Cụm 1" = ["Vân Canh", "H21.203"]', ("clusters",))
        return MappingProxyType({})
    good: dict[str, tuple[str, ...]] = {}
    for name, members in doc.items():
        if not isinstance(members, list) or not members or not all(isinstance(m, str) and m.strip()
                                                                     for m in members):
            report.bad(("clusters", name), "must be a non-empty list of commune names or codes")
        else:
            good[str(name)] = tuple(m.strip() for m in members)
    return MappingProxyType(good)


def _hidden_columns(doc: Any, report: Report) -> tuple[str, ...]:
    """``[columns] hidden = [...]``: column ids, checked by the app (unknown ones are ignored there)."""
    others = sorted(set(doc) - {"hidden"}) if isinstance(doc, dict) else []
    if not isinstance(doc, dict) or others:
        report.add(f'{report.where}: [columns] takes one key, hidden = ["trend", "bar"]', ("columns", *others[:1]))
        return ()
    hidden = doc.get("hidden", [])
    if not isinstance(hidden, list) or not all(isinstance(c, str) for c in hidden):
        report.add(f"{report.where}: key 'columns.hidden' must be a list of column names (got {hidden!r})",
                   ("columns", "hidden"))
        return ()
    return tuple(hidden)


def _thresholds(doc: Any, report: Report) -> Mapping[str, Mapping[str, float]]:
    """[thresholds] metric_id = { red = …, amber = … }: numbers; the metric's range is checked at use."""
    if not isinstance(doc, dict):
        report.add(f"{report.where}: [thresholds] must map metric ids to {{ red = …, amber = … }}", ("thresholds",))
        return MappingProxyType({})
    out: dict[str, Mapping[str, float]] = {}
    for metric, pair in doc.items():
        key = ("thresholds", metric)
        if not isinstance(pair, dict) or not pair or set(pair) - {"red", "amber"}:
            report.add(f"{report.where}: key 'thresholds.{metric}' must be {{ red = …, amber = … }} "
                       f"(got {pair!r})", key)
            continue
        numbers = {name: float(v) for name, v in pair.items()
                   if not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v)}
        for name in sorted(set(pair) - set(numbers)):
            report.add(f"{report.where}: key 'thresholds.{metric}.{name}' must be a number "
                       f"(got {pair[name]!r})", (*key, name))
        if len(numbers) == len(pair):
            out[metric] = MappingProxyType(numbers)
    return MappingProxyType(out)


def _against_metrics(thresholds: Mapping[str, Mapping[str, float]], catalog: MetricCatalog,
                     report: Report) -> None:
    """Each override inside its metric's range and on the right side of the other boundary."""
    from de06tui.core.problems import DataError
    from de06tui.core.thresholds import boundaries, check_boundaries

    for metric, pair in thresholds.items():
        key = ("thresholds", metric)
        if metric not in catalog:
            report.bad(key, f"unknown metric{_hint(metric, catalog.ids())} (known: {', '.join(catalog.ids())})")
            continue
        red, amber = boundaries(catalog[metric])
        try:
            check_boundaries(catalog[metric], pair.get("red", red), pair.get("amber", amber), report.where)
        except DataError as exc:
            for p in exc.problems:
                column = p.column or ".".join(key)
                report.add(f"{report.where}: key '{column}': {p.reason}", tuple(column.split(".")))


def config_problems(path: Path | None = None, env: Mapping[str, str] | None = None,
                    known_actions: Collection[str] | None = None) -> tuple[list[str], str]:
    """Every problem in the settings (file and environment), and where they were read from."""
    from de06tui.config import gather_settings
    from de06tui.core.metrics import default_catalog
    from de06tui.core.problems import DataError

    try:
        catalog: MetricCatalog | None = default_catalog()
    except DataError:
        catalog = None  # the metric files' own problems are `validate`'s to report
    problems: list[str] = []
    _, source = gather_settings(path, env, None, problems, known_actions, catalog)
    return problems, source
