"""Settings: precedence, named errors, the config command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from de06tui.config import ConfigError, load_config, write_default_config

ROOT = Path(__file__).resolve().parent.parent


def test_precedence_flags_env_file_defaults(tmp_path):
    f = tmp_path / "config.toml"
    f.write_text('feed = "https://a.example/feed.json"\nrefresh_minutes = 5\nlang = "vi"\n'
                 '[http]\nretries = 1\n[keys]\nreload = "f5"\n')
    c = load_config(f, env={})
    assert (c.feed, c.refresh_minutes, c.lang, c.retries, dict(c.keys)) == \
        ("https://a.example/feed.json", 5.0, "vi", 1, {"reload": "f5"})
    c = load_config(f, env={"DE06TUI_FEED": "dvcqg", "DE06TUI_LANG": "en"})
    assert (c.feed, c.lang) == ("dvcqg", "en")
    c = load_config(f, env={"DE06TUI_FEED": "dvcqg"}, overrides={"feed": "https://b.example/x.csv"})
    assert c.feed == "https://b.example/x.csv"
    assert load_config(tmp_path / "none.toml", env={}).retries == 3


def test_language_default_from_lang(tmp_path):
    assert load_config(tmp_path / "none.toml", env={"LANG": "vi_VN.UTF-8"}).lang == "vi"
    assert load_config(tmp_path / "none.toml", env={"LANG": "C.UTF-8"}).lang == "en"


@pytest.mark.parametrize("text, key", [
    ("refresh_minutes = -1\n", "'refresh_minutes'"),
    ("lang = \"fr\"\n", "'lang'"),
    ("[http]\nretries = \"many\"\n", "'http.retries'"),
    ("[dvcqg]\nconcurrency = 50\n", "'dvcqg.concurrency'"),
    ("colour = 1\n", "unknown key 'colour'"),
    ("[http]\ntimeout = 3\n", "unknown key 'http.timeout'"),
    ("feed = \"ftp://x\"\n", "'feed'"),
    ("feed = \n", "not valid TOML"),
])
def test_bad_config_names_file_and_key(tmp_path, text, key):
    f = tmp_path / "config.toml"
    f.write_text(text)
    with pytest.raises(ConfigError) as exc:
        load_config(f, env={})
    assert str(f) in str(exc.value) and key in str(exc.value)


def test_token_from_environment_is_hidden(tmp_path):
    c = load_config(tmp_path / "none.toml", env={"DE06TUI_TOKEN": "s3cr3t"})
    assert c.token == "s3cr3t"
    assert "s3cr3t" not in repr(c) and c.shown()["token"] == "***"


def cli(*args):
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=ROOT, env=dict(os.environ), timeout=60)


def test_config_command(tmp_path):
    r = cli("config", "path")
    assert r.returncode == 0 and os.environ["DE06TUI_CONFIG_DIR"] in r.stdout and "cache dir" in r.stdout
    assert cli("config", "init").returncode == 0
    assert cli("config", "init").returncode == 1  # never overwrites
    assert cli("config", "validate").returncode == 0
    path = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "config.toml"
    path.write_text("[http]\ntoken = \"abc123\"\nretries = -2\n")
    r = cli("config", "validate")
    assert r.returncode == 2 and "'http.retries'" in r.stderr and "Traceback" not in r.stderr
    path.write_text("[http]\ntoken = \"abc123\"\n")
    path.chmod(0o644)
    r = cli("config", "show")
    assert r.returncode == 0 and "abc123" not in r.stdout + r.stderr and "chmod 600" in r.stderr


def test_write_default_config_is_loadable(tmp_path):
    path = write_default_config(tmp_path / "c.toml")
    assert load_config(path, env={}).source == str(path)


def test_highlight_counts_from_the_config_reach_the_ranking():
    path = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[highlight]\ntop = 5\nbottom = 1\n")
    r = cli("rank", "--period", "2024-10", "--format", "csv")
    bands = [line.split(",")[6] for line in r.stdout.splitlines()[1:]]
    assert bands.count("top") == 5 and bands.count("bottom") == 1



@pytest.mark.parametrize("text, key", [
    ("[http]\nconnect_timeout = 0\n", "'http.connect_timeout'"),
    ("[http]\nread_timeout = 0\n", "'http.read_timeout'"),
    ("[http]\nfetch_deadline = 0\n", "'http.fetch_deadline'"),
    ("refresh_minutes = inf\n", "'refresh_minutes'"),
    ("refresh_minutes = nan\n", "'refresh_minutes'"),
    ("refresh_minutes = 1e308\n", "'refresh_minutes'"),
    ("[serve]\nsessions = 0\n", "'serve.sessions'"),
])
def test_values_that_would_fail_later_are_refused_at_load(tmp_path, text, key):
    f = tmp_path / "config.toml"
    f.write_text(text)
    with pytest.raises(ConfigError) as err:
        load_config(f, env={})
    assert str(f) in str(err.value) and key in str(err.value)
    r = subprocess.run([sys.executable, "-m", "de06tui", "config", "validate"], capture_output=True, text=True,
                       env=dict(os.environ, DE06TUI_CONFIG_DIR=str(tmp_path)))
    assert r.returncode == 2 and key in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("typed", ["nan", "inf", "1e308"])
def test_refresh_option_message_names_the_option_as_typed(tmp_path, typed):
    # `de06tui app --refresh nan` parses the number with float() and passes it on as an override.
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path / "none.toml", env={}, overrides={"refresh_minutes": float(typed)})
    assert str(err.value).startswith("option --refresh:") and "--refresh-minutes" not in str(err.value)


def test_permission_warning_is_said_once_per_command(tmp_path):
    f = tmp_path / "config.toml"
    f.write_text('[http]\ntoken = "tok-0123456789"\n')
    f.chmod(0o644)
    env = dict(os.environ, DE06TUI_CONFIG_DIR=str(tmp_path))
    for args in (["rank"], ["rank", "--data", str(ROOT / "tests" / "fixtures")], ["brief"]):
        r = subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True, env=env)
        assert r.stderr.count("readable by others") == 1, (args, r.stderr)
    from de06tui.config import file_permissions_warning

    assert "chmod 600" in file_permissions_warning(f)  # what the app shows, on each call
    assert "chmod 600" in file_permissions_warning(f)
