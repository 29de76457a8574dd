"""The shipped sample: labelled synthetic, complete, consistent, and reproducible."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "de06_sample.json"


@pytest.fixture(scope="module")
def doc():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_labelled_synthetic(doc):
    assert doc["schema"] == "de06tui.feed/1" and doc["synthetic"] is True
    assert "synthetic" in doc["source"] and "not official" in doc["source"]


def test_provinces_per_month_follow_the_merger(doc):
    per: dict[str, set] = {}
    for r in doc["records"]:
        if r["metric"] == "online_submission_rate":
            per.setdefault(r["period"], set()).add(r["province"])
    assert min(per) == "2024-01" and max(per) == "2026-10" and len(per) == 34
    for period, codes in per.items():
        assert len(codes) == (63 if period < "2025-07" else 34), period


def test_rates_agree_with_their_counts_and_ranges(doc):
    for r in doc["records"]:
        if "numerator" in r:
            assert 0 <= r["numerator"] <= r["denominator"]
            assert r["value"] == pytest.approx(100 * r["numerator"] / r["denominator"], abs=0.005)
        high = {"transparency_score": 18, "satisfaction_score": 18, "progress_score": 20,
                "online_service_score": 12, "online_payment_score": 10, "digitisation_score": 22}
        assert 0 <= r["value"] <= high.get(r["metric"], 100)


def test_real_records_are_the_portals_figures(doc):
    real = {(r["province"], r["metric"]): r["value"] for r in doc["records"] if r.get("real")}
    with open(ROOT / "data" / "registry" / "dvcqg_service_results_2026_ytd.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(real) == 34 * 7
    for row in rows:
        assert real[(row["admin_code"], "total_score")] == float(row["total_score"])
        assert real[(row["admin_code"], "transparency_score")] == float(row["CKMB_18"])
    assert all(r["period"] == "2026" for r in doc["records"] if r.get("real"))


def test_generator_reproduces_the_shipped_file(tmp_path):
    out = tmp_path / "again.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample.py"), "--out", str(out)], check=True)
    assert out.read_bytes() == SAMPLE.read_bytes()
