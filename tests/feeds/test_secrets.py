"""The feed token never shows: not on stdout or stderr of any command, not in an error message
(even when the server echoes it back), not in an export, the cache, a log or the app's screen.
Each check first makes sure there is something to look in, then greps it for the token."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .replay import Handler, closed_port_url

TOKEN = "tok-9f2c-DE06-never-shown-77aa"
TOKEN_VAR = "DE06TUI_TEST_FEED_SECRET"  # a token_env of the user's choosing, not the default


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=cwd, env=dict(os.environ, **(env or {})), timeout=60)


class Hangup(Handler):
    """The replay server plus one fault: read the request, then close without a word."""

    def _fault(self, fault: str) -> bool:
        if fault != "hangup":
            return super()._fault(fault)
        self.close_connection = True
        return True


@pytest.fixture
def server(server):
    server.RequestHandlerClass = Hangup
    return server


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


@pytest.mark.parametrize("fault", ["401", "500", "403", "invalid_json", "truncated", "hangup", "echo_auth",
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
    assert_no_token(written)


def assert_no_token(paths) -> None:
    """Each file holds something, and not the token: not in its bytes, nor inside an XLSX's parts."""
    for path in paths:
        data = path.read_bytes()
        assert data, path
        assert TOKEN.encode() not in data, path
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for member in book.namelist():
                    assert TOKEN.encode() not in book.read(member), (path, member)


def write_config(text: str) -> Path:
    path = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "retries = 0\nread_timeout = 0.5\n", encoding="utf-8")
    path.chmod(0o600)
    return path


# Where the token is kept: the config file, or a variable the config file names.
HELD = {"file": (f'[http]\ntoken = "{TOKEN}"\n', {}),
        "env": (f'[http]\ntoken_env = "{TOKEN_VAR}"\n', {TOKEN_VAR: TOKEN})}


@pytest.mark.parametrize("held", HELD)
@pytest.mark.parametrize("fault", ["401", "500", "hangup", "refused"])
def test_error_messages_name_the_url_but_not_the_header_token(server, held, fault):
    text, env = HELD[held]
    write_config(text)
    url = closed_port_url() if fault == "refused" else server.url + "/feed.json"
    server.set_fault(fault)
    r = cli("fetch", "--feed", url, env=env)
    assert r.returncode == 1, shown(r)
    assert url in r.stderr, r.stderr  # the message says where the request went …
    assert TOKEN not in shown(r)  # … but not what went with it
    if fault != "refused":
        assert server.authorization[-1] == f"Bearer {TOKEN}"


def test_config_show_masks_a_token_from_the_environment():
    write_config(HELD["env"][0])
    r = cli("config", "show", env=HELD["env"][1])
    assert r.returncode == 0 and '"token": "***"' in r.stdout and TOKEN_VAR in r.stdout
    assert TOKEN not in shown(r)


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_nothing_a_run_leaves_behind_holds_the_token(server, tmp_path):
    """Every command, run from an empty folder with a temporary folder of its own, the token in
    the environment: a stray log, a half-written file or the config file itself would be caught."""
    config = write_config(HELD["env"][0])
    work, temp = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    temp.mkdir()
    env = {**HELD["env"][1], "TMPDIR": str(temp)}
    url = server.url + "/feed.json"
    commands = [("fetch", "--feed", url, "--out", "fetched.json"),
                ("rank", "--feed", url, "-m", "transparency_score", "-f", "csv"),
                ("brief", "--feed", url),
                ("export", "-f", "xlsx", "-o", "board.xlsx", "--feed", url, "-m", "transparency_score"),
                ("export", "-f", "md", "-o", "board.md", "--feed", url, "-m", "transparency_score"),
                ("config", "show"), ("config", "validate")]
    runs = [cli(*c, cwd=work, env=env) for c in commands]
    server.set_fault("500")  # a failing fetch, and a ranking that falls back to the cached copy
    runs += [cli("fetch", "--feed", url, cwd=work, env=env),
             cli("rank", "--feed", url, "-m", "transparency_score", cwd=work, env=env)]
    assert runs[0].returncode == 0 and runs[-2].returncode == 1 and runs[-1].returncode == 0
    assert "using the copy cached" in runs[-1].stderr
    assert server.authorization and set(server.authorization) == {f"Bearer {TOKEN}"}
    for r in runs:
        assert shown(r).strip(), r.args
        assert TOKEN not in shown(r), r.args
    cache, settings = Path(os.environ["DE06TUI_CACHE_DIR"]), config.parent
    left = files_under(work, temp, cache, settings)
    assert {"fetched.json", "board.xlsx", "board.md", config.name} <= {p.name for p in left}
    assert files_under(cache), "the fetches left a cache to look in"
    assert_no_token(left)


@pytest.mark.anyio
@pytest.mark.parametrize("fault", ["401", "500", "invalid_json", "hangup"])
async def test_the_app_built_from_the_config_file_never_shows_the_token(server, tmp_path, fault):
    """The app as ``de06tui app`` builds it, the feed and its token read from the config file;
    after a failed refresh the header, the toasts and a saved screenshot are free of the token."""
    from tui.conftest import settle
    from tui.test_feed import header, toasts

    from de06tui.cli.app import _config, make_source
    from de06tui.cli.main import build_parser
    from de06tui.tui.app import De06App

    write_config(f'feed = "{server.url}/feed.json"\n{HELD["file"][0]}')
    args = build_parser("app").parse_args(["app", "--metric", "transparency_score"])
    config = _config(args)
    assert config is not None and config.token == TOKEN
    app = De06App(source=make_source(args, config), lang="en", metric=args.metric, export_dir=tmp_path)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert app.dataset is not None and app.dataset.frame.height == 34
        server.set_fault(fault)
        await pilot.press("r")
        await settle(pilot)
        assert server.authorization[-1] == f"Bearer {TOKEN}"
        assert "⏸" in header(app) and "Refresh failed" in toasts(app)
        shot = Path(app.save_screenshot("after-failure.svg", str(tmp_path)))
        for text in (header(app), toasts(app), app.export_screenshot()):
            assert TOKEN not in text
    assert shot.stat().st_size and TOKEN.encode() not in shot.read_bytes()
