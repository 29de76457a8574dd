"""The running app where the feed layer decides the outcome: a drip server meets the fetch
deadline, a damaged cached copy is not pinned by a 304, a huge Retry-After is not waited for.
Each keeps the last good data on screen, says why, and recovers once the server is healthy."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from feeds.conftest import FEED_DOC
from feeds.replay import Replay

from de06tui.config import load_config
from de06tui.tui.sources import FeedSource

from .conftest import settle

pytestmark = pytest.mark.anyio


@pytest.fixture
def server():
    srv = Replay(json.dumps(FEED_DOC).encode()).start()
    yield srv
    srv.stop()


def feed_config():
    return replace(load_config(env={}), connect_timeout=1.0, read_timeout=0.5, retries=1, backoff=0.01,
                   max_retry_after=1.0, fetch_deadline=1.5, max_response_bytes=1_000_000, dvcqg_delay=0.0)


def header(app) -> str:
    from de06tui.tui.widgets.header import StatusHeader

    return str(app.screen.query_one(StatusHeader).render())


def toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


@pytest.mark.parametrize("fault, said", [("drip", "1.5 s deadline"), ("endless_chunked", "1.5 s deadline"),
                                         ("drip_headers", "1.5 s deadline"),
                                         ("retry_after_huge", "asks to wait 86,400 s")])
async def test_a_slow_or_refusing_server_ends_the_refresh_and_keeps_the_data(server, make_app, fault, said):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config()))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        good = app.dataset
        assert good is not None and good.frame.height == len(FEED_DOC["records"])
        server.set_fault(fault)
        await pilot.press("r")
        await settle(pilot)
        assert app.dataset is good and "stale since" in header(app)
        assert said in toasts(app), toasts(app)
        assert "refreshing" not in header(app).lower()
        server.set_fault(None)
        calls = len(server.calls)
        await pilot.press("r")
        await settle(pilot)
        assert len(server.calls) > calls and "stale since" not in header(app)


async def test_a_damaged_copy_is_fetched_again_not_pinned(server, make_app, isolated_dirs):
    url = server.url + "/feed.json"
    first = make_app(source=FeedSource(url, feed_config()))
    async with first.run_test() as pilot:
        await settle(pilot)
        assert first.dataset.frame.height == len(FEED_DOC["records"])
    meta = next(Path(isolated_dirs / "cache").rglob("*.meta.json"))
    blob = meta.with_name(json.loads(meta.read_text("utf-8"))["blob"])
    blob.write_bytes(blob.read_bytes()[:-10] + b"0" * 10)  # the checksum no longer matches
    again = make_app(source=FeedSource(url, feed_config()))
    async with again.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert again.dataset is not None and again.dataset.frame.height == len(FEED_DOC["records"])
        assert "stale since" not in header(again)
        assert server.if_none_match[-1] is None  # fetched unconditionally
