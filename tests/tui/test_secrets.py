"""The feed token in the running app: used for every refresh, never on screen, in a toast, a
screenshot or an export, whatever the server answers."""

from __future__ import annotations

import json
import zipfile

import pytest
from feeds.conftest import FEED_DOC
from feeds.replay import Replay

from de06tui.tui.sources import FeedSource

from .conftest import settle
from .test_feed import feed_config, header, toasts

pytestmark = pytest.mark.anyio

TOKEN = "tok-app-5e1f-never-on-screen"


@pytest.fixture
def server():
    srv = Replay(json.dumps(FEED_DOC).encode()).start()
    yield srv
    srv.stop()


@pytest.mark.parametrize("fault", ["401", "echo_auth", "echo_auth_json"])
async def test_token_never_reaches_the_screen_toasts_screenshots_or_exports(server, make_app, tmp_path, fault):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config(token=TOKEN, retries=0)),
                   export_dir=tmp_path)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        server.set_fault(fault)
        await pilot.press("r")
        await settle(pilot)
        assert server.authorization[-1] == f"Bearer {TOKEN}"
        assert "⏸" in header(app) and toasts(app)  # the refresh failed and said so …
        for text in (header(app), toasts(app), app.export_screenshot()):
            assert TOKEN not in text  # … without the token
        await pilot.press("e", "E", "m")
        await settle(pilot)
    exports = [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".xlsx", ".md")]
    assert len(exports) == 3
    for path in exports:
        assert path.stat().st_size
        if path.suffix == ".xlsx":  # a zip: look inside each part, not at the compressed bytes
            with zipfile.ZipFile(path) as book:
                assert not any(TOKEN.encode() in book.read(m) for m in book.namelist())
        else:
            assert TOKEN.encode() not in path.read_bytes()
