"""The user's settings: one typed object, loaded once from ``config.toml``.

Precedence: command-line flags > environment (DE06TUI_*) > the file > defaults.
``de06tui config path`` shows where the file, the cache and the user's screens live.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from de06tui.core.paths import config_file

if TYPE_CHECKING:
    from de06tui.core.metrics import MetricCatalog


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the file and the key (and its line).
    ``problems`` holds every problem found, the message the first."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems) or [message]


@dataclass(frozen=True)
class Config:
    feed: str | None = None
    """Where `r` refreshes from: a URL of a published feed file, or "dvcqg" for the national portal."""
    refresh_minutes: float = 0.0
    """Auto-refresh interval in minutes; 0 turns it off."""
    lang: str = "en"
    """Language of labels and the brief: "vi" or "en" (default from LANG)."""
    theme: str = "textual-dark"
    """Textual theme of the app."""
    export_dir: str | None = None
    """Folder exports are written to; default a "de06tui" folder in the user's documents folder."""
    csv_style: str = "excel"
    """CSV exports: "excel" (UTF-8 with BOM, commas) or "vi" (semicolons and a decimal comma)."""
    connect_timeout: float = 5.0
    """Seconds to wait for a connection to a feed."""
    read_timeout: float = 20.0
    """Seconds to wait for data from a feed once connected."""
    max_response_bytes: int = 20_000_000
    """Largest feed answer accepted, counted after decompression."""
    max_file_bytes: int = 512 * 1024 * 1024
    """Largest data file read from disk."""
    retries: int = 3
    """Retries of a feed request on connection errors, 5xx and 429."""
    backoff: float = 0.5
    """First retry delay in seconds; doubles each retry, with jitter."""
    max_retry_after: float = 60.0
    """Cap on a server's Retry-After, in seconds; a server asking for longer is not waited for."""
    fetch_deadline: float = 60.0
    """Seconds one whole fetch may take, retries and a slow or endless answer included."""
    token_env: str = "DE06TUI_TOKEN"
    """Environment variable holding a bearer token for the feed."""
    token: str | None = field(default=None, repr=False)
    """Bearer token for the feed (prefer token_env); never shown, logged or exported."""
    dvcqg_base_url: str = "https://dichvucong.gov.vn"
    """Base URL of the national public-service portal."""
    dvcqg_concurrency: int = 2
    """Portal requests in flight at once."""
    dvcqg_delay: float = 0.3
    """Seconds between portal requests (plus up to half as much jitter)."""
    highlight_top: int | None = None
    """Top provinces highlighted on every leaderboard; default each metric's own."""
    highlight_bottom: int | None = None
    """Bottom provinces highlighted on every leaderboard; default each metric's own."""
    history_keep_days: int = 30
    """Snapshots younger than this many days are all kept; older days keep only their last one."""
    history_network_wait: float = 60.0
    """Seconds `fetch --unattended` waits for the network before its first request."""
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Key remapping: action id → keys, e.g. reload = "r,f5" (see the app's help screen)."""
    clusters: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Named groups of communes: cluster name → commune names or codes (rank --cluster)."""
    home: str | None = None
    """The home province, any spelling the resolver takes ("Gia Lai", "gia lai", "52")."""
    thresholds: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: MappingProxyType({}))
    """Band boundaries per metric id, overriding its screen file: {red = …, amber = …}."""
    alerts_drop_points: float = 0.5
    """Alert when a points metric drops by this much or more since the last snapshot."""
    alerts_drop_rate: float = 2.0
    """Alert when a rate falls by this many percentage points or more."""
    alerts_declines: int = 3
    """Alert after this many declines in a row."""
    alerts_top: int | None = None
    """Alert on falling out of the top N; default each metric's highlighted top."""
    alerts_bottom: int | None = None
    """Alert on falling into the bottom N; default each metric's highlighted bottom."""
    alerts_command: str | None = None
    """Shell command given new alerts on stdin (a mail or chat sender)."""
    stale_hours: float = 36.0
    """Data older than this (by its as-of time) is called stale in the morning message."""
    serve_sessions: int = 4
    """Browser sessions `de06tui serve` runs at once (each is an app process of about 100 MB)."""
    hidden_columns: tuple[str, ...] = ()
    """Leaderboard columns the app hides ([columns] hidden = ["trend"]); its column chooser writes it."""
    source: str = "defaults"
    """Where this configuration was read from (not a setting)."""

    def shown(self) -> dict[str, Any]:
        """Every setting for display, the token masked."""
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("source",)}
        out["token"] = "***" if self.token else None
        out["keys"] = dict(self.keys)
        out["clusters"] = {k: list(v) for k, v in self.clusters.items()}
        out["thresholds"] = {k: dict(v) for k, v in self.thresholds.items()}
        return out


