"""The store on disk: atomic under a kill, readable without de06tui, pruned by age; the CLI."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl

from de06tui.cli.main import main
from de06tui.history.snapshot import checksum, describe
from de06tui.history.store import Store, prune_plan

ROOT = Path(__file__).resolve().parents[2]

WRITER = r"""
import sys, random
from datetime import datetime, timedelta, timezone
import polars as pl
from de06tui.history.snapshot import describe
from de06tui.history.store import Store
store, label = Store(sys.argv[1]), sys.argv[2]
print("ready", flush=True)
start = datetime(2026, 1, 1, tzinfo=timezone.utc)
for n in range(100000):
    units = [f"{u:02d}" for u in range(1, 35)] * 7
    metrics = [m for m in ("a", "b", "c", "d", "e", "f", "g") for _ in range(34)]
    rows = pl.DataFrame({"unit": units, "metric": metrics, "value": [random.random() for _ in units],
                         "numerator": [None] * len(units), "denominator": [None] * len(units),
                         "flag": [None] * len(units)}, schema_overrides={"numerator": pl.Float64,
                         "denominator": pl.Float64, "flag": pl.Utf8})
    info = describe(rows, source="dvcqg", source_label=f"{label} {n}", period="2026",
                    fetched=start + timedelta(hours=n))
    store.append(info, rows)
