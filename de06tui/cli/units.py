"""``de06tui rank --level department|commune``: a province's units ranked in their cohort."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC

from de06tui.cli.common import EXIT_OK, say
from de06tui.core.problems import DataError, Problem

LEVELS = ("province", "department", "commune")
_DEFAULT_METRIC = "online_submission_rate"  # rank's own default, a province-level rate


def add_unit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--level", choices=LEVELS, default="province",
                        help="rank provinces (default), or one province's departments or communes")
    parser.add_argument("--province", metavar="P", help="the province whose units are ranked (--level)")
    parser.add_argument("--cluster", metavar="C", help="only the communes of a [clusters] entry of the config")


def wants_units(args: argparse.Namespace) -> bool:
    return getattr(args, "level", "province") != "province" or bool(getattr(args, "cluster", None))


def _fail(message: str, column: str | None = None) -> DataError:
    return DataError([Problem("error", message, column=column)])


def _province(text: str | None) -> str | None:
    from de06tui.core.registry import UnknownProvince, default_registry

    if not text:
        return None
    try:
        return default_registry().resolve(text, 34)
    except UnknownProvince as exc:
        raise _fail(str(exc), "--province") from None


def _period(args: argparse.Namespace) -> str | None:
    from de06tui.core.periods import PeriodError, parse_period

    if not args.period:
        return None
    try:
        return parse_period(args.period)
    except PeriodError as exc:
        raise _fail(f"--period '{args.period}': {exc}") from None


def _from_feed(args: argparse.Namespace, province: str | None, period: str | None):
    from datetime import datetime

    from de06tui.cli.feed_source import load_config_or_fail
    from de06tui.feeds.client import FeedError
    from de06tui.feeds.dvcqg import fetch_unit_set

    if args.feed != "dvcqg":
        raise _fail("units come from the national portal (--feed dvcqg) or from files (--data)", "--feed")
    config = load_config_or_fail()
    period = period or str(datetime.now(UTC).year)
    try:
        return fetch_unit_set(config, period, province)
    except FeedError as exc:
        raise _fail(f"portal: {exc}") from None


def _source(args: argparse.Namespace, province: str | None, period: str | None):
    from de06tui.cli.common import report_problems
    from de06tui.core.unit_files import load_unit_paths

    if getattr(args, "feed", None):
        return _from_feed(args, province, period)
    if not getattr(args, "data", None):
        raise _fail("unit-level ranks need --data FILE (a unit-level file or a saved portal answer) "
                    "or --feed dvcqg", "--level")
    cohort = args.level if args.level != "province" else None
    units = load_unit_paths(args.data, cohort=cohort, period=period, province=province)
    report_problems(units.problems)
    if any(p.is_error for p in units.problems):
        exc = _fail("file refused")
        exc.reported = True
        raise exc
    return units


def _metric(units, text: str) -> str:
    from de06tui.core.metrics import default_catalog

    catalog = default_catalog()
    present = units.metrics()
    mid = text if text in catalog else catalog.match_column(text)
    if text == _DEFAULT_METRIC and mid not in present and "total_score" in present:
        mid = "total_score"
    if mid is None or mid not in present:
        raise _fail(f"no unit figures for '{text}'; the units have: {', '.join(present) or 'none'}", "--metric")
    return mid


def _cluster(args: argparse.Namespace) -> tuple[str, ...] | None:
    from de06tui.cli.feed_source import load_config_or_fail

    if not args.cluster:
        return None
    clusters = load_config_or_fail().clusters
    if args.cluster not in clusters:
        known = ", ".join(clusters) or "none (add a [clusters] section to the config)"
        raise _fail(f"unknown cluster '{args.cluster}'; known: {known}", "--cluster")
    return clusters[args.cluster]


def rank_units(args: argparse.Namespace) -> int:
    """The units board on stdout; messages on stderr."""
    from de06tui.core.units import COMMUNE, unit_board

    province, period = _province(args.province), _period(args)
    cluster = _cluster(args)
    cohort = COMMUNE if args.level == "province" else args.level
    units = _source(args, province, period)
    if units.frame.height == 0:
        raise _fail("no unit figures loaded")
    metric = _metric(units, args.metric)
    period = period or units.periods()[-1]
    board = unit_board(units, province, cohort, metric, period, cluster=cluster)
    if board.height == 0:
        where = f" of {args.province}" if province else ""
        raise _fail(f"no {cohort} figures{where} for {metric} in {period}; periods: "
                    + ", ".join(units.periods()))
    if getattr(args, "compare", None):
        say("note: --compare is not used for units; changes are against the snapshot before")
    if units.synthetic:
        say("note: SAMPLE — synthetic data, not official figures")
    flagged = board.filter(board["flag"].is_not_null())
    for row in flagged.iter_rows(named=True):
        say(f"warning: {row['name']} ({row['unit']}): {row['flag']}")
    if args.top:
        board = board.head(args.top)
    write_board(board, args, metric, period, cohort, args.cluster, units.synthetic)
    return EXIT_OK


def write_board(board, args: argparse.Namespace, metric: str, period: str, cohort: str,
                cluster: str | None, synthetic: bool = False) -> None:
    import polars as pl

    from de06tui.core.text import clean

    if args.format == "csv":
        sys.stdout.write(board.with_columns(pl.lit(synthetic).alias("synthetic")).write_csv())
        return
    if args.format == "md":
        from de06tui.core.export import markdown

        sys.stdout.write(markdown(board, f"{cohort} — {metric} — {period}",
                                  "SAMPLE — synthetic data" if synthetic else None))
        return
    if args.format == "json":
        doc = {"metric": metric, "period": period, "level": cohort, "cluster": cluster,
               "synthetic": synthetic, "rows": board.to_dicts()}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        return
    from de06tui.cli.table import change, pad, width

    vi = (args.lang or "") == "vi"
    what = ("Sở, ban, ngành" if vi else "Departments") if cohort == "department" else (
        "Xã, phường" if vi else "Communes")
    scope = f" · {clean(cluster)}" if cluster else ""
    sample = " [SAMPLE]" if synthetic else ""
    sys.stdout.write(f"{what}{scope} — {metric} — {period} ({board.height}){sample}\n")
    heads = ["#", "Portal #", "Code", "Name", "Score", "±", "Δ", ""]
    rows = [[str(r["rank"] or "–"), str(r["source_rank"] or "–"), clean(r["unit"]), clean(r["name"]),
             "–" if r["value"] is None else f"{r['value']:.2f}", change(r["rank_change"]),
             "" if r["value_change"] is None else f"{r['value_change']:+.2f}",
             f"[{clean(r['flag'])}]" if r["flag"] else ""] for r in board.iter_rows(named=True)]
    widths = [max(width(x) for x in col) for col in zip(heads, *rows)]
    for line in [heads, *rows]:
        cells = [pad(c, w, i in (0, 1, 4, 5, 6)) for i, (c, w) in enumerate(zip(line, widths))]
        sys.stdout.write("  ".join(cells).rstrip() + "\n")
