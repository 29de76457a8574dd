from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

from .portal_days import PortalDays


@pytest.fixture
def portal(monkeypatch):
    """The day-varying portal, and the config that points fetches at it (no pacing delay)."""
    srv = PortalDays(date(2026, 10, 10)).start()
    config_dir = Path(os.environ["DE06TUI_CONFIG_DIR"])
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "config.toml").write_text("[dvcqg]\ndelay = 0\n[http]\nretries = 0\nread_timeout = 5\n"
                                            "[history]\nnetwork_wait = 2\n")
    monkeypatch.setenv("DE06TUI_DVCQG_BASE_URL", srv.url)
    yield srv
    srv.stop()


@pytest.fixture
def clock(monkeypatch):
    """Set the fetch time (UTC, ISO): what feeds stamp on an answer and what 'today' is."""
    from de06tui.history.snapshot import vietnam_time

    def set_now(iso: str) -> None:
        moment = datetime.fromisoformat(iso)
        monkeypatch.setattr("de06tui.feeds._now", lambda: iso)
        monkeypatch.setattr("de06tui.cli.backfill.vietnam_today", lambda: vietnam_time(moment).date())

    return set_now


@pytest.fixture
def store_root() -> Path:
    return Path(os.environ["DE06TUI_DATA_DIR"]) / "history"
