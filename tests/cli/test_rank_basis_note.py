"""``rank`` says which figure it ranks by when a row's stated value contradicts its counts."""

from __future__ import annotations

import os
import subprocess
import sys

CSV = ("period,province,metric,value,numerator,denominator\n"
       "2024-10,01,online_submission_rate,90,500,1000\n"      # Hà Nội: 90 stated, 500/1000 = 50 %
       "2024-10,74,online_submission_rate,60,600,1000\n"      # Bình Dương: agrees with its counts
       "2024-10,02,online_submission_rate,50.05,500,1000\n")  # Hà Giang: within the 0.1 precision


def rank(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", "rank", "-m", "online_submission_rate",
                           "--period", "2024-10", *args], capture_output=True, text=True,
                          env=dict(os.environ, LANG="C.UTF-8"), timeout=60)


def test_the_rows_ranked_by_their_counts_are_named(tmp_path):
    path = tmp_path / "contradicts.csv"
    path.write_text(CSV, encoding="utf-8")
    r = rank("--data", str(path), "--lang", "en")
    assert r.returncode == 0, r.stderr
    note = [line for line in r.stderr.splitlines() if line.startswith("note: ranked by")]
    assert note == ["note: ranked by 100 × numerator ÷ denominator, not by the stated value that "
                    "contradicts it: Hà Nội (90 → 50.0)"], r.stderr
    table = r.stdout.splitlines()
    assert table[2].split()[:3] == ["1", "Bình", "Dương"] and "Hà Nội" in table[-1]


def test_a_board_ranked_by_value_has_no_note(tmp_path):
    path = tmp_path / "agrees.csv"
    path.write_text(CSV.replace(",90,500,", ",50,500,"), encoding="utf-8")
    r = rank("--data", str(path), "--lang", "en")
    assert r.returncode == 0 and "note: ranked by" not in r.stderr, r.stderr


def test_the_merged_view_says_which_provinces_combine_counts(tmp_path):
    path = tmp_path / "contradicts.csv"
    path.write_text(CSV, encoding="utf-8")
    r = rank("--data", str(path), "--lang", "en", "--provinces", "34", "-f", "csv")
    # 74 Bình Dương goes into TP HCM, 02 Hà Giang into Tuyên Quang: two combined, Hà Nội on its own
    assert "Hà Nội (90 → 50.0); 2 province(s) ranked by their predecessors' counts combined" in r.stderr
