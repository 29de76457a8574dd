"""The feed token never shows: not on stdout or stderr of any command, not in an error message
(even when the server echoes it back), not in an export, the cache or a log. Each check first
makes sure there is something to look in, then greps it for the token."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

TOKEN = "tok-9f2c-DE06-never-shown-77aa"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def token_config(isolated_dirs):
    """A config file holding the token (readable by its owner only) and quick failure settings."""
    path = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[http]\ntoken = "{TOKEN}"\nretries = 0\nread_timeout = 0.5\n', encoding="utf-8")
    path.chmod(0o600)
    return path


def shown(result: subprocess.CompletedProcess) -> str:
    return result.stdout + result.stderr


def test_the_token_is_sent(server, token_config):
    r = cli("fetch", "--feed", server.url + "/feed.json")
    assert r.returncode == 0, r.stderr
    assert server.authorization[-1] == f"Bearer {TOKEN}"  # it is used …
    assert shown(r).strip() and TOKEN not in shown(r)  # … and never printed


@pytest.mark.parametrize("fault", ["401", "500", "403", "invalid_json", "truncated", "echo_auth",
                                   "echo_auth_json"])
def test_failed_fetch_never_shows_the_token(server, token_config, fault):
    server.set_fault(fault)
    r = cli("fetch", "--feed", server.url + "/feed.json")
    assert r.returncode != 0 and r.stderr.strip()
    assert TOKEN not in shown(r), shown(r)
    if fault == "echo_auth_json":  # valid data carrying the token back: refused, not cached
        assert "contains the feed's token" in r.stderr
        cache = Path(os.environ["DE06TUI_CACHE_DIR"])
        assert not any(TOKEN.encode() in p.read_bytes() for p in cache.rglob("*") if p.is_file())


def test_config_commands_mask_the_token(token_config):
    r = cli("config", "show")
    assert r.returncode == 0 and "token" in r.stdout
    assert TOKEN not in shown(r)
    token_config.write_text(f'[http]\ntoken = "{TOKEN}"\nretries = "many"\n', encoding="utf-8")
    r = cli("config", "validate")
    assert r.returncode != 0 and "retries" in r.stderr
    assert TOKEN not in shown(r)


def test_a_config_readable_by_others_is_warned_about_without_the_token(server, token_config):
    token_config.chmod(0o644)
    r = cli("fetch", "--feed", server.url + "/feed.json")
    assert "readable by others" in r.stderr and str(token_config) in r.stderr
    assert TOKEN not in shown(r)


def test_exports_cache_and_logs_never_hold_the_token(server, token_config, tmp_path):
    url = server.url + "/feed.json"
    outs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("csv", "xlsx", "md", "feed")}
    for fmt, out in outs.items():
        r = cli("export", "--format", fmt, "--out", str(out), "--feed", url, "-m", "transparency_score")
        assert r.returncode == 0, r.stderr
        assert TOKEN not in shown(r)
    r = cli("fetch", "--feed", url, "--out", str(tmp_path / "fetched.json"))
    assert r.returncode == 0, r.stderr
    written = [*outs.values(), tmp_path / "fetched.json"]
    for folder in (Path(os.environ["DE06TUI_CACHE_DIR"]), Path(os.environ["DE06TUI_CONFIG_DIR"])):
        written += [p for p in folder.rglob("*") if p.is_file() and p != token_config]
    assert len(written) > len(outs) + 1, "the fetches left a cache to look in"
    for path in written:
        data = path.read_bytes()
        assert data, path
        assert TOKEN.encode() not in data, path
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for member in book.namelist():
                    assert TOKEN.encode() not in book.read(member), (path, member)
