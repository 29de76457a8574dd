"""`de06tui serve` without a browser: the bind warning, Ctrl+C, and the page's own font."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(*args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "de06tui", "serve", "--port", str(port), *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, port
        except OSError:
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError(proc.stderr.read())


def stop(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("serve did not stop on Ctrl+C") from None
    return proc.stderr.read()


def test_default_bind_is_loopback_and_the_page_needs_no_internet():
    proc, port = start("--lang", "vi")
    try:
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()
        assert "/fonts/mono.ttf" in page
        assert "googleapis" not in page and "https://" not in page
    finally:
        err = stop(proc)
    assert "WARNING" not in err and f"127.0.0.1:{port}" in err


def test_other_address_gives_a_clear_warning():
    proc, _ = start("--host", "0.0.0.0")
    err = stop(proc)
    assert "WARNING: binding 0.0.0.0" in err and "anyone" in err


def test_app_command_carries_the_options():
    from argparse import Namespace

    from de06tui.cli.serve import app_command

    cmd = app_command(Namespace(data=[Path("x y.csv")], feed="dvcqg", refresh=5.0, period="2024-10",
                                metric=None, lang="vi"))
    assert "-m de06tui app" in cmd and "--feed dvcqg" in cmd and "--lang vi" in cmd
    assert "'" in cmd  # the path with a space is quoted
