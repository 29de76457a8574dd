"""SIGKILL the process writing a feed's cache at random moments, 100 times: the cache always holds
the old snapshot or a whole new one, it validates, and the app with the feed unreachable starts on it."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import time
from dataclasses import replace

from feeds.conftest import FEED_DOC
from feeds.replay import closed_port_url

from de06tui.config import load_config
from de06tui.feeds import cache_for, load_cached
from de06tui.tui.sources import FeedSource

from .conftest import settle

PADDING = "x" * 400_000  # a write long enough for many kills to land in its middle


def document(label: str, shift: float) -> bytes:
    records = [dict(r, value=round(r["value"] + shift, 2)) for r in FEED_DOC["records"]]
    return json.dumps(dict(FEED_DOC, source=label, records=records, padding=PADDING)).encode()


def _writer(url: str, config, round_: int) -> None:
    cache = cache_for(config)
    i = 0
    while True:
        i += 1
        cache.save(url, document(f"write {round_}.{i}", (i % 40) / 10), f"2026-11-01T00:00:{i % 60:02d}Z",
                   "feed.json")


async def start_on_cache(make_app, url: str, config):
    app = make_app(source=FeedSource(url, config))
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        toasts = " ".join(str(n.message) for n in app._notifications)
        return app.dataset, toasts


def test_the_app_starts_on_whatever_a_killed_writer_left(make_app):
    url = closed_port_url()
    config = replace(load_config(env={}), connect_timeout=0.5, read_timeout=0.5, retries=0)
    cache_for(config).save(url, document("old", 0.0), "2026-10-31T00:00:00Z", "feed.json")
    rng = random.Random(11)
    sources = set()
    for round_ in range(100):
        pid = os.fork()
        if pid == 0:  # the child writes until it is killed
            try:
                _writer(url, config, round_)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        cached, why = load_cached(url, config)
        assert why is None and cached is not None, f"round {round_}: {why}"
        assert cached.frame.height == 34 and not cached.errors, f"round {round_}"
        source = json.loads(cache_for(config).load(url)[0].data)["source"]
        assert source == "old" or source.startswith("write "), source
        sources.add(source)
        if round_ % 25 == 24:  # the app itself, four times over
            shown, toasts = asyncio.run(start_on_cache(make_app, url, config))
            assert shown is not None and shown.frame.equals(cached.frame), f"round {round_}"
            assert "connection refused" in toasts, toasts
    # Each label names its round: new snapshots left by many rounds, so kills fell at many moments.
    assert len(sources) > 10, "the kills landed at many different moments"
