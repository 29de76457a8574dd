"""The national portal adapter: parsing the recorded answers, and fetching politely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from de06tui.feeds import refresh
from de06tui.feeds.client import FeedError
from de06tui.feeds.dvcqg import (
    PortalShapeError,
    parse_online_tree,
    parse_service_results,
    parse_transparency,
    period_body,
)

from .replay import FIX, NATIONAL, ONLINE, PHU_THO, TRANSPARENCY

ROOT = Path(__file__).resolve().parents[2]


def test_phu_tho_recorded_answers():
    sync = parse_transparency(TRANSPARENCY, "2026", PHU_THO, "H44")
    assert sync["value"] == 100.0 and sync["flag"] == "TEMP_NATIONAL_REPORT_DENOMINATOR"
    assert (sync["numerator"], sync["denominator"]) == (475053, 475053)
    online = parse_online_tree(ONLINE, "2026", PHU_THO, "H44")
    assert (online["numerator"], online["denominator"]) == (589496, 597894)
    assert online["value"] == pytest.approx(100 * 589496 / 597894, abs=1e-3)


def test_month_and_quarter_answers_parse():
    for name in ("month-all", "quarter-all"):
        doc = json.loads((FIX / "province-detail" / "provide-online-tree" / f"{name}.json").read_text("utf-8"))
        rec = parse_online_tree(doc, "2026-08", PHU_THO, "H44")
        parent = doc["data"]["parent"]
        assert rec["numerator"] == parent["channelOnlineSum"] and rec["denominator"] == parent["channelTotalSum"]


def test_national_answer_groups_sum_to_totals():
    records, provinces = parse_service_results(NATIONAL, "2026")
    assert len(provinces) == 34
    by = {}
    for r in records:
        by.setdefault(r["province"], {})[r["metric"]] = r["value"]
    for scores in by.values():
        groups = sum(v for k, v in scores.items() if k != "total_score")
        assert groups == pytest.approx(scores["total_score"], abs=0.011)


@pytest.mark.parametrize("doc, message", [
    ({"code": "ERROR", "message": "busy", "data": None}, "code='ERROR'"),
    ({"data": {}}, "no 'code'"),
    ({"code": "OK", "data": {"evaluation": []}}, "no 'evaluation'"),
    ({"code": "OK", "data": {"evaluation": [{"departmentId": "x"}]}}, "no groupScores"),
    ([1, 2], "not a portal answer"),
])
def test_wrong_shapes_are_named(doc, message):
    with pytest.raises(PortalShapeError) as exc:
        parse_service_results(doc, "2026")
    assert message in str(exc.value)


def test_answer_for_another_province_is_refused():
    with pytest.raises(PortalShapeError) as exc:
        parse_transparency(TRANSPARENCY, "2026", "some-other-id", "H01")
    assert "asked for H01" in str(exc.value)


def test_period_bodies():
    assert period_body("2026") == {"timeType": "year", "year": 2026}
    assert period_body("2026-Q3") == {"timeType": "quarter", "year": 2026, "quarter": 3}
    assert period_body("2026-08") == {"timeType": "month", "year": 2026, "month": 8}


def portal_config(config, server):
    return replace(config, dvcqg_base_url=server.url, read_timeout=5.0)


def test_fetch_all_provinces_politely(server, config):
    seen = []
    ds, result = refresh("dvcqg", portal_config(config, server), period="2026",
                         progress=lambda d, t: seen.append((d, t)))
    assert not ds.errors
    assert seen[0] == (0, 34) and seen[-1] == (34, 34)
    assert len(server.calls) == 1 + 34 * 2
    assert server.max_in_flight <= 2
    assert any("TEMP_NATIONAL_REPORT_DENOMINATOR" in w for w in result.warnings)
    sync = ds.frame.filter((ds.frame["metric"] == "sync_to_portal_rate") & (ds.frame["province"] == "25"))
    assert sync["flag"].item() == "TEMP_NATIONAL_REPORT_DENOMINATOR"


@pytest.mark.parametrize("fault, message", [("429", "HTTP 429"), ("403", "HTML page"), ("html200", "HTML page"),
                                             ("500", "HTTP 500"), ("portal_error", "code='ERROR'")])
def test_circuit_breaker_stops_the_run(server, config, fault, message):
    server.set_fault(fault)
    with pytest.raises(FeedError) as exc:
        refresh("dvcqg", portal_config(config, server), period="2026")
    assert message in str(exc.value)
    assert len(server.calls) <= 3  # the national call (and its retries on 5xx), then nothing


def test_breaker_mid_run_stops_other_provinces(server, config):
    cfg = portal_config(config, server)
    server.set_fault(None)
    calls_before = len(server.calls)

    def trip_later(done, total):
        if done == 3:
            server.set_fault("429")

    with pytest.raises(FeedError) as exc:
        refresh("dvcqg", cfg, period="2026", progress=trip_later)
    assert "HTTP 429" in str(exc.value)
    assert len(server.calls) - calls_before < 1 + 34 * 2 - 20


def test_wrong_province_in_answer(server, config):
    server.wrong_province = True
    with pytest.raises(FeedError) as exc:
        refresh("dvcqg", portal_config(config, server), period="2026")
    assert "asked for" in str(exc.value)


def test_cli_fetch_writes_the_ranking_in_the_portals_order(server, tmp_path):
    out = tmp_path / "portal.json"
    config_dir = Path(os.environ["DE06TUI_CONFIG_DIR"])
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text("[dvcqg]\ndelay = 0.01\n")
    env = dict(os.environ, DE06TUI_DVCQG_BASE_URL=server.url)
    r = subprocess.run([sys.executable, "-m", "de06tui", "fetch", "--feed", "dvcqg", "--period", "2026",
                        "--out", str(out)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "34 / 34 provinces" in r.stderr
    r = subprocess.run([sys.executable, "-m", "de06tui", "rank", "--data", str(out), "--metric", "total_score",
                        "--period", "2026", "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    rows = json.loads(r.stdout)["rows"]
    portal = [e["departmentName"].replace("UBND ", "").replace("tỉnh ", "").replace("Thành phố ", "")
              for e in NATIONAL["data"]["evaluation"]]
    assert [row["province"] for row in rows] == [p if p != "Hồ Chí Minh" else "TP Hồ Chí Minh" for p in portal]
    ckmb = subprocess.run([sys.executable, "-m", "de06tui", "rank", "--data", str(out), "-m", "CKMB",
                           "--period", "2026", "--format", "csv"], capture_output=True, text=True, cwd=ROOT)
    assert ckmb.stdout.splitlines()[1].startswith("1,96,Cà Mau,14.0")
