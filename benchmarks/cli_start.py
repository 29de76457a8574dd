"""`de06tui rank` on the sample against `python -c "import polars"`: the CLI's own cost.

Median of N fresh processes each, interleaved. Goal: ratio at most 1.3.
Usage: python benchmarks/cli_start.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def once(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> dict:
    from installed import compile_package

    compile_package()
    polars = [sys.executable, "-c", "import polars"]
    rank = [sys.executable, "-m", "de06tui", "rank"]
    once(polars), once(rank)  # warm the file cache and the bytecode
    a, b = [], []
    for _ in range(runs):
        a.append(once(polars))
        b.append(once(rank))
    return {"import_polars": statistics.median(a), "rank": statistics.median(b),
            "ratio": statistics.median(b) / statistics.median(a), "runs": runs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    r = measure(ap.parse_args().runs)
    print(f"import polars {r['import_polars']:.3f} s, de06tui rank {r['rank']:.3f} s, "
          f"ratio {r['ratio']:.2f}x (goal <= 1.30x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