# File layout: section.key → field name. Top-level keys map to themselves.
_FILE_KEYS = {
    "feed": "feed", "refresh_minutes": "refresh_minutes", "lang": "lang", "theme": "theme",
    "export_dir": "export_dir", "csv_style": "csv_style",
    "http.connect_timeout": "connect_timeout", "http.read_timeout": "read_timeout",
    "http.max_response_bytes": "max_response_bytes", "http.retries": "retries",
    "http.backoff": "backoff", "http.max_retry_after": "max_retry_after",
    "http.fetch_deadline": "fetch_deadline", "serve.sessions": "serve_sessions",
    "http.token_env": "token_env", "http.token": "token",
    "data.max_file_bytes": "max_file_bytes",
    "dvcqg.base_url": "dvcqg_base_url", "dvcqg.concurrency": "dvcqg_concurrency",
    "dvcqg.delay": "dvcqg_delay",
    "highlight.top": "highlight_top", "highlight.bottom": "highlight_bottom",
    "home": "home",
    "alerts.drop_points": "alerts_drop_points", "alerts.drop_rate": "alerts_drop_rate",
    "alerts.declines": "alerts_declines", "alerts.top": "alerts_top", "alerts.bottom": "alerts_bottom",
    "alerts.command": "alerts_command", "alerts.stale_hours": "stale_hours",
    "history.keep_days": "history_keep_days", "history.network_wait": "history_network_wait",
}
_ENV = {"DE06TUI_FEED": "feed", "DE06TUI_LANG": "lang", "DE06TUI_REFRESH_MINUTES": "refresh_minutes",
        "DE06TUI_DVCQG_BASE_URL": "dvcqg_base_url"}
_TYPES = {f.name: f.type for f in fields(Config)}
# Settings a zero would break (a zero timeout fails every request) and their upper bounds: a
# value past the bound (1e308 minutes, inf) would overflow the timer that uses it.
_POSITIVE = {"connect_timeout", "read_timeout", "fetch_deadline", "serve_sessions"}
_MAXIMUM = {"refresh_minutes": 7 * 24 * 60.0, "connect_timeout": 3600.0, "read_timeout": 3600.0,
            "fetch_deadline": 24 * 3600.0, "max_retry_after": 24 * 3600.0, "backoff": 3600.0,
            "dvcqg_delay": 60.0, "retries": 100, "serve_sessions": 64}
# Flags whose name is not the setting's: a message names the option the way it was typed.
_OPTION_NAMES = {"refresh_minutes": "--refresh"}


