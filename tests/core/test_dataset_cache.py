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


def test_a_patched_value_in_the_cache_is_not_shown(write):
    import io

    import polars as pl

    path = write("d.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n")
    dataset_cache.load_paths_cached([path])
    data_file = next(dataset_cache._files("x")[0].parent.glob("*.arrow"))
    frame = pl.read_ipc(io.BytesIO(data_file.read_bytes()))
    patched = frame.with_columns(pl.lit(99.0).alias("value"))  # a well-formed file, one float changed
    buf = io.BytesIO()
    patched.write_ipc(buf, compression="zstd")
    data_file.write_bytes(buf.getvalue())
    ds = dataset_cache.load_paths_cached([path])
    assert ds.frame["value"].to_list() == [10.0]  # the checksum caught it; the file was read again


def test_a_tighter_size_limit_is_not_served_from_the_cache(write):
    path = write("d.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n")
    assert dataset_cache.load_paths_cached([path]).frame.height == 1
    small = dataset_cache.load_paths_cached([path], max_bytes=10)
    assert small.frame.height == 0 and small.errors  # the limit applies, as on a fresh load
    assert any("10" in str(p) for p in small.errors)


def test_old_entries_are_evicted(write):
    for i in range(dataset_cache.KEEP + 3):
        dataset_cache.load_paths_cached([write(f"d{i}.csv", f"period,province,metric,value\n2024-10,01,CKMB,{i}\n")])
    folder = dataset_cache._files("x")[0].parent
    assert len(list(folder.glob("*.json"))) == dataset_cache.KEEP
    assert len(list(folder.glob("*.arrow"))) == dataset_cache.KEEP


def test_an_entry_written_by_other_reading_code_is_not_served(write, monkeypatch):
    path = write("d.csv", "period,province,metric,value\n2024-10,01,CKMB,10\n")
    calls = []
    monkeypatch.setattr(dataset_cache, "load_paths", lambda *a, **k: calls.append(a) or load_paths(*a, **k))
    monkeypatch.setattr(dataset_cache, "code_stamp", lambda: "reader-before-upgrade")
    dataset_cache.load_paths_cached([path])
    dataset_cache.load_paths_cached([path])
    assert len(calls) == 1  # same code: the second load is a hit
    monkeypatch.setattr(dataset_cache, "code_stamp", lambda: "reader-after-upgrade")
    after = dataset_cache.load_paths_cached([path])
    assert len(calls) == 2 and after.frame["value"].to_list() == [10.0]  # read afresh, not the old parse
    dataset_cache.load_paths_cached([path])
    assert len(calls) == 2  # and the new entry is hit in turn


def test_the_code_stamp_follows_the_reader_sources():
    import hashlib
    from pathlib import Path

    core = Path(dataset_cache.__file__).resolve().parent
    assert (core / "readers.py").is_file() and (core / "sniff.py").is_file()
    by_hand = hashlib.sha256()
    for name in sorted(p.name for p in core.glob("*.py")):
        by_hand.update(name.encode() + (core / name).read_bytes())
    assert dataset_cache.code_stamp() == by_hand.hexdigest()[:16]
