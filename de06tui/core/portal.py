"""The national portal's answers, read without any I/O: the shapes of ``service-results``, the
per-group trees of a province and the crawler files made from them, into plain records.

A province's ``service-results`` (asked with its ``rootDepartmentId``) lists its units, each with
``childGroup`` AGENCY or COMMUNE. The commune rows name the online-service group ``ONLINE`` where
province rows name it ``CLGQ``: both are the same metric here.
"""

from __future__ import annotations

from typing import Any

DEPARTMENT, COMMUNE = "department", "commune"
COHORTS = (DEPARTMENT, COMMUNE)
GROUP_METRICS = {"CKMB": "transparency_score", "TDGQ": "progress_score", "CLGQ": "online_service_score",
                 "ONLINE": "online_service_score", "TTTT": "online_payment_score",
                 "MDHL": "satisfaction_score", "MDSH": "digitisation_score"}
TOTAL = "total_score"
# What the portal calls a unit's kind, in each of its answers.
_COHORT_OF = {"AGENCY": DEPARTMENT, "PROVINCE": DEPARTMENT, "PROVINCIAL_DEPARTMENT": DEPARTMENT,
              "COMMUNE": COMMUNE, "COMMUNE_PEOPLE_COMMITTEE": COMMUNE}
# A per-group tree of a province: the endpoint's score is one group of the 766 index.
TREE_METRICS = {"transparency": "transparency_score", "dvc-progress-tree": "progress_score",
                "provide-online-tree": "online_service_score",
                "formality-online-payment-tree": "online_payment_score"}
# Six scores rounded to two decimals and their rounded total can differ by at most 7 × 0.005.
SUM_TOLERANCE = 0.035


class PortalShapeError(ValueError):
    """An answer that is not what the portal answers; the message names the key."""


def is_portal_doc(doc: object) -> bool:
    """A portal answer (``code`` + ``data``) or a crawler file made from one (``communes``)."""
    return isinstance(doc, dict) and (("code" in doc and "data" in doc) or
                                      (isinstance(doc.get("metadata"), dict) and "communes" in doc))


def answer_data(doc: object, what: str) -> Any:
    if not isinstance(doc, dict) or "code" not in doc:
        raise PortalShapeError(f"{what}: not a portal answer (no 'code' field)")
    if doc.get("code") != "OK":
        msg = str(doc.get("message") or "")[:120]
        raise PortalShapeError(f"{what}: portal answered code={str(doc.get('code'))[:40]!r} {msg}".rstrip())
    if doc.get("data") is None:
        raise PortalShapeError(f"{what}: key 'data': the answer has no data")
    return doc["data"]


