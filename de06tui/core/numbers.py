"""Numbers for people, in their language: 95,1 and 16.204 in Vietnamese, 95.1 and 16,204 in English.

Babel knows each locale's marks; it is imported on first use so that starting a command does not
pay for it. Rounding is Python's own (the same digits in every language): Babel only places the
marks. Machine formats (JSON, CSV for machines, the feed) never come through here.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

    from de06tui.core.metrics import MetricDef

LOCALES = {"vi": "vi_VN", "en": "en_US"}


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    from babel import Locale

    return Locale.parse(LOCALES.get(lang, LOCALES["en"]))


@lru_cache(maxsize=16)
def _pattern(decimals: int, grouping: bool) -> str:
    whole = "#,##0" if grouping else "0"
    return whole + ("." + "0" * decimals if decimals > 0 else "")


# The decimal and group marks of the two languages, as Babel's locale data gives them (a test
# checks they still agree). Written here because the first board on screen formats its figures
# before anything else: looking them up in Babel put its import and locale data (40-55 ms of
# the GIL, even from a thread) on the path to the app's first frame.
MARKS = {"vi": (",", "."), "en": (".", ",")}


def _marks(lang: str) -> tuple[str, str]:
    return MARKS.get(lang, MARKS["en"])


def babel_marks(lang: str) -> tuple[str, str]:
    """The language's decimal and group marks, from Babel's locale data."""
    symbols = _locale(lang).number_symbols
    latin = symbols.get("latn", symbols)  # newer Babel keys the symbols by numbering system
    return latin["decimal"], latin["group"]


def number(value: float | None, decimals: int = 1, lang: str = "en", grouping: bool = True,
           empty: str = "") -> str:
    """``value`` rounded to ``decimals`` places, with the language's decimal and group marks."""
    if value is None or value != value:
        return empty
    if value >= 0 and value != float("inf"):
        # A board paints thousands of figures: Python rounds and groups them (the same rounding
        # as below), and only the marks come from Babel. Negative values keep Babel's minus sign.
        point, group = _marks(lang)
        text = f"{abs(value):,.{decimals}f}" if grouping else f"{abs(value):.{decimals}f}"
        return text.translate({ord(","): group, ord("."): point})
    from babel.numbers import format_decimal

    rounded = Decimal(f"{value:.{decimals}f}")
    return format_decimal(rounded, format=_pattern(decimals, grouping), locale=_locale(lang),
                          decimal_quantization=False)


def count(value: float | None, lang: str = "en", empty: str = "") -> str:
    """A whole count with thousands marks: 16.204 (vi), 16,204 (en)."""
    return number(value, 0, lang, grouping=True, empty=empty)


def signed(value: float | None, decimals: int = 1, lang: str = "en", empty: str = "") -> str:
    """A change with its sign always shown: +1,5 / −0,3 (a true minus sign)."""
    if value is None or value != value:
        return empty
    text = number(abs(value), decimals, lang)
    if Decimal(f"{value:.{decimals}f}") == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def metric_value(metric: MetricDef, value: float | None, lang: str = "en", empty: str = "–") -> str:
    """A metric's figure as its leaderboard shows it (its own decimals), in ``lang``."""
    return number(value, metric.decimals, lang, grouping=True, empty=empty)
