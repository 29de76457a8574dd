"""``de06tui fetch``: fetch a feed once, validate it, cache it, optionally write a feed document."""

from __future__ import annotations

import argparse
from pathlib import Path

from de06tui.cli.common import EXIT_FAIL, EXIT_OK, EXIT_USAGE, report_problems, say


def register(sub) -> None:
    p = sub.add_parser("fetch", help="fetch a feed once, validate and cache it",
                       description="Fetch the configured feed (or --feed), validate the answer, keep it "
                                   "as the cached snapshot, and optionally write it as a feed document.")
    p.add_argument("--feed", metavar="URL|dvcqg", help="default: the config file's feed")
    p.add_argument("--period", help="for the portal: 2026, 2026-Q3 or 2026-08 (default: this year), "
                                        "or a range: 2026-01..2026-10, 2026-Q1..2026-Q3")
    p.add_argument("--out", "-o", type=Path, help="write the validated data as a de06tui.feed/1 document")
    from de06tui.cli.backfill import add_options

    add_options(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from de06tui.cli.feed_source import load_config_or_fail
    from de06tui.core.problems import DataError

    try:
        config = load_config_or_fail({"feed": args.feed})
    except DataError as exc:
        report_problems(exc.problems)
        return EXIT_USAGE
    if not config.feed:
        say("error: no feed: give --feed URL|dvcqg or set feed in the config file (de06tui config path)")
        return EXIT_USAGE
    from de06tui.cli.backfill import handles, run_backfill

    if handles(args):
        return run_backfill(args, config)
    from de06tui.core.periods import PeriodError, parse_period
    from de06tui.feeds import feed_error, refresh

    try:
        period = parse_period(args.period) if args.period else None
    except PeriodError as exc:
        say(f"error: --period '{args.period}': {exc}")
        return EXIT_USAGE

    def progress(done: int, total: int) -> None:
        say(f"{done} / {total} provinces")

    try:
        ds, result = refresh(config.feed, config, period=period, progress=progress,
                             on_retry=lambda n, of, why: say(f"retry {n}/{of}: {why}"))
    except feed_error() as exc:
        say(f"error: {exc}")
        return EXIT_FAIL
    for w in result.warnings:
        say(f"warning: {w}")
    report_problems(ds.warnings, limit=20)
    state = "not modified" if result.not_modified else f"{len(result.data):,} bytes"
    say(f"fetched {result.source}: {state}, {ds.frame.height} values, {result.retries} retries")
    if args.out:
        from de06tui.core.export import write_feed

        write_feed(ds.frame, args.out, result.source, ds.provenance.synthetic)
        say(f"wrote {args.out}")
    return EXIT_OK