def number(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise PortalShapeError(f"{where}: expected a number, got {type(value).__name__}")
    try:
        return float(value)
    except ValueError:
        raise PortalShapeError(f"{where}: expected a number, got {str(value)[:20]!r}") from None


def period_from_body(body: object) -> str | None:
    """The canonical period of the portal's time fields (``timeType``, ``year``, …)."""
    if not isinstance(body, dict) or not isinstance(body.get("year"), int):
        return None
    year, kind = body["year"], body.get("timeType")
    if kind == "year":
        return str(year)
    if kind == "quarter" and isinstance(body.get("quarter"), int):
        return f"{year}-Q{body['quarter']}"
    if kind == "month" and isinstance(body.get("month"), int):
        return f"{year}-{body['month']:02d}"
    return None


def period_of(doc: object) -> str | None:
    """The period a crawler file says it holds (its ``metadata``), if it says."""
    return period_from_body(doc.get("metadata")) if isinstance(doc, dict) else None


# -- one unit's rows ------------------------------------------------------------------------------
def _unit_head(row: object, i: int, what: str, province: str) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise PortalShapeError(f"{what}: unit {i} is not an object")
    kind = row.get("childGroup") or row.get("level") or row.get("departmentType")
    cohort = _COHORT_OF.get(str(kind))
    name, code, ident = row.get("departmentName"), row.get("departmentCode"), row.get("departmentId")
    if cohort is None:
        raise PortalShapeError(f"{what}: unit {i} ({str(name)[:60]}): unknown kind {str(kind)[:30]!r} "
                               "(expected childGroup AGENCY/COMMUNE or level PROVINCE/COMMUNE)")
    if not name or not (code or ident):
        raise PortalShapeError(f"{what}: unit {i} has no departmentName and departmentCode/Id")
    return {"province": province, "unit": str(code or ident), "unit_id": str(ident or ""),
            "name": str(name), "cohort": cohort}


def _group_rank(row: dict[str, Any], where: str) -> int | None:
    got = number(row.get("groupRank"), f"{where} groupRank")
    return int(got) if got is not None else None


def unit_score_rows(row: dict[str, Any], head: dict[str, Any], period: str, where: str) -> list[dict[str, Any]]:
    """A unit's total and six groups as records; a total that is not the sum of its groups is flagged."""
    groups = row.get("groupScores")
    if not isinstance(groups, dict):
        raise PortalShapeError(f"{where}: key 'groupScores' missing")
    base = {**head, "period": period, "source_rank": _group_rank(row, where), "real": True}
    total = number(row.get("totalScore"), f"{where} totalScore")
    values = {GROUP_METRICS[k]: number(v, f"{where} groupScores.{k}") for k, v in groups.items()
              if k in GROUP_METRICS}
    flag = None
    present = [v for v in values.values() if v is not None]
    if total is not None and len(present) == 6 and abs(total - sum(present)) > SUM_TOLERANCE:
        flag = f"total {total:g} ≠ sum of groups {round(sum(present), 2):g}"
    out = [{**base, "metric": TOTAL, "value": total, "flag": flag}] if total is not None else []
    out += [{**base, "metric": m, "value": v, "flag": None} for m, v in values.items() if v is not None]
    return out


def unit_records(doc: object, period: str | None = None, province: str | None = None,
                 what: str = "service-results") -> tuple[list[dict[str, Any]], str]:
    """Every unit's records from a province's ``service-results`` or a crawler file of one.

    Returns the records and the period (the file's own, else ``period``)."""
    if isinstance(doc, dict) and isinstance(doc.get("communes"), list):
        meta, rows = doc.get("metadata") or {}, doc["communes"]
        province = province or str(meta.get("provinceCode") or meta.get("province") or "")
        period = period_of(doc) or period
    else:
        data = answer_data(doc, what)
        rows = data.get("evaluation") if isinstance(data, dict) else None
        head = data.get("overview") if isinstance(data, dict) else None
        if province is None and isinstance(head, dict):
            province = str(head.get("departmentCode") or head.get("departmentName") or "")
    if not isinstance(rows, list):
        raise PortalShapeError(f"{what}: key 'evaluation': no list of units")
    if not period:
        raise PortalShapeError(f"{what}: the answer does not say its period; give --period")
    if not province:
        raise PortalShapeError(f"{what}: the answer does not say its province")
    records: list[dict[str, Any]] = []
    for i, row in enumerate(rows, 1):
        head = _unit_head(row, i, what, province)
        records += unit_score_rows(row, head, period, f"{what}: {head['unit']}")
    return records, period


def tree_endpoint(doc: object) -> str | None:
    """Which per-group answer of a province ``doc`` is, by its shape."""
    data = doc.get("data") if isinstance(doc, dict) else None
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("evaluation"), list) and data["evaluation"] and \
            isinstance(data["evaluation"][0], dict) and "metrics" in data["evaluation"][0]:
        return "transparency"
    parent = data.get("parent")
    if not isinstance(parent, dict) or not isinstance(data.get("children"), list):
        return None
    if "channelOnlineSum" in parent:
        return "provide-online-tree"
    if "totalReceived" in parent:
        return "dvc-progress-tree"
    if "totalDossierOnlinePaymentSuccess" in parent or "totalFeeFormality" in parent:
        return "formality-online-payment-tree"
    return None


