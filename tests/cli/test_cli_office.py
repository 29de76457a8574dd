"""The CLI for the office: exports land where people look, messages say what is wrong, and
Vietnamese is Vietnamese all the way (labels, legends, numbers)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from de06tui.core.registry import default_registry

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("DE06TUI_LANG",)}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env=full_env, timeout=120)


@pytest.fixture
def home(tmp_path) -> dict:
    """A user of their own: config, cache and documents folders inside tmp_path."""
    (tmp_path / "config").mkdir()
    return {"HOME": str(tmp_path / "home"), "XDG_DOCUMENTS_DIR": str(tmp_path / "docs"),
            "DE06TUI_CONFIG_DIR": str(tmp_path / "config"), "DE06TUI_CACHE_DIR": str(tmp_path / "cache"),
            "LANG": "C.UTF-8"}


@pytest.fixture
def close_call_csv(tmp_path) -> Path:
    """63 provinces; 72.05, 72.04 and 72.03 at ranks 29, 30 and 31."""
    codes = [p.code for p in default_registry().provinces(63)]
    values = [90.0 - i * 0.5 for i in range(28)] + [72.05, 72.04, 72.03] + [70.0 - i * 0.5 for i in range(32)]
    path = tmp_path / "close.csv"
    path.write_text("period,province,metric,value\n" + "".join(
        f"2024-10,{c},online_submission_rate,{v}\n" for c, v in zip(codes, values)), encoding="utf-8")
    return path


def test_machine_formats_keep_full_precision(close_call_csv, home):
    r = cli("rank", "--data", str(close_call_csv), "--format", "json", env=home)
    assert r.returncode == 0, r.stderr
    rows = {row["rank"]: row["value"] for row in json.loads(r.stdout)["rows"]}
    assert (rows[29], rows[30], rows[31]) == (72.05, 72.04, 72.03)
    r = cli("rank", "--data", str(close_call_csv), "--format", "csv", env=home)
    rows = {int(row["rank"]): row["value"] for row in csv.DictReader(io.StringIO(r.stdout))}
    assert (rows[29], rows[30], rows[31]) == ("72.05", "72.04", "72.03")
    table = cli("rank", "--data", str(close_call_csv), env=home).stdout  # people get rounded figures
    shown = [line.split() for line in table.splitlines() if line.split()[:1] in (["29"], ["30"], ["31"])]
    assert len(shown) == 3 and all("72.0" in cells for cells in shown)


def test_export_goes_to_the_documents_folder_and_never_overwrites(home, tmp_path):
    r = cli("export", "-f", "csv", "--period", "2024-10", cwd=tmp_path, env=home)
    assert r.returncode == 0, r.stderr
    folder = tmp_path / "docs" / "de06tui"
    first = sorted(folder.iterdir())
    assert len(first) == 1 and str(first[0]) in r.stderr
    assert first[0].name.startswith("de06_tinh_online-submission-rate_2024-10_")
    assert not list(tmp_path.glob("*.csv"))  # nothing in the current folder
    out = tmp_path / "mine.csv"
    out.write_text("keep me", encoding="utf-8")
    r = cli("export", "-f", "csv", "--out", str(out), env=home)
    assert r.returncode == 0 and "mine (2).csv" in r.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    r = cli("export", "-f", "csv", "--out", str(out), "--replace", env=home)
    assert r.returncode == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_config_export_dir_and_csv_style(home, tmp_path):
    Path(home["DE06TUI_CONFIG_DIR"], "config.toml").write_text(
        f'lang = "vi"\nexport_dir = "{(tmp_path / "out").as_posix()}"\ncsv_style = "vi"\n', encoding="utf-8")
    r = cli("export", "-f", "csv", "--period", "2024-10", env=home)
    assert r.returncode == 0, r.stderr
    [path] = list((tmp_path / "out").iterdir())
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["Tỉnh/Thành phố"] == "Bình Định" and rows[0]["Giá trị"] == "95,09"
    assert rows[0]["Tử số"] == "16204"


def test_exported_sample_is_still_a_sample(home, tmp_path):
    out = tmp_path / "sample.csv"
    assert cli("export", "-f", "csv", "--out", str(out), "--period", "2024-10", env=home).returncode == 0
    r = cli("rank", "--data", str(out), "--format", "json", env=home)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["synthetic"] is True and "SAMPLE" in r.stderr


def test_cli_follows_the_config_language(home):
    Path(home["DE06TUI_CONFIG_DIR"], "config.toml").write_text('lang = "vi"\n', encoding="utf-8")
    r = cli("rank", "--period", "2024-10", "--top", "3", env=home)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Tỷ lệ nộp hồ sơ trực tuyến — Tháng 10/2024 (63 tỉnh/thành) [MẪU]"
    # The sample's Bình Định: 16,204 of 17,041 (golden English table), 95.1 %.
    assert lines[2].split() == ["1", "Bình", "Định", "95,1", "▲4", "16.204", "17.041", "▲", "nhóm", "đầu"]
    assert "Dữ liệu MẪU" in r.stderr
    assert cli("rank", "--period", "2024-10", "--top", "1", "--lang", "en", env=home).stdout.startswith(
        "Online-submission rate")


def test_messages_say_what_is_wrong(home, tmp_path):
    r = cli("rank", "--metric", "nope", env=home)
    assert r.returncode == 2 and "column '--metric'" not in r.stderr and "--metric 'nope'" in r.stderr
    (tmp_path / "dir").write_text("", encoding="utf-8")
    r = cli("export", "-f", "csv", "--out", str(tmp_path / "dir" / "x.csv"), env=home)
    assert r.returncode == 2 and "File exists" not in r.stderr and "is a file, not a folder" in r.stderr
    r = cli("rank", "--bogus", env=home)
    assert r.returncode == 2 and r.stderr.startswith("usage: de06tui rank") and "--bogus" in r.stderr
    r = cli("rank", "--period", "2023-01", env=home)
    assert r.returncode == 2 and "from 2024-01 to 2026-10" in r.stderr
    for top in ("-1", "0"):
        r = cli("rank", "--top", top, env=home)
        assert r.returncode == 2 and "must be 1 or more" in r.stderr and r.stdout == ""
    md = tmp_path / "notes.md"
    md.write_text("| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8")
    r = cli("validate", str(md), env=home)
    assert r.returncode == 2 and "not a data file" in r.stderr and str(md) in r.stderr
    assert "schema" not in r.stderr.lower() and "missing column" not in r.stderr
    assert "Traceback" not in r.stderr


def test_top_level_help_lists_the_app_options(home):
    r = cli("--help", env=home)
    assert r.returncode == 0
    for option in ("--data", "--feed", "--lang", "--period", "--metric", "--export-dir", "--refresh"):
        assert option in r.stdout, option


def test_xlsx_export_from_the_cli_has_a_sheet_per_metric(home, tmp_path):
    import openpyxl

    out = tmp_path / "b.xlsx"
    r = cli("export", "-f", "xlsx", "--out", str(out), "--period", "2026", "-m", "CKMB", "--lang", "vi",
            env=home)
    assert r.returncode == 0, r.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Công khai minh bạch" and len(book.sheetnames) == 9


def test_real_figures_inside_the_sample_say_so_in_the_table(home):
    # data/sample: the 2026 transparency scores are the portal's own ("real": true), e.g. Cà Mau 14.0.
    r = cli("rank", "-m", "CKMB", "--period", "2026", "--top", "2", "--lang", "en", env=home)
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[2]
    assert first.split()[:4] == ["1", "Cà", "Mau", "14.00"] and first.endswith("(real figure)")


def test_brief_follows_the_config_language(home):
    Path(home["DE06TUI_CONFIG_DIR"], "config.toml").write_text('lang = "vi"\n', encoding="utf-8")
    r = cli("brief", "--period", "2024-10", env=home)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()  # the sample's SAMPLE line travels with the brief, first
    assert "SAMPLE" in lines[0] and "dữ liệu MẪU" in lines[0]
    assert lines[1].startswith("3 địa phương có tỷ lệ nộp hồ sơ trực tuyến cao nhất")
