"""A finished ``rank`` answer kept on disk, replayed when nothing it depends on has changed.

Deciding "hit" uses the standard library only, so a repeated ``rank`` never imports polars.
The key covers what the answer depends on: the parsed arguments, the working folder, each data
file's path, size and modification time (every file under a data folder), the shipped data
(sample and registry), the shipped and user metric files, the config file (with its mode, for
the permissions warning), the environment variables that choose language, folders or config,
and the package's own source files (the code version). An entry records the SHA-256 of its
payload; an entry that does not match, does not parse, or belongs to another key is ignored and
the answer is computed afresh. Only successful answers are kept, stdout and stderr in order, so
SAMPLE labels and notes are replayed exactly as the normal path printed them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1  # raised when an entry's shape changes
KEEP = 32  # entries kept; the least recently used are removed after each write
PACKAGE = Path(__file__).resolve().parent.parent
_ENV_NAMES = ("LANG", "LANGUAGE", "HOME", "TZ", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
              "PYTHONIOENCODING", "PYTHONUTF8", "NO_COLOR")
_ENV_PREFIXES = ("DE06TUI_", "LC_", "XDG_")

Handler = Callable[[argparse.Namespace], int]


def _stamp(path: Path) -> list[Any]:
    try:
        st = path.stat()
    except OSError:
        return [str(path), None]
    return [str(path), st.st_size, st.st_mtime_ns, st.st_mode]


def _tree(folder: Path, suffix: str = "") -> list[Any]:
    """Stamps of every file under ``folder`` (a superset of what a reader looks at)."""
    out: list[Any] = [_stamp(folder)]
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        out.extend(_stamp(Path(root) / f) for f in sorted(files) if f.endswith(suffix))
    return out


def _arguments(args: argparse.Namespace) -> dict[str, Any]:
    return {k: v for k, v in sorted(vars(args).items()) if k != "handler"}


def cacheable(args: argparse.Namespace) -> bool:
    """A feed is fetched afresh, and units and chosen sheets take the normal path."""
    if getattr(args, "feed", None) or getattr(args, "sheet", None):
        return False
    if getattr(args, "level", "province") != "province" or getattr(args, "cluster", None):
        return False
    return not getattr(args, "province", None)


def board_key(args: argparse.Namespace) -> str | None:
    """None when something the answer depends on cannot be stamped (then: the normal path)."""
    from de06tui.core.paths import config_file, data_dir, screens_dir, user_screens_dir

    try:
        data = [Path(p).resolve() for p in (getattr(args, "data", None) or [])]
        parts: list[Any] = [
            FORMAT, _arguments(args), os.getcwd(), sys.version, sys.executable,
            [_tree(p) if p.is_dir() else _stamp(p) for p in data],
            _tree(data_dir()), _tree(screens_dir(), ".toml"), _tree(user_screens_dir(), ".toml"),
            _stamp(config_file()), _tree(PACKAGE, ".py"),
            sorted((k, v) for k, v in os.environ.items()
                   if k in _ENV_NAMES or k.startswith(_ENV_PREFIXES)),
        ]
    except (OSError, RuntimeError, ValueError):
        return None
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def _entry(key: str) -> Path:
    from de06tui.core.paths import cache_dir

    return cache_dir() / "boards" / f"{key}.json"


def _payload_sha(events: list[list[str]], code: int) -> str:
    return hashlib.sha256(json.dumps([events, code], ensure_ascii=False).encode()).hexdigest()


def read_entry(key: str) -> tuple[list[list[str]], int] | None:
    """The recorded answer, or None when there is none or it is damaged in any way."""
    path = _entry(key)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        events, code = doc["events"], doc["code"]
        if doc["key"] != key or doc["sha256"] != _payload_sha(events, code):
            return None
        if not isinstance(code, int) or not all(
                isinstance(e, list) and len(e) == 2 and e[0] in ("out", "err") and isinstance(e[1], str)
                for e in events):
            return None
        os.utime(path)  # recently used: kept by the eviction
        return events, code
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_entry(key: str, events: list[list[str]], code: int) -> None:
    import tempfile

    path = _entry(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"key": key, "events": events, "code": code, "sha256": _payload_sha(events, code)}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    entries = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


class _Recorder:
    """Passes writes on to the real stream and notes them, in order with the other stream's."""

    def __init__(self, stream: Any, name: str, events: list[list[str]]) -> None:
        self._stream, self._name, self._events = stream, name, events

    def write(self, text: str) -> int:
        written = self._stream.write(text)
        self._events.append([self._name, text])
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _record(handler: Handler, args: argparse.Namespace) -> tuple[int, list[list[str]]]:
    events: list[list[str]] = []
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Recorder(out, "out", events), _Recorder(err, "err", events)
    try:
        code = int(handler(args) or 0)
    finally:
        sys.stdout, sys.stderr = out, err
    return code, events


def replayed(handler: Handler) -> Handler:
    """``handler`` with its successful answers kept and replayed while their inputs are unchanged."""

    def run(args: argparse.Namespace) -> int:
        if os.environ.get("DE06TUI_NO_BOARD_CACHE") or not cacheable(args):
            return handler(args)
        key = board_key(args)
        if key is None:
            return handler(args)
        hit = read_entry(key)
        if hit is not None:
            events, code = hit
            for stream, text in events:
                (sys.stdout if stream == "out" else sys.stderr).write(text)
            return code
        code, events = _record(handler, args)
        if code == 0 and board_key(args) == key:  # unchanged while it ran
            try:
                write_entry(key, events, code)
            except OSError:
                pass  # a read-only cache folder only costs speed
        return code

    return run
