from __future__ import annotations

import json
from dataclasses import replace

import pytest

from de06tui.config import load_config

from .replay import Replay

FEED_DOC = {
    "schema": "de06tui.feed/1", "generated_at": "2026-10-31T00:00:00Z", "source": "test feed",
    "synthetic": False,
    "records": [{"period": "2026-09", "province": code, "metric": "transparency_score", "value": 5 + i * 0.3}
                for i, code in enumerate(["01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24",
                                          "25", "31", "33", "37", "38", "40", "42", "44", "46", "48", "51",
                                          "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92",
                                          "96"])],
}


@pytest.fixture
def server():
    srv = Replay(json.dumps(FEED_DOC).encode()).start()
    yield srv
    srv.stop()


@pytest.fixture
def config():
    """Small timeouts and no waiting, so fault tests are quick."""
    return replace(load_config(env={}), connect_timeout=1.0, read_timeout=0.5, retries=2, backoff=0.01,
                   max_retry_after=0.05, max_response_bytes=1_000_000, dvcqg_delay=0.0)
