"""The leaders' morning message for the home province, and the sentences of its alerts.

It fits in a phone message (at most ``MAX_CHARS`` characters). It names the data's as-of time and
the period the figures are for, never today's date: data older than the stale limit is said to be
stale in the very first line, so old figures are never read as this morning's.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from de06tui.core import periods as P
from de06tui.core.alerts import DECLINES, DROP, INTO_BOTTOM, OUT_OF_TOP, RATE_DROP, Alert
from de06tui.core.dataset import Dataset
from de06tui.core.home import HomeReport, Standing
from de06tui.core.metrics import MetricCatalog, MetricDef
from de06tui.core.text import clean

MAX_CHARS = 1200
MAX_ISSUES = 3
VIETNAM = timezone(timedelta(hours=7), "ICT")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def number(value: float, decimals: int, lang: str) -> str:
    """1,234.5 in English, 1.234,5 in Vietnamese."""
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text


def label_text(label: str, lang: str) -> str:
    """A snapshot label for people: a date as 01/12/2026, a period as "Tháng 10/2026"."""
    m = _DATE.match(label)
    if m:
        return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
    try:
        return P.label(P.parse_period(label), lang)
    except P.PeriodError:
        return clean(label)


def _amount(value: float, m: MetricDef, lang: str) -> str:
    if m.unit == "%":
        return f"{number(value, m.decimals, lang)} {'điểm %' if lang == 'vi' else 'pp'}"
    return f"{number(value, m.decimals, lang)} {m.unit_label(lang)}"


def alert_text(a: Alert, m: MetricDef, lang: str = "vi") -> str:
    """One sentence: who, what happened on which metric, the figures, and between which snapshots."""
    who = clean(a.subject_name)
    what = m.short(lang)
    span = f"{label_text(a.before_label, lang)} → {label_text(a.label, lang)}"
    figures = (f" ({'≈' * a.before_approx}{number(a.before, m.decimals, lang)} → "
               f"{'≈' * a.approx}{number(a.value, m.decimals, lang)})"
               if a.before is not None and a.value is not None else "")
    ranks = ""
    if a.rank is not None:
        ranks = (f" (hạng {a.rank}/{a.of}, trước đó {a.prev_rank})" if lang == "vi"
                 else f" (rank {a.rank} of {a.of}, was {a.prev_rank})")
    size = _amount(abs(a.change or 0.0), m, lang)
    if lang == "vi":
        body = {DROP: f"giảm {size}{figures}", RATE_DROP: f"giảm {size}{figures}",
                DECLINES: f"giảm {a.count} kỳ liên tiếp{figures}",
                INTO_BOTTOM: f"rơi vào nhóm {a.count} thấp nhất{ranks}",
                OUT_OF_TOP: f"ra khỏi nhóm {a.count} cao nhất{ranks}"}[a.rule]
    else:
        body = {DROP: f"down {size}{figures}", RATE_DROP: f"down {size}{figures}",
                DECLINES: f"down {a.count} times in a row{figures}",
                INTO_BOTTOM: f"fell into the bottom {a.count}{ranks}",
                OUT_OF_TOP: f"fell out of the top {a.count}{ranks}"}[a.rule]
    cohort = f" ({clean(a.cohort)})" if a.cohort else ""
    return f"{who}{cohort} — {what}: {body}, {span}."


def data_as_of(ds: Dataset) -> datetime | None:
    """When the data was produced: the feed's ``generated_at``, else the newest source file's time."""
    generated = ds.provenance.generated_at
    if generated:
        try:
            stamp = datetime.fromisoformat(generated.replace("Z", "+00:00"))
            return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
        except ValueError:
            pass
    times = [Path(s).stat().st_mtime for s in ds.provenance.sources if Path(s).is_file()]
    return datetime.fromtimestamp(max(times), UTC) if times else None


def as_of_text(stamp: datetime, lang: str) -> str:
    local = stamp.astimezone(VIETNAM)
    return local.strftime("%d/%m/%Y %H:%M") + (" (giờ Việt Nam)" if lang == "vi" else " Vietnam time")


def stale_line(as_of: datetime | None, now: datetime, stale_hours: float, lang: str) -> str | None:
    """The warning that opens a message on stale data; None when the data is fresh."""
    if as_of is None:
        return ("⚠ KHÔNG RÕ THỜI ĐIỂM SỐ LIỆU: nguồn không ghi thời gian cập nhật." if lang == "vi"
                else "⚠ DATA TIME UNKNOWN: the source does not say when it was produced.")
    age = now - as_of
    if age <= timedelta(hours=stale_hours):
        return None
    days = age.days
    since = (f"{days} ngày" if days else f"{int(age.total_seconds() // 3600)} giờ") if lang == "vi" else \
        (f"{days} day{'s' if days != 1 else ''}" if days else f"{int(age.total_seconds() // 3600)} hours")
    if lang == "vi":
        return f"⚠ SỐ LIỆU CŨ: cập nhật lúc {as_of_text(as_of, lang)}, cách đây {since}; chưa có số liệu mới."
    return f"⚠ STALE DATA: last updated {as_of_text(as_of, lang)}, {since} ago; nothing newer yet."


def _move(s: Standing) -> str:
    if s.rank_change is None:
        return "–"
    return "=" if s.rank_change == 0 else (f"▲{s.rank_change}" if s.rank_change > 0 else f"▼{-s.rank_change}")


def _rank_line(s: Standing, m: MetricDef, lang: str) -> str:
    value = number(s.value, m.decimals, lang) + ("%" if m.unit == "%" else f" {m.unit_label(lang)}")
    approx = "≈" if s.approx else ""
    word = "hạng" if lang == "vi" else "rank"
    return f"• {m.short(lang)}: {word} {s.rank}/{s.of} ({_move(s)}), {approx}{value} {s.band.symbol}"


def _heading(report: HomeReport, lang: str) -> str:
    sample = (" · dữ liệu MẪU tổng hợp, không phải số liệu chính thức" if lang == "vi"
              else " · SAMPLE synthetic data, not official figures") if report.synthetic else ""
    return f"{clean(report.name)} — {P.label(report.period, lang)}{sample}"


def _compose(report: HomeReport, issues: list[str], hidden: int, catalog: MetricCatalog,
             as_of: datetime | None, now: datetime, stale_hours: float, lang: str) -> str:
    vi = lang == "vi"
    lines = [x for x in (stale_line(as_of, now, stale_hours, lang), _heading(report, lang)) if x]
    lines.append("Vấn đề cần chú ý:" if vi else "Issues:")
    lines += [f"{i}. {t}" for i, t in enumerate(issues, 1)]
    if hidden:
        lines.append(f"… +{hidden} (de06tui alerts)")
    if not issues and not hidden:
        lines.append("Không có cảnh báo." if vi else "No alerts.")
    compared = next((s.compare_period for s in report.main if s.compare_period), None)
    against = f" ({'so với' if vi else 'against'} {P.label(compared, lang)})" if compared else ""
    lines.append(("Xếp hạng" if vi else "Ranks") + f"{against}:")
    lines += [_rank_line(s, catalog[s.metric], lang) for s in report.main]
    if report.units_in_need:
        names = ", ".join(f"{clean(u.unit)} ({clean(u.cohort)})" for u in report.units_in_need)
        lines.append(("Đơn vị cần hỗ trợ: " if vi else "Units most in need: ") + names)
    when = as_of_text(as_of, lang) if as_of else ("không rõ" if vi else "unknown")
    lines.append(("Số liệu tính đến: " if vi else "Data as of: ") + when)
    return "\n".join(lines)


def morning_message(report: HomeReport, alerts: list[Alert], catalog: MetricCatalog,
                    as_of: datetime | None, now: datetime, stale_hours: float, lang: str = "vi") -> str:
    """The message: the stale warning (if any) first, the heaviest issues (``alerts`` come heaviest
    first), the rank on each main metric with its change, the units most in need, the as-of time."""
    issues = [alert_text(a, catalog[a.metric], lang) for a in alerts[:MAX_ISSUES]]
    extra = len(alerts) - len(issues)
    text = _compose(report, issues, extra, catalog, as_of, now, stale_hours, lang)
    while len(text) > MAX_CHARS and issues:
        # Too long for a phone message: the lightest issue gives way first; the stale line, the
        # ranks and the as-of time stay.
        issues.pop()
        extra += 1
        text = _compose(report, issues, extra, catalog, as_of, now, stale_hours, lang)
    return text
