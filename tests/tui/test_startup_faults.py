"""Start-up faults shown in the app: a broken config file, and the start-up snapshot's writes."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from textual.app import App

from de06tui.core.paths import config_file
from de06tui.tui import snapshot
from de06tui.tui.screens.board import BoardScreen
from de06tui.tui.sources import SampleSource

from .conftest import settle

pytestmark = pytest.mark.anyio


def test_a_broken_config_is_said_in_the_app_not_printed_under_it(monkeypatch, capfd):
    from de06tui.cli import app as cli_app
    from de06tui.cli.main import build_parser
    from de06tui.tui.app import De06App

    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text('refresh_minutes = "often"\n', encoding="utf-8")
    seen: dict = {}

    async def look(pilot) -> None:
        await settle(pilot)
        seen["toasts"] = [str(n.message) for n in pilot.app._notifications]
        seen["source"] = pilot.app.status.source
        pilot.app.exit()

    monkeypatch.setattr(De06App, "run", lambda self: App.run(self, headless=True, auto_pilot=look))
    args = build_parser("app").parse_args(["app", "--lang", "en"])
    assert cli_app.run(args) == 0
    out, err = capfd.readouterr()
    assert err == "" and out == ""  # nothing printed on the terminal the app covers
    said = [x for x in seen["toasts"] if "config not used" in x]
    assert len(said) == 1 and str(config_file()) in said[0] and "refresh_minutes" in said[0], seen
    assert "must be a number" in said[0] and seen["source"].endswith("de06_sample.json")


async def test_the_board_snapshot_is_written_whole_through_a_unique_temporary_name(make_app, monkeypatch):
    replaced: list[tuple[str, str]] = []
    synced: list[int] = []
    real_replace, real_fsync = os.replace, os.fsync

    def spy_replace(src, dst):
        replaced.append((str(src), str(dst)))
        return real_replace(src, dst)

    def spy_fsync(fd):
        synced.append(fd)
        return real_fsync(fd)

    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    app = make_app(source=SampleSource(), metric="online_submission_rate")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen) and app.screen.view is not None
    target = str(snapshot._file())
    writes = [src for src, dst in replaced if dst == target]
    assert writes and synced, (replaced, synced)
    assert all(os.path.dirname(src) == os.path.dirname(target) for src in writes)
    assert target.removesuffix(".json") + ".tmp" not in writes  # never the one shared name
    assert len(set(writes)) == len(writes)  # a fresh name each time
    doc = json.loads(Path(target).read_text(encoding="utf-8"))
    assert doc["metric"] == "online_submission_rate" and len(doc["rows"]) == 34


def test_parallel_snapshot_writers_never_leave_a_mixed_file(tmp_path, monkeypatch):
    """Two sessions saving at once (as parallel `serve` sessions do): the file is always one whole."""
    from de06tui.core.dataset import load_sample
    from de06tui.tui.views.board import board_view

    ds = load_sample()
    views = [board_view(ds, "online_submission_rate", p) for p in ("2026-09", "2026-10")]
    key = snapshot.source_key(SampleSource())

    def writer(view) -> None:
        for _ in range(40):
            snapshot.save(key, view, "sample", True)

    threads = [threading.Thread(target=writer, args=(v,)) for v in views]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    for _ in range(5):
        found = snapshot.load(key, "online_submission_rate", None)
        assert found is not None and found[0].period in ("2026-09", "2026-10")
        assert found[0].rows == next(v for v in views if v.period == found[0].period).rows
    leftovers = [p.name for p in snapshot._file().parent.iterdir() if p.name != snapshot._file().name]
    assert not [n for n in leftovers if "tui_last_board" in n], leftovers
