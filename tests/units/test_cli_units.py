"""``rank --level department|commune`` as users run it: a subprocess against a replay server
answering the portal's contract for units, and on saved files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .replay_units import GIA_LAI, GIA_LAI_ID

ROOT = Path(__file__).resolve().parent.parent.parent
GL = ROOT / "tests" / "fixtures" / "dvcqg" / "gia_lai"


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=120)


def portal_env(portal) -> dict:
    return {"DE06TUI_DVCQG_BASE_URL": portal.url}


def rows_of(stdout: str) -> list[list[str]]:
    """The table's data rows split on runs of two spaces or more."""
    import re

    lines = stdout.splitlines()[2:]
    return [re.split(r"\s{2,}", line.strip()) for line in lines]


def test_communes_of_gia_lai_from_the_portal_with_the_portals_ranks(portal, data_dir):
    r = cli("rank", "--level", "commune", "--province", "Gia Lai", "--feed", "dvcqg", "--period", "2026",
            env=portal_env(portal))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Communes — total_score — 2026 (135)"
    rows = rows_of(r.stdout)
    assert len(rows) == 135
    recorded = {c["departmentCode"]: c for c in GIA_LAI["communes"]}
    for rank, source_rank, code, name, score, *_ in rows:
        c = recorded[code]
        assert int(source_rank) == c["groupRank"] and name == c["departmentName"]
        assert float(score) == c["totalScore"]
        assert int(rank) == 1 + sum(1 for o in recorded.values() if o["totalScore"] > c["totalScore"])
    # one national call for the province ids, one for Gia Lai's units, paced as the portal asks
    assert [b.get("rootDepartmentId") for b in portal.calls] == [None, GIA_LAI_ID]
    assert portal.calls[1]["timeType"] == "year" and portal.calls[1]["year"] == 2026
    # the fetch refreshed the registry under the user data folder
    saved = json.loads((data_dir / "units" / "52.json").read_text("utf-8"))
    assert len([u for u in saved["units"] if u["cohort"] == "commune"]) == 135
    assert len([u for u in saved["units"] if u["cohort"] == "department"]) == 14


def test_departments_of_gia_lai_from_the_portal(portal):
    r = cli("rank", "--level", "department", "--province", "H21", "--feed", "dvcqg", "--period", "2026",
            "--format", "json", env=portal_env(portal))
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["level"] == "department" and len(doc["rows"]) == 14
    scores = sorted((row["value"] for row in doc["rows"]), reverse=True)
    for row in doc["rows"]:
        assert row["rank"] == 1 + sum(1 for s in scores if s > row["value"])
        assert row["source_rank"] is not None and row["name"].startswith("SAMPLE Sở")


def test_a_generated_province_is_fetched_the_same_way(portal):
    r = cli("rank", "--level", "commune", "--province", "Hà Nội", "--feed", "dvcqg", "--period", "2026",
            "--format", "csv", env=portal_env(portal))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("rank,source_rank,unit,name,province")
    assert len(lines) == 41


def test_a_portal_that_says_stop_stops_the_fetch_with_a_message(portal):
    portal.status = 429
    r = cli("rank", "--level", "commune", "--province", "Gia Lai", "--feed", "dvcqg", "--period", "2026",
            env=portal_env(portal))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.startswith("error: portal: ") and "429" in r.stderr
    assert len(portal.calls) == 1
    assert "Traceback" not in r.stderr


def test_rank_on_the_saved_snapshot_file():
    r = cli("rank", "--level", "commune", "--data", str(GL / "communes_GiaLai_10102026.json"))
    assert r.returncode == 0, r.stderr
    rows = rows_of(r.stdout)
    assert len(rows) == 135 and rows[0][:4] == ["1", "1", "H21.227", "UBND xã Vân Canh"]


def test_the_9_october_snapshot_shows_its_data_quality_warnings():
    doc = json.loads((GL / "communes_GiaLai_09102026.json").read_text("utf-8"))
    bad = [c for c in doc["communes"] if abs(c["totalScore"] - sum(c["groupScores"].values())) > 0.035 + 1e-9]
    r = cli("rank", "--level", "commune", "--data", str(GL / "communes_GiaLai_09102026.json"))
    assert r.returncode == 0, r.stderr
    warned = [line for line in r.stderr.splitlines() if line.startswith("warning: ") and "≠ sum of groups" in line]
    assert len(warned) == len(bad)
    one = bad[0]
    total = sum(one["groupScores"].values())
    assert (f"warning: {one['departmentName']} ({one['departmentCode']}): total {one['totalScore']:g} "
            f"≠ sum of groups {round(total, 2):g}") in warned
    flagged_rows = [line for line in r.stdout.splitlines() if "≠ sum of groups" in line]
    assert len(flagged_rows) == len(bad)


