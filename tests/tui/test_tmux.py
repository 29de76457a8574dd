"""The app in a real terminal (tmux, 120×40): the review's walk from overview to detail and out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)")]


class Tmux:
    def __init__(self, socket: str):
        self.base = ["tmux", "-L", socket]

    def __call__(self, *args: str) -> str:
        return subprocess.run([*self.base, *args], capture_output=True, text=True, check=True).stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "de06")

    def wait_for(self, needle: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if needle in text:
                return text
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared:\n{text}")


def test_review_walk_in_a_real_terminal(tmp_path):
    tmux = Tmux(f"de06-{os.getpid()}")
    status = tmp_path / "status"
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in (
        ("DE06TUI_CONFIG_DIR", os.environ["DE06TUI_CONFIG_DIR"]),
        ("DE06TUI_CACHE_DIR", os.environ["DE06TUI_CACHE_DIR"]),
        ("LANG", "C.UTF-8"), ("TERM", "xterm-256color")))
    command = f"cd {shlex.quote(str(ROOT))} && env {env} {shlex.quote(sys.executable)} -m de06tui; " \
              f"echo $? > {shlex.quote(str(status))}; sleep 5"
    tmux("new-session", "-d", "-s", "de06", "-x", "120", "-y", "40", command)
    try:
        overview = tmux.wait_for("Online-submission rate")
        assert "Overview" in overview and "Oct 2026" in overview and "SAMPLE" in overview
        tmux("send-keys", "-t", "de06", "2")
        board = tmux.wait_for("★ TOP")
        first = [line for line in board.splitlines() if "★" in line][:3]
        assert [line.split()[3] for line in first] == ["Điện", "Khánh", "Gia"]
        tmux("send-keys", "-t", "de06", "/")
        tmux.wait_for("Filter by province name")  # type only once the box has the focus
        tmux("send-keys", "-t", "de06", "-l", "ca mau")
        narrowed = tmux.wait_for("1 of 34 provinces")
        assert "Cà Mau" in narrowed
        tmux("send-keys", "-t", "de06", "Enter")  # closes the filter box, back on the table
        detail = ""
        for _ in range(3):  # the next Enter opens the detail once the table has the focus again
            time.sleep(0.3)
            tmux("send-keys", "-t", "de06", "Enter")
            try:
                detail = tmux.wait_for("Formed on 1 July 2025", timeout=5)
                break
            except AssertionError:
                continue
        assert "Detail: Cà Mau" in detail and "Bạc Liêu" in detail
        tmux("send-keys", "-t", "de06", "[")
        assert "Sep 2026" in tmux.wait_for("Sep 2026")
        tmux("send-keys", "-t", "de06", "q")
        deadline = time.monotonic() + 15
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.read_text().strip() == "0"
    finally:
        subprocess.run([*tmux.base, "kill-server"], capture_output=True)
