"""The morning message, with the clock injected."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from de06tui.core.alerts import AlertRules, home_alerts
from de06tui.core.dataset import load_sample
from de06tui.core.home import home_report
from de06tui.core.morning import MAX_CHARS, data_as_of, morning_message, number, stale_line

AS_OF = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def ds():
    return load_sample()


def test_at_most_three_issues_heaviest_first(ds):
    # July 2025 on the sample: online rate −3.64 pp (weight 1.82), transparency −0.81 (1.62), online
    # rate out of the top 3 (1.5), transparency out of the top 3 (1.5).
    report = home_report(ds, "Gia Lai", "2025-07")
    alerts = home_alerts(ds, report.province, "2025-07", AlertRules())
    assert [(a.metric, a.rule) for a in alerts][:3] == [
        ("online_submission_rate", "rate_drop"), ("transparency_score", "drop"),
        ("online_submission_rate", "out_of_top")]
    text = morning_message(report, alerts, ds.catalog, AS_OF, AS_OF, 36, "en")
    lines = text.splitlines()
    issues = [x for x in lines if x[:3] in ("1. ", "2. ", "3. ", "4. ")]
    assert len(issues) == 3 and issues[0].startswith("1. Gia Lai — Online submission: down 3.6 pp")
    assert f"… +{len(alerts) - 3} (de06tui alerts)" in lines
    assert "(≈14.77 → 13.96)" in issues[1]  # June 2025 is two old provinces averaged


def test_the_clock_decides_stale_and_the_as_of_is_the_datas(ds):
    assert data_as_of(ds) == AS_OF
    assert stale_line(AS_OF, datetime(2026, 11, 2, 11, 59, tzinfo=UTC), 36, "en") is None
    late = stale_line(AS_OF, datetime(2026, 11, 2, 12, 1, tzinfo=UTC), 36, "vi")
    assert late.startswith("⚠ SỐ LIỆU CŨ: cập nhật lúc 01/11/2026 07:00 (giờ Việt Nam), cách đây 1 ngày")
    assert stale_line(None, AS_OF, 36, "en").startswith("⚠ DATA TIME UNKNOWN")
    report = home_report(ds, "Gia Lai", "2026-10")
    text = morning_message(report, [], ds.catalog, None, AS_OF, 36, "vi")
    assert text.splitlines()[0].startswith("⚠ KHÔNG RÕ THỜI ĐIỂM") and text.endswith("Số liệu tính đến: không rõ")


def test_a_long_message_still_fits_a_phone(ds):
    report = home_report(ds, "Gia Lai", "2025-07")
    alerts = [replace(a, subject_name="Gia Lai " + "x" * 400) for a in home_alerts(ds, "52", "2025-07", AlertRules())]
    text = morning_message(report, alerts, ds.catalog, AS_OF, datetime(2027, 1, 1, tzinfo=UTC), 36, "vi")
    assert len(text) <= MAX_CHARS
    lines = text.splitlines()
    assert lines[0].startswith("⚠ SỐ LIỆU CŨ") and lines[-1].startswith("Số liệu tính đến: 01/11/2026")
    assert any(x.startswith("… +") for x in lines)


def test_numbers_read_the_local_way():
    assert number(1234.5, 1, "vi") == "1.234,5" and number(1234.5, 1, "en") == "1,234.5"
