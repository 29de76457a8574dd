"""A real HTTP server on 127.0.0.1 that replays the recorded portal and a published feed,
and injects one fault at a time."""

from __future__ import annotations

import copy
import functools
import gzip
import json
import socket
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg"
NATIONAL = json.loads((FIX / "national" / "service-results-2026-ytd.response.json").read_text("utf-8"))
TRANSPARENCY = json.loads((FIX / "province-detail" / "transparency" / "year-all.json").read_text("utf-8"))
ONLINE = json.loads((FIX / "province-detail" / "provide-online-tree" / "year-all.json").read_text("utf-8"))
PHU_THO = "019d2be3-6a88-732b-8b17-b68020c8553a"
FIREWALL = b"<!DOCTYPE html><html><body><h1>Access denied</h1>Request blocked by firewall.</body></html>"


def province_answer(recorded: dict, key: str, dept: dict) -> dict:
    """The recorded Phú Thọ answer, or one shaped like it for another province."""
    if dept["departmentId"] == PHU_THO:
        return recorded
    doc = copy.deepcopy(recorded)
    head = doc["data"][key]
    head["departmentId"] = dept["departmentId"]
    head["departmentName"] = dept["departmentName"]
    return doc


BIG_BOMB_BYTES = 256 * 1024 * 1024


@functools.lru_cache(maxsize=1)
def big_bomb() -> bytes:
    """256 MiB of JSON-looking blanks, gzip-compressed to a few hundred KB; built a chunk at a
    time so the server never holds the expanded bytes itself."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    chunk = b" " * (1024 * 1024)
    parts = [packer.compress(b"[")]
    parts += [packer.compress(chunk) for _ in range(BIG_BOMB_BYTES // len(chunk))]
    parts += [packer.compress(b"]"), packer.flush()]
    return b"".join(parts)


def closed_port_url() -> str:
    """A 127.0.0.1 URL nobody listens on: the connection is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.json"


