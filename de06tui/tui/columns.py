"""Which leaderboard columns show: the user's choice (kept in the config file) and the width.

Below ``NARROW`` columns of terminal, Level (the bar) and Trend (the sparkline) give way first:
they repeat what the value and the rank change already say.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

# Columns a user may hide, in the table's order, with their label keys. Rank, province and
# value always show: without them a row says nothing.
CHOOSABLE: dict[str, str] = {"mark": "col_mark", "band": "col_band", "bar": "col_bar", "change": "col_change",
                             "trend": "col_trend", "counts": "col_counts", "region": "col_region"}
NARROW = 100
GIVE_WAY = ("bar", "trend")


def hidden_at(width: int, chosen: tuple[str, ...]) -> frozenset[str]:
    """The columns not drawn at ``width``: those the user hid, and below NARROW the bar and trend."""
    return frozenset(chosen) | (frozenset(GIVE_WAY) if width < NARROW else frozenset())


def known(chosen: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The user's list kept to column ids the table has, in the table's order."""
    return tuple(c for c in CHOOSABLE if c in set(chosen))


class ColumnsNotSaved(ValueError):
    """The config file could not take the change; the message names the file and why."""


def _section_text(text: str, hidden: tuple[str, ...]) -> str:
    line = "hidden = [" + ", ".join(f'"{c}"' for c in hidden) + "]"
    header = re.search(r"(?m)^\[columns\][ \t]*(#.*)?$", text)
    if header is None:
        sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return f"{text}{sep}[columns]\n{line}\n"
    start = header.end()
    following = re.search(r"(?m)^\[", text[start:])
    end = start + following.start() if following else len(text)
    body = text[start:end]
    key = re.compile(r"(?m)^[ \t]*hidden[ \t]*=.*$")
    body = key.sub(line, body, count=1) if key.search(body) else "\n" + line + body
    return text[:start] + body + text[end:]


def save_hidden(path: Path, hidden: tuple[str, ...]) -> None:
    """Write ``[columns] hidden`` into the config file, keeping every other line and its mode.

    The new text is parsed before it replaces the file: an edit that would not read back as
    the list asked for (an array over several lines, say) is refused, the file left as it was.
    """
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        mode = 0o600  # a new file may come to hold a token
        if os.name != "nt" and path.exists():  # Windows has no mode bits to keep
            mode = path.stat().st_mode & 0o777
    except (OSError, UnicodeDecodeError) as exc:
        raise ColumnsNotSaved(f"{path}: cannot read: {exc}") from None
    new = _section_text(text, hidden)
    try:
        if tuple(tomllib.loads(new).get("columns", {}).get("hidden", ())) != hidden:
            raise ValueError("the [columns] section is not in the one-line form this edit writes")
    except (tomllib.TOMLDecodeError, ValueError, AttributeError) as exc:
        raise ColumnsNotSaved(f"{path}: [columns] hidden not written: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.columns.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), mode)
        with os.fdopen(fd, "wb") as out:
            out.write(new.encode("utf-8"))
        if os.name != "nt":
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ColumnsNotSaved(f"{path}: cannot write: {exc}") from None


def save_job(app, hidden: tuple[str, ...]):
    """A worker body saving the choice; a refusal reaches the user as a toast."""
    from de06tui.core.paths import config_file

    path = config_file()

    def job() -> None:
        try:
            save_hidden(path, hidden)
        except ColumnsNotSaved as exc:
            app.call_from_thread(app.say, str(exc), "error")

    return job


def choose(app) -> None:
    """Open the column chooser over the current screen."""
    from de06tui.tui.screens.columns import ColumnChooser

    if not isinstance(app.screen, ColumnChooser):
        app.push_screen(ColumnChooser())
