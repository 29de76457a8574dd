"""The national public-service portal (dichvucong.gov.vn) as a feed.

One national call gives every province's 766 scores (transparency = CKMB); two calls per
province give the two rates with their counts: `transparency` (metric DOSSIER_SYNC) and
`provide-online-tree` (channelOnlineSum / channelTotalSum). Parsing is pure and separate from
I/O; the fetcher is polite: a concurrency limit, a delay with jitter between calls, and a
circuit breaker that stops everything on 429, 403, an HTML page, or repeated server errors.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from typing import TYPE_CHECKING, Any

from de06tui.config import Config
from de06tui.core import periods as P
from de06tui.feeds.client import Answer, FeedClient, FeedError, describe_status, is_html

if TYPE_CHECKING:
    from de06tui.core.units import UnitSet

API = "/api/v1/reporting/evaluation/"
GROUPS = {"CKMB": "transparency_score", "TDGQ": "progress_score", "CLGQ": "online_service_score",
          "TTTT": "online_payment_score", "MDHL": "satisfaction_score", "MDSH": "digitisation_score"}


class PortalShapeError(FeedError):
    pass


# -- requests ---------------------------------------------------------------------------------
def period_body(period: str) -> dict[str, Any]:
    """The portal's time fields for a canonical period."""
    k, year = P.kind(period), P.year_of(period)
    if k == P.YEAR:
        return {"timeType": "year", "year": year}
    if k == P.QUARTER:
        return {"timeType": "quarter", "year": year, "quarter": int(period[-1])}
    return {"timeType": "month", "year": year, "month": int(period[5:7])}


def national_body(period: str) -> dict[str, Any]:
    return {**period_body(period), "departmentType": "ADMINISTRATIVE_UNIT"}


def province_body(period: str, department_id: str) -> dict[str, Any]:
    return {**period_body(period), "rootDepartmentId": department_id, "currentPage": 1, "pageSize": 200}


# -- parsing (pure) -------------------------------------------------------------------------------
def _envelope(doc: object, what: str) -> object:
    if not isinstance(doc, dict) or "code" not in doc:
        raise PortalShapeError(f"{what}: not a portal answer (no 'code' field)")
    if doc.get("code") != "OK":
        msg = str(doc.get("message") or "")[:120]
        raise PortalShapeError(f"{what}: portal answered code={str(doc.get('code'))[:40]!r} {msg}".rstrip())
    if "data" not in doc or doc["data"] is None:
        raise PortalShapeError(f"{what}: portal answer has no data")
    return doc["data"]


