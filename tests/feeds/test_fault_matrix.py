"""Every feed fault against the real CLI: the message, the exit code, the data still shown from the
cache, and recovery once the server is healthy again.

Each fault is served by the replay server on 127.0.0.1; the commands run as subprocesses with a
config file of short timeouts and a 2 s fetch deadline."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from de06tui.config import ConfigError, load_config

from .conftest import FEED_DOC

SETTINGS = ("[http]\nconnect_timeout = 1\nread_timeout = 0.5\nretries = 1\nbackoff = 0.01\n"
            "max_retry_after = 1\nfetch_deadline = 2\nmax_response_bytes = 1000000\n")
# fault → what the message must say (written from the fault, not read off the code's output)
FAULTS = {
    "500": "HTTP 500", "503": "HTTP 503", "429": "HTTP 429", "403": "HTML page", "404": "HTTP 404",
    "timeout": "read timeout", "truncated": "truncated", "invalid_json": "invalid JSON",
    "html200": "HTML page", "redirect_loop": "redirect", "oversize": "byte limit",
    "drip": "2 s deadline", "endless_chunked": "2 s deadline", "drip_headers": "2 s deadline",
    "retry_after_huge": "asks to wait 86,400 s", "huge_header": "headers are too large",
}
PROVINCES = len(FEED_DOC["records"])


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), timeout=60)


@pytest.fixture
def settings(isolated_dirs) -> Path:
    path = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SETTINGS, encoding="utf-8")
    path.chmod(0o600)
    return path


def rank(url: str, **kw) -> subprocess.CompletedProcess:
    return cli("rank", "--feed", url, "-m", "transparency_score", "-f", "csv", **kw)


def rows(result: subprocess.CompletedProcess) -> int:
    return len([line for line in result.stdout.splitlines()[1:] if line.strip()])


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault(server, settings, fault):
    url = server.url + "/feed.json"
    assert cli("fetch", "--feed", url).returncode == 0  # a good copy is cached first
    server.set_fault(fault)
    started = time.monotonic()
    shown = rank(url)
    assert shown.returncode == 0, shown.stderr
    assert rows(shown) == PROVINCES  # the cached copy, said so
    assert "using the copy cached at" in shown.stderr and FAULTS[fault] in shown.stderr, shown.stderr
    failed = cli("fetch", "--feed", url)
    assert failed.returncode == 1 and FAULTS[fault] in failed.stderr, failed.stderr
    assert "Traceback" not in shown.stderr + failed.stderr
    assert time.monotonic() - started < 30  # two commands, each bounded by the deadline
    server.set_fault(None)
    healthy = rank(url)
    assert healthy.returncode == 0 and rows(healthy) == PROVINCES
    assert "using the copy cached" not in healthy.stderr


def test_a_failure_with_nothing_cached_is_exit_1_in_every_command(server, settings):
    server.set_fault("500")
    url = server.url + "/feed.json"
    for args in (("rank", "--feed", url), ("fetch", "--feed", url), ("brief", "--feed", url),
                 ("export", "--feed", url, "-f", "csv", "--out", str(settings.parent / "x.csv"))):
        r = cli(*args)
        assert r.returncode == 1 and "HTTP 500" in r.stderr, (args, r.returncode, r.stderr)


def test_a_huge_retry_after_is_not_waited_for(server, settings):
    server.set_fault("retry_after_huge")
    started = time.monotonic()
    r = cli("fetch", "--feed", server.url + "/feed.json")
    assert r.returncode == 1 and "Retry-After" in r.stderr and "try again after" in r.stderr
    assert len(server.calls) == 1  # no retry: another ask would only be refused again
    assert time.monotonic() - started < 15


def damage(cache: Path, how: str) -> None:
    """Spoil the cached copy: flip its bytes (checksum mismatch), or make it consistent but
    no longer valid (as after an upgrade tightened the rules)."""
    meta = next(cache.rglob("*.meta.json"))
    record = json.loads(meta.read_text("utf-8"))
    blob = meta.with_name(record["blob"])
    if how == "corrupt":
        blob.write_bytes(blob.read_bytes()[:-20] + b"x" * 20)
    else:
        import hashlib

        bad = b'{"schema": "de06tui.feed/1", "records": [{"nonsense": 1}]}'
        blob.write_bytes(bad)
        record["sha256"] = hashlib.sha256(bad).hexdigest()
        meta.write_text(json.dumps(record), "utf-8")


@pytest.mark.parametrize("how, said", [("corrupt", "corrupt"), ("invalid", "no longer validates")])
def test_a_damaged_copy_does_not_pin_the_feed_with_304(server, settings, how, said):
    url = server.url + "/feed.json"
    assert cli("fetch", "--feed", url).returncode == 0
    damage(Path(os.environ["DE06TUI_CACHE_DIR"]), how)
    r = cli("fetch", "--feed", url)
    assert r.returncode == 0, r.stderr
    assert said in r.stderr and "fetched the whole feed again" in r.stderr
    assert server.if_none_match[-1] is None  # the damaged copy's validator was not sent
    again = cli("fetch", "--feed", url)  # the fresh copy is trusted: 304, not modified
    assert again.returncode == 0 and "not modified" in again.stderr
    assert server.if_none_match[-1] is not None
    assert rows(rank(url)) == PROVINCES


def test_a_token_with_a_line_end_is_refused_at_load_and_never_shown(server, settings):
    secret = "s3cret-token-with-cr"
    settings.write_text(SETTINGS + f'token = "{secret}\\r"\n', encoding="utf-8")
    url = server.url + "/feed.json"
    for args in (("fetch", "--feed", url), ("rank", "--feed", url), ("config", "validate")):
        r = cli(*args)
        assert r.returncode == 2 and "'http.token'" in r.stderr and "line break" in r.stderr, r.stderr
        assert secret not in r.stdout + r.stderr and "Traceback" not in r.stderr
    assert server.calls == []  # nothing was sent with it
    settings.write_text(SETTINGS + f'token = "{secret}"\n', encoding="utf-8")
    r = cli("fetch", "--feed", url)
    assert r.returncode == 0 and secret not in r.stdout + r.stderr
    assert server.authorization[-1] == f"Bearer {secret}"


@pytest.mark.parametrize("token", ["abc\ndef-secret", "tökén-secret", " spaced-secret"])
def test_token_checks_at_load_name_the_key_not_the_value(tmp_path, token):
    path = tmp_path / "config.toml"
    path.write_text(f"[http]\ntoken = {json.dumps(token)}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    assert "'http.token'" in str(err.value) and "secret" not in str(err.value)
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "none.toml", env={"DE06TUI_TOKEN": token})
    assert "DE06TUI_TOKEN" in str(err.value) and "secret" not in str(err.value)


def test_an_unwritable_cache_still_answers_and_says_so(server, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    env = {"DE06TUI_CACHE_DIR": str(blocker)}
    url = server.url + "/feed.json"
    fetched = cli("fetch", "--feed", url, env=env)
    assert fetched.returncode == 0 and "cache not written: a file stands where a folder should be" \
        in fetched.stderr, fetched.stderr
    ranked = rank(url, env=env)
    assert ranked.returncode == 0 and rows(ranked) == PROVINCES and "cache not written" in ranked.stderr
    out = tmp_path / "board.csv"
    exported = cli("export", "--feed", url, "-m", "transparency_score", "-f", "csv", "--out", str(out),
                   env=env)
    assert exported.returncode == 0 and out.exists() and "cache not written" in exported.stderr
    assert "Traceback" not in fetched.stderr + ranked.stderr + exported.stderr
    assert cli("fetch", "--feed", url).returncode == 0  # a writable cache again: kept


@pytest.mark.parametrize("code, said", [(errno.ENOSPC, "the disk is full"),
                                        (errno.EROFS, "the file system is read-only")])
def test_a_full_or_read_only_disk_still_answers(server, config, monkeypatch, code, said):
    import de06tui.feeds.cache as cache_module
    from de06tui.feeds import refresh

    def refuse(path, data):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(cache_module, "atomic_write", refuse)
    ds, result = refresh(server.url + "/feed.json", config)
    assert ds.frame.height == PROVINCES
    assert any(w.startswith(f"cache not written: {said}") for w in result.warnings), result.warnings


@pytest.mark.parametrize("args, option", [
    (["rank", "--compare", "2024-99"], "--compare '2024-99'"), (["movers", "--from", "2024-99"], "--from '2024-99'"),
    (["movers", "--to", "bogus"], "--to 'bogus'"), (["rank", "--period", "T13/2024"], "--period 'T13/2024'"),
])
def test_a_bad_period_option_is_located_and_exit_2(args, option):
    r = cli(*args)
    assert r.returncode == 2 and f"error: {option}:" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_movers_on_a_metric_with_no_data_is_exit_2(tmp_path):
    path = tmp_path / "only-transparency.json"
    path.write_text(json.dumps(FEED_DOC), encoding="utf-8")
    r = cli("movers", "-m", "online_submission_rate", "--data", str(path))
    assert r.returncode == 2 and "no data for online_submission_rate" in r.stderr and "Traceback" not in r.stderr
