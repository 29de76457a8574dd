"""The portal's unit answers parsed: Gia Lai's crawler snapshots, Phú Thọ's per-group trees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from de06tui.core import portal
from de06tui.core.unit_files import load_unit_paths

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg"
GL = FIX / "gia_lai"
TREES = FIX / "province-detail"


def raw(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize("day", ["09", "10"])
def test_gia_lai_snapshot_has_every_commune_and_all_seven_figures(day):
    path = GL / f"communes_GiaLai_{day}102026.json"
    units = load_unit_paths([path])
    assert not units.problems
    f = units.frame
    assert f["unit"].n_unique() == 135
    assert set(f["cohort"].unique()) == {"commune"}
    assert f.group_by("unit").len()["len"].unique().to_list() == [7]
    assert set(f["period"].unique()) == {"2026"}
    assert set(f["as_of"].unique()) == {f"2026-10-{day}"}
    # ONLINE (the communes' key) is the same metric as the provinces' CLGQ
    vc = {c["departmentCode"]: c for c in raw(path)["communes"]}["H21.227"]
    got = f.filter((f["unit"] == "H21.227") & (f["metric"] == "online_service_score"))["value"].to_list()
    assert got == [vc["groupScores"]["ONLINE"]]


def test_totals_that_are_not_the_sum_of_their_groups_are_flagged_per_unit():
    doc = raw(GL / "communes_GiaLai_09102026.json")
    # Seven two-decimal figures: rounding alone moves a sum by at most 0.035.
    expected = {c["departmentCode"] for c in doc["communes"]
                if abs(c["totalScore"] - sum(c["groupScores"].values())) > 0.035 + 1e-9}
    assert len(expected) > 40  # "many communes", as the source file is
    f = load_unit_paths([GL / "communes_GiaLai_09102026.json"]).frame
    flagged = f.filter(f["flag"].is_not_null())
    assert set(flagged["unit"]) == expected
    assert set(flagged["metric"]) == {"total_score"}
    f10 = load_unit_paths([GL / "communes_GiaLai_10102026.json"]).frame
    assert f10["flag"].is_null().all()


@pytest.mark.parametrize("endpoint, metric", [
    ("provide-online-tree", "online_service_score"), ("dvc-progress-tree", "progress_score"),
    ("formality-online-payment-tree", "online_payment_score"), ("transparency", "transparency_score")])
def test_phu_tho_per_group_answers_list_15_departments_and_148_communes(endpoint, metric):
    doc = raw(TREES / endpoint / "year-all.json")
    assert portal.tree_endpoint(doc) == endpoint
    records = [r for r in portal.tree_records(doc, "2026", "25") if r["metric"] == metric]
    by_cohort = {}
    for r in records:
        by_cohort.setdefault(r["cohort"], set()).add(r["unit"])
    assert {k: len(v) for k, v in by_cohort.items()} == {"department": 15, "commune": 148}


def test_phu_tho_transparency_keeps_the_portals_data_quality_status():
    doc = raw(TREES / "transparency" / "year-all.json")
    rows = doc["data"]["evaluation"]
    want = {r["departmentId"] for r in rows for m in r["metrics"]
            if m["code"] == "DOSSIER_SYNC" and m.get("dataQualityStatus") and m["denominator"]}
    got = [r for r in portal.tree_records(doc, "2026", "25") if r["metric"] == "sync_to_portal_rate"]
    assert {r["unit_id"] for r in got if r["flag"]} == want
    # Thanh tra tỉnh has no national report data: no sync figure at all, not a zero
    missing = [r["departmentId"] for r in rows for m in r["metrics"]
               if m["code"] == "DOSSIER_SYNC" and m["ratio"] is None]
    assert missing and not [r for r in got if r["unit_id"] in missing]


def test_a_tree_answer_needs_a_province_and_says_so(tmp_path):
    path = tmp_path / "tree.json"
    path.write_bytes((TREES / "dvc-progress-tree" / "year-all.json").read_bytes())
    units = load_unit_paths([path], period="2026")
    assert [str(p) for p in units.problems] == [
        f"error: {path}: a per-group answer does not name its province; give --province"]
    units = load_unit_paths([path], period="2026", province="25")
    assert units.frame["unit"].n_unique() == 163


def test_an_answer_the_portal_refused_is_a_located_error(tmp_path):
    path = tmp_path / "refused.json"
    path.write_text(json.dumps({"code": "ERR", "message": "Too many requests", "data": None}))
    units = load_unit_paths([path], period="2026")
    assert len(units.problems) == 1 and units.problems[0].file == str(path)
    assert "code='ERR' Too many requests" in units.problems[0].reason