class Replay(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, feed: bytes):
        super().__init__(("127.0.0.1", 0), Handler)
        self.feed = feed  # the published feed document served at /feed.json
        self.fault: str | None = None
        self.fault_times = 1_000_000  # how many requests the fault applies to
        self.calls: list[tuple[str, dict]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.latency = 0.0
        self.lock = threading.Lock()
        self.wrong_province = False
        self.depts = {e["departmentId"]: e for e in NATIONAL["data"]["evaluation"]}
        self.files: dict[str, tuple[bytes, str]] = {}  # other published files: path -> (body, type)
        self.authorization: list[str | None] = []  # the Authorization header of each request
        self.if_none_match: list[str | None] = []  # the validator each request sent, if any

    def handle_error(self, request, client_address) -> None:
        # A client that hangs up mid-answer (a timeout, a refused body) is what some tests do on
        # purpose: not worth a traceback. Anything else is still reported.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def gzipped(self) -> bytes:
        """The feed compressed once per content, as a static server keeps a .gz beside the file."""
        if getattr(self, "_gz_for", None) is not self.feed:
            self._gz, self._gz_for = gzip.compress(self.feed, compresslevel=6), self.feed
        return self._gz

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def set_fault(self, fault: str | None, times: int = 1_000_000) -> None:
        self.fault, self.fault_times = fault, times

    def take_fault(self) -> str | None:
        with self.lock:
            if self.fault and self.fault_times > 0:
                self.fault_times -= 1
                return self.fault
            return None

    def start(self) -> Replay:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: Replay

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._serve(None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        self._serve(body)

    def _serve(self, body: dict | None) -> None:
        s = self.server
        with s.lock:
            s.calls.append((self.path, body or {}))
            s.authorization.append(self.headers.get("Authorization"))
            s.if_none_match.append(self.headers.get("If-None-Match"))
            s.in_flight += 1
            s.max_in_flight = max(s.max_in_flight, s.in_flight)
        self._counted = True
        try:
            if s.latency:
                time.sleep(s.latency)
            fault = s.take_fault()
            if fault and self._fault(fault):
                return
            self._answer(body)
        finally:
            self._done()

    def _done(self) -> None:
        """Leave the in-flight count before answering: the client can send its next request only
        once it has the answer, so counting until after the write would see phantom overlaps."""
        if getattr(self, "_counted", False):
            self._counted = False
            with self.server.lock:
                self.server.in_flight -= 1

    def send_response(self, code, message=None) -> None:
        self._done()
        super().send_response(code, message)

    def _send(self, status: int, data: bytes, ctype: str = "application/json", headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _fault(self, fault: str) -> bool:
        if fault == "500":
            self._send(500, b'{"error": "internal"}')
        elif fault == "503":
            self._send(503, b"busy", "text/plain", {"Retry-After": "0"})
        elif fault == "429":
            self._send(429, b"slow down", "text/plain", {"Retry-After": "0"})
        elif fault == "403":
            self._send(403, FIREWALL, "text/html")
        elif fault == "401":
            self._send(401, b'{"error": "bad credentials"}', "application/json",
                       {"WWW-Authenticate": 'Bearer realm="feed"'})
        elif fault == "echo_auth":  # a careless server that reflects the request's headers back
            echoed = f"<html><body>denied for {self.headers.get('Authorization')}</body></html>".encode()
            self._send(500, echoed, "text/html")
        elif fault == "echo_auth_json":
            echoed = json.dumps({"records": [{"period": "2026-09", "province": "01", "metric": "x",
                                              "value": str(self.headers.get("Authorization"))}]})
            self._send(200, echoed.encode())
        elif fault == "404":
            self._send(404, b"not here", "text/plain")
        elif fault == "timeout":
            time.sleep(1.5)
            self._send(200, self.server.feed)
        elif fault == "truncated":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(self.server.feed) + 5000))
            self.end_headers()
            self.wfile.write(self.server.feed[:200])
            self.wfile.flush()
            self.close_connection = True
        elif fault == "invalid_json":
            self._send(200, b'{"schema": "de06tui.feed/1", "records": [1, 2,')
        elif fault == "wrong_shape":
            self._send(200, b'{"hello": "world", "items": []}')
        elif fault == "oversize":
            self._send(200, b"[" + b" " * 3_000_000 + b"]")
        elif fault == "gzip_bomb":
            bomb = gzip.compress(b" " * 5_000_000)
            self._send(200, bomb, "application/json", {"Content-Encoding": "gzip"})
        elif fault == "gzip_bomb_big":
            self._send(200, big_bomb(), "application/json", {"Content-Encoding": "gzip"})
        elif fault == "html200":
            self._send(200, FIREWALL, "text/html")
        elif fault == "redirect_loop":
            self._send(302, b"", "text/plain", {"Location": self.path})
        elif fault == "drip":  # the whole answer, one byte at a time: no read ever times out
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(self.server.feed)))
            self.end_headers()
            self._trickle([self.server.feed[i:i + 1] for i in range(len(self.server.feed))])
        elif fault == "drip_headers":  # the status line and headers, one byte at a time
            head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + b"X-Padding: " + b"a" * 4000 + b"\r\n\r\n")
            self._done()
            self._trickle([head[i:i + 1] for i in range(len(head))])
        elif fault == "endless_chunked":  # a chunked body that never ends, a few bytes at a time
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self._trickle(iter(lambda: b"[" * 8, None), chunked=True)
        elif fault == "huge_header":  # headers past any client's limit (httpcore stops at 100 KB)
            self._send(200, self.server.feed, "application/json", {"X-Padding": "a" * 200_000})
        elif fault == "retry_after_huge":
            self._send(503, b"maintenance", "text/plain", {"Retry-After": "86400"})
        elif fault == "portal_error":
            self._send(200, json.dumps({"code": "ERROR", "message": "unavailable", "data": None}).encode())
        else:
            return False
        return True

    def _trickle(self, pieces, chunked: bool = False, pause: float = 0.1) -> None:
        """Write ``pieces`` one by one with a pause between, until the client hangs up or the
        server stops (a test's deadline is what ends an endless body)."""
        self.close_connection = True
        try:
            for piece in pieces:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
                self.wfile.flush()
                if getattr(self.server, "_BaseServer__shutdown_request", False):
                    return
                time.sleep(pause)
        except OSError:
            return

    def _answer(self, body: dict | None) -> None:
        s = self.server
        path = self.path.split("?")[0]
        if path.endswith("/feed.json"):
            etag = f'"{zlib.crc32(s.feed):08x}"'  # changes with the content, as a real server's
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            data = s.feed
            headers = {"ETag": etag}
            if "gzip" in (self.headers.get("Accept-Encoding") or ""):
                data, headers["Content-Encoding"] = s.gzipped(), "gzip"
            self._send(200, data, "application/json", headers)
        elif path in s.files:
            data, ctype = s.files[path]
            etag = f'"{zlib.crc32(data):08x}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self._send(200, data, ctype, {"ETag": etag})
        elif path.endswith("/evaluation/service-results"):
            self._send(201, json.dumps(NATIONAL, ensure_ascii=False).encode())
        elif path.endswith("/evaluation/transparency") or path.endswith("/evaluation/provide-online-tree"):
            dept = s.depts.get((body or {}).get("rootDepartmentId"))
            if dept is None:
                self._send(200, json.dumps({"code": "NOT_FOUND", "message": "no department", "data": None}).encode())
                return
            if s.wrong_province:
                dept = next(iter(s.depts.values()))
            recorded, key = (TRANSPARENCY, "overview") if "transparency" in path else (ONLINE, "parent")
            self._send(201, json.dumps(province_answer(recorded, key, dept), ensure_ascii=False).encode())
        else:
            self._send(404, b"not found", "text/plain")
