"""What the per-key benchmarks share: a keypress timed to its repaint, and the table.

A press is timed from the key to the app having settled on what the key shows: every worker the
repaint waits on done and every message handled. Work a key hands to the background (a file
written, a snapshot kept for the next start, views worked out ahead: worker groups named by
``de06tui.tui.background``) is waited for afterwards, untimed, so the next key starts from a
quiet app; where a key started any, the time to its end is reported on a row of its own. A key
bound to nothing is pressed the same way as the reference: its time is the harness's own (the
pilot's pauses), so "net" (an action's p95 less the reference's median) is what the action adds.

The pilot counts a key as handled once the whole process has been idle for a moment (Textual's
``wait_for_idle`` reads process CPU time), so background work that is still busy then is counted
in the key: the figure errs on the slow side. Between keys the harness pauses as a reader would
(``THINK``), so work an app does once the keys pause (views worked out ahead) runs there.
"""

from __future__ import annotations

import asyncio
import statistics
import time

NOOP_KEY = "f12"  # bound to nothing
REFERENCE = "(no action: reference)"
BACKGROUND_ROW = " · background work done"
THINK = 0.3  # seconds between one key's repaint and the next key, untimed


def _running(pilot, background: bool) -> list:
    from de06tui.tui.background import is_background

    return [w for w in pilot.app.workers if w.is_running and (background or not is_background(w))]


async def settle(pilot, background: bool = True) -> None:
    """Until the workers (all of them, or those a repaint waits on) are done and messages handled."""
    for _ in range(5):
        await pilot.app.workers.wait_for_complete(_running(pilot, background))
        await pilot.pause()
        if not _running(pilot, background):
            return


async def timed_both(pilot, key: str) -> tuple[float, float | None]:
    """Seconds to the key's repaint, and to its background work done (None: it started none)."""
    t0 = time.perf_counter()
    await pilot.press(key)
    await settle(pilot, background=False)
    shown = time.perf_counter() - t0
    await pilot.pause(THINK)
    if not _running(pilot, background=True):
        return shown, None
    await settle(pilot)
    return shown, time.perf_counter() - t0


async def timed(pilot, key: str) -> float:
    return (await timed_both(pilot, key))[0]


async def record(pilot, key: str, name: str, out: dict[str, list[float]]) -> None:
    """Press ``key``; its repaint under ``name``, its background work (if any) on its own row."""
    shown, done = await timed_both(pilot, key)
    out.setdefault(name, []).append(shown)
    if done is not None:
        out.setdefault(name + BACKGROUND_ROW, []).append(done)


async def timed_to(pilot, key: str, shown, limit: float = 10.0) -> tuple[float, float | None]:
    """Seconds from ``key`` to ``shown()`` being true (a toast on screen, say), polled every
    millisecond without the pilot's idle wait; then to every worker done (None: none ran)."""
    t0 = time.perf_counter()
    pilot.app.simulate_key(key)
    while not shown():
        if time.perf_counter() - t0 > limit:
            raise RuntimeError(f"{key}: what it should show did not come within {limit} s")
        await asyncio.sleep(0.001)
    first = time.perf_counter() - t0
    await settle(pilot)
    done = time.perf_counter() - t0
    await pilot.pause(THINK)
    await settle(pilot)
    return first, done


def toast_saying(pilot, text: str):
    """A test for ``timed_to``: a toast whose text holds ``text`` is mounted on the screen."""
    def shown() -> bool:  # queried by type name: Textual does not export its Toast widget
        return any(text in str(toast.render()) for toast in pilot.app.screen.query("Toast"))

    return shown


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def print_table(times: dict[str, list[float]], first: str = "action", goal_ms: float = 100,
                direct: frozenset[str] = frozenset()) -> None:
    """``direct``: rows timed by ``timed_to``, without the pilot's pauses: their net is their time."""
    ref = statistics.median(times[REFERENCE])
    print(f"| {first} | p50 ms | p95 ms | net p95 ms | p50 vs no-op key | n |\n|---|---|---|---|---|---|")

    def net(name: str, values: list[float]) -> float:
        return p95(values) if name in direct else max(0.0, p95(values) - ref)

    for name, values in times.items():
        med, high = statistics.median(values), p95(values)
        mark = " (to what it shows, no pilot pauses)" if name in direct else ""
        print(f"| {name}{mark} | {med * 1000:.0f} | {high * 1000:.0f} | {net(name, values) * 1000:.0f} "
              f"| {med / ref:.2f}× | {len(values)} |")
    repaints = [(net(k, v), k) for k, v in times.items()
                if k != REFERENCE and not k.endswith(BACKGROUND_ROW) and "file written" not in k]
    worst = max(repaints)
    print(f"\nworst net p95 to a repaint: {worst[1]} {max(0.0, worst[0]) * 1000:.0f} ms (goal ≤ {goal_ms:.0f} ms); "
          f"{sum(1 for d, _ in repaints if d * 1000 > goal_ms)} of {len(repaints)} keys over")