def _check(name: str, value: Any, where: str) -> Any:
    """Coerce and range-check one setting; raises ConfigError naming ``where``."""
    typ = _TYPES[name]

    def bad(why: str) -> ConfigError:
        return ConfigError(f"{where}: {why} (got {value!r})" if name != "token" else f"{where}: {why}")

    if value is None and "None" in typ:
        return None
    if "float" in typ:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise bad("must be a number")
        try:
            value = float(value)
        except ValueError:
            raise bad("must be a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise bad("must be a finite number")
        if value < 0:
            raise bad("must be zero or more")
    elif "int" in typ:
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad("must be a whole number")
        if value < 0:
            raise bad("must be zero or more")
    elif "str" in typ and not isinstance(value, str):
        raise bad("must be text")
    if name == "csv_style" and value not in ("excel", "vi"):
        raise bad('must be "excel" or "vi"')
    if name in _POSITIVE and value <= 0:
        raise bad("must be more than zero")
    if name in _MAXIMUM and value > _MAXIMUM[name]:
        raise bad(f"must be at most {_MAXIMUM[name]:g}")
    if name == "token":
        _check_token(value, bad)
    if name == "lang" and value not in ("vi", "en"):
        raise bad('must be "vi" or "en"')
    if name in ("dvcqg_concurrency", "max_response_bytes", "max_file_bytes", "alerts_declines") and value < 1:
        raise bad("must be at least 1")
    if name == "dvcqg_concurrency" and value > 8:
        raise bad("must be at most 8: the portal is a shared public service")
    if name == "dvcqg_base_url" and not str(value).startswith(("http://", "https://")):
        raise bad("must be an http:// or https:// URL")
    if name == "feed" and value and value != "dvcqg" and not value.startswith(("http://", "https://")):
        raise bad('must be an http(s) URL or "dvcqg"')
    return value


def _check_token(token: str, bad) -> None:
    """A header value carries printable ASCII only: a pasted CR or LF (or any other character)
    would make the HTTP library quote the header, token and all, in its error."""
    if not token.isascii() or not token.isprintable() or token != token.strip():
        raise bad("must be printable ASCII with no spaces or line breaks around it "
                  "(was it pasted with a line end?)")


def default_lang(env: Mapping[str, str]) -> str:
    return "vi" if env.get("LANG", "").lower().startswith("vi") else "en"


def choose_lang(flag: str | None = None, config: Config | None = None,
                env: Mapping[str, str] | None = None) -> str:
    """The language of the CLI and the app, decided in one place:
    the flag, else DE06TUI_LANG, else the config file's ``lang``, else LANG, else English."""
    if flag in ("vi", "en"):
        return flag
    env = os.environ if env is None else env
    chosen = env.get("DE06TUI_LANG", "").strip().lower()
    if chosen:
        return "vi" if chosen.startswith("vi") else "en"
    if config is None:
        try:
            config = load_config(env=env)
        except ConfigError:  # said by whoever loads the config for its other settings
            return default_lang(env)
    return config.lang


def load_config(path: Path | None = None, env: Mapping[str, str] | None = None,
                overrides: Mapping[str, Any] | None = None) -> Config:
    """Defaults, then the file (if any), then the environment, then ``overrides`` (flags).
    Refused on the first problem; the error carries them all (``config validate`` lists them)."""
    problems: list[str] = []
    values, source = gather_settings(path, env, overrides, problems)
    if problems:
        more = len(problems) - 1
        suffix = f" (and {more} more: `de06tui config validate` lists them)" if more else ""
        raise ConfigError(problems[0] + suffix, problems)
    config = replace(Config(), **values, source=source)
    from de06tui.core.text import add_secret

    add_secret(config.token)
    return config


def _checked(values: dict[str, Any], name: str, value: Any, where: str, problems: list[str]) -> None:
    try:
        values[name] = _check(name, value, where)
    except ConfigError as exc:
        problems.append(str(exc))


def gather_settings(path: Path | None, env: Mapping[str, str] | None, overrides: Mapping[str, Any] | None,
                    problems: list[str], known_actions: Collection[str] | None = None,
                    catalog: MetricCatalog | None = None) -> tuple[dict[str, Any], str]:
    """Every usable setting by precedence, and where the file part came from; each setting that
    cannot be used is added to ``problems`` (see ``config_check.read_file`` for the last two)."""
    from de06tui.config_check import read_file

    env = os.environ if env is None else env
    path = Path(path) if path else config_file()
    values: dict[str, Any] = {"lang": default_lang(env)}
    source = "defaults"
    if path.exists():
        found = read_file(path, problems, known_actions, catalog)
        if found is not None:
            values.update(found)
            source = str(path)
    for var, name in _ENV.items():
        if env.get(var):
            _checked(values, name, env[var], f"environment variable {var}", problems)
    token_env = values.get("token_env", Config.token_env)
    if env.get(token_env):
        _checked(values, "token", env[token_env], f"environment variable {token_env}", problems)
    for name, value in (overrides or {}).items():
        if value is not None:
            option = _OPTION_NAMES.get(name, f"--{name.replace('_', '-')}")
            _checked(values, name, value, f"option {option}", problems)
    return values, source


def file_permissions_warning(path: Path | None = None) -> str | None:
    """A token in a file others can read deserves a warning."""
    if os.name == "nt":  # Windows has no group/other mode bits: the folder's ACL decides, not chmod
        return None
    path = Path(path) if path else config_file()
    try:
        mode = path.stat().st_mode
        has_token = re.search(r"(?m)^\s*token\s*=", path.read_text(encoding="utf-8")) is not None
    except OSError:
        return None
    if has_token and mode & 0o077:
        return f"{path} may hold a token and is readable by others; run: chmod 600 {path}"
    return None


_warned: set[str] = set()


def permissions_warning_once(path: Path | None = None) -> str | None:
    """``file_permissions_warning``, but only the first time in this process for each file:
    a command loads its configuration several times and says it once."""
    warning = file_permissions_warning(path)
    if warning is None or warning in _warned:
        return None
    _warned.add(warning)
    return warning


TEMPLATE = '''# de06tui settings. Every key is optional; delete what you do not change.
# Precedence: command-line flags > environment (DE06TUI_FEED, DE06TUI_LANG, …) > this file.

# feed = "https://example.org/de06.json"   # a published feed file, or "dvcqg" (national portal)
# refresh_minutes = 0                       # auto-refresh interval; 0 = off
# lang = "vi"                               # "vi" or "en"; default from LANG
# theme = "textual-dark"
# export_dir = "~/Documents/de06tui"       # default: a de06tui folder in your documents folder
# csv_style = "vi"                          # CSV for Vietnamese Excel: ; and a decimal comma
# export_dir = "~/Documents/de06"
# home = "Gia Lai"                          # your province: My province, alerts, brief --home

[http]
# connect_timeout = 5
# read_timeout = 20
# max_response_bytes = 20000000
# retries = 3
# fetch_deadline = 60                       # seconds one whole fetch may take
# token_env = "DE06TUI_TOKEN"               # the token itself is best kept in this variable

[serve]
# sessions = 4                              # browser sessions `de06tui serve` runs at once

[dvcqg]
# base_url = "https://dichvucong.gov.vn"
# concurrency = 2
# delay = 0.3

[highlight]
# top = 3
# bottom = 3

[thresholds]
# online_submission_rate = { red = 60, amber = 80 }   # band boundaries in the metric's unit

[alerts]
# drop_points = 0.5                         # a points metric dropping this much since the last snapshot
# drop_rate = 2                             # a rate falling this many percentage points
# declines = 3                              # declines in a row
# top = 3                                   # falling out of the top N (default: each metric's own)
# bottom = 3                                # falling into the bottom N
# stale_hours = 36                          # data older than this is called stale in brief --home
# command = "mail -s 'de06tui alerts' ops@example.org"   # given new alerts on stdin

[history]
# keep_days = 30                            # older days keep only their last snapshot
# network_wait = 60                         # seconds fetch --unattended waits for the network

[columns]
# hidden = ["trend", "bar"]                 # leaderboard columns hidden (the app's C key writes this)

[keys]
# reload = "r,f5"                           # action id = keys; see the help screen (?)

[clusters]
# "Cụm 1" = ["Vân Canh", "Canh Vinh", "H21.203"]   # communes ranked together: rank --cluster "Cụm 1"
'''


def write_default_config(path: Path | None = None) -> Path:
    """Write the commented template; never overwrites an existing file."""
    path = Path(path) if path else config_file()
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE, encoding="utf-8")
    if os.name != "nt":  # Windows: the user's profile folder is private already
        path.chmod(0o600)
    return path
