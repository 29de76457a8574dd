"""A portal on 127.0.0.1 whose national figures change from day to day, as the real one's do.

The recorded national answer (tests/fixtures/dvcqg/national) is the base. On the server's day D
(``server.day``, set by the test: the server's own clock) and for a period P, province number i
(its place in the recorded list, from 0) and group number g (its place in GROUP_ORDER, from 0)
get the group score

    recorded + ((D.toordinal() + 3*i + g + month_number(P)) % 7 - 3) / 100, rounded to 2 places

and a totalScore of the recorded total plus the sum of its group deltas. month_number is the
period's last month (12 for a year). Per-province answers are the recorded Phú Thọ ones,
renamed for each province, every day alike.
"""

from __future__ import annotations

import copy
import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg"
NATIONAL = json.loads((FIX / "national" / "service-results-2026-ytd.response.json").read_text("utf-8"))
TRANSPARENCY = json.loads((FIX / "province-detail" / "transparency" / "year-all.json").read_text("utf-8"))
ONLINE = json.loads((FIX / "province-detail" / "provide-online-tree" / "year-all.json").read_text("utf-8"))
GROUP_ORDER = ("CKMB", "TDGQ", "CLGQ", "TTTT", "MDHL", "MDSH")


def month_number(body: dict) -> int:
    if body.get("timeType") == "month":
        return int(body["month"])
    if body.get("timeType") == "quarter":
        return int(body["quarter"]) * 3
    return 12


def delta(day: date, province_index: int, group_index: int, month: int) -> float:
    return ((day.toordinal() + 3 * province_index + group_index + month) % 7 - 3) / 100


class PortalDays(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, day: date) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.day = day
        self.lock = threading.Lock()
        self.national_calls: list[dict] = []  # the body of every national request, in order
        self.stop_after: int | None = None  # national calls answered before the portal says 429
        self.blank_group: tuple[str, str] | None = None  # (departmentCode, group) answered null
        self.depts = {e["departmentId"]: e for e in NATIONAL["data"]["evaluation"]}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def national(self, body: dict) -> dict:
        doc = copy.deepcopy(NATIONAL)
        month = month_number(body)
        for i, row in enumerate(doc["data"]["evaluation"]):
            deltas = [delta(self.day, i, g, month) for g in range(len(GROUP_ORDER))]
            for g, group in enumerate(GROUP_ORDER):
                row["groupScores"][group] = round(row["groupScores"][group] + deltas[g], 2)
            row["totalScore"] = round(row["totalScore"] + sum(deltas), 2)
            if self.blank_group and row["departmentCode"] == self.blank_group[0]:
                row["groupScores"][self.blank_group[1]] = None
        return doc

    def start(self) -> PortalDays:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: PortalDays

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, doc: object) -> None:
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8") if not isinstance(doc, bytes) else doc
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status < 400 else "text/plain")
        self.send_header("Content-Length", str(len(data)))
        if status == 429:
            self.send_header("Retry-After", "0")
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        s = self.server
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        if self.path.endswith("/evaluation/service-results"):
            with s.lock:
                if s.stop_after is not None and len(s.national_calls) >= s.stop_after:
                    self._send(429, b"slow down")
                    return
                s.national_calls.append(body)
            self._send(201, s.national(body))
            return
        dept = s.depts.get(body.get("rootDepartmentId"))
        if dept is None or not self.path.endswith(("/evaluation/transparency", "/evaluation/provide-online-tree")):
            self._send(404, b"not found")
            return
        recorded, key = (TRANSPARENCY, "overview") if "transparency" in self.path else (ONLINE, "parent")
        doc = copy.deepcopy(recorded)
        doc["data"][key]["departmentId"] = dept["departmentId"]
        doc["data"][key]["departmentName"] = dept["departmentName"]
        self._send(201, doc)
