"""Where shipped data, user configuration and the cache live."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_NAME = "de06tui"


def _shipped(name: str) -> Path:
    package = Path(__file__).resolve().parent.parent
    inside = package / "_shipped" / name  # inside an installed wheel
    if inside.is_dir():
        return inside
    return package.parent / name  # a source checkout


def data_dir() -> Path:
    """The shipped ``data/`` folder (registry and sample dataset)."""
    return _shipped("data")


def screens_dir() -> Path:
    """The shipped ``screens/`` folder (one TOML file per leaderboard)."""
    return _shipped("screens")


def sample_path() -> Path:
    return data_dir() / "sample" / "de06_sample.json"


@lru_cache(maxsize=1)
def _dirs() -> PlatformDirs:
    import platformdirs

    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """User config folder; ``DE06TUI_CONFIG_DIR`` overrides it (tests, portable installs)."""
    env = os.environ.get("DE06TUI_CONFIG_DIR")
    return Path(env) if env else Path(_dirs().user_config_dir)


def cache_dir() -> Path:
    """User cache folder; ``DE06TUI_CACHE_DIR`` overrides it."""
    env = os.environ.get("DE06TUI_CACHE_DIR")
    return Path(env) if env else Path(_dirs().user_cache_dir)


def history_dir() -> Path:
    return user_data_dir() / "history"


def config_file() -> Path:
    return config_dir() / "config.toml"


def user_screens_dir() -> Path:
    return config_dir() / "screens"


def user_data_dir() -> Path:
    """User data folder (the history of fetched snapshots, what fetches learn, e.g. each
    province's list of units); ``DE06TUI_DATA_DIR`` overrides it."""
    env = os.environ.get("DE06TUI_DATA_DIR")
    return Path(env) if env else Path(_dirs().user_data_dir)


def export_dir(configured: str | os.PathLike[str] | None = None) -> Path:
    """Where exports go: the configured folder (``~`` expanded), else a ``de06tui`` folder in the
    user's documents folder; never the current folder, which is wherever the app was started."""
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / APP_NAME
