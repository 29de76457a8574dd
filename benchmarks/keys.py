"""Per-key latency: every action in the registry pressed on the sample, p50/p95 each.

The app runs headless (Textual's Pilot) on the shipped sample, on a leaderboard, after its first
paint. Each action is pressed --runs times; a press is timed from the key to the app having
repainted (see key_timing: background work is timed on its own row). The reference in the same run is a key bound
to nothing, which costs only the press and the settling: the ratio is what the action itself adds.
After each press the app is put back (same screen, same view state) without timing. Exports are
timed to their "Writing …" toast (the file comes from a worker, on a row of its own). The units
board's own keys are pressed on that board, by units_keys.py.

    .venv/bin/python benchmarks/keys.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from key_timing import NOOP_KEY, REFERENCE, print_table, record, settle, timed, timed_to, toast_saying

SKIP = {"quit"}  # would end the run
# An export says "Writing …" at once and writes from a worker: timed to that toast, and to the file.
EXPORTS = {"export_csv": "Writing CSV", "export_xlsx": "Writing XLSX", "export_md": "Writing MD"}




def first_key(keys: str) -> str:
    return keys.split(",")[0].strip()


async def _put_back(pilot, app, mode: str, state) -> None:
    while len(app.screen_stack) > 1:
        app.pop_screen()
    if app.current_mode != mode:
        app.switch_mode(mode)
    app.state = replace(state, dataset=app.state.dataset, version=app.state.version)
    await settle(pilot)




async def measure(runs: int) -> dict[str, list[float]]:
    from de06tui.tui import actions
    from de06tui.tui.app import De06App
    from de06tui.tui.app_actions import board_mode
    from de06tui.tui.sources import SampleSource

    out: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        app = De06App(source=SampleSource(), lang="en", metric="online_submission_rate", export_dir=folder)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:  # the toasts too
            await settle(pilot)
            mode, state = board_mode("online_submission_rate"), app.state
            for _ in range(runs):
                out.setdefault(REFERENCE, []).append(await timed(pilot, NOOP_KEY))
                for a in actions.REGISTRY:
                    if a.id in SKIP or a.scope == actions.UNITS:  # the units board's: units_keys.py
                        continue
                    if a.scope == actions.DETAIL:
                        await pilot.press("enter")  # the detail of the first province
                        await settle(pilot)
                    if a.id in EXPORTS:
                        shown, done = await timed_to(pilot, first_key(a.keys), toast_saying(pilot, EXPORTS[a.id]))
                        out.setdefault(a.id, []).append(shown)
                        out.setdefault(f"{a.id} · file written", []).append(done or shown)
                    else:
                        await record(pilot, first_key(a.keys), a.id, out)
                    await _put_back(pilot, app, mode, state)
    return out




def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    os.environ.setdefault("DE06TUI_CACHE_DIR", tempfile.mkdtemp(prefix="de06-keys-"))
    os.environ.setdefault("DE06TUI_CONFIG_DIR", tempfile.mkdtemp(prefix="de06-keys-"))
    times = asyncio.run(measure(max(1, args.runs)))
    print_table(times, direct=frozenset(EXPORTS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
