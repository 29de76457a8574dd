"""``de06tui alerts``: the home province's alerts, and the notify hook for the new ones.

The hook (``[alerts] command = "…"``) is run through the shell with the new alerts' text on stdin.
The ids of alerts it took (exit status 0) are kept in the cache folder (``alerts_sent.json``), so
the next run sends only alerts not sent before.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from de06tui.cli.common import (
    EXIT_FAIL,
    EXIT_OK,
    add_home_option,
    add_period_options,
    add_source_options,
    default_lang,
    guarded,
    say,
)
from de06tui.core.problems import DataError, Problem

SENT_FILE = "alerts_sent.json"
HOOK_TIMEOUT = 60


def register(sub) -> None:
    p = sub.add_parser("alerts", help="the home province's alerts; runs the notify hook on new ones",
                       description="Evaluate the alert rules for the home province on consecutive periods "
                                   "and print the alerts. With [alerts] command set, new alerts are given "
                                   "to it on stdin.")
    add_home_option(p)
    add_period_options(p)
    p.add_argument("--since", metavar="DATE", help="alerts on or after a date or period (2026-10-01, 2026-10); "
                                                    "default: the latest period's only")
    p.add_argument("--format", "-f", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["vi", "en"], default=None)
    p.add_argument("--no-hook", action="store_true", help="print only; do not run the notify hook")
    add_source_options(p)
    p.set_defaults(handler=guarded(run))


def _day(text: str, end: bool) -> date:
    """A label's first (or last) day: a date is itself, a period spans its months."""
    from de06tui.core import periods as P

    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if m:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    month = P.last_month(P.parse_period(text)) if end else P.first_month(P.parse_period(text))
    y, mo = int(month[:4]), int(month[5:])
    return date(y, mo, calendar.monthrange(y, mo)[1] if end else 1)


def since_day(text: str) -> date:
    from de06tui.core.periods import PeriodError

    try:
        return _day(text, end=False)
    except (PeriodError, ValueError) as exc:
        raise DataError([Problem("error", f"not a date or period: {exc}", column="--since",
                                 value=text)]) from None


def sent_path() -> Path:
    from de06tui.core.paths import cache_dir

    return cache_dir() / SENT_FILE


def read_sent(path: Path) -> set[str]:
    """Ids already sent; a missing or unreadable file means none (said, for the unreadable one)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    except (OSError, ValueError) as exc:
        say(f"warning: {path}: cannot read the sent alerts ({exc}); treating every alert as new")
        return set()
    sent = doc.get("sent") if isinstance(doc, dict) else None
    return {x for x in sent if isinstance(x, str)} if isinstance(sent, list) else set()


def write_sent(path: Path, ids: set[str]) -> None:
    """Written whole to a temporary file, then renamed over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sent-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"sent": sorted(ids)}, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def notify(command: str, text: str) -> int:
    """Run the hook with ``text`` on stdin; its exit status (a failure is said on stderr)."""
    try:
        done = subprocess.run(command, shell=True, input=text, text=True, capture_output=True,
                              timeout=HOOK_TIMEOUT)
    except subprocess.TimeoutExpired:
        say(f"error: the [alerts] command did not finish in {HOOK_TIMEOUT} s; alerts not marked as sent")
        return EXIT_FAIL
    if done.returncode != 0:
        why = (done.stderr or "").strip().splitlines()
        say(f"error: the [alerts] command exited with {done.returncode}"
            + (f": {why[-1][:200]}" if why else "") + "; alerts not marked as sent")
    return done.returncode


def run(args: argparse.Namespace) -> int:
    from de06tui.cli.home import prepare
    from de06tui.core.alerts import AlertRules, home_alerts
    from de06tui.core.morning import alert_text
    from de06tui.core.text import clean

    lang = args.lang or default_lang()
    ds, config, report = prepare(args)
    since = since_day(args.since) if args.since else None
    steps = len(ds.periods(ds.catalog.main()[0].id)) if since else 1
    found = home_alerts(ds, report.province, report.period, AlertRules.from_config(config),
                        args.provinces, steps=steps)
    alerts = [a for a in found if since is None or _day(a.label, end=True) >= since]
    alerts.sort(key=lambda a: (-_day(a.label, end=True).toordinal(), -a.weight, a.metric))
    texts = [alert_text(a, ds.catalog[a.metric], lang) for a in alerts]
    sample = "SAMPLE — synthetic data, not official figures" if ds.provenance.synthetic else None
    if args.format == "json":
        doc = {"home": report.province, "name": report.name, "period": report.period,
               "synthetic": ds.provenance.synthetic,
               "alerts": [dict(a.to_dict(), text=t) for a, t in zip(alerts, texts)]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    else:
        if sample:
            say(f"note: {sample}")
        sys.stdout.write("".join(t + "\n" for t in texts))
        if not texts:
            say(f"no alerts for {clean(report.name)}")
    if not config.alerts_command or args.no_hook:
        return EXIT_OK
    path = sent_path()
    sent = read_sent(path)
    new = [(a, t) for a, t in zip(alerts, texts) if a.id not in sent]
    if not new:
        return EXIT_OK
    head = f"de06tui — {clean(report.name)}: " + (f"{len(new)} cảnh báo mới" if lang == "vi" else
                                                   f"{len(new)} new alert{'s' if len(new) != 1 else ''}")
    message = "\n".join([head + (f" ({sample})" if sample else ""), *(t for _, t in new)]) + "\n"
    if notify(config.alerts_command, message) != 0:
        return EXIT_FAIL
    write_sent(path, sent | {a.id for a, _ in new})
    return EXIT_OK