def test_a_unit_csv_with_one_unknown_commune_is_refused(write):
    path = write("xa.csv", "Tỉnh,Xã,Kỳ,Tổng điểm\nGia Lai,Vân Canh,2026-10,75.3\nGia Lai,Đăk Sông,2026-10,73.9\n"
                           "Gia Lai,Ia Moo,2026-10,70\n")
    r = cli("rank", "--level", "commune", "--data", str(path))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == [
        f"error: {path}, row 4, column 'Xã': unknown commune of Gia Lai; did you mean UBND xã Ia Mơ, "
        "UBND xã Ia O? (value 'Ia Moo')"]


@pytest.fixture
def clustered(isolated_dirs):
    cfg = isolated_dirs / "config"
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "config.toml").write_text('[clusters]\n"Cụm Vân Canh" = ["Vân Canh", "canh vinh", "H21.203"]\n',
                                     "utf-8")


def test_a_cluster_is_ranked_on_its_own(clustered):
    r = cli("rank", "--level", "commune", "--cluster", "Cụm Vân Canh", "--format", "json",
            "--data", str(GL / "communes_GiaLai_10102026.json"))
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["rows"]
    # 75.34, 73.76 and 73.64 in the file: ranked 1, 2, 3 among themselves; 1, 3, 5 in the province
    assert [(x["unit"], x["rank"], x["source_rank"]) for x in rows] == [
        ("H21.227", 1, 1), ("H21.203", 2, 3), ("H21.228", 3, 5)]
    r = cli("rank", "--level", "commune", "--cluster", "Cụm 9", "--data", str(GL / "communes_GiaLai_10102026.json"))
    assert r.returncode == 2
    assert r.stderr.strip() == "error: column '--cluster': unknown cluster 'Cụm 9'; known: Cụm Vân Canh"


def test_unit_level_without_a_source_says_what_to_give():
    r = cli("rank", "--level", "commune")
    assert r.returncode == 2
    assert r.stderr.strip() == ("error: column '--level': unit-level ranks need --data FILE (a unit-level "
                                "file or a saved portal answer) or --feed dvcqg")


def test_every_provinces_communes_in_one_national_board(portal, isolated_dirs):
    cfg = isolated_dirs / "config"
    cfg.mkdir(parents=True, exist_ok=True)
    (cfg / "config.toml").write_text("[dvcqg]\ndelay = 0\n", "utf-8")
    r = cli("rank", "--level", "commune", "--feed", "dvcqg", "--period", "2026", "--format", "json",
            env=portal_env(portal))
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)["rows"]
    assert len(rows) == 135 + 33 * 40  # Gia Lai's recorded communes, 40 SAMPLE ones elsewhere
    assert len({row["province"] for row in rows}) == 34
    assert len(portal.calls) == 35
    values = sorted((row["value"] for row in rows), reverse=True)
    assert [row["rank"] for row in rows[:5]] == [1 + values.index(v) for v in values[:5]]


def test_a_sample_unit_file_is_labelled_sample(tmp_path):
    path = tmp_path / "xa.json"
    path.write_text(json.dumps({"schema": "de06tui.feed/1", "synthetic": True, "records": [
        {"province": "Gia Lai", "unit": "Vân Canh", "level": "commune", "period": "2026-08",
         "metric": "total_score", "value": 70.5}]}, ensure_ascii=False), "utf-8")
    r = cli("rank", "--level", "commune", "--data", str(path))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "Communes — total_score — 2026-08 (1) [SAMPLE]"
    assert "note: SAMPLE — synthetic data, not official figures" in r.stderr
    r = cli("rank", "--level", "commune", "--data", str(path), "--format", "csv")
    assert r.stdout.splitlines()[0].endswith(",synthetic") and r.stdout.splitlines()[1].endswith(",true")
