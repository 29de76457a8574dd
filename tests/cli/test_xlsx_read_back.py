"""An XLSX export (the office layout: title, four metadata rows, the header on row 6) read back
with ``--data`` gives the same figures, and an export of the sample is still labelled SAMPLE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "de06_sample.json"


def cli(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          env=dict(os.environ, DE06TUI_CACHE_DIR=str(cache), LANG="C.UTF-8"), timeout=120)


def test_an_exported_sample_workbook_reads_back_labelled_sample(tmp_path):
    book = tmp_path / "board.xlsx"
    made = cli("export", "-f", "xlsx", "-m", "online_submission_rate", "--period", "2026-10",
               "--out", str(book), cache=tmp_path / "cache")
    assert made.returncode == 0, made.stderr
    back = cli("rank", "--data", str(book), "-m", "online_submission_rate", "--period", "2026-10",
               "-f", "json", cache=tmp_path / "cache")
    assert back.returncode == 0, back.stderr
    doc = json.loads(back.stdout)
    assert doc["synthetic"] is True and "SAMPLE" in back.stderr
    # the figures are the sample file's own, read here straight from its JSON
    records = json.loads(SAMPLE.read_text("utf-8"))["records"]
    want = {r["province"]: r["value"] for r in records
            if r["metric"] == "online_submission_rate" and r["period"] == "2026-10"}
    got = {r["code"]: r["value"] for r in doc["rows"]}
    assert got.keys() == want.keys() and len(got) == 34
    # within the sheet's two decimals: read back, a row with counts gets 100 × numerator ÷ denominator
    assert all(abs(got[c] - want[c]) <= 0.005 for c in want), {c: (got[c], want[c]) for c in want}
    table = cli("rank", "--data", str(book), "-m", "online_submission_rate", "--period", "2026-10",
                cache=tmp_path / "cache")
    assert "[SAMPLE]" in table.stdout.splitlines()[0]
