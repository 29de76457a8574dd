from __future__ import annotations

import pytest

from .replay_units import UnitReplay


@pytest.fixture(autouse=True)
def data_dir(isolated_dirs, monkeypatch):
    """The unit registry a fetch refreshes lives in a temporary user data folder."""
    path = isolated_dirs / "data"
    monkeypatch.setenv("DE06TUI_DATA_DIR", str(path))
    return path


@pytest.fixture
def portal():
    srv = UnitReplay().start()
    yield srv
    srv.stop()
