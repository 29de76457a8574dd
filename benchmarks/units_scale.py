"""Units at national scale: 3,321 communes × 36 months × 7 metrics (836,892 SAMPLE rows) loaded
from a unit-level Parquet file and ranked.

Figures: load (file → checked unit frame), one national communes board, one province board,
every month's national board; each also as a ratio to a plain polars baseline on the same rows
(read_parquet for the load, a sort for a board), so the ratio travels between machines; and the
same rows as CSV, read, checked and ranked, against polars' scan and full sort of that file
(the reference of the province files' row in big_csv.py), with no unit lists and with every
commune listed.
Usage: python benchmarks/units_scale.py [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COMMUNES, MONTHS, METRICS = 3321, 36, ("total_score", "transparency_score", "progress_score",
                                        "online_service_score", "online_payment_score",
                                        "satisfaction_score", "digitisation_score")


def make(folder: Path) -> Path:
    """SAMPLE communes spread over the 34 provinces, one row per commune, month and metric."""
    import polars as pl

    from de06tui.core.registry import default_registry

    codes = [p.name for p in default_registry().provinces(34)]
    months = [f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(MONTHS)]
    n = COMMUNES * MONTHS * len(METRICS)
    idx = pl.int_range(0, n, eager=True)
    commune = idx // (MONTHS * len(METRICS))
    frame = pl.DataFrame({
        "province": commune.map_elements(lambda c: codes[c % len(codes)], return_dtype=pl.Utf8),
        "unit": commune.map_elements(lambda c: f"SAMPLE xã {c:04d}", return_dtype=pl.Utf8),
        "level": pl.Series(["commune"] * n),
        "period": (idx // len(METRICS) % MONTHS).map_elements(lambda m: months[m], return_dtype=pl.Utf8),
        "metric": (idx % len(METRICS)).map_elements(lambda m: METRICS[m], return_dtype=pl.Utf8),
        "value": ((idx * 7919) % 10_000) / 100,
    })
    path = folder / "units_sample.parquet"
    frame.write_parquet(path)
    frame.write_csv(path.with_suffix(".csv"))  # the same rows as an office would send them
    return path


def national_lists():
    """A unit registry listing every SAMPLE commune, as after fetching every province's units: a
    file is then checked name by name against its province's list."""
    from de06tui.core.registry import default_registry
    from de06tui.core.units import Unit, UnitRegistry

    provinces = default_registry().provinces(34)
    lists = UnitRegistry()
    for i, province in enumerate(provinces):
        lists.add(province.code, [Unit(f"SAMPLE.{c:04d}", f"SAMPLE xã {c:04d}", province.code, "commune")
                                  for c in range(i, COMMUNES, len(provinces))], "SAMPLE")
    return lists


def measure(path: Path) -> dict:
    import polars as pl

    from de06tui.core.unit_files import load_unit_paths
    from de06tui.core.units import UnitRegistry, match_key, unit_board

    t0 = time.perf_counter()
    raw = pl.read_parquet(path)
    t1 = time.perf_counter()
    units = load_unit_paths([path], units=UnitRegistry())
    t2 = time.perf_counter()
    assert not [p for p in units.problems if p.is_error], units.problems[:3]
    assert units.frame.height == COMMUNES * MONTHS * len(METRICS)
    national = unit_board(units, None, "commune", "total_score", "2026-12")
    t3 = time.perf_counter()
    one = units.frame["province"][0]
    unit_board(units, one, "commune", "total_score", "2026-12")
    t4 = time.perf_counter()
    for period in units.periods():
        unit_board(units, None, "commune", "total_score", period)
    t5 = time.perf_counter()
    raw.filter((pl.col("metric") == "total_score") & (pl.col("period") == "2026-12")).sort("value")
    t6 = time.perf_counter()
    assert national.height == COMMUNES
    csv = path.with_suffix(".csv")
    t7 = time.perf_counter()
    from_csv = unit_board(load_unit_paths([csv], units=UnitRegistry()), None, "commune", "total_score", "2026-12")
    t8 = time.perf_counter()
    pl.scan_csv(csv).sort(["period", "metric", "value"]).collect()  # big_csv.py's reference
    t9 = time.perf_counter()
    assert from_csv.equals(national)
    lists = national_lists()
    match_key.cache_clear()  # names folded by an earlier run are not this load's
    t10 = time.perf_counter()
    listed = unit_board(load_unit_paths([csv], units=lists), None, "commune", "total_score", "2026-12")
    t11 = time.perf_counter()
    assert listed.height == COMMUNES and listed["unit"].str.starts_with("SAMPLE.").all()
    return {"rows": units.frame.height, "read_parquet": t1 - t0, "load": t2 - t1, "national_board": t3 - t2,
            "province_board": t4 - t3, "every_month": t5 - t4, "plain_sort": t6 - t5,
            "csv_first_board": t8 - t7, "csv_scan_sort": t9 - t8, "csv_listed_board": t11 - t10}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = make(Path(tmp))
        runs = [measure(path) for _ in range(args.repeat)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    med["load_ratio"] = med["load"] / med["read_parquet"]
    med["board_ratio"] = med["national_board"] / max(med["plain_sort"], 1e-9)
    med["csv_ratio"] = med["csv_first_board"] / med["csv_scan_sort"]
    med["csv_listed_ratio"] = med["csv_listed_board"] / med["csv_scan_sort"]
    if args.json:
        print(json.dumps(med))
        return 0
    print(f"rows: {med['rows']:,} (SAMPLE: {COMMUNES:,} communes × {MONTHS} months × {len(METRICS)} metrics)")
    for k in ("read_parquet", "load", "national_board", "province_board", "every_month", "plain_sort"):
        print(f"{k:15s} {med[k]:8.3f} s")
    print(f"ratio: load / read_parquet {med['load_ratio']:.1f}×, national board / plain sort "
          f"{med['board_ratio']:.1f}×")
    print(f"from CSV, the first national board (read, check, rank) vs polars scan + full sort: "
          f"{med['csv_first_board']:.2f} s vs {med['csv_scan_sort']:.2f} s = {med['csv_ratio']:.2f}× (goal ≤ 1.2×, "
          f"as for the province files)")
    print(f"the same, every commune checked against its province's list: {med['csv_listed_board']:.2f} s = "
          f"{med['csv_listed_ratio']:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
