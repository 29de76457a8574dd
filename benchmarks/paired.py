"""Paired timing: a command and its reference run alternately (A B A B …) in fresh processes.

Each pair gives one ratio; the figure is the median ratio with its spread (min–max), so load
that comes and goes on a shared machine hits both sides of a pair alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass
class Run:
    seconds: float
    peak_mb: float  # the child's peak resident memory


@dataclass
class Paired:
    ratios: list[float]
    subject: list[Run]
    reference: list[Run]

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)

    def seconds(self, side: str = "subject") -> float:
        return statistics.median(r.seconds for r in getattr(self, side))

    def peak_mb(self, side: str = "subject") -> float:
        return statistics.median(r.peak_mb for r in getattr(self, side))

    def text(self) -> str:
        return (f"{self.ratio:.2f}× (spread {min(self.ratios):.2f}–{max(self.ratios):.2f}, "
                f"{self.seconds():.3f} s vs {self.seconds('reference'):.3f} s, n={len(self.ratios)})")


def run_once(cmd: Sequence[str], env: dict | None = None) -> Run:
    """One fresh process, its wall time and peak memory (from its own rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)[:120]} failed ({proc.returncode}): {err[-400:]}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def paired(subject: Sequence[str], reference: Sequence[str], runs: int,
           before: Callable[[], dict | None] | None = None, warm: bool = True) -> Paired:
    """``before`` (optional) prepares each subject run and returns its extra environment."""
    if warm:
        run_once(reference), run_once(subject, before() if before else None)
    out = Paired([], [], [])
    for _ in range(runs):
        ref = run_once(reference)
        sub = run_once(subject, before() if before else None)
        out.reference.append(ref)
        out.subject.append(sub)
        out.ratios.append(sub.seconds / ref.seconds)
    return out


def load() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load unknown"
    return f"load average {one:.2f} / {five:.2f} / {fifteen:.2f} (1 / 5 / 15 min)"
