"""Options and loading shared by the headless commands; messages to stderr, data to stdout."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from de06tui.core.problems import DataError, Problem

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """A message for the person, never for the pipe."""
    print(message, file=sys.stderr)


def default_lang() -> str:
    lang = os.environ.get("DE06TUI_LANG") or os.environ.get("LANG", "")
    return "vi" if lang.lower().startswith("vi") else "en"


def add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", action="append", metavar="PATH", type=Path,
                        help="a data file or folder (repeatable); default: the shipped sample")
    parser.add_argument("--feed", metavar="URL|dvcqg",
                        help="fetch from a published feed URL or the national portal (dvcqg)")
    parser.add_argument("--sheet", metavar="NAME|N",
                        help="the workbook sheet to read (a name or a number from 1); default: the "
                             "first sheet that holds a table")


def add_period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", help="e.g. 2024-10, T10/2024, 2024-Q3, 2026; default: the latest")
    parser.add_argument("--provinces", choices=["auto", "34", "63"], default="auto",
                        help="show on the 34 new provinces, the 63 old ones, or the period's own (auto)")


def report_problems(problems: list[Problem], limit: int = 200) -> None:
    for p in problems[:limit]:
        say(str(p))
    if len(problems) > limit:
        say(f"… and {len(problems) - limit} more problems")


def load_dataset(args: argparse.Namespace):
    """The dataset a command works on; raises DataError when nothing usable loaded."""
    from de06tui.core.dataset import load_sample
    from de06tui.core.dataset_cache import load_paths_cached

    if getattr(args, "feed", None):
        from de06tui.cli.feed_source import load_feed

        ds = load_feed(args.feed, period=getattr(args, "period", None))
    elif getattr(args, "data", None):
        from de06tui.cli.feed_source import load_config_or_fail

        ds = load_paths_cached(args.data, max_bytes=load_config_or_fail().max_file_bytes,
                               sheet=getattr(args, "sheet", None))
    else:
        ds = load_sample()
    from de06tui.cli.feed_source import load_config_or_fail
    from de06tui.core.dataset import with_highlight

    config = load_config_or_fail()
    ds = with_highlight(ds, config.highlight_top, config.highlight_bottom)
    if ds.errors:
        report_problems(ds.errors)
    if ds.is_empty:
        exc = DataError(ds.errors or [Problem("error", "no data loaded")])
        exc.reported = bool(ds.errors)  # already printed above
        raise exc
    if ds.rejected:
        say(f"warning: {len(ds.rejected)} file(s) rejected for the errors above; using the rest")
    return ds


def resolve_metric(ds, text: str) -> str:
    """A metric id from its id or any column name it answers to ("CKMB", "Tỷ lệ đồng bộ")."""
    mid = text if text in ds.catalog else ds.catalog.match_column(text)
    if mid is None:
        raise DataError([Problem("error", f"unknown metric '{text}'; known: {', '.join(ds.catalog.ids())}",
                                 column="--metric")])
    return mid


def resolve_period(ds, args, metric: str | None = None) -> str:
    from de06tui.core.periods import PeriodError, parse_period

    if getattr(args, "period", None):
        try:
            return parse_period(args.period)
        except PeriodError as exc:
            raise DataError([Problem("error", f"--period '{args.period}': {exc}")]) from None
    period = ds.latest_period(metric)
    if period is None:
        raise DataError([Problem("error", f"no data for {metric or 'any metric'}")])
    return period


def guarded(handler):
    """Turn expected failures into one line on stderr and a meaningful exit code."""

    def run(args: argparse.Namespace) -> int:
        from de06tui.core.ranking import RankingError

        try:
            return handler(args)
        except DataError as exc:
            if exc.problems and not getattr(exc, "reported", False):
                report_problems([p for p in exc.problems])
            return EXIT_USAGE
        except RankingError as exc:
            say(f"error: {exc}")
            return EXIT_USAGE
        except OSError as exc:
            say(f"error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "))
            return EXIT_FAIL

    return run
