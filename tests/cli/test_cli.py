"""The headless CLI, run as users run it: a subprocess, stdout for data, stderr for messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=full_env, timeout=120)


def test_validate_reports_every_problem_with_file_and_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("period,province,metric,value\n"
                   "2024-10,Hà Nội,online_submission_rate,80\n"
                   "2024-10,Atlantis,online_submission_rate,70\n"
                   "2024-10,Ha Noi,online_submission_rate,81\n"
                   "2024-10,Cà Mau,online_submission_rate,180\n", encoding="utf-8")
    r = cli("validate", str(bad))
    assert r.returncode == 2
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert any(f"{bad}, row 3" in x and "unknown province 'Atlantis'" in x for x in lines)
    assert any(f"{bad}, row 4" in x and "duplicate of row 2" in x for x in lines)
    assert any(f"{bad}, row 5" in x and "outside" in x and "180" in x for x in lines)
    assert "Traceback" not in r.stderr


def test_validate_clean_and_warnings_exit_zero(tmp_path):
    ok = tmp_path / "ok.csv"
    ok.write_text("period,province,metric,value\n2024-10,Hà Nội,CKMB,10\n", encoding="utf-8")
    r = cli("validate", str(ok))
    assert r.returncode == 0 and "warning" in r.stderr


def test_brief_october_2024_names_the_published_provinces():
    r = cli("brief", "--period", "2024-10", "--lang", "vi")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("Tháng 10/2024 — SAMPLE")  # the label travels with the sentences
    assert lines[1].startswith("3 địa phương có tỷ lệ nộp hồ sơ trực tuyến cao nhất, gồm: "
                               "Bình Định, Bắc Giang, Cà Mau; thấp nhất là tỉnh Bạc Liêu.")
    assert lines[2].startswith("3 địa phương có điểm công khai, minh bạch cao nhất, gồm: "
                               "Bình Định, Lai Châu, Cà Mau; thấp nhất là tỉnh Thái Bình.")
    assert lines[3].startswith("3 địa phương có tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia "
                               "cao nhất, gồm: Long An, Tây Ninh, Hà Tĩnh; thấp nhất là tỉnh Bến Tre.")
    assert "MẪU" in r.stderr  # the sample says it is synthetic


@pytest.mark.parametrize(
    "name, args",
    [("rank_online_2024-10.txt", ["rank", "--metric", "online_submission_rate", "--period", "2024-10"]),
     ("rank_ckmb_2026.csv", ["rank", "-m", "CKMB", "--period", "2026", "--format", "csv"]),
     ("rank_sync_top5.md", ["rank", "-m", "sync_to_portal_rate", "--period", "T10/2024", "--top", "5",
                            "--format", "md"]),
     ("brief_2026-10_en.txt", ["brief", "--period", "2026-10", "--lang", "en"])],
)
def test_golden_output(name, args):
    r = cli(*args, "--lang", "en") if args[0] == "rank" else cli(*args)
    assert r.returncode == 0, r.stderr
    golden = GOLDEN / name
    if os.environ.get("DE06TUI_UPDATE_GOLDEN"):  # regenerate, then review the diff before committing
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == golden.read_text(encoding="utf-8")


def test_rank_json_is_data_only():
    r = cli("rank", "--period", "2024-10", "--format", "json")
    doc = json.loads(r.stdout)
    assert doc["synthetic"] is True and len(doc["rows"]) == 63
    assert doc["rows"][0]["province"] == "Bình Định"


def test_default_period_is_the_latest():
    r = cli("rank", "--format", "json")
    assert json.loads(r.stdout)["period"] == "2026-10"


def test_bad_arguments_are_one_line_and_exit_2():
    for args in (["rank", "--metric", "nope"], ["rank", "--period", "2024-13"],
                 ["rank", "--data", "/nonexistent/file.csv"], ["brief", "--period", "2019-01"]):
        r = cli(*args)
        assert r.returncode == 2, (args, r.stderr)
        assert "Traceback" not in r.stderr and r.stderr.strip()


def test_export_feed_round_trips(tmp_path):
    out = tmp_path / "feed.json"
    r = cli("export", "--format", "feed", "--out", str(out))
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "de06tui.feed/1" and doc["synthetic"] is True
    again = cli("rank", "--data", str(out), "--period", "2024-10", "--format", "csv")
    first = cli("rank", "--period", "2024-10", "--format", "csv")
    assert again.stdout == first.stdout


def test_cli_path_never_imports_textual():
    code = ("import sys; from de06tui.cli.main import main; rc = main(['rank', '--format', 'csv']);"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'httpx', 'babel')];"
            "print(bad, file=sys.stderr); raise SystemExit(1 if bad else rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


def test_core_never_imports_textual_or_rich():
    code = ("import sys, pkgutil, importlib, de06tui.core as c\n"
            "for m in pkgutil.iter_modules(c.__path__): importlib.import_module('de06tui.core.' + m.name)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
            "raise SystemExit(str(bad) if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr + r.stdout


def test_help_everywhere():
    for args in ([], ["rank"], ["brief"], ["validate"], ["export"]):
        r = cli(*args, "--help")
        assert r.returncode == 0 and "usage" in r.stdout.lower(), args


def test_old_period_on_the_34_provinces_is_count_weighted():
    """October 2024 shown on the 34 new provinces: each value is its predecessors' counts summed."""
    from de06tui.core.registry import default_registry

    doc = json.loads((ROOT / "data" / "sample" / "de06_sample.json").read_text(encoding="utf-8"))
    counts = {r["province"]: (r["numerator"], r["denominator"]) for r in doc["records"]
              if r["period"] == "2024-10" and r["metric"] == "online_submission_rate"}
    r = cli("rank", "--metric", "online_submission_rate", "--period", "2024-10", "--provinces", "34",
            "--format", "json")
    rows = json.loads(r.stdout)["rows"]
    assert len(rows) == 34
    reg = default_registry()
    for row in rows:
        olds = reg.predecessors(row["code"])
        num = sum(counts[c][0] for c in olds)
        den = sum(counts[c][1] for c in olds)
        assert (row["numerator"], row["denominator"]) == (num, den)
        assert row["value"] == pytest.approx(round(100 * num / den, 1), abs=0.051)
        assert row["approx"] is False
    hcm = next(row for row in rows if row["code"] == "79")
    assert hcm["province"] == "TP Hồ Chí Minh"