def _number(value: object, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise PortalShapeError(f"{what}: expected a number, got {type(value).__name__}")
    try:
        return float(value)
    except ValueError:
        raise PortalShapeError(f"{what}: expected a number, got {str(value)[:20]!r}") from None


def parse_service_results(doc: object, period: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records of every province's total and group scores, and the provinces (id, code, name)."""
    data = _envelope(doc, "service-results")
    rows = data.get("evaluation") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not rows:
        raise PortalShapeError("service-results: no 'evaluation' list of provinces")
    records, provinces = [], []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("groupScores"), dict):
            raise PortalShapeError(f"service-results: province {i} has no groupScores")
        name, code = row.get("departmentName"), row.get("departmentCode")
        who = code or name
        if not who or not row.get("departmentId"):
            raise PortalShapeError(f"service-results: province {i} has no departmentId/code")
        provinces.append({"id": str(row["departmentId"]), "code": str(code or ""), "name": str(name or "")})
        total = _number(row.get("totalScore"), f"service-results: {who} totalScore")
        if total is not None:
            records.append({"period": period, "province": str(who), "metric": "total_score", "value": total,
                            "real": True})
        for group, metric in GROUPS.items():
            v = _number(row["groupScores"].get(group), f"service-results: {who} {group}")
            if v is not None:
                records.append({"period": period, "province": str(who), "metric": metric, "value": v,
                                "real": True})
    return records, provinces


def _province_part(doc: object, endpoint: str, key: str, department_id: str, province: str) -> dict[str, Any]:
    """The part of a per-province answer about the province itself, checked to be the one asked for."""
    data = _envelope(doc, f"{endpoint} {province}")
    part = data.get(key) if isinstance(data, dict) else None
    if not isinstance(part, dict):
        raise PortalShapeError(f"{endpoint} {province}: no '{key}' for the province")
    if str(part.get("departmentId")) != department_id:
        raise PortalShapeError(f"{endpoint}: answer names department {str(part.get('departmentId'))[:40]}, "
                               f"asked for {province} ({department_id})")
    return part


def parse_transparency(doc: object, period: str, department_id: str, province: str) -> dict[str, Any] | None:
    """The province's DOSSIER_SYNC as a sync-to-portal record (None when the portal has no figure)."""
    head = _province_part(doc, "transparency", "overview", department_id, province)
    metrics = head.get("metrics")
    if not isinstance(metrics, list):
        raise PortalShapeError(f"transparency {province}: no metrics list")
    sync = next((m for m in metrics if isinstance(m, dict) and m.get("code") == "DOSSIER_SYNC"), None)
    if sync is None:
        raise PortalShapeError(f"transparency {province}: no DOSSIER_SYNC metric")
    ratio = _number(sync.get("ratio"), f"transparency {province} ratio")
    if ratio is None:
        return None
    rec = {"period": period, "province": province, "metric": "sync_to_portal_rate", "value": ratio,
           "real": True}
    num = _number(sync.get("numerator"), f"transparency {province} numerator")
    den = _number(sync.get("denominator"), f"transparency {province} denominator")
    if num is not None and den:
        rec.update(numerator=num, denominator=den, value=round(100 * num / den, 4))
    if sync.get("dataQualityStatus"):
        rec["flag"] = str(sync["dataQualityStatus"])[:60]
    return rec


def parse_online_tree(doc: object, period: str, department_id: str, province: str) -> dict[str, Any] | None:
    """The province's online-submission rate with its counts (None when nothing was received)."""
    parent = _province_part(doc, "provide-online-tree", "parent", department_id, province)
    online = _number(parent.get("channelOnlineSum"), f"provide-online-tree {province} channelOnlineSum")
    total = _number(parent.get("channelTotalSum"), f"provide-online-tree {province} channelTotalSum")
    if online is None or not total:
        return None
    return {"period": period, "province": province, "metric": "online_submission_rate",
            "value": round(100 * online / total, 4), "numerator": online, "denominator": total, "real": True}


# -- fetching ------------------------------------------------------------------------------------
class Breaker:
    """Trips once; every call after that is refused with the first reason."""

    def __init__(self) -> None:
        self.reason: str | None = None
        self._lock = threading.Lock()

    def trip(self, reason: str) -> None:
        with self._lock:
            self.reason = self.reason or reason

    def check(self) -> None:
        if self.reason:
            raise FeedError(f"stopped calling the portal: {self.reason}")


class Pacer:
    """At most one call start per ``delay`` (+ jitter) across all threads."""

    def __init__(self, delay: float):
        self.delay = delay
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.delay + random.uniform(0, self.delay / 2)
        if start > now:
            time.sleep(start - now)


def _post(client: FeedClient, url: str, body: dict[str, Any], breaker: Breaker, pacer: Pacer) -> object:
    breaker.check()
    pacer.wait()
    breaker.check()
    try:
        # 429 is not retried here: the portal asked us to stop, so the breaker trips at once.
        answer: Answer = client.request("POST", url, json=body, retry_statuses={500, 502, 503, 504})
    except FeedError as exc:
        breaker.trip(str(exc))
        raise
    if answer.status in (429, 403) or answer.status >= 500:
        breaker.trip(describe_status(answer, url))
        raise FeedError(describe_status(answer, url), status=answer.status)
    if is_html(answer):
        breaker.trip(f"{url} answered an HTML page, not JSON (a firewall or login page?)")
        raise FeedError(f"{url} answered an HTML page, not JSON (a firewall or login page?)")
    if answer.status >= 400:
        raise FeedError(describe_status(answer, url), status=answer.status)
    try:
        return json.loads(answer.body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"{url} answered invalid JSON: {str(exc)[:100]}") from None


def fetch_portal(config: Config, period: str, progress: Callable[[int, int], None] | None = None,
                 client: FeedClient | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Records for every province in ``period`` and warnings (flags, provinces without figures)."""
    base = config.dvcqg_base_url.rstrip("/") + API
    own = client is None
    client = client or FeedClient(config)
    breaker, pacer = Breaker(), Pacer(config.dvcqg_delay)
    warnings: list[str] = []
    try:
        national = _post(client, base + "service-results", national_body(period), breaker, pacer)
        records, provinces = parse_service_results(national, period)
        total = len(provinces)
        done = 0
        lock = threading.Lock()
        if progress:
            progress(0, total)

        def one(p: dict[str, Any]) -> list[dict[str, Any]]:
            nonlocal done
            who = p["code"] or p["name"]
            body = province_body(period, p["id"])
            breaker.check()
            try:
                sync = _post(client, base + "transparency", body, breaker, pacer)
                online = _post(client, base + "provide-online-tree", body, breaker, pacer)
                got = [parse_transparency(sync, period, p["id"], who),
                       parse_online_tree(online, period, p["id"], who)]
            except FeedError as exc:
                breaker.trip(str(exc))  # a wrong answer for one province stops the whole refresh
                raise
            with lock:
                done += 1
                if progress:
                    progress(done, total)
            return [g for g in got if g is not None]

        with ThreadPoolExecutor(max_workers=config.dvcqg_concurrency) as pool:
            results = list(pool.map(one, provinces))
        for p, recs in zip(provinces, results):
            for rec in recs:
                if rec.get("flag"):
                    warnings.append(f"{p['name']}: {rec['metric']} flagged {rec['flag']} by the portal")
            if len(recs) < 2:
                warnings.append(f"{p['name']}: the portal has no figure for "
                                + ", ".join(sorted({"sync_to_portal_rate", "online_submission_rate"}
                                                   - {r["metric"] for r in recs})))
            records.extend(recs)
        return records, warnings
    finally:
        if own:
            client.close()


# -- units below the province ------------------------------------------------------------------
def fetch_units(config: Config, period: str, provinces: list[str] | None = None,
                progress: Callable[[int, int], None] | None = None,
                client: FeedClient | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every unit's records of the provinces named (codes or names as the portal writes them;
    None: all 34) for ``period``, and the provinces asked (id, code, name).

    One national call finds each province's ``rootDepartmentId``, then one ``service-results``
    call per province lists its departments and communes; the same pacing and breaker as
    ``fetch_portal``.
    """
    from de06tui.core import portal

    base = config.dvcqg_base_url.rstrip("/") + API
    own = client is None
    client = client or FeedClient(config)
    breaker, pacer = Breaker(), Pacer(config.dvcqg_delay)
    try:
        national = _post(client, base + "service-results", national_body(period), breaker, pacer)
        _, known = parse_service_results(national, period)
        wanted = known if provinces is None else [p for p in known if p["code"] in provinces
                                                  or p["name"] in provinces]
        if provinces is not None and not wanted:
            raise PortalShapeError("service-results: the portal lists none of " + ", ".join(provinces)[:120])
        records: list[dict[str, Any]] = []
        for done, p in enumerate(wanted, 1):
            answer = _post(client, base + "service-results", province_body(period, p["id"]), breaker, pacer)
            try:
                got, _ = portal.unit_records(answer, period, p["code"] or p["name"],
                                             what=f"service-results {p['code'] or p['name']}")
            except portal.PortalShapeError as exc:
                breaker.trip(str(exc))
                raise PortalShapeError(str(exc)) from None
            records.extend(got)
            if progress:
                progress(done, len(wanted))
        return records, wanted
    finally:
        if own:
            client.close()


def fetch_unit_set(config: Config, period: str, province: str | None = None,
                   progress: Callable[[int, int], None] | None = None,
                   client: FeedClient | None = None) -> UnitSet:
    """A province's units (registry code; None: every province's) as a UnitSet, the unit registry
    refreshed with the lists the portal gave (saved under the user data folder)."""
    from datetime import datetime

    from de06tui.core.registry import default_registry
    from de06tui.core.units import UnitRegistry, UnitSet, save_list, unit_frame, units_of

    registry = default_registry()
    wanted = None
    if province is not None:
        codes = [h for h, code in registry.department_codes.items() if code == province]
        wanted = codes + [registry.name(province, 34)]
    records, _ = fetch_units(config, period, wanted, progress, client)
    today = datetime.now(UTC).date().isoformat()
    for r in records:
        r["province"] = registry.resolve(r["province"], 34)
    units = UnitRegistry.load()
    for code in sorted({r["province"] for r in records}):
        listed = units_of([r for r in records if r["province"] == code])
        save_list(code, listed, f"{config.dvcqg_base_url} service-results {period}", today)
        units.add(code, listed, "portal")
    return UnitSet(unit_frame(records, today), units, [], (config.dvcqg_base_url,))
