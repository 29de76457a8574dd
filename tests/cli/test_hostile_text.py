"""Text from data never reaches the terminal as control codes: every CLI output, with hostile
values in every field that comes from outside (file name, feed fields, metric titles, column
names, a feed URL, a server's error text), holds no ESC, BEL, C1 or bidi control."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from feeds.conftest import FEED_DOC
from feeds.replay import Replay

# An OSC 52 clipboard write, a clear-screen, a right-to-left override and an 8-bit CSI.
HOSTILE = "\x1b]52;c;aGk=\x07\x1b[2J\u202e\x9b31m"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          timeout=60)


def hostile_doc() -> dict:
    doc = json.loads(json.dumps(FEED_DOC))
    doc["source"] = f"office {HOSTILE}"
    doc["generated_at"] = f"2026-10-31 {HOSTILE}"
    for record in doc["records"]:
        record["note"] = HOSTILE
    return doc


@pytest.fixture
def hostile_file(tmp_path) -> Path:
    folder = tmp_path / f"d{HOSTILE}"
    folder.mkdir()
    path = folder / f"{HOSTILE}x.json"
    path.write_text(json.dumps(hostile_doc(), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def hostile_metric():
    """A user's metric screen whose titles carry escapes (it replaces the shipped one)."""
    folder = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "screens"
    folder.mkdir(parents=True)
    (folder / "transparency_score.toml").write_text(
        'id = "transparency_score"\norder = 1\nmain = true\n'
        f'title = {{ vi = {json.dumps("Minh bạch" + HOSTILE)}, en = {json.dumps("Transparency" + HOSTILE)} }}\n'
        'unit = "points"\nrange = [0, 18]\n'
        f'columns = ["transparency_score", {json.dumps("CKMB" + HOSTILE)}]\n', encoding="utf-8")


def assert_clean(result: subprocess.CompletedProcess, what: str) -> None:
    shown = result.stdout + result.stderr
    assert shown.strip(), what  # there is something to look in
    bad = FORBIDDEN.findall(shown)
    assert not bad, f"{what}: {bad!r} in {shown[:400]!r}"
    assert "Traceback" not in shown, what


COMMANDS = [
    ["validate"], ["rank", "-m", "transparency_score"], ["rank", "-m", "transparency_score", "-f", "csv"],
    ["rank", "-m", "transparency_score", "-f", "json"], ["rank", "-m", "transparency_score", "-f", "md"],
    ["rank", "--list"], ["brief"], ["movers", "-m", "transparency_score"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_every_output_of_a_hostile_file_is_clean(hostile_file, hostile_metric, args):
    assert_clean(cli(*args, "--data", str(hostile_file)), " ".join(args))


def test_export_of_a_hostile_file_is_clean(hostile_file, hostile_metric, tmp_path):
    assert_clean(cli("export", "-m", "transparency_score", "-f", "csv", "--out", str(tmp_path / "b.csv"),
                     "--data", str(hostile_file)), "export")


def test_a_missing_hostile_file_is_reported_clean(tmp_path):
    assert_clean(cli("validate", "--data", str(tmp_path / f"{HOSTILE}gone.csv")), "missing file")


def test_hostile_column_names_in_problems_are_clean(tmp_path):
    path = tmp_path / f"{HOSTILE}.csv"
    path.write_text(f"province,period,{HOSTILE}bogus\nHà Nội,2026-09,{HOSTILE}\n", encoding="utf-8")
    assert_clean(cli("validate", "--data", str(path)), "problems")


@pytest.fixture
def hostile_server():
    srv = Replay(json.dumps(hostile_doc(), ensure_ascii=False).encode()).start()
    srv.files["/bad.json"] = (json.dumps({"records": [{"period": HOSTILE, "province": HOSTILE,
                                                        "metric": HOSTILE, "value": HOSTILE}]}).encode(),
                              "application/json")
    yield srv
    srv.stop()


@pytest.mark.parametrize("path", ["/feed.json", "/bad.json", f"/{HOSTILE}.json"])
def test_feed_fields_urls_and_errors_are_clean(hostile_server, hostile_metric, path):
    url = hostile_server.url + path
    assert_clean(cli("fetch", "--feed", url), f"fetch {path}")
    assert_clean(cli("rank", "-m", "transparency_score", "-f", "json", "--feed", url), f"rank {path}")
