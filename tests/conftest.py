"""Shared fixtures: every test runs with its own config and cache folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: a quick profile in the normal suite, 10,000 cases each with HYPOTHESIS_PROFILE=nightly.
settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Pin config and cache to empty temporary folders, and the language to English."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DE06TUI_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("DE06TUI_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("DE06TUI_DATA_DIR", str(base / "data"))
    monkeypatch.delenv("DE06TUI_FEED", raising=False)
    monkeypatch.delenv("DE06TUI_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return base


@pytest.fixture
def write(tmp_path):
    """Write text into a file under tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return _write
