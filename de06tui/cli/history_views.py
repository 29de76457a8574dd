"""What each ``de06tui history`` action prints or writes (data to stdout, messages to stderr)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

import polars as pl

from de06tui.cli.common import EXIT_OK, say
from de06tui.core import periods as P
from de06tui.core.text import clean
from de06tui.history.snapshot import SnapshotInfo
from de06tui.history.store import Store


class UsageError(ValueError):
    pass


def _date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} '{clean(text)[:40]}': not a date; write YYYY-MM-DD") from None


def select(store: Store, args: argparse.Namespace) -> list[SnapshotInfo]:
    """The snapshots the options name: source, periods, and Vietnam dates from/to."""
    from de06tui.cli.backfill import expand

    periods = set(expand(args.period)) if args.period else None
    since, until = _date(args.since, "--from"), _date(args.until, "--to")
    chosen = []
    for s in store.snapshots():
        if args.source and args.action != "list" and s.source != args.source:
            continue
        if periods is not None and s.period not in periods:
            continue
        if (since and s.day < since) or (until and s.day > until):
            continue
        chosen.append(s)
    return chosen


def show_list(snaps: list[SnapshotInfo]) -> int:
    out = ["id\tsource\tperiod\ttype\tdate (ICT)\tfetched (ICT)\tunits\tcompleteness\trows\tmissing"]
    for s in snaps:
        out.append("\t".join([s.id, s.source, s.period, s.period_type, s.vn_date, s.fetched_ict, str(s.units),
                              s.completeness + (" SAMPLE" if s.synthetic else ""), str(s.rows),
                              clean(s.missing)]))
    sys.stdout.write("\n".join(out) + "\n")
    if not snaps:
        say("no snapshots recorded (yet): every fetch adds one")
    return EXIT_OK


def show_one(store: Store, args: argparse.Namespace) -> int:
    if not args.id:
        raise UsageError("show needs a snapshot id (see `de06tui history list`)")
    info = store.get(args.id)
    if info is None:
        raise UsageError(f"no snapshot '{clean(args.id)[:60]}' (or more than one begins so); "
                         "see `de06tui history list`")
    for key, value in info.as_row().items():
        if key != "cohort":
            say(f"{key}: {clean(str(value))}")
    rows = store.rows(info)
    if args.metric != "all":
        rows = rows.filter(pl.col("metric") == args.metric)
    sys.stdout.write(rows.write_csv(separator="\t"))
    return EXIT_OK


def _feed_frame(store: Store, info: SnapshotInfo) -> pl.DataFrame:
    return store.rows(info).select(
        pl.lit(info.period).alias("period"), pl.col("unit").alias("province"), "metric", "value",
        "numerator", "denominator", "flag", pl.lit(not info.synthetic).alias("real"),
        pl.lit(False).alias("approx"))


def export(store: Store, snaps: list[SnapshotInfo], args: argparse.Namespace) -> int:
    from de06tui.core.export import atomic_write, feed_document

    if not args.out:
        raise UsageError("export needs --out FILE")
    if not snaps:
        raise UsageError("no snapshot matches the options; see `de06tui history list`")
    if len({s.synthetic for s in snaps}) > 1:
        raise UsageError("the range holds synthetic and real snapshots; narrow it with --source")
    if args.format == "parquet":
        frames = [store.rows(s).with_columns(
            pl.lit(s.id).alias("snapshot"), pl.lit(s.source).alias("source"),
            pl.lit(s.period).alias("period"), pl.lit(s.period_type).alias("period_type"),
            pl.lit(s.vn_date).alias("vn_date"), pl.lit(s.complete).alias("complete"),
            pl.lit(s.synthetic).alias("synthetic")) for s in snaps]
        import io

        buf = io.BytesIO()
        pl.concat(frames).write_parquet(buf, compression="zstd")
        atomic_write(args.out, buf.getvalue())
        say(f"wrote {len(snaps)} snapshot(s) to {args.out}")
        return EXIT_OK
    latest: dict[str, SnapshotInfo] = {}
    for s in snaps:  # oldest first: the last day's standing snapshot wins
        held = latest.get(s.period)
        if held is None or s.day > held.day or s.complete or not held.complete:
            latest[s.period] = s
    chosen = [latest[p] for p in sorted(latest, key=P.sort_key)]
    frame = pl.concat([_feed_frame(store, s) for s in chosen])
    label = "; ".join(f"{s.source_label} as of {s.fetched_ict}" for s in chosen)
    doc = feed_document(frame, f"de06tui history: {label}"[:500], chosen[0].synthetic)
    atomic_write(args.out, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    say(f"wrote {len(chosen)} period(s) to {args.out}" + (" (SAMPLE data)" if chosen[0].synthetic else ""))
    return EXIT_OK


def prune(store: Store, args: argparse.Namespace) -> int:
    from de06tui.cli.backfill import vietnam_today
    from de06tui.cli.feed_source import load_config_or_fail
    from de06tui.history.store import prune_plan

    keep_days = args.keep_days if args.keep_days is not None else load_config_or_fail().history_keep_days
    if keep_days < 0:
        raise UsageError("--keep-days must be zero or more")
    gone = prune_plan(store.snapshots(), keep_days, vietnam_today())
    if args.dry_run:
        sys.stdout.write("".join(f"{i}\n" for i in sorted(gone)))
        say(f"would remove {len(gone)} snapshot(s)")
        return EXIT_OK
    say(f"removed {store.remove(gone)} snapshot(s); days older than {keep_days} keep their last one")
    return EXIT_OK


def show_movers(store: Store, snaps: list[SnapshotInfo], args: argparse.Namespace) -> int:
    from de06tui.core.metrics import default_catalog
    from de06tui.core.registry import default_registry
    from de06tui.core.snapshot_compare import movers
    from de06tui.history.compare import since_yesterday

    if not snaps:
        raise UsageError(f"no snapshot of {args.source} matches the options; see `de06tui history list`")
    last = snaps[-1]
    info = store.of_day(last.source, last.period, last.period_type, last.day)
    assert info is not None  # ``last`` itself is one of that day's snapshots
    catalog = default_catalog()
    higher = catalog[args.metric].higher_is_better if args.metric in catalog else True
    cmp = since_yesterday(store, info, args.metric, higher)
    say(f"{info.source} {info.period} ({info.period_type}), {args.metric}: {info.vn_date} "
        f"({info.fetched_ict}) against the day before" + (" — SAMPLE data" if info.synthetic else ""))
    if cmp.reason:
        say(f"no change shown: {cmp.reason}")
        return EXIT_OK
    registry, era = default_registry(), P.era(info.period)
    up, down = movers(cmp, args.n, higher)
    out = ["list\tunit\tname\tbefore\tafter\tchange\trank_change"]
    for name, table in (("improver", up), ("drop", down)):
        for r in table.iter_rows(named=True):
            rank = "" if r["rank_change"] is None else f"{r['rank_change']:+d}"
            out.append(f"{name}\t{r['unit']}\t{clean(registry.name(r['unit'], era))}\t{r['before']:g}\t"
                       f"{r['after']:g}\t{r['change']:+.4g}\t{rank}")
    sys.stdout.write("\n".join(out) + "\n")
    if cmp.rank_reason:
        say(f"rank changes blank: {cmp.rank_reason}")
    return EXIT_OK
