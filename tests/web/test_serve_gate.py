"""`de06tui serve` lets in only its own page: Origin, the session cap, no listing, the access key.

Each test runs the real server in a subprocess and talks to it over 127.0.0.1 (127.0.0.2 stands in
for another address of the machine)."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def start(host: str = "127.0.0.1", sessions: int | None = None) -> tuple[subprocess.Popen, int, str]:
    """The server, its port and its start-up line on stderr."""
    if sessions is not None:
        config = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "config.toml"
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(f"[serve]\nsessions = {sessions}\n", encoding="utf-8")
    port = free_port(host)
    proc = subprocess.Popen([sys.executable, "-m", "de06tui", "serve", "--host", host, "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "serving on" in line:
            break
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return proc, port, "".join(lines)
        except OSError:
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError("".join(lines))


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=15)
    except (subprocess.TimeoutExpired, ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def get(url: str, headers: dict | None = None) -> tuple[int, str, dict]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


async def ws_status(url: str, origin: str | None, cookies: dict | None = None) -> int:
    """101 when the websocket opened (then it is closed again), else the refusal's status."""
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            async with session.ws_connect(url, headers=headers, timeout=aiohttp.ClientWSTimeout(ws_close=5)):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


@pytest.fixture
def served():
    procs = []

    def _start(*args, **kw):
        proc, port, err = start(*args, **kw)
        procs.append(proc)
        return port, err

    yield _start
    for proc in procs:
        stop(proc)


def test_a_websocket_from_another_origin_is_refused(served):
    port, _ = served()
    ws = f"ws://127.0.0.1:{port}/ws"
    assert asyncio.run(ws_status(ws, "http://evil.example")) == 403
    assert asyncio.run(ws_status(ws, None)) == 403
    assert asyncio.run(ws_status(ws, f"http://127.0.0.1:{port + 1}")) == 403  # another port is another origin


def test_a_rebound_host_name_is_refused_on_loopback(served):
    port, _ = served()
    status, body, _ = get(f"http://127.0.0.1:{port}/", {"Host": f"evil.example:{port}"})
    assert status == 403 and "loopback" in body


def test_static_lists_no_directory(served):
    port, _ = served()
    status, body, _ = get(f"http://127.0.0.1:{port}/static/")
    assert status in (403, 404) and "textual.js" not in body
    status, body, _ = get(f"http://127.0.0.1:{port}/static/js/textual.js")
    assert status == 200 and len(body) > 1000  # the files themselves are still served


def test_sessions_are_capped_with_a_full_page(served):
    port, _ = served(sessions=1)
    base = f"127.0.0.1:{port}"

    async def scenario() -> tuple[int, int, str, int]:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(f"ws://{base}/ws", headers={"Origin": f"http://{base}"}) as first:
                await first.send_json(["resize", {"width": 80, "height": 24}])
                second = await ws_status(f"ws://{base}/ws", f"http://{base}")
                async with session.get(f"http://{base}/") as page:
                    full_status, full_text = page.status, await page.text()
        status = 0
        for _ in range(60):  # the closed session's app takes a moment to stop
            async with aiohttp.ClientSession() as session, session.get(f"http://{base}/") as page:
                status = page.status
            if status == 200:
                break
            await asyncio.sleep(0.25)
        return second, full_status, full_text, status

    second, full_status, full_text, after = asyncio.run(scenario())
    assert second == 503
    assert full_status == 503 and "All 1 sessions" in full_text
    assert after == 200  # the first session closed: there is room again


def test_another_address_needs_the_access_key(served):
    port, err = served(host="127.0.0.2")
    found = re.search(r"http://127\.0\.0\.2:\d+/\?key=([A-Za-z0-9_-]+)", err)
    assert found, err
    key = found.group(1)
    assert err.count(key) == 1  # printed once
    base = f"http://127.0.0.2:{port}"
    assert get(base + "/")[0] == 403
    assert get(base + "/?key=wrong")[0] == 403
    assert get(base + "/static/js/textual.js")[0] == 403
    status, page, headers = get(f"{base}/?key={key}")
    assert status == 200 and "data-session-websocket-url" in page
    assert "de06tui_key=" in headers.get("Set-Cookie", "") and "HttpOnly" in headers["Set-Cookie"]
    assert get(base + "/static/js/textual.js", {"Cookie": f"de06tui_key={key}"})[0] == 200
    origin = f"http://127.0.0.2:{port}"
    assert asyncio.run(ws_status(f"ws://127.0.0.2:{port}/ws", origin)) == 403  # no key, no session
