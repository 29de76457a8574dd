"""Options and loading shared by the headless commands; messages to stderr, data to stdout."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from de06tui.core.problems import DataError, Problem

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """A message for the person, never for the pipe; cleaned here, the one way to stderr."""
    from de06tui.core.text import clean

    print("\n".join(clean(line) for line in str(message).split("\n")), file=sys.stderr)


def default_lang() -> str:
    """The language when no --lang is given: DE06TUI_LANG, the config file, LANG (as the app)."""
    from de06tui.config import choose_lang

    return choose_lang(None)


def sample_note(lang: str) -> str:
    """The line that says a sample is a sample, in the reader's language."""
    return ("lưu ý: Dữ liệu MẪU — tổng hợp, không phải số liệu chính thức" if lang == "vi"
            else "note: SAMPLE — synthetic data, not official figures")


def positive_int(text: str) -> int:
    """An argparse type for counts such as --top: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (got {value})")
    return value


def unreadable_files(paths: list[Path]) -> list[Problem]:
    """Files named on the command line whose type is not a data file (a .md, a .docx …)."""
    from de06tui.core.readers import SUFFIXES

    known = ", ".join(sorted(SUFFIXES))
    return [Problem("error", f"not a data file: '{p.suffix}' files are not read (data files are {known})",
                    file=str(p))
            for p in paths if p.is_file() and p.suffix and p.suffix.lower() not in SUFFIXES]


def no_data_message(ds, metric: str, period: str) -> str:
    """Say which periods do have data, as a range, when the one asked for has none."""
    have = ds.periods(metric)
    if not have:
        return f"error: no {metric} data for {period}; this metric has no data at all"
    span = f"{have[0]} to {have[-1]}" if len(have) > 1 else have[0]
    return (f"error: no {metric} data for {period}; it has data for {len(have)} period(s), "
            f"from {span} (see `de06tui rank --list`)")


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


def add_home_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--home", nargs="?", const="", default=None, metavar="PROVINCE",
                        help="the home province, any spelling (\"Gia Lai\", \"gia lai\", 52); "
                             "alone: the config's home")


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

        if unreadable := unreadable_files(args.data):
            raise DataError(unreadable)

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
        raise DataError([Problem("error", f"--metric '{text}': no such metric; known: "
                                          f"{', '.join(ds.catalog.ids())} (or a column name they answer to)")])
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


def _period_option(args: argparse.Namespace) -> str | None:
    """Which period option, as typed, holds a period that does not parse."""
    from de06tui.core.periods import PeriodError, parse_period

    for dest, flag in (("period", "--period"), ("compare", "--compare"), ("start", "--from"),
                       ("end", "--to")):
        value = getattr(args, dest, None)
        if value is None or (dest == "compare" and value in ("previous", "year")):
            continue
        try:
            parse_period(value)
        except PeriodError:
            return f"{flag} '{value}'"
    return None


def guarded(handler):
    """Turn expected failures into one line on stderr and a meaningful exit code."""

    def run(args: argparse.Namespace) -> int:
        from de06tui.core.periods import PeriodError
        from de06tui.core.ranking import RankingError

        try:
            return handler(args)
        except DataError as exc:
            if exc.problems and not getattr(exc, "reported", False):
                report_problems([p for p in exc.problems])
            return getattr(exc, "exit_code", EXIT_USAGE)
        except RankingError as exc:
            say(f"error: {exc}")
            return EXIT_USAGE
        except PeriodError as exc:
            say(f"error: {_period_option(args) or 'a period'}: {exc}")
            return EXIT_USAGE
        except OSError as exc:
            say(f"error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "))
            return EXIT_FAIL

    return run
