"""brief --home, alerts and home as users run them: a subprocess, with its own config and cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parent / "golden"
# A month after the sample's as-of (2026-11-01T00:00Z): the data is stale.
LATER = "2026-12-01T01:00:00Z"


def cli(*args: str, now: str | None = LATER, env: dict | None = None) -> subprocess.CompletedProcess:
    full = dict(os.environ, **(env or {}))
    if now:
        full["DE06TUI_NOW"] = now
    return subprocess.run([sys.executable, "-m", "de06tui", *args], capture_output=True, text=True,
                          cwd=ROOT, env=full, timeout=120)


def config(text: str) -> Path:
    path = Path(os.environ["DE06TUI_CONFIG_DIR"]) / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_brief_home_vi_golden():
    r = cli("brief", "--home", "Gia Lai", "--period", "2026-07", "--lang", "vi")
    assert r.returncode == 0, r.stderr
    golden = GOLDEN / "brief_home_gia_lai_2026-07_vi.txt"
    if os.environ.get("DE06TUI_UPDATE_GOLDEN"):  # regenerate, then check the figures by hand again
        golden.write_text(r.stdout, encoding="utf-8")
    assert r.stdout == golden.read_text(encoding="utf-8")
    assert len(r.stdout.rstrip("\n")) <= 1200


def test_stale_data_is_said_in_the_first_line_and_fresh_data_is_not():
    stale = cli("brief", "--home", "gia lai", "--lang", "en")
    assert stale.stdout.splitlines()[0].startswith("⚠ STALE DATA: last updated 01/11/2026 07:00 Vietnam time, 30 days")
    fresh = cli("brief", "--home", "gia lai", "--lang", "en", now="2026-11-01T12:00:00Z")
    lines = fresh.stdout.splitlines()
    assert lines[0] == "Gia Lai — Oct 2026 · SAMPLE synthetic data, not official figures"
    assert "STALE" not in fresh.stdout and lines[-1] == "Data as of: 01/11/2026 07:00 Vietnam time"
    # Never under today's date: neither run names 1 December.
    assert "12/2026" not in stale.stdout + fresh.stdout and "Dec" not in stale.stdout + fresh.stdout


def test_the_stale_limit_comes_from_the_config():
    config("[alerts]\nstale_hours = 1000\n")
    assert "STALE" not in cli("brief", "--home", "52", "--lang", "en").stdout


def test_a_file_without_generated_at_is_dated_by_the_file(tmp_path):
    data = tmp_path / "d.csv"
    data.write_text("period,province,metric,value\n2026-10,Gia Lai,online_submission_rate,90\n"
                    "2026-10,Hà Nội,online_submission_rate,80\n", encoding="utf-8")
    os.utime(data, (1793404800, 1793404800))  # 2026-10-31T00:00:00Z
    r = cli("brief", "--home", "gia lai", "--data", str(data), "--lang", "en", now="2026-10-31T10:00:00Z")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Gia Lai — Oct 2026" and lines[-1] == "Data as of: 31/10/2026 07:00 Vietnam time"
    assert "• Online submission: rank 1/2 (–), 90.0% ✓" in lines


def test_home_from_the_config_in_any_spelling():
    config('home = "tỉnh  GIA LAI"\n')
    by_config = cli("brief", "--home", "--lang", "vi")
    by_flag = cli("brief", "--home", "52", "--lang", "vi")
    assert by_config.returncode == 0, by_config.stderr
    assert by_config.stdout == by_flag.stdout and "Gia Lai — Tháng 10/2026" in by_config.stdout


def test_an_unknown_home_is_a_located_usage_error():
    r = cli("brief", "--home", "Atlantis")
    assert r.returncode == 2 and r.stdout == "" and "Traceback" not in r.stderr
    assert "--home: unknown province 'Atlantis'" in r.stderr
    config('home = "Atlantis"\n')
    r = cli("alerts")
    assert r.returncode == 2 and "config.toml: key 'home': unknown province 'Atlantis'" in r.stderr


def test_alerts_text_json_and_since():
    r = cli("alerts", "--home", "Gia Lai", "--period", "2026-07", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Gia Lai — Online submission: down 2.2 pp (93.1 → 90.9), Jun 2026 → Jul 2026.\n"
    assert "SAMPLE" in r.stderr
    doc = json.loads(cli("alerts", "--home", "Gia Lai", "--since", "2026-02-01", "--format", "json").stdout)
    assert doc["synthetic"] is True and doc["home"] == "52"
    labels = [a["label"] for a in doc["alerts"]]
    assert labels == sorted(labels, reverse=True) and min(labels) == "2026-02"
    # A period still running on the --since date counts: January 2026 runs past the 15th.
    mid = json.loads(cli("alerts", "--home", "Gia Lai", "--since", "2026-01-15", "--format", "json").stdout)
    assert min(a["label"] for a in mid["alerts"]) == "2026-01"
    assert all(a["text"] and a["id"].endswith(a["label"]) for a in doc["alerts"])
    assert ("rate_drop", "2026-07") in [(a["rule"], a["label"]) for a in doc["alerts"]]
    bad = cli("alerts", "--home", "Gia Lai", "--since", "someday")
    assert bad.returncode == 2 and "--since" in bad.stderr and "someday" in bad.stderr


def test_the_hook_gets_new_alerts_once(tmp_path):
    out = tmp_path / "sent.txt"
    config(f'home = "Gia Lai"\n[alerts]\ncommand = "cat > \'{out}\'"\n')
    r = cli("alerts", "--period", "2026-07", "--lang", "vi")
    assert r.returncode == 0, r.stderr
    assert out.read_text(encoding="utf-8") == (
        "de06tui — Gia Lai: 1 cảnh báo mới (SAMPLE — synthetic data, not official figures)\n"
        "Gia Lai — Nộp trực tuyến: giảm 2,2 điểm % (93,1 → 90,9), Tháng 6/2026 → Tháng 7/2026.\n")
    sent = json.loads((Path(os.environ["DE06TUI_CACHE_DIR"]) / "alerts_sent.json").read_text())
    assert sent == {"sent": ["rate_drop:online_submission_rate:province:52:2026-07"]}
    out.unlink()
    again = cli("alerts", "--period", "2026-07", "--lang", "vi")
    assert again.returncode == 0 and again.stdout and not out.exists()  # printed, not sent twice


def test_a_failing_hook_marks_nothing_sent():
    config('home = "Gia Lai"\n[alerts]\ncommand = "echo mail server down >&2; exit 3"\n')
    r = cli("alerts", "--period", "2026-07")
    assert r.returncode == 1
    assert "the [alerts] command exited with 3: mail server down; alerts not marked as sent" in r.stderr
    assert not (Path(os.environ["DE06TUI_CACHE_DIR"]) / "alerts_sent.json").exists()


def test_home_json_carries_every_figure():
    r = cli("home", "--home", "gia lai", "--period", "2026-10", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    online = next(s for s in doc["standings"] if s["metric"] == "online_submission_rate")
    assert (online["rank"], online["up"]["names"], online["up"]["dossiers"], online["band"]["name"]) == (
        3, ["Khánh Hòa"], 408, "green")
    assert doc["synthetic"] is True and doc["missing"] == []
