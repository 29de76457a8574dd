"""Credentials in a feed URL never reach the cache: not its file names, not meta.json, not the
messages about it; and the last line of defence scrubs a token from any error text."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from de06tui.feeds import feed_error, load_cached, refresh

USER, PASSWORD, TOKEN = "alice-user", "pw-7f3e-secret", "qtok-91ab-secret"


def cache_files() -> list[Path]:
    return [p for p in Path(os.environ["DE06TUI_CACHE_DIR"]).rglob("*") if p.is_file()]


def test_credentials_in_the_url_are_not_written(server, config):
    host = server.url.split("://", 1)[1]
    url = f"http://{USER}:{PASSWORD}@{host}/feed.json?token={TOKEN}&api_key={TOKEN}x&period=2026"
    ds, _ = refresh(url, config)
    assert ds.frame.height > 0
    files = cache_files()
    assert len(files) >= 2  # the copy and its record were written …
    for path in files:  # … and hold no credential, in their names or in their bytes
        for secret in (USER, PASSWORD, TOKEN):
            assert secret not in path.name and secret.encode() not in path.read_bytes(), (path, secret)
    assert any(b"period=2026" in p.read_bytes() for p in files)  # what is not secret stays
    cached, why = load_cached(url, config)
    assert cached is not None and why is None
    assert not any(s in str(cached.provenance.sources) for s in (USER, PASSWORD, TOKEN))


def test_a_token_is_scrubbed_from_any_error_text(server, config):
    token = "hdr-5c1d-secret\r\n"
    bad = replace(config, token=token)  # built in code, so not checked at load: the client copes
    with pytest.raises(feed_error()) as err:
        refresh(server.url + "/feed.json", bad)
    assert "hdr-5c1d-secret" not in str(err.value) and "hdr-5c1d" not in str(err.value)
    assert str(err.value)  # there is a message, only without the token
