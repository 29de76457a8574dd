"""The app on a remote feed served on 127.0.0.1: refresh, faults, cache, auto-refresh."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest
from feeds.conftest import FEED_DOC
from feeds.replay import Handler, Replay

from de06tui.config import load_config
from de06tui.tui.loading import Progress
from de06tui.tui.sources import FeedSource

from .conftest import run_palette, settle

pytestmark = pytest.mark.anyio

FAULTS = [
    ("500", "HTTP 500"), ("503", "HTTP 503"), ("429", "HTTP 429"), ("403", "HTML page"),
    ("404", "HTTP 404"), ("timeout", "read timeout"), ("truncated", "truncated"),
    ("invalid_json", "invalid JSON"), ("wrong_shape", "no 'records' list"),
    ("oversize", "byte limit"), ("html200", "HTML page"), ("redirect_loop", "redirect"),
]


@pytest.fixture
def server():
    srv = Replay(json.dumps(FEED_DOC).encode()).start()
    yield srv
    srv.stop()


def feed_config(**kw):
    base = replace(load_config(env={}), connect_timeout=1.0, read_timeout=0.5, retries=1, backoff=0.01,
                   max_retry_after=0.05, max_response_bytes=1_000_000, dvcqg_delay=0.0)
    return replace(base, **kw)


def header(app) -> str:
    from de06tui.tui.widgets.header import StatusHeader

    return str(app.screen.query_one(StatusHeader).render())


def toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


@pytest.mark.parametrize("fault, message", FAULTS, ids=[f for f, _ in FAULTS])
async def test_fault_keeps_the_data_and_says_why(server, make_app, fault, message):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config()))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        good = app.dataset
        assert good is not None and good.frame.height == 34
        await pilot.press("3")  # the feed carries transparency scores
        await settle(pilot)
        server.set_fault(fault)
        await pilot.press("r")
        await settle(pilot)
        assert app.is_running and app.dataset is good
        assert "stale since" in header(app)
        assert message in toasts(app), toasts(app)
        assert app.screen.query_one("#board").row_count == 34  # the last good data stays on screen


async def test_connection_refused_at_start_uses_the_cached_snapshot(server, make_app):
    url = server.url + "/feed.json"
    first = make_app(source=FeedSource(url, feed_config()))
    async with first.run_test() as pilot:
        await settle(pilot)
        assert first.dataset.frame.height == 34
    server.stop()  # nothing answers any more
    again = make_app(source=FeedSource(url, feed_config()))
    async with again.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert again.dataset is not None and again.dataset.frame.height == 34
        assert "connection refused" in toasts(again)
        assert "stale since" in header(again)


async def test_changed_values_are_marked_until_the_next_refresh(server, make_app):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config()))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        doc = json.loads(server.feed)
        doc["records"][0]["value"] = 17.5  # Hà Nội's transparency score moves
        server.feed = json.dumps(doc).encode()
        await pilot.press("r")
        await settle(pilot)
        assert app.changed == {("2026-09", "01", "transparency_score")}
        await pilot.press("3")
        await settle(pilot)
        marked = [r.code for r in app.screen.view.rows if r.changed]
        assert marked == ["01"]
        await pilot.press("r")
        await settle(pilot)
        assert app.changed == frozenset()


async def test_partial_answer_is_shown_with_a_warning(server, make_app):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config()))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        doc = json.loads(server.feed)
        doc["records"] = doc["records"][:30]
        server.feed = json.dumps(doc).encode()
        await pilot.press("r")
        await settle(pilot)
        assert app.dataset.frame.height == 30
        assert "misses provinces" in toasts(app) and "4 of 34" in toasts(app)


async def test_auto_refresh_never_overlaps_and_can_pause(server, make_app):
    server.latency = 0.15  # slower than the interval: polls would pile up if armed by a clock
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config(refresh_minutes=0.001,
                                                                           read_timeout=2.0)))
    async with app.run_test() as pilot:
        await settle(pilot)
        for _ in range(100):  # three polls take about 0.6 s; a loaded machine gets up to 5 s
            await pilot.pause(0.05)
            if len(server.calls) >= 4:
                break
        assert len(server.calls) >= 4
        assert server.max_in_flight == 1
        await pilot.press("a")
        assert "paused" in header(app)
        calls = len(server.calls)
        for _ in range(10):
            await pilot.pause(0.05)
        assert len(server.calls) <= calls + 1  # at most the poll already under way
        await pilot.press("a")
        assert "auto" in header(app) and "paused" not in header(app)


async def test_interval_keys_and_palette_setting(server, make_app):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config(refresh_minutes=5)))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert "auto 5 min" in header(app)
        await pilot.press("plus")
        assert app.auto.minutes == 1
        await pilot.press("minus")
        await pilot.press("minus")
        assert app.auto.minutes == 15 and "auto 15 min" in header(app)
        await run_palette(pilot, "auto-refresh every 30 minutes")
        assert app.auto.minutes == 30 and "auto 30 min" in header(app)


async def test_portal_progress_and_breaker(server, make_app):
    cfg = feed_config(dvcqg_base_url=server.url, read_timeout=5.0)
    source = FeedSource("dvcqg", cfg, period="2026")
    seen = []
    app = make_app(source=source, metric="CKMB")
    async with app.run_test(size=(200, 30)) as pilot:
        original = app.post_message  # the load worker posts its progress through it

        def spy(message):
            if isinstance(message, Progress):
                seen.append(message.text)
            return original(message)

        app.post_message = spy
        await settle(pilot)
        assert app.dataset is not None and not app.dataset.errors
        await pilot.press("r")
        await settle(pilot)
        assert "34 / 34 provinces" in seen
        good = app.dataset
        server.set_fault("429")
        await pilot.press("r")
        await settle(pilot)
        assert app.dataset is good and "HTTP 429" in toasts(app)


class HeldHandler(Handler):
    """Holds each request until the test opens the gate, counting how many wait at once."""

    def _serve(self, body) -> None:
        gate = self.server.gate
        with gate.lock:
            gate.waiting += 1
            gate.most = max(gate.most, gate.waiting)
        gate.opened.wait(20)
        with gate.lock:
            gate.waiting -= 1
        super()._serve(body)


class Gate:
    def __init__(self) -> None:
        self.opened = threading.Event()
        self.lock = threading.Lock()
        self.waiting = 0
        self.most = 0


async def test_r_pressed_50_times_keeps_one_refresh_in_flight_and_queues_one_more(server, make_app):
    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config(read_timeout=30.0)))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert app.dataset is not None and len(server.calls) == 1
        server.gate = gate = Gate()
        server.RequestHandlerClass = HeldHandler  # from now on answers wait for the gate
        await pilot.press(*["r"] * 50)
        assert gate.waiting == 1 and "⟳" in header(app)  # the first press fetches; it is held
        gate.opened.set()
        await settle(pilot)
        # The other 49 fell while it ran: they queued one more fetch, once.
        assert len(server.calls) == 3 and gate.most == 1 and server.max_in_flight == 1
        assert "⟳" not in header(app) and app.dataset.frame.height == 34
        await pilot.press("r")  # nothing in flight: a press fetches again at once
        await settle(pilot)
        assert len(server.calls) == 4


async def test_a_refresh_paints_the_board_worked_out_with_the_data_without_a_second_worker(server, make_app,
                                                                                          monkeypatch):
    from de06tui.tui.screens.board import BoardScreen

    app = make_app(source=FeedSource(server.url + "/feed.json", feed_config()))
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")  # the feed's transparency scores
        await settle(pilot)
        computed = []
        compute = BoardScreen.compute
        monkeypatch.setattr(BoardScreen, "compute",
                            lambda self, *a: computed.append(a[0]) or compute(self, *a))
        before = app.dataset
        await pilot.press("r")
        await settle(pilot)
        # The new data is on the board, in the view the load's worker made for the board's key.
        assert app.dataset is not before and app.screen.view is app.prepared[1]
        # (the views one key away are worked out after it, in the background)
        assert app.screen.view_key() == app.prepared[0] and app.prepared[0] not in computed
        assert app.screen.query_one("#board").row_count == 34
