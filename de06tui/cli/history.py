"""``de06tui history list|show|export|prune|movers``: the recorded snapshots of fetched feeds."""

from __future__ import annotations

import argparse
from pathlib import Path

from de06tui.cli.common import EXIT_FAIL, EXIT_USAGE, say


def register(sub) -> None:
    p = sub.add_parser("history", help="list, show, export, prune the recorded snapshots; the day's movers",
                       description="Every fetch is kept as a snapshot (see `de06tui config path`). "
                                   "list: snapshots with their completeness; show ID: one snapshot; "
                                   "export: a range as a feed document (the latest snapshot of each "
                                   "period) or as Parquet (every snapshot); prune: older days keep only "
                                   "their last snapshot; movers: top improvers and drops since yesterday.")
    p.add_argument("action", choices=["list", "show", "export", "prune", "movers"])
    p.add_argument("id", nargs="?", help="show: the snapshot id (or a unique beginning of it)")
    p.add_argument("--source", default="dvcqg", help="dvcqg (default) or a feed's source key as list shows it")
    p.add_argument("--period", help="a period or a range (2026-01..2026-10); default: all (movers: this year)")
    p.add_argument("--from", dest="since", metavar="DATE", help="first Vietnam date (YYYY-MM-DD)")
    p.add_argument("--to", dest="until", metavar="DATE", help="last Vietnam date (YYYY-MM-DD)")
    p.add_argument("--metric", "-m", default="total_score", help="show, movers: the metric (default total_score)")
    p.add_argument("--format", "-f", choices=["feed", "parquet"], default="feed", help="export format")
    p.add_argument("--out", "-o", type=Path, help="export: the file to write")
    p.add_argument("--keep-days", type=int, help="prune: keep every snapshot this recent (default: config)")
    p.add_argument("--dry-run", action="store_true", help="prune: say what would go, remove nothing")
    p.add_argument("-n", type=int, default=5, help="movers: how many of each (default 5)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from de06tui.cli import history_views as V
    from de06tui.core.periods import PeriodError
    from de06tui.core.snapshot_compare import ComparisonRefused
    from de06tui.history.store import Store, StoreError

    store = Store()
    try:
        selected = V.select(store, args)
        if args.action == "list":
            return V.show_list(selected)
        if args.action == "show":
            return V.show_one(store, args)
        if args.action == "export":
            return V.export(store, selected, args)
        if args.action == "prune":
            return V.prune(store, args)
        return V.show_movers(store, selected, args)
    except (PeriodError, V.UsageError) as exc:
        say(f"error: {exc}")
        return EXIT_USAGE
    except (StoreError, ComparisonRefused) as exc:
        say(f"error: {exc}")
        return EXIT_FAIL
    except OSError as exc:
        say(f"error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "))
        return EXIT_FAIL
