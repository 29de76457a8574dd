"""The portal's own rows given to --data: every group loads, not only the total."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from de06tui.core.dataset import load_paths

NATIONAL = Path(__file__).resolve().parent.parent / "fixtures" / "dvcqg" / "national"
METRICS = {"total_score": "totalScore", "transparency_score": "CKMB", "progress_score": "TDGQ",
           "online_service_score": "CLGQ", "online_payment_score": "TTTT", "satisfaction_score": "MDHL",
           "digitisation_score": "MDSH"}


def test_saved_national_answer_loads_the_total_and_the_six_groups_of_34_provinces():
    ds = load_paths([NATIONAL / "service-results-2026-ytd.response.json"])
    assert not ds.errors
    counts = dict(ds.frame.group_by("metric").len().iter_rows())
    assert {str(k): v for k, v in counts.items()} == {m: 34 for m in METRICS}
    assert ds.periods() == ["2026"]  # from the request saved beside it
    doc = json.loads((NATIONAL / "service-results-2026-ytd.response.json").read_text("utf-8"))
    dong_thap = next(e for e in doc["data"]["evaluation"] if e["departmentCode"] == "H20")
    code = ds.registry.resolve("H20", 34)
    rows = ds.frame.filter(ds.frame["province"].cast(str) == code)
    got = {str(m): v for m, v in rows.select("metric", "value").iter_rows()}
    want = {m: dong_thap["totalScore"] if k == "totalScore" else dong_thap["groupScores"][k]
            for m, k in METRICS.items()}
    assert got == want


def test_saved_answer_without_its_request_is_refused_naming_the_file(tmp_path):
    alone = tmp_path / "answer.json"
    shutil.copy(NATIONAL / "service-results-2026-ytd.response.json", alone)
    ds = load_paths([alone])
    assert ds.is_empty
    assert [str(p) for p in ds.errors] == [
        f"error: {alone}: the portal's answer does not say its period; save the request beside it "
        "as <name>.request.json, as the portal was asked"]
    (tmp_path / "answer.request.json").write_text('{"timeType":"month","year":2026,"month":8}')
    assert load_paths([alone]).periods() == ["2026-08"]


def test_a_province_snapshot_of_units_loads_its_own_province_row_and_says_what_else_it_holds():
    path = NATIONAL.parent / "gia_lai" / "communes_GiaLai_10102026.json"
    ds = load_paths([path])
    assert ds.frame.height == 7
    assert {str(v) for v in ds.frame["province"].unique()} == {ds.registry.resolve("Gia Lai", 34)}
    assert any("135 commune rows are unit-level figures" in p.reason for p in ds.warnings)
