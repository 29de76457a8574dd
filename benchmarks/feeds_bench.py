"""Feed figures: the portal adapter against the floor its politeness limits imply, and the time
from a refresh key to a repainted leaderboard on a loopback feed.

Usage: python benchmarks/feeds_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the replay server the feed tests use

LATENCY = 0.1


def portal(runs: int) -> dict:
    from feeds.replay import Replay

    from de06tui.config import load_config
    from de06tui.feeds import fetch_feed

    config = load_config(env={})  # the shipped defaults: concurrency 2, 0.3 s between calls
    server = Replay(b"{}").start()
    server.latency = LATENCY
    try:
        cfg = replace(config, dvcqg_base_url=server.url)
        times = []
        for _ in range(runs):
            server.calls.clear()
            start = time.perf_counter()
            fetch_feed("dvcqg", cfg, period="2026")
            times.append(time.perf_counter() - start)
        calls = len(server.calls)
    finally:
        server.stop()
    floor = calls * LATENCY / cfg.dvcqg_concurrency + (calls - 1) * cfg.dvcqg_delay
    took = statistics.median(times)
    return {"calls": calls, "median": took, "floor": floor, "ratio": took / floor,
            "concurrency": cfg.dvcqg_concurrency, "delay": cfg.dvcqg_delay}


SERVER = r"""
import gzip, sys, zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
path = sys.argv[1]
cache = {}

class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_GET(self):
        body = open(path, "rb").read()
        tag = '"%08x"' % zlib.crc32(body)
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304); self.end_headers(); return
        if tag not in cache:  # compressed once per content, like a static server's .gz
            cache.clear(); cache[tag] = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("ETag", tag)
        self.send_header("Content-Length", str(len(cache[tag])))
        self.end_headers()
        self.wfile.write(cache[tag])

srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
"""


repainted = asyncio.Event()
replaced = [None]  # the dataset a refresh replaces


async def _app_times(runs: int, url: str, feed: Path, doc: dict) -> list[float]:
    import urllib.request

    from de06tui.config import load_config
    from de06tui.tui.app import De06App
    from de06tui.tui.screens.board import BoardScreen
    from de06tui.tui.sources import FeedSource

    times = []
    app = De06App(source=FeedSource(url, load_config(env={})), lang="en", metric="online_submission_rate")
    async with app.run_test(size=(120, 40)) as pilot:
        while app.dataset is None or not isinstance(app.screen, BoardScreen) or app.screen.view is None:
            await pilot.pause(0.01)
        await pilot.pause(0.2)
        for i in range(runs + 1):
            doc["records"][0]["value"] = 50 + i / 10  # new content: no 304
            feed.write_text(json.dumps(doc), encoding="utf-8")
            urllib.request.urlopen(url).read()  # the server compresses it ahead
            repainted.clear()
            replaced[0] = app.dataset
            start = time.perf_counter()
            app.action_reload()
            # Woken by the paint hook below once the frame with the new data is drawn;
            # waiting on an event, not polling, leaves the worker its share of the GIL.
            await asyncio.wait_for(repainted.wait(), 10)
            if i:  # the first refresh warms caches
                times.append(time.perf_counter() - start)
            await app.workers.wait_for_complete()  # the load's work after the paint (history, cache)
            await pilot.pause(0.05)
    return times


async def _refresh_times(runs: int, blocks: int = 4) -> tuple[list[float], list[float]]:
    """de06tui's refreshes and the bare reference's, in alternating blocks on one feed server."""
    import subprocess
    import tempfile
    import urllib.request

    from de06tui.core.paths import sample_path

    doc = json.loads(sample_path().read_text(encoding="utf-8"))
    ours: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.json"
        feed.write_text(json.dumps(doc), encoding="utf-8")
        # The server is another process, as a real one is: it must not share the app's GIL.
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(feed)], stdout=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}/feed.json"
        try:
            urllib.request.urlopen(url).read()
            for _ in range(blocks):
                ours += await _app_times(max(1, runs // blocks), url, feed, doc)
                bare += await _bare_times(max(1, runs // blocks), url, feed, doc)
        finally:
            server.kill()
            server.wait()
    return ours, bare


bare_repainted = asyncio.Event()


def _bare_app(url: str):
    """The reference: a bare Textual app that fetches the same feed (httpx, in a thread worker),
    takes the same board's rows (the metric's latest period, best first) and refills a ten-column
    DataTable with them, timed the same way to the frame drawn."""
    import httpx
    from textual import work
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable()

        @work(thread=True, exclusive=True)
        def fetch(self) -> None:
            doc = httpx.get(url).json()
            rows = [r for r in doc["records"] if r["metric"] == "online_submission_rate"]
            latest = max(r["period"] for r in rows)
            rows = sorted((r for r in rows if r["period"] == latest), key=lambda r: -r["value"])
            self.call_from_thread(self.fill, rows)

        def fill(self, rows: list) -> None:
            table = self.query_one(DataTable)
            table.clear(columns=True)
            table.add_columns("#", "code", "province", "rate", "done", "all", "band", "±", "Δ", "real")
            table.add_rows([(str(i), r["province"], r["province"], f"{r['value']:.2f}", f"{r['numerator']:,}",
                             f"{r['denominator']:,}", "", "", "", "✓" if r.get("real") else "")
                            for i, r in enumerate(rows, 1)])
            self.call_after_refresh(bare_repainted.set)

    return Bare()


async def _bare_times(runs: int, url: str, feed: Path, doc: dict) -> list[float]:
    import urllib.request

    app, times = _bare_app(url), []
    async with app.run_test(size=(120, 40)) as pilot:
        for i in range(runs + 1):
            doc["records"][0]["value"] = 50 + i / 10
            feed.write_text(json.dumps(doc), encoding="utf-8")
            urllib.request.urlopen(url).read()
            bare_repainted.clear()
            start = time.perf_counter()
            app.fetch()
            await asyncio.wait_for(bare_repainted.wait(), 10)
            if i:
                times.append(time.perf_counter() - start)
            await pilot.pause(0.05)
    return times


def refresh(runs: int) -> dict:
    from de06tui.tui.screens import board

    # A repaint counts once the table holds the new data and the frame with it has been drawn.
    original = board.BoardScreen._paint

    def paint(self):
        original(self)
        if self.de06.dataset is not replaced[0]:
            self.call_after_refresh(repainted.set)

    board.BoardScreen._paint = paint
    times, bare = asyncio.run(_refresh_times(max(4 * runs, 20)))  # a p50 of 20 or more refreshes
    board.BoardScreen._paint = original
    return {"p50": statistics.median(times), "max": max(times), "n": len(times),
            "bare_p50": statistics.median(bare), "ratio": statistics.median(times) / statistics.median(bare)}


def rows(runs: int) -> list[tuple[str, str, str, str]]:
    p = portal(runs)
    r = refresh(runs)
    return [
        ("portal adapter, 34 provinces, 100 ms latency, default limits",
         f"{p['median']:.2f} s vs floor {p['floor']:.2f} s = {p['ratio']:.2f}× ({p['calls']} calls)",
         "≤ 1.15× floor", "yes" if p["ratio"] <= 1.15 else "NO"),
        ("refresh from a loopback feed to a repainted table (p50), vs a bare Textual app doing the "
         "same fetch and refill", f"{r['p50'] * 1000:.0f} ms (max {r['max'] * 1000:.0f} ms, n={r['n']}) vs "
         f"{r['bare_p50'] * 1000:.0f} ms = {r['ratio']:.2f}×", "≤ 1.2×, p50 ≤ 60 ms",
         "yes" if r["p50"] <= 0.06 and r["ratio"] <= 1.2 else "NO"),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    for row in rows(ap.parse_args().runs):
        print(" | ".join(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
