"""Hostile text in data: markup, ANSI and OSC 8 escapes, bidi and zero-width characters, and
spreadsheet formulas never reach a terminal or a spreadsheet as anything but plain text."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from de06tui.core.text import clean

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ["[red]x[/red]", "\x1b[31mred\x1b[0m", "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
           "a\u202eevil", "zero\u200bwidth", "=HYPERLINK(\"https://evil.example\")", "+1+1", "-2+3", "@SUM(A1)"]


@pytest.mark.parametrize("text", HOSTILE)
def test_clean_removes_controls_and_keeps_words(text):
    out = clean(text)
    assert "\x1b" not in out and "\u202e" not in out and "\u200b" not in out and "\x07" not in out
    assert any(ch.isalnum() for ch in out)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


@pytest.fixture
def hostile_file(tmp_path) -> Path:
    path = tmp_path / "hostile.csv"
    rows = ["period,province,metric,value,flag"]
    codes = ["01", "02", "04", "06", "08", "10", "11", "12", "14"]
    for code, flag in zip(codes, HOSTILE):
        rows.append(f"2024-10,{code},CKMB,{int(code) % 17},\"{flag.replace(chr(34), chr(34) * 2)}\"")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_cli_table_and_exports_are_inert(hostile_file, tmp_path):
    table = cli("rank", "--data", str(hostile_file), "-m", "CKMB", "--period", "2024-10")
    assert table.returncode == 0, table.stderr
    for bad in ("\x1b", "\u202e", "\u200b", "\x07"):
        assert bad not in table.stdout
    assert "[red]x[/red]" in table.stdout  # shown literally, not as colour
    out = tmp_path / "board.csv"
    assert cli("export", "--data", str(hostile_file), "-m", "CKMB", "--period", "2024-10", "--format", "csv",
               "--out", str(out)).returncode == 0
    flags = [r["flag"] for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))]
    for f in flags:
        assert not f.startswith(("=", "+", "-", "@")), f
        assert "\x1b" not in f
    assert "'=HYPERLINK(\"https://evil.example\")" in flags
    xlsx = tmp_path / "board.xlsx"
    assert cli("export", "--data", str(hostile_file), "-m", "CKMB", "--period", "2024-10", "--format", "xlsx",
               "--out", str(xlsx)).returncode == 0
    # The office layout: five rows of title and metadata, the header on row 6.
    cells = pl.read_excel(xlsx, read_options={"header_row": 5})["flag"].drop_nulls().to_list()
    assert cells and all(not c.startswith(("=", "+", "-", "@")) for c in cells)
    md = tmp_path / "board.md"
    assert cli("export", "--data", str(hostile_file), "-m", "CKMB", "--period", "2024-10", "--format", "md",
               "--out", str(md)).returncode == 0
    assert "\x1b" not in md.read_text(encoding="utf-8")


def test_validation_messages_are_inert(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("period,province,metric,value\n2024-10,\"\x1b]8;;https://e.example\x07Hà Nội\u202e\",CKMB,1\n",
                    encoding="utf-8")
    r = cli("validate", str(path))
    assert r.returncode == 2
    assert "\x1b" not in r.stderr and "\u202e" not in r.stderr and "Hà Nội" in r.stderr


def test_oversized_input_is_refused_with_a_message(tmp_path, monkeypatch):
    import os

    config_dir = Path(os.environ["DE06TUI_CONFIG_DIR"])
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text("[data]\nmax_file_bytes = 100\n")
    path = tmp_path / "big.csv"
    path.write_text("period,province,metric,value\n" + "2024-10,01,CKMB,1\n" * 20)
    r = cli("rank", "--data", str(path), "-m", "CKMB")
    assert r.returncode == 2 and "over the 100-byte limit" in r.stderr
