"""Figures on screen in the app's language: 95,1 and 16.204 in Vietnamese, 95.1 and 16,204 in English.

The marks come from Babel (core/numbers.py). Its import and locale data cost some tens of
milliseconds, so a thread loads them while the app starts (``warm``); figures are first asked
for when the first board is painted, by which time they are usually ready.
"""

from __future__ import annotations

import threading

from de06tui.core import numbers


def warm(lang: str) -> None:
    """Load Babel and the language's marks in the background (best effort)."""
    threading.Thread(target=_warm, args=(lang,), name="babel-warm", daemon=True).start()


def _warm(lang: str) -> None:
    try:
        numbers.number(0.5, 1, lang)
    except Exception:  # formatting will say it on first use, on the UI thread, if it must
        pass


def figure(metric, value: float | None, lang: str) -> str:
    """A metric's value at its own decimals; "–" when there is none."""
    return numbers.metric_value(metric, value, lang)


def whole(value: float | None, lang: str) -> str:
    """A count with thousands marks."""
    return numbers.count(value, lang)
