"""``de06tui fetch`` over a range of periods, and unattended runs (cron, Task Scheduler).

A range is fetched one period at a time through the feed's own pacing; each finished period is
in the history before the next begins, so an interrupted run loses nothing it finished, and the
next run skips what is done. Exit codes with ``--unattended``: 0 a snapshot was recorded,
3 nothing changed, 1 failed, 2 bad input. Without it, any success is 0.
"""

from __future__ import annotations

import argparse
import socket
import sys
import time
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from de06tui.cli.common import EXIT_FAIL, EXIT_OK, EXIT_USAGE, say
from de06tui.core import periods as P

EXIT_UNCHANGED = 3


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--force", action="store_true",
                        help="fetch periods of a range again even when already recorded complete")
    parser.add_argument("--unattended", action="store_true",
                        help="for cron/Task Scheduler: wait for the network first; exit 0 recorded, "
                             "3 nothing changed, 1 failed")


def handles(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "unattended", False) or ".." in (args.period or ""))


def expand(text: str) -> list[str]:
    """Every period from A to B of A's kind: 2026-01..2026-10, 2026-Q1..2026-Q3, 2024..2026."""
    first, sep, last = text.partition("..")
    start = P.parse_period(first.strip())
    if not sep:
        return [start]
    end = P.parse_period(last.strip())
    if P.kind(start) != P.kind(end):
        raise P.PeriodError(f"both ends must be of one kind (a month, a quarter or a year): {start} .. {end}")
    if P.sort_key(end) < P.sort_key(start):
        raise P.PeriodError(f"the range ends before it starts: {start} .. {end}")
    out = [start]
    while out[-1] != end:
        out.append(P.shift(out[-1], 1))
        if len(out) > 240:
            raise P.PeriodError("a range is at most 240 periods")
    return out


def vietnam_today() -> date:
    from de06tui.history.snapshot import vietnam_time

    return vietnam_time(datetime.now(UTC)).date()


def finished(store, source: str, period: str, today: date):
    """The complete snapshot that makes fetching ``period`` again pointless: one recorded today
    (a resumed run), or one recorded after the period ended (its figures are final)."""
    done = store.recorded_complete(source, period)
    if done is None:
        return None
    closed = P.last_month(period) < f"{done.day.year:04d}-{done.day.month:02d}"
    return done if done.day == today or closed else None


def wait_for_network(url: str, seconds: float, clock=time.monotonic) -> bool:
    """Until the feed's host accepts a connection, for at most ``seconds``."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
    deadline = clock() + seconds
    while True:
        try:
            with socket.create_connection((host, port), timeout=max(0.5, min(5.0, deadline - clock()))):
                return True
        except OSError:
            if clock() >= deadline:
                return False
            time.sleep(min(2.0, max(0.0, deadline - clock())))


class Progress:
    """A bar on stderr when it is a terminal; otherwise one line per finished period (logs)."""

    def __init__(self, total: int) -> None:
        self.total, self.tty = total, sys.stderr.isatty()

    def show(self, index: int, period: str, done: int = 0, of: int = 0) -> None:
        if not self.tty:
            return
        filled = int(20 * (index + (done / of if of else 0)) / self.total)
        part = f" · {done}/{of} provinces" if of else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (20 - filled)}] {index}/{self.total} periods · {period}{part}\033[K")
        sys.stderr.flush()

    def line(self, text: str) -> None:
        if self.tty:
            sys.stderr.write("\r\033[K")
        say(text)


def _periods(args: argparse.Namespace, config) -> list[str] | None:
    """The periods asked for, or None after saying why they cannot be fetched."""
    from de06tui.feeds import PORTAL

    try:
        periods = expand(args.period) if args.period else [str(vietnam_today().year)]
    except P.PeriodError as exc:
        say(f"error: --period '{args.period}': {exc}")
        return None
    if len(periods) > 1 and (config.feed != PORTAL or args.out):
        say("error: --period: a range of periods needs --feed dvcqg and no --out")
        return None
    return periods


def _fetch_one(args: argparse.Namespace, config, period: str, i: int, single: bool, bar: Progress) -> str:
    """Fetch and record one period; returns what the history made of it. Raises FeedError."""
    from de06tui.feeds import refresh

    bar.show(i, period)
    ds, result = refresh(config.feed, config, period=period, keep_now=single,
                         progress=lambda d, t: bar.show(i, period, d, t),
                         on_retry=lambda n, of, why: bar.line(f"retry {n}/{of}: {why}"))
    for w in result.warnings[:3]:
        bar.line(f"warning: {period}: {w}")
    if len(result.warnings) > 3:
        bar.line(f"warning: {period}: … and {len(result.warnings) - 3} more warnings")
    state = result.recorded or ("unchanged" if result.not_modified else "not recorded")
    bar.line(f"{period}: {ds.frame.height} values, {state}")
    if args.out:
        from de06tui.core.export import write_feed

        write_feed(ds.frame, args.out, result.source, ds.provenance.synthetic)
        say(f"wrote {args.out}")
    return state


def run_backfill(args: argparse.Namespace, config) -> int:
    from de06tui.feeds import PORTAL, feed_error
    from de06tui.history.record import source_key
    from de06tui.history.store import RECORDED, Store

    periods = _periods(args, config)
    if periods is None:
        return EXIT_USAGE
    target = config.dvcqg_base_url if config.feed == PORTAL else config.feed
    if args.unattended and not wait_for_network(target, config.history_network_wait):
        say(f"warning: no connection to {urlsplit(target).hostname} after "
            f"{config.history_network_wait:g} s; trying anyway")
    store, source, bar = Store(), source_key(config.feed), Progress(len(periods))
    recorded = skipped = lost = 0
    for i, period in enumerate(periods):
        # Only a range resumes: a single period is fetched whenever asked (a year to date moves daily).
        done = None if args.force or len(periods) == 1 else finished(store, source, period, vietnam_today())
        if done is not None:
            skipped += 1
            bar.line(f"{period}: already recorded complete ({done.id}); skipped (--force fetches it again)")
            continue
        try:
            state = _fetch_one(args, config, period, i, len(periods) == 1, bar)
        except feed_error() as exc:
            bar.line(f"error: {period}: {exc}")
            if i:
                say(f"stopped at {period}: {recorded} period(s) recorded before it are kept; run again to resume")
            return EXIT_FAIL
        recorded += state == RECORDED
        lost += state.startswith("failed")
    say(f"{len(periods)} period(s): {recorded} recorded, {skipped} skipped as already complete")
    if lost and args.unattended:  # a scheduled run is for the history: not keeping it is a failure
        return EXIT_FAIL
    if args.unattended and not recorded:
        return EXIT_UNCHANGED
    return EXIT_OK
