"""``--sheet`` chooses a workbook's sheet, in the commands that read data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import xlsxwriter

ROOT = Path(__file__).resolve().parents[2]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=ROOT, env=dict(os.environ), timeout=120)


def two_tables(path: Path) -> Path:
    """Two sheets, each a table: October on the first, November on the second."""
    wb = xlsxwriter.Workbook(str(path))
    pct = wb.add_format({"num_format": "0%"})
    for name, period, rate in (("T10", "2024-10", 0.61), ("T11", "2024-11", 0.73)):
        ws = wb.add_worksheet(name)
        ws.write_row(0, 0, ["Kỳ", "Tỉnh/Thành phố", "Tỷ lệ nộp hồ sơ trực tuyến (%)"])
        ws.write_row(1, 0, [period, "Cà Mau"])
        ws.write(1, 2, rate, pct)
    wb.close()
    return path


def test_rank_reads_the_sheet_asked_for(tmp_path):
    book = two_tables(tmp_path / "two.xlsx")
    first = cli("rank", "--data", str(book), "--metric", "online_submission_rate", "--format", "json")
    second = cli("rank", "--data", str(book), "--sheet", "T11", "--metric", "online_submission_rate",
                 "--format", "json")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    # 0.61 and 0.73 in a 0% format show as 61 % and 73 %
    assert [r["value"] for r in json.loads(first.stdout)["rows"]] == [61.0]
    assert [r["value"] for r in json.loads(second.stdout)["rows"]] == [73.0]


def test_validate_names_a_missing_sheet(tmp_path):
    book = two_tables(tmp_path / "two.xlsx")
    r = cli("validate", str(book), "--sheet", "T12")
    assert r.returncode == 2
    assert "no sheet 'T12'; sheets: 'T10', 'T11'" in r.stderr and "Traceback" not in r.stderr
