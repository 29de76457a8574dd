"""The app served to a real browser: Debian's Chromium, headless, driven by Playwright.

Skipped where Chromium is not installed (apt-get install chromium). Every request the page
makes to a host other than 127.0.0.1 is blocked and fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]
ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="needs Debian's Chromium: apt-get install chromium fonts-noto-mono"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server did not start")


def descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    kids = [int(x) for x in out.split()]
    return kids + [g for k in kids for g in descendants(k)]


@pytest.fixture
def served(tmp_path):
    port = free_port()
    env = dict(os.environ, DE06TUI_LANG="en")
    proc = subprocess.Popen([sys.executable, "-m", "de06tui", "serve", "--port", str(port), "--lang", "en",
                             "--period", "2024-10"],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    wait_for_port(port, proc)
    yield f"http://127.0.0.1:{port}/", proc
    children = descendants(proc.pid)
    proc.send_signal(signal.SIGINT)  # what Ctrl+C sends
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise AssertionError("the server did not stop on Ctrl+C") from None
    time.sleep(0.5)
    alive = [p for p in children if Path(f"/proc/{p}").exists()
             and "zombie" not in Path(f"/proc/{p}/status").read_text().lower()]
    if alive:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not alive, f"stray processes after Ctrl+C: {alive}"


ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\\\)|\x1b[()][0-9A-Za-z]")


class Screen:
    """What the app sent the browser's terminal, as text (xterm draws on a canvas)."""

    def __init__(self, page) -> None:
        self.chunks: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:
        if isinstance(payload, (bytes, bytearray)):
            self.chunks.append(bytes(payload))

    def mark(self) -> int:
        return len(self.chunks)

    def text(self, since: int = 0) -> str:
        raw = b"".join(self.chunks[since:]).decode("utf-8", errors="replace")
        return ANSI.sub("", raw)

    def wait_for(self, page, needle: str, since: int = 0, timeout: float = 40) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.text(since)
            if needle in text:
                return text
            page.wait_for_timeout(200)
        raise AssertionError(f"{needle!r} never reached the browser; got:\n{self.text(since)[-2000:]}")


def missing_letters(font_bytes: bytes) -> set[str]:
    import io

    from fontTools.ttLib import TTFont

    from de06tui.core.registry import default_registry

    cmap = TTFont(io.BytesIO(font_bytes)).getBestCmap()
    reg = default_registry()
    letters = {c for era in (63, 34) for p in reg.provinces(era) for c in p.name if not c.isspace()}
    return {c for c in letters if ord(c) not in cmap}


def test_overview_then_leaderboard_in_chromium(served, tmp_path):
    from playwright.sync_api import sync_playwright

    url, _ = served
    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def gate(route) -> None:
                host = urlsplit(route.request.url).hostname
                if host in ("127.0.0.1",):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", gate)
            screen = Screen(page)
            page.goto(url)
            overview = screen.wait_for(page, "Online-submission rate")
            assert "Overview" in overview
            fonts = page.evaluate("() => Array.from(document.fonts).map(f => f.family + ':' + f.status)")
            assert any("Roboto Mono" in f and "loaded" in f for f in fonts), fonts
            page.click("#terminal")
            start = screen.mark()
            page.keyboard.press("2")
            board = screen.wait_for(page, "Rank", since=start)
            assert "Online submission" in board and "Bình Định" in board
            page.wait_for_timeout(500)  # let the canvas draw the last frame before the screenshot
            # The font the page got covers every letter of every province name, as one glyph each.
            served = page.request.get(url + "fonts/mono.ttf")
            assert served.ok, "no Vietnamese monospace font served (apt-get install fonts-noto-mono)"
            assert missing_letters(served.body()) == set()
            shot = tmp_path / "leaderboard.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            keep = os.environ.get("DE06TUI_KEEP_SCREENSHOT")
            if keep:
                shutil.copy(shot, keep)
        finally:
            browser.close()
    assert outside == [], f"the page asked for outside hosts: {outside}"
