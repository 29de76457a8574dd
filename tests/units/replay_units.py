"""A real HTTP server on 127.0.0.1 answering the portal's ``service-results`` contract for units.

Without ``rootDepartmentId`` it answers the recorded national list; with Gia Lai's id, the recorded
Gia Lai communes (10 October 2026) plus SAMPLE departments; with any other province's id, SAMPLE
departments and communes shaped the same way (ranks numbered as the portal numbers them: by
score, consecutive).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg"
NATIONAL = json.loads((FIX / "national" / "service-results-2026-ytd.response.json").read_text("utf-8"))
GIA_LAI = json.loads((FIX / "gia_lai" / "communes_GiaLai_10102026.json").read_text("utf-8"))
GIA_LAI_ID = GIA_LAI["metadata"]["rootDepartmentId"]
GROUPS = ("CKMB", "TDGQ", "TTTT", "MDSH", "MDHL")


def sample_unit(code: str, n: int, kind: str, seed: int) -> dict:
    """A SAMPLE unit whose six groups add up to its total (two decimals)."""
    scores = {g: round(((seed * 37 + n * 11 + i * 5) % 900) / 100 + 2, 2) for i, g in enumerate(GROUPS)}
    scores["ONLINE" if kind == "COMMUNE" else "CLGQ"] = round(((seed + n * 7) % 500) / 100 + 3, 2)
    name = f"SAMPLE {'xã' if kind == 'COMMUNE' else 'Sở'} {n:03d}"
    return {"departmentId": f"sample-{code}-{kind}-{n}", "departmentName": name,
            "departmentCode": f"{code}.{(200 if kind == 'COMMUNE' else 0) + n}", "childGroup": kind,
            "totalScore": round(sum(scores.values()), 2), "scoreDelta": None, "groupScores": scores}


def with_ranks(units: list[dict]) -> list[dict]:
    """``rank`` among all units and ``groupRank`` within the group, consecutive as the portal gives."""
    ordered = sorted(units, key=lambda u: -u["totalScore"])
    for i, u in enumerate(ordered, 1):
        u["rank"] = i
    for kind in ("AGENCY", "COMMUNE"):
        for i, u in enumerate([u for u in ordered if u["childGroup"] == kind], 1):
            u["groupRank"] = i
    return ordered


def province_answer(dept: dict) -> dict:
    code = dept["departmentCode"]
    agencies = [sample_unit(code, n, "AGENCY", len(code) + n) for n in range(1, 15)]
    if dept["departmentId"] == GIA_LAI_ID:
        communes = [{k: v for k, v in c.items() if k not in ("rank", "groupRank")} for c in GIA_LAI["communes"]]
        # The recorded communes keep the portal's own ranks among communes.
        recorded = {c["departmentCode"]: c["groupRank"] for c in GIA_LAI["communes"]}
        ranked = with_ranks(agencies + communes)
        for u in ranked:
            if u["childGroup"] == "COMMUNE":
                u["groupRank"] = recorded[u["departmentCode"]]
    else:
        ranked = with_ranks(agencies + [sample_unit(code, n, "COMMUNE", int(code[1:])) for n in range(1, 41)])
    head = {"departmentId": dept["departmentId"], "departmentName": dept["departmentName"],
            "departmentCode": code, "totalScore": dept["totalScore"], "groupScores": dept["groupScores"]}
    return {"code": "OK", "message": "", "data": {"overview": head, "evaluation": ranked}}


class UnitReplay(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.calls: list[dict] = []
        self.lock = threading.Lock()
        self.depts = {e["departmentId"]: e for e in NATIONAL["data"]["evaluation"]}
        self.status = 201  # what every answer is sent with; 429 tests the breaker
        self.shapeless = False  # answer a province's call without its list of units

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> UnitReplay:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: UnitReplay

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        with self.server.lock:
            self.server.calls.append(body)
        if not self.path.endswith("/evaluation/service-results"):
            return self._send(404, {"code": "NOT_FOUND"})
        if self.server.status != 201:
            return self._send(self.server.status, {"code": "TOO_MANY"})
        root = body.get("rootDepartmentId")
        if root is None:
            return self._send(201, NATIONAL)
        if root not in self.server.depts:
            return self._send(201, {"code": "NOT_FOUND", "message": "no such department", "data": None})
        if self.server.shapeless:
            return self._send(201, {"code": "OK", "message": "", "data": {"overview": {}}})
        return self._send(201, province_answer(self.server.depts[root]))

    def _send(self, status: int, doc: dict) -> None:
        data = json.dumps(doc, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
