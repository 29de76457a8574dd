"""Limits in the running app: a gzip bomb from the feed and an oversized input file are refused
with a message naming the limit, the last good data stays, and memory does not balloon."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from feeds.conftest import FEED_DOC
from feeds.replay import BIG_BOMB_BYTES, Replay, big_bomb

from de06tui.tui.sources import FeedSource, source_for

from .conftest import settle
from .test_feed import feed_config, header, toasts

pytestmark = pytest.mark.anyio


def resident_peak_mb() -> float | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def lifetime_peak_mb() -> float:
    """The process's peak RSS since it started (Linux counts ru_maxrss in KiB); it never goes down,
    so its growth over the refresh is a bound that holds wherever /proc cannot be reset."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def painted_rows(table) -> list[list[str]]:
    """Each row's cells as the board shows them."""
    return [[cell.plain for cell in row.cells] for row in table.rows]


def reset_peak() -> bool:
    """Start the peak-RSS count afresh (Linux), so the refresh's own peak can be read."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@pytest.fixture
def server():
    srv = Replay(json.dumps(FEED_DOC).encode()).start()
    big_bomb()  # built before the app starts, not during the measured refresh
    yield srv
    srv.stop()


async def test_gzip_bomb_is_stopped_and_the_data_stays(server, make_app):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config(retries=0)))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")  # the feed's transparency scores
        await settle(pilot)
        good, rows = app.dataset, app.screen.query_one("#board").row_count
        assert good is not None and rows == 34
        shown = painted_rows(app.screen.query_one("#board"))
        server.set_fault("gzip_bomb_big")
        asked = len(server.calls)
        measured = reset_peak()
        before, lifetime_before = resident_peak_mb(), lifetime_peak_mb()
        await pilot.press("r")
        await settle(pilot)
        after, lifetime_after = resident_peak_mb(), lifetime_peak_mb()
        assert app.is_running and len(server.calls) > asked  # the bomb was served, the app is still up
        board = app.screen.query_one("#board")
        assert app.dataset is good and board.row_count == rows
        assert painted_rows(board) == shown
        assert "1,000,000-byte limit" in header(app) and "1,000,000-byte limit" in toasts(app)
        # The answer expands to 256 MiB; reading stops at the 1 MB limit.
        budget = BIG_BOMB_BYTES / 2**20 / 8
        assert lifetime_after - lifetime_before < budget, (lifetime_before, lifetime_after)
        if measured:  # the refresh's own peak, not one an earlier test left behind
            assert after - before < budget, (before, after)


async def test_an_oversized_file_is_refused_by_name_and_the_rest_loads(make_app, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("period,province,metric,value\n2026-09,01,transparency_score,12.5\n", encoding="utf-8")
    big = tmp_path / "big.csv"
    big.write_text("period,province,metric,value\n" + "2026-09,04,transparency_score,11.0\n" * 200,
                   encoding="utf-8")
    app = make_app(source=source_for([good, big], max_bytes=2_000))
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert app.dataset is not None and app.dataset.frame.height == 1
        problems = [str(p) for p in app.dataset.problems]
        assert any("big.csv" in p and "over the 2,000-byte limit" in p for p in problems), problems
        assert "⚠" in header(app)
        # Said at once, not only counted: which file, why, and where the rest are.
        toasts = [(n.severity, str(n.message)) for n in app._notifications]
        assert any(sev == "warning" and "big.csv" in msg and "2,000-byte limit" in msg and "press p" in msg
                   for sev, msg in toasts), toasts


@pytest.fixture
def big_file(tmp_path, isolated_dirs) -> Path:
    """A 7 KB file, and a config file whose limit is 2,000 bytes."""
    config = Path(isolated_dirs / "config" / "config.toml")
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[data]\nmax_file_bytes = 2000\n", encoding="utf-8")
    big = tmp_path / "big.csv"
    big.write_text("period,province,metric,value\n" + "2026-09,04,transparency_score,11.0\n" * 200,
                   encoding="utf-8")
    return big


def test_an_oversized_file_in_the_cli(big_file):
    r = subprocess.run([sys.executable, "-m", "de06tui", "rank", "--data", str(big_file)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stdout == ""  # 2: bad input, as for any rejected file
    assert str(big_file) in r.stderr and "over the 2,000-byte limit" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


async def test_the_app_takes_the_limit_from_the_config_file(big_file, tmp_path):
    """``de06tui app --data big.csv`` as the command builds it: the config file's limit applies,
    and the problems screen names the file and the limit."""
    from de06tui.cli.app import _config, make_source
    from de06tui.cli.main import build_parser
    from de06tui.tui.app import De06App

    args = build_parser("app").parse_args(["app", "--data", str(big_file)])
    config = _config(args)
    assert config is not None and config.max_file_bytes == 2_000
    app = De06App(source=make_source(args, config), lang="en", export_dir=tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        assert app.dataset is not None and app.dataset.is_empty  # refused, not read
        assert "No data" in header(app) and "⚠ 1 problem" in header(app)
        await pilot.press("p")
        await settle(pilot)
        table = app.screen.query_one("#problems")
        rows = [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]
        assert len(rows) == 1 and "big.csv" in rows[0] and "over the 2,000-byte limit" in rows[0], rows
