"""SIGKILL the process writing the cache at random moments, 100 times: the cache is always
the old snapshot or a new one, and it loads."""

from __future__ import annotations

import os
import random
import signal
import time

from de06tui.feeds.cache import SnapshotCache


def _writer(folder) -> None:
    cache = SnapshotCache(folder)
    big = b"xy" * 300_000  # large enough that a kill often lands in the middle of a write
    i = 0
    while True:
        i += 1
        cache.save("feed", big + str(i).encode(), f"t{i}", "feed.json")


def test_sigkill_during_writes_leaves_a_whole_snapshot(tmp_path):
    folder = tmp_path / "cache"
    SnapshotCache(folder).save("feed", b"old" * 200_000, "t0", "feed.json")
    rng = random.Random(7)
    seen_new = 0
    for round_ in range(100):
        pid = os.fork()
        if pid == 0:  # the child writes until it is killed
            try:
                _writer(folder)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        snap, why = SnapshotCache(folder).load("feed")
        assert why is None and snap is not None, f"round {round_}: {why}"
        assert snap.data.startswith((b"old", b"xyxy"))
        seen_new += snap.data.startswith(b"xy")
    assert seen_new > 10
    # the next good write sweeps whatever interrupted writes left behind
    SnapshotCache(folder).save("feed", b"final", "t-final", "feed.json")
    assert len(list(folder.glob("*.bin"))) == 1 and not list(folder.glob(".*"))
