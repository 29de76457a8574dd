"""``de06tui home`` (My province, headless) and ``de06tui brief --home`` (the leaders' message)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict, replace
from datetime import UTC, datetime

from de06tui.cli.common import (
    EXIT_OK,
    add_home_option,
    add_period_options,
    add_source_options,
    default_lang,
    guarded,
    load_dataset,
    resolve_period,
)
from de06tui.core.problems import DataError, Problem

NOW_ENV = "DE06TUI_NOW"


def register(sub) -> None:
    p = sub.add_parser("home", help="where the home province stands and what it takes to climb",
                       description="The home province on every main metric and 766 group: value, rank and "
                                   "change, the gap to the rank above and to the top three (in dossiers for "
                                   "rates), the margin to the rank below, and the points left.")
    add_home_option(p)
    add_period_options(p)
    p.add_argument("--compare", metavar="previous|year|PERIOD", default=None)
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    add_source_options(p)
    p.set_defaults(handler=guarded(run))


def clock() -> datetime:
    """Now, or the instant in DE06TUI_NOW (ISO 8601) so a message can be re-made as of a moment."""
    given = os.environ.get(NOW_ENV)
    if not given:
        return datetime.now(UTC)
    try:
        stamp = datetime.fromisoformat(given.replace("Z", "+00:00"))
    except ValueError:
        raise DataError([Problem("error", f"not an ISO 8601 time (got {given!r})", column=NOW_ENV)]) from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def prepare(args: argparse.Namespace):
    """The dataset (with the config's thresholds), the config, and the home report asked for."""
    from de06tui.cli.feed_source import load_config_or_fail
    from de06tui.core.home import HomeError, home_report
    from de06tui.core.thresholds import with_thresholds

    config = load_config_or_fail()
    ds = load_dataset(args)
    ds = replace(ds, catalog=with_thresholds(ds.catalog, config.thresholds, config.source))
    main = ds.catalog.main()
    period = resolve_period(ds, args, main[0].id if main else None)
    where = "config" if config.source == "defaults" else config.source
    given, where = (args.home, "--home") if args.home else (config.home, f"{where}: key 'home'")
    try:
        report = home_report(ds, given, period, getattr(args, "compare", None), args.provinces, where=where)
    except HomeError as exc:
        raise DataError([Problem("error", str(exc))]) from None
    return ds, config, report


def run_brief(args: argparse.Namespace) -> int:
    """The morning message on stdout: at most three issues, the ranks, the as-of time."""
    from de06tui.core.alerts import AlertRules, home_alerts
    from de06tui.core.morning import data_as_of, morning_message

    ds, config, report = prepare(args)
    alerts = home_alerts(ds, report.province, report.period, AlertRules.from_config(config), args.provinces)
    text = morning_message(report, alerts, ds.catalog, data_as_of(ds), clock(), config.stale_hours,
                           args.lang or default_lang())
    sys.stdout.write(text + "\n")
    return EXIT_OK


def _target_text(t, m, lang: str, up: bool) -> str:
    from de06tui.core.text import clean

    names = ", ".join(clean(n) for n in t.names)
    # A gap can be smaller than the value's last decimal (89.23 vs 89.20): one more decimal shows it.
    gap = f"{t.gap:.{m.decimals + 1}f}"
    line = f"#{t.rank} {names} {m.fmt(t.value)}: " + (f"+{gap}" if up else
                                                       f"{'cách' if lang == 'vi' else 'margin'} {gap}")
    if t.dossiers is not None:
        noun = ("hồ sơ cần thêm" if up else "hồ sơ dự phòng") if lang == "vi" else \
            ("more dossiers" if up else "dossiers to spare")
        line += f" ({t.dossiers:,} {noun})"
    return line


def _text(report, ds, lang: str) -> str:
    from de06tui.core import periods as P
    from de06tui.core.text import clean

    vi = lang == "vi"
    out = [f"{clean(report.name)} — {P.label(report.period, lang)}" + (" [SAMPLE]" if report.synthetic else "")]
    for s in report.standings:
        m = ds.catalog[s.metric]
        move = "–" if s.rank_change is None else "=" if s.rank_change == 0 else f"{s.rank_change:+d}"
        since = f" {'so với' if vi else 'vs'} {P.label(s.compare_period, lang)}" if s.compare_period else ""
        out.append(f"\n{m.short(lang)} ({m.unit_label(lang)}), {P.label(s.period, lang)}{since}: "
                   f"{m.fmt(s.value)}{'≈' if s.approx else ''} {s.band.symbol} {s.band.label(lang)}, "
                   f"{'hạng' if vi else 'rank'} {s.rank}/{s.of} ({move})")
        for word, t, up in (("↑", s.up, True), ("top 3", s.top_three, True), ("↓", s.down, False)):
            if t is not None:
                out.append(f"  {word} {_target_text(t, m, lang, up)}")
        out.append(f"  {'còn thiếu so với tối đa' if vi else 'left on the table'}: {m.fmt(s.points_left)}")
    groups = ", ".join(f"{ds.catalog[s.metric].short(lang)} {ds.catalog[s.metric].fmt(s.points_left)}"
                       for s in report.groups_by_gain)
    if groups:
        out.append(f"\n{'Nhóm 766, nhiều điểm còn thiếu nhất trước' if vi else '766 groups, most to gain first'}:"
                   f" {groups}")
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    ds, _config, report = prepare(args)
    lang = args.lang or default_lang()
    if args.format == "json":
        doc = asdict(report)
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(_text(report, ds, lang))
    return EXIT_OK
