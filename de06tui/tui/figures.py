"""Figures on screen in the app's language: 95,1 and 16.204 in Vietnamese, 95.1 and 16,204 in English.

The marks are those of Babel's locale data, written in (core/numbers.py): the figures a board
shows need no Babel import, so the first frame of a start does not wait for one.
"""

from __future__ import annotations

from de06tui.core import numbers


def figure(metric, value: float | None, lang: str) -> str:
    """A metric's value at its own decimals; "–" when there is none."""
    return numbers.metric_value(metric, value, lang)


def whole(value: float | None, lang: str) -> str:
    """A count with thousands marks."""
    return numbers.count(value, lang)