def test_brief_and_movers_carry_sample_on_stdout():
    brief = cli("brief", "--period", "2024-Q3", "--lang", "en")  # a quarter computed from months
    assert brief.returncode == 0, brief.stderr
    assert brief.stdout.splitlines()[0] == "Q3 2024 — SAMPLE — synthetic data, not official figures"
    assert len(brief.stdout.splitlines()) == 4
    table = cli("movers", "--to", "2024-10", "--lang", "en")
    assert table.stdout.splitlines()[0].endswith("[SAMPLE]")
    rows = json.loads(cli("movers", "--to", "2024-10", "--format", "json").stdout)["rows"]
    assert rows and all(r["synthetic"] is True and r["real"] is False for r in rows)
    csv_lines = cli("movers", "--to", "2024-10", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].endswith(",real,synthetic") and csv_lines[1].endswith(",false,true")


def test_movers_mark_real_figures_and_make_no_change_against_a_synthetic_base(tmp_path):
    # Two real months inside a synthetic feed: Cà Mau 10 → 14 rises from 2nd to 1st.
    records = [dict(period=p, province=c, metric="transparency_score", value=v, real=True)
               for p, pairs in (("2024-09", (("96", 10), ("01", 12))), ("2024-10", (("96", 14), ("01", 12))))
               for c, v in pairs]
    records += [dict(period="2024-08", province=c, metric="transparency_score", value=v)
                for c, v in (("96", 1), ("01", 2))]
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps({"schema": "de06tui.feed/1", "synthetic": True, "source": "t",
                                "records": records}, ensure_ascii=False), encoding="utf-8")
    r = cli("movers", "-m", "CKMB", "--from", "2024-09", "--to", "2024-10", "--lang", "en",
            "--data", str(feed))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Transparency score: Sep 2024 → Oct 2024 [SAMPLE]"
    assert lines[3] == "    ▲1  Cà Mau  #2 → #1  10.00 → 14.00  [real]"
    assert lines[6] == "    ▼1  Hà Nội  #1 → #2  12.00 → 12.00  [real]"
    # August is synthetic: a real October is not compared with it
    r = cli("movers", "-m", "CKMB", "--from", "2024-08", "--to", "2024-10", "--format", "json",
            "--data", str(feed))
    assert json.loads(r.stdout)["rows"] == []