def tree_records(doc: object, period: str, province: str, endpoint: str | None = None) -> list[dict[str, Any]]:
    """A province's per-group answer (one group of the index for each of its units) as records."""
    endpoint = endpoint or tree_endpoint(doc)
    if endpoint not in TREE_METRICS:
        raise PortalShapeError("per-group answer: not a transparency or *-tree answer of a province")
    data = answer_data(doc, endpoint)
    rows = data.get("evaluation") if endpoint == "transparency" else data.get("children")
    if not isinstance(rows, list):
        raise PortalShapeError(f"{endpoint}: no list of units")
    metric = TREE_METRICS[endpoint]
    out: list[dict[str, Any]] = []
    for i, row in enumerate(rows, 1):
        head = _unit_head(row, i, endpoint, province)
        where = f"{endpoint}: {head['unit']}"
        base = {**head, "period": period, "source_rank": None, "real": True, "flag": None}
        score = number(row.get("totalScore", row.get("score")), f"{where} totalScore")
        if score is not None:
            out.append({**base, "metric": metric, "value": score})
        if endpoint == "transparency":
            out += _sync_rate(row, base, where)
    return out


def _sync_rate(row: dict[str, Any], base: dict[str, Any], where: str) -> list[dict[str, Any]]:
    metrics = row.get("metrics") or []
    sync = next((m for m in metrics if isinstance(m, dict) and m.get("code") == "DOSSIER_SYNC"), None)
    if sync is None:
        return []
    num, den = number(sync.get("numerator"), f"{where} numerator"), number(sync.get("denominator"),
                                                                          f"{where} denominator")
    flag = str(sync["dataQualityStatus"])[:60] if sync.get("dataQualityStatus") else None
    ratio = number(sync.get("ratio"), f"{where} DOSSIER_SYNC ratio")
    if num is not None and den:
        ratio = 100 * num / den
    if ratio is None:
        return []
    return [{**base, "metric": "sync_to_portal_rate", "value": ratio, "flag": flag}]


# -- the province level of the same answers --------------------------------------------------------
def province_records(doc: object, period: str | None, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Province records (total and six groups) from a national ``service-results`` answer or a
    crawler file of a province, and notes on what else the file holds."""
    notes: list[str] = []
    if isinstance(doc, dict) and isinstance(doc.get("communes"), list):
        period = period_of(doc) or period
        rows: list[Any] = [doc.get("overview")]
        notes.append(f"{len(doc['communes'])} commune rows are unit-level figures: "
                     "see them with rank --level commune")
    else:
        data = answer_data(doc, name)
        evaluation = data.get("evaluation") if isinstance(data, dict) else None
        if not isinstance(evaluation, list) or not evaluation:
            raise PortalShapeError(f"{name}: key 'data.evaluation': no list of provinces")
        rows = evaluation
        units = [r for r in rows if isinstance(r, dict) and r.get("childGroup")]
        if units:
            head = data.get("overview")
            notes.append(f"{len(units)} unit rows are unit-level figures: see them with "
                         "rank --level department|commune")
            rows = [head]
    if not period:
        raise PortalShapeError(f"{name}: the portal's answer does not say its period; save the request "
                               "beside it as <name>.request.json, as the portal was asked")
    records: list[dict[str, Any]] = []
    for i, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not isinstance(row.get("groupScores"), dict):
            raise PortalShapeError(f"{name}: province {i}: key 'groupScores' missing")
        who = row.get("departmentCode") or row.get("departmentName")
        if not who:
            raise PortalShapeError(f"{name}: province {i}: no departmentCode or departmentName")
        where = f"{name}: {who}"
        total = number(row.get("totalScore"), f"{where} totalScore")
        found = {TOTAL: total} | {GROUP_METRICS[k]: number(v, f"{where} groupScores.{k}")
                                  for k, v in row["groupScores"].items() if k in GROUP_METRICS}
        records += [{"period": period, "province": str(who), "metric": m, "value": v, "real": True}
                    for m, v in found.items() if v is not None]
    return records, notes


def saved_answer_records(doc: object, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Province records of a saved portal answer given as a data file.

    The national answer does not say its period; the request it answers does, so a request saved
    beside it (``X.request.json`` for ``X.response.json`` or ``X.json``) is read for it."""
    from pathlib import Path

    period = period_of(doc)
    if period is None:
        path = Path(name)
        stem = path.name.removesuffix(".json").removesuffix(".response")
        beside = path.with_name(f"{stem}.request.json")
        try:
            import json

            period = period_from_body(json.loads(beside.read_text("utf-8-sig")))
        except (OSError, ValueError):
            period = None
    return province_records(doc, period, name)