"""


def check_readable(root: Path) -> list:
    store = Store(root)
    snaps = store.snapshots()
    for s in snaps:
        assert checksum(store.rows(s)) == s.checksum, s.id
    return snaps


def test_a_writer_killed_at_random_moments_leaves_a_readable_store(tmp_path):
    rng = random.Random(766)
    root = tmp_path / "history"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    seen_rounds = set()
    for round_no in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(root), f"round{round_no}"],
                                stdout=subprocess.PIPE, env=env, cwd=ROOT)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        snaps = check_readable(root)
        seen_rounds |= {s.source_label.split()[0] for s in snaps}
    assert len(seen_rounds) >= 4, "most rounds should have kept at least one snapshot before the kill"
    # The next writer clears what the killed ones left, so a plain folder scan sees only indexed data.
    rows = pl.DataFrame({"unit": ["01"], "metric": ["a"], "value": [1.0], "numerator": [None],
                         "denominator": [None], "flag": [None]},
                        schema_overrides={"numerator": pl.Float64, "denominator": pl.Float64, "flag": pl.Utf8})
    Store(root).append(describe(rows, source="dvcqg", source_label="last", period="2026",
                                fetched=datetime(2027, 1, 1, tzinfo=UTC)), rows)
    snaps = check_readable(root)
    files = sorted(p.relative_to(root).as_posix() for p in (root / "snapshots").rglob("*") if p.is_file())
    assert files == sorted(s.path for s in snaps)


def test_polars_reads_the_store_without_de06tui(portal, clock, store_root):
    clock("2026-10-20T01:00:00+00:00")
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026-01..2026-03"]) == 0
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026"]) == 0
    scan = pl.scan_parquet(store_root / "snapshots" / "**" / "*.parquet", hive_partitioning=True,
                           hive_schema={"source": pl.Utf8, "period": pl.Utf8})
    march = scan.filter((pl.col("source") == "dvcqg") & (pl.col("period") == "2026-03")).collect()
    store = Store()
    (snap,) = store.snapshots("dvcqg", "2026-03")
    assert march.drop("source", "period").sort("unit", "metric").equals(store.rows(snap).sort("unit", "metric"))
    index = pl.read_parquet(store_root / "index.parquet")
    assert index.height == 4 and set(index["period"]) == {"2026-01", "2026-02", "2026-03", "2026"}
    try:
        import duckdb
    except ImportError:
        return
    n = duckdb.sql(f"select count(*) from read_parquet('{store_root}/snapshots/*/*/*.parquet', "
                   "hive_partitioning=true) where period = '2026-03'").fetchone()[0]
    assert n == march.height


def _info(day: date, hour: int, complete: bool, n: int):
    rows = pl.DataFrame({"unit": ["01"], "metric": ["a"], "value": [float(n)], "numerator": [None],
                         "denominator": [None], "flag": [None]},
                        schema_overrides={"numerator": pl.Float64, "denominator": pl.Float64, "flag": pl.Utf8})
    fetched = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    from dataclasses import replace

    return replace(describe(rows, source="dvcqg", source_label="t", period="2026", fetched=fetched),
                   complete=complete), rows


def test_prune_keeps_the_last_of_each_old_day_preferring_a_complete_one():
    today = date(2026, 10, 31)
    old, older, recent = today - timedelta(days=40), today - timedelta(days=41), today - timedelta(days=2)
    snaps = [_info(older, 1, True, 1)[0], _info(older, 3, True, 2)[0],  # keep the 03:00 one
             _info(old, 1, True, 3)[0], _info(old, 4, False, 4)[0],  # keep the complete one, not the later partial
             _info(recent, 1, True, 5)[0], _info(recent, 2, True, 6)[0]]  # recent: all kept
    assert prune_plan(snaps, 30, today) == {snaps[0].id, snaps[3].id}


def test_history_commands(portal, clock, tmp_path, capsys):
    for day, hour in ((date(2026, 10, 9), 1), (date(2026, 10, 10), 1)):
        portal.day = day
        clock(f"{day.isoformat()}T0{hour}:00:00+00:00")
        assert main(["fetch", "--feed", "dvcqg", "--period", "2026"]) == 0
    capsys.readouterr()
    assert main(["history", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("\tcomplete\t" in line for line in lines[1:])
    sid = lines[2].split("\t")[0]
    assert main(["history", "show", sid[:16]]) == 0
    shown = capsys.readouterr()
    assert "vn_date: 2026-10-10" in shown.err and len(shown.out.splitlines()) == 35  # header + 34
    assert main(["history", "movers", "--period", "2026", "-n", "2"]) == 0
    movers = capsys.readouterr().out.splitlines()
    assert [m.split("\t")[0] for m in movers[1:]] == ["improver", "improver", "drop", "drop"]
    out = tmp_path / "h.json"
    assert main(["history", "export", "--period", "2026", "-o", str(out)]) == 0
    doc = json.loads(out.read_text("utf-8"))
    from de06tui.core.dataset import load_bytes

    ds = load_bytes(out.read_bytes(), "h.json")
    assert doc["schema"] == "de06tui.feed/1" and not ds.errors and ds.frame.height == 306
    assert "as of 2026-10-10T08:00:00+07:00" in doc["source"]
    pq = tmp_path / "h.parquet"
    assert main(["history", "export", "--format", "parquet", "-o", str(pq)]) == 0
    assert pl.read_parquet(pq)["snapshot"].n_unique() == 2
    assert main(["history", "show", "nope"]) == 2
    assert main(["history", "export", "--from", "10/10/2026", "-o", str(out)]) == 2
    clock("2026-12-31T01:00:00+00:00")
    assert main(["history", "prune", "--keep-days", "0"]) == 0
    assert len(Store().snapshots()) == 2  # one a day, each already the last of its day


def test_config_path_shows_the_history_folder(capsys, store_root):
    assert main(["config", "path"]) == 0
    assert f"history\t{store_root}" in capsys.readouterr().out


def test_an_unwritable_store_costs_the_history_not_the_fetch(portal, clock, store_root, capsys):
    clock("2026-10-10T01:00:00+00:00")
    store_root.parent.mkdir(parents=True, exist_ok=True)
    store_root.write_text("not a folder")
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026"]) == 0
    assert "not kept in the history" in capsys.readouterr().err
    assert main(["fetch", "--feed", "dvcqg", "--period", "2026", "--unattended"]) == 1


def test_vietnam_time_without_a_tz_database_is_a_fixed_plus_seven(monkeypatch):
    import zoneinfo

    from de06tui.history import snapshot

    def missing(key):
        raise zoneinfo.ZoneInfoNotFoundError(key)

    snapshot.vietnam.cache_clear()
    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    try:
        moment = snapshot.vietnam_time(datetime(2026, 10, 9, 23, 0, tzinfo=UTC))
        assert moment.isoformat() == "2026-10-10T06:00:00+07:00"
    finally:
        snapshot.vietnam.cache_clear()


def test_the_app_path_records_after_its_paint_and_before_keep(portal, clock):
    """The app fetches with keep_now=False and record_now=False, and once the data is on its way
    to the screen records it and then caches it (the cache is a head start, the history a
    record): nothing is kept before the paint, and the history has it before the cache does."""
    from de06tui.config import load_config
    from de06tui.feeds import cache_for, refresh
    from de06tui.tui.sources import FeedSource

    clock("2026-10-10T01:00:00+00:00")
    config = load_config()
    source = FeedSource("dvcqg", config, period="2026")
    source.load()
    assert Store().snapshots() == [] and cache_for(config).load("dvcqg")[0] is None
    cached_when_recorded = []
    import de06tui.history.record as record_module

    real = record_module.record_fetch

    def record_fetch(ds, result, store=None):
        cached_when_recorded.append(cache_for(config).load("dvcqg")[0] is not None)
        return real(ds, result, store)

    record_module.record_fetch = record_fetch
    try:
        assert source.after_load() == []
    finally:
        record_module.record_fetch = real
    assert cached_when_recorded == [False]
    assert [s.period for s in Store().snapshots()] == ["2026"] and cache_for(config).load("dvcqg")[0] is not None
    _, result = refresh("dvcqg", config, period="2026", keep_now=False)  # scripts record at once
    assert result.recorded in ("recorded", "unchanged")
