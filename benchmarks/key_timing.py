"""What the per-key benchmarks share: a keypress timed to the app having settled, and the table.

A press is timed from the key to every worker done and every message handled. A key bound to
nothing is pressed the same way as the reference: its time is the harness's own (the pilot's
pauses), so "net" (an action's p95 less the reference's median) is what the action adds.
"""

from __future__ import annotations

import statistics
import time

NOOP_KEY = "f12"  # bound to nothing
REFERENCE = "(no action: reference)"


async def settle(pilot) -> None:
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return


async def timed(pilot, key: str) -> float:
    t0 = time.perf_counter()
    await pilot.press(key)
    await settle(pilot)
    return time.perf_counter() - t0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def print_table(times: dict[str, list[float]], first: str = "action", goal_ms: float = 100) -> None:
    ref = statistics.median(times[REFERENCE])
    print(f"| {first} | p50 ms | p95 ms | net p95 ms | p50 vs no-op key | n |\n|---|---|---|---|---|---|")
    for name, values in times.items():
        med, high = statistics.median(values), p95(values)
        print(f"| {name} | {med * 1000:.0f} | {high * 1000:.0f} | {max(0.0, high - ref) * 1000:.0f} "
              f"| {med / ref:.2f}× | {len(values)} |")
    worst = max((p95(v) - ref, k) for k, v in times.items() if k != REFERENCE)
    print(f"\nworst net p95: {worst[1]} {max(0.0, worst[0]) * 1000:.0f} ms (goal ≤ {goal_ms:.0f} ms)")
