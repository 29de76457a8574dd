"""Two faults of the fault matrix in the running app: a token with a line end in the config file,
and a cache folder that cannot be written. Each asserts the message, the data still shown, and
recovery once the cause is gone."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from feeds.conftest import FEED_DOC
from feeds.replay import Replay
from textual.app import App

from de06tui.core.paths import config_file
from de06tui.tui.sources import FeedSource

from .conftest import settle
from .test_feed_faults import feed_config, header, toasts

pytestmark = pytest.mark.anyio
SECRET = "s3cret-token-with-cr"
PROVINCES = len(FEED_DOC["records"])


@pytest.fixture
def server():
    srv = Replay(json.dumps(FEED_DOC).encode()).start()
    yield srv
    srv.stop()


def start_app(monkeypatch, *argv: str) -> dict:
    """``de06tui app …`` as typed, the app headless; what it showed once settled."""
    from de06tui.cli import app as cli_app
    from de06tui.cli.main import build_parser
    from de06tui.tui.app import De06App

    seen: dict = {}

    async def look(pilot) -> None:
        await settle(pilot)
        app = pilot.app
        seen.update(toasts=toasts(app), header=header(app), source=app.status.source,
                    rows=None if app.dataset is None else app.dataset.frame.height,
                    synthetic=None if app.dataset is None else app.dataset.provenance.synthetic)
        app.exit()

    monkeypatch.setattr(De06App, "run", lambda self: App.run(self, headless=True, auto_pilot=look))
    seen["code"] = cli_app.run(build_parser("app").parse_args(["app", "--lang", "en", *argv]))
    return seen


def test_a_token_with_a_line_end_is_a_config_error_in_the_app(server, isolated_dirs, monkeypatch, capfd):
    url = server.url + "/feed.json"
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text(f'feed = "{url}"\n[http]\ntoken = "{SECRET}\\r"\n', encoding="utf-8")
    config_file().chmod(0o600)
    broken = start_app(monkeypatch)
    out, err = capfd.readouterr()
    assert broken["code"] == 0 and out == "" and err == ""
    assert "config not used" in broken["toasts"] and "'http.token'" in broken["toasts"]
    assert "line break" in broken["toasts"], broken["toasts"]
    assert SECRET not in broken["toasts"] + broken["header"]
    # The app goes on with the defaults: the shipped sample, labelled so, and no request at all.
    assert broken["source"].endswith("de06_sample.json") and broken["synthetic"] is True
    assert "SAMPLE" in broken["header"] and broken["rows"] > 0
    assert server.calls == []
    config_file().write_text(f'feed = "{url}"\n[http]\ntoken = "{SECRET}"\n', encoding="utf-8")
    fixed = start_app(monkeypatch)
    assert fixed["rows"] == PROVINCES and "config not used" not in fixed["toasts"]
    assert SECRET not in fixed["toasts"] + fixed["header"]
    assert server.authorization and set(server.authorization) == {f"Bearer {SECRET}"}


def test_a_feed_flag_with_a_token_with_a_line_end_starts_no_app(server, isolated_dirs, monkeypatch, capfd):
    config_file().parent.mkdir(parents=True, exist_ok=True)
    config_file().write_text(f'[http]\ntoken = "{SECRET}\\r"\n', encoding="utf-8")
    seen = start_app(monkeypatch, "--feed", server.url + "/feed.json")
    _out, err = capfd.readouterr()
    assert seen["code"] == 2 and "toasts" not in seen  # refused before any screen was drawn
    assert "'http.token'" in err and "line break" in err and SECRET not in err
    assert server.calls == []


async def test_an_unwritable_cache_shows_the_data_and_says_so(server, make_app, isolated_dirs, monkeypatch):
    blocker = isolated_dirs / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("DE06TUI_CACHE_DIR", str(blocker))
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config()))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert app.dataset is not None and app.dataset.frame.height == PROVINCES
        assert "No data" not in header(app) and "stale since" not in header(app)
        said = toasts(app)
        assert "cache not written: a file stands where a folder should be" in said, said
        blocker.unlink()  # the folder can be made again
        await pilot.press("r")
        await settle(pilot)
        assert app.dataset.frame.height == PROVINCES
        assert toasts(app).count("cache not written") == said.count("cache not written")
    kept = list(Path(os.environ["DE06TUI_CACHE_DIR"]).rglob("*.meta.json"))
    assert len(kept) == 1  # written once the folder could be
