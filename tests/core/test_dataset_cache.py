"""The validated-dataset cache: a hit equals a fresh load; any change or damage revalidates."""

import os

from de06tui.core import dataset_cache
from de06tui.core.dataset import load_paths


def test_hit_equals_fresh_and_change_invalidates(write, monkeypatch):
    path = write("d.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n2024-10,Atlantis,CKMB,1\n")
    good = write("g.csv", "period,province,metric,value\n2024-10,02,CKMB,11\n")
    first = dataset_cache.load_paths_cached([path, good])
    calls = []
    monkeypatch.setattr(dataset_cache, "load_paths", lambda *a, **k: calls.append(a) or load_paths(*a, **k))
    second = dataset_cache.load_paths_cached([path, good])
    assert calls == []  # served from the cache
    assert second.frame.equals(first.frame)
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]
    assert second.rejected == first.rejected == (str(path),)
    path.write_text("period,province,metric,value\n2024-10,01,CKMB,12\n")
    os.utime(path, ns=(1, 1))
    third = dataset_cache.load_paths_cached([path, good])
    assert len(calls) == 1 and third.frame.height == 2 and not third.errors


def test_damaged_entry_is_ignored(write):
    path = write("d.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n")
    dataset_cache.load_paths_cached([path])
    folder = next(iter(dataset_cache._files("x")[0].parent.glob("*.arrow"))).parent
    for f in folder.iterdir():
        f.write_bytes(b"\x00garbage")
    ds = dataset_cache.load_paths_cached([path])
    assert ds.frame.height == 1 and not ds.errors
