"""Per-key latency on the national communes board: 3,321 SAMPLE communes over the 34 provinces,
three snapshots, every key the units board binds pressed, p50/p95 each.

The communes are generated here (SAMPLE) and handed to the board as a source's units; the app
runs headless (Textual's Pilot) at 120×40. A press is timed from the key to the app having
repainted (see key_timing: background work is timed on its own row), beside a key bound to nothing as the
reference. After each press the board is put back (same query, no detail open) without timing. Goal: every key
≤ 100 ms p95.

    .venv/bin/python benchmarks/units_keys.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from key_timing import NOOP_KEY, REFERENCE, THINK, print_table, record, settle, timed, timed_to, toast_saying

COMMUNES = 3321
SNAPSHOTS = ("2026-10-08", "2026-10-09", "2026-10-10")
GROUPS = ("transparency_score", "progress_score", "online_service_score", "online_payment_score",
          "satisfaction_score", "digitisation_score")
SKIP = {"units_reload"}  # asks the source again: a load, not a repaint
# An export's repaint is its "Writing …" toast (timed to it on screen); the file is written in a worker.
EXPORTS = {"units_csv": "Writing CSV", "units_xlsx": "Writing XLSX", "units_md": "Writing MD"}


def sample_units():
    """SAMPLE communes: six groups and their total, per snapshot, spread over the provinces."""
    import polars as pl

    from de06tui.core.registry import default_registry
    from de06tui.core.units import UNIT_SCHEMA, UnitRegistry, UnitSet

    codes = [p.code for p in default_registry().provinces(34)]
    metrics = ("total_score",) + GROUPS
    n = COMMUNES * len(SNAPSHOTS) * len(metrics)
    idx = pl.int_range(0, n, eager=True)
    commune, rest = idx // (len(SNAPSHOTS) * len(metrics)), idx % (len(SNAPSHOTS) * len(metrics))
    shot, metric = rest // len(metrics), rest % len(metrics)
    value = ((commune * 37 + shot * 11 + metric * 5) % 900).cast(pl.Float64) / 100 + 2
    frame = pl.DataFrame({
        "period": "2026", "as_of": shot.map_elements(lambda s: SNAPSHOTS[s], return_dtype=pl.Utf8),
        "province": commune.map_elements(lambda c: codes[c % len(codes)], return_dtype=pl.Utf8),
        "unit": commune.map_elements(lambda c: f"S{c:04d}", return_dtype=pl.Utf8), "unit_id": None,
        "name": commune.map_elements(lambda c: f"SAMPLE xã {c:04d}", return_dtype=pl.Utf8),
        "cohort": "commune", "metric": metric.map_elements(lambda m: metrics[m], return_dtype=pl.Utf8),
        "value": (value * (1 + 5 * (metric == 0).cast(pl.Float64))), "source_rank": None,
        "flag": None, "real": False,
    }).select(list(UNIT_SCHEMA)).cast(UNIT_SCHEMA)
    return UnitSet(frame, UnitRegistry(), [], ("SAMPLE",), synthetic=True)






async def _board(pilot):
    from de06tui.tui.screens.units import UnitsScreen

    for _ in range(100):
        await settle(pilot)
        if isinstance(pilot.app.screen, UnitsScreen) and pilot.app.screen.view is not None:
            return pilot.app.screen
    raise RuntimeError("the national communes board did not paint")


async def measure(runs: int) -> dict[str, list[float]]:
    from de06tui.tui import actions
    from de06tui.tui.app import De06App
    from de06tui.tui.screens import units as screen_module
    from de06tui.tui.sources import SampleSource

    source, units = SampleSource(), sample_units()
    clusters = {"SAMPLE cụm": tuple(f"S{c:04d}" for c in range(0, COMMUNES, 7))}
    screen_module._KEPT[source] = {None: (units, clusters, "SAMPLE (generated)")}
    keys = [a for a in actions.REGISTRY if a.scope in (actions.BOARD, actions.UNITS) and a.id not in SKIP]
    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        app = De06App(source=source, lang="en", export_dir=folder)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:  # toasts drawn, as in use
            await settle(pilot)
            await app.run_action("open_national_units")
            board = await _board(pilot)
            start = board.query_state
            for _ in range(runs):
                out.setdefault(REFERENCE, []).append(await timed(pilot, NOOP_KEY))
                for a in keys:
                    if a.id in EXPORTS:  # its toast at once, the file from a worker
                        shown, done = await timed_to(pilot, a.keys.split(",")[0], toast_saying(pilot, EXPORTS[a.id]))
                        out.setdefault(a.id, []).append(shown)
                        out.setdefault(f"{a.id} · file written", []).append(done or shown)
                        continue
                    await record(pilot, a.keys.split(",")[0], a.id, out)
                    if a.id == "filter":  # one letter typed into the box, then the box closed
                        await record(pilot, "7", "filter (typing)", out)
                        await pilot.press("escape")
                    while app.screen is not board:
                        app.pop_screen()
                    if board.detail_open:  # a unit's detail shows in the board's place
                        board.back()
                    board.set_query(**{f: getattr(start, f) for f in start.__dataclass_fields__})
                    board.query_one("#units-table").move_cursor(row=0)
                    await settle(pilot)
                    await pilot.pause(THINK)  # as after a timed key: the work done once keys pause
                    await settle(pilot)
    return out




def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    for var in ("DE06TUI_CACHE_DIR", "DE06TUI_CONFIG_DIR", "DE06TUI_DATA_DIR"):
        os.environ.setdefault(var, tempfile.mkdtemp(prefix="de06-units-keys-"))
    times = asyncio.run(measure(max(1, args.runs)))
    print(f"national communes board, {COMMUNES} SAMPLE communes, {len(SNAPSHOTS)} snapshots\n")
    print_table(times, first="key", direct=frozenset(EXPORTS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
