"""The kept `rank` answer: replayed byte for byte, never stale, never shown when damaged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Runs the CLI in-process, then says on stderr whether polars was imported on the way.
PROBE = ("import sys; from de06tui.cli.main import main; code = main(sys.argv[1:]); "
         "sys.stderr.write('POLARS=%s\\n' % ('polars' in sys.modules)); raise SystemExit(code)")


def cli(*args: str, cache: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("DE06TUI_NO_BOARD_CACHE", None)
    if not cache:
        env["DE06TUI_NO_BOARD_CACHE"] = "1"
    return subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def notes(run: subprocess.CompletedProcess) -> list[str]:
    return [line for line in run.stderr.splitlines() if not line.startswith("POLARS=")]


def entries() -> list[Path]:
    return sorted((Path(os.environ["DE06TUI_CACHE_DIR"]) / "boards").glob("*.json"))


def board_csv(path: Path, hanoi: str) -> Path:
    path.write_text("period,province,metric,value\n"
                    f"2026-10,Hà Nội,online_submission_rate,{hanoi}\n"
                    "2026-10,Cà Mau,online_submission_rate,50.0\n"
                    "2026-09,Hà Nội,online_submission_rate,40.0\n"
                    "2026-09,Cà Mau,online_submission_rate,60.0\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("args", [
    ("rank",),
    ("rank", "--top", "5", "--lang", "vi"),
    ("rank", "--format", "json", "--provinces", "63", "--period", "2024-10"),
    ("rank", "--format", "csv", "--compare", "year"),
    ("rank", "--format", "md", "--metric", "CKMB", "--top", "3"),
])
def test_replayed_answer_is_the_computed_answer(args):
    fresh = cli(*args, cache=False)
    assert fresh.returncode == 0, fresh.stderr
    first, second = cli(*args), cli(*args)
    assert len(entries()) == 1
    for run in (first, second):
        assert run.returncode == 0
        assert run.stdout == fresh.stdout
        assert notes(run) == notes(fresh)  # the SAMPLE note included
    assert ("SAMPLE" in fresh.stderr or "MẪU" in fresh.stderr) and "POLARS=True" in fresh.stderr
    assert fresh.stdout.strip()


def test_a_hit_imports_no_polars():
    cli("rank", "--top", "2")
    hit = cli("rank", "--top", "2")
    assert hit.returncode == 0
    assert "POLARS=False" in hit.stderr
    assert "Điện Biên" in hit.stdout  # first on the sample's latest board


def test_a_rewritten_file_of_the_same_size_is_ranked_again(tmp_path):
    data = board_csv(tmp_path / "board.csv", "90.0")
    before = cli("rank", "--data", str(data), "--format", "csv")
    assert before.returncode == 0, before.stderr
    assert "Hà Nội" in before.stdout.splitlines()[1]  # 90 first
    size = data.stat().st_size
    board_csv(data, "10.0")  # same length, other value, a later modification time
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns + 1_000_000_000))
    assert data.stat().st_size == size
    after = cli("rank", "--data", str(data), "--format", "csv")
    assert after.returncode == 0, after.stderr
    assert after.stdout == cli("rank", "--data", str(data), "--format", "csv", cache=False).stdout
    assert after.stdout != before.stdout
    assert "Cà Mau" in after.stdout.splitlines()[1]  # 50 now beats Hà Nội's 10
    assert len(entries()) == 2


@pytest.mark.parametrize("damage", ["text", "truncate", "garbage"])
def test_a_damaged_entry_is_never_shown(damage):
    fresh = cli("rank", "--top", "4", cache=False)
    cli("rank", "--top", "4")
    (entry,) = entries()
    if damage == "text":  # valid JSON, a figure changed, checksum left as it was
        doc = json.loads(entry.read_text(encoding="utf-8"))
        doc["events"] = [[s, t.replace("97.0", "99.9")] for s, t in doc["events"]]
        entry.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    elif damage == "truncate":
        entry.write_bytes(entry.read_bytes()[:40])
    else:
        entry.write_bytes(b"\x00\xff" * 50)
    run = cli("rank", "--top", "4")
    assert run.returncode == 0
    assert run.stdout == fresh.stdout and "99.9" not in run.stdout
    assert "POLARS=True" in run.stderr  # computed, not replayed
    again = cli("rank", "--top", "4")  # the entry was rewritten whole
    assert again.stdout == fresh.stdout and "POLARS=False" in again.stderr


def test_failures_are_not_kept():
    failed = cli("rank", "--metric", "no_such_metric")
    assert failed.returncode == 2
    assert entries() == []
