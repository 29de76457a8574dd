"""A published feed over real HTTP on 127.0.0.1: every fault gives a clear message and the
last good snapshot stays."""

from __future__ import annotations

import socket

import pytest

from de06tui.feeds import cache_for, load_cached, refresh
from de06tui.feeds.client import FeedError


def test_good_fetch_is_validated_and_cached(server, config):
    ds, _ = refresh(server.url + "/feed.json", config)
    assert ds.frame.height == 34 and not ds.errors
    assert ds.provenance.kind == "feed" and not ds.provenance.synthetic
    cached, why = load_cached(server.url + "/feed.json", config)
    assert why is None and cached.frame.equals(ds.frame)


def test_304_keeps_the_data(server, config):
    url = server.url + "/feed.json"
    first, _ = refresh(url, config)
    again, result = refresh(url, config)
    assert result.not_modified
    assert again.frame.equals(first.frame)
    assert server.calls[-1][0] == "/feed.json"


FAULTS = [
    ("500", "HTTP 500"),
    ("503", "HTTP 503 service unavailable"),
    ("429", "HTTP 429 too many requests"),
    ("403", "HTML page"),
    ("404", "HTTP 404 not found"),
    ("timeout", "read timeout"),
    ("truncated", "truncated"),
    ("invalid_json", "invalid JSON"),
    ("wrong_shape", "no 'records' list"),
    ("oversize", "over the 1,000,000-byte limit"),
    ("gzip_bomb", "larger than the 1,000,000-byte limit"),
    ("html200", "HTML page, not data"),
    ("redirect_loop", "redirect"),
]


@pytest.mark.parametrize("fault, message", FAULTS, ids=[f for f, _ in FAULTS])
def test_each_fault_says_what_happened_and_keeps_the_last_snapshot(server, config, fault, message):
    url = server.url + "/feed.json"
    good, _ = refresh(url, config)
    cache_for(config).save(url, cache_for(config).load(url)[0].data, "2026-10-31T00:00:00Z", "feed.json")
    server.set_fault(fault)
    with pytest.raises(FeedError) as exc:
        refresh(url, config)
    assert message in str(exc.value), str(exc.value)
    still, why = load_cached(url, config)
    assert why is None and still.frame.equals(good.frame)


def test_retries_then_succeeds(server, config):
    server.set_fault("503", times=2)
    seen = []
    ds, result = refresh(server.url + "/feed.json", config, on_retry=lambda n, of, why: seen.append((n, of, why)))
    assert result.retries == 2 and ds.frame.height == 34
    assert seen == [(1, 2, "HTTP 503"), (2, 2, "HTTP 503")]


def test_connection_refused(config):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FeedError) as exc:
        refresh(f"http://127.0.0.1:{port}/feed.json", config)
    assert "connection refused" in str(exc.value) and "after 2 retries" in str(exc.value)


def test_token_is_sent_but_never_shown(server, config, tmp_path):
    from dataclasses import replace

    secret = "tok-SECRET-123"
    cfg = replace(config, token=secret)
    assert secret not in repr(cfg) and secret not in str(cfg.shown())
    server.set_fault("404")
    with pytest.raises(FeedError) as exc:
        refresh(server.url + "/feed.json", cfg)
    assert secret not in str(exc.value)
    server.set_fault(None)
    refresh(server.url + "/feed.json", cfg)
    for path in cache_for(cfg).folder.iterdir():
        assert secret.encode() not in path.read_bytes()


def test_corrupt_cache_is_reported_and_ignored(server, config):
    url = server.url + "/feed.json"
    refresh(url, config)
    for path in cache_for(config).folder.glob("*.bin"):
        path.write_bytes(b"tampered")
    ds, why = load_cached(url, config)
    assert ds is None and "checksum" in why
