"""Text folding and sanitising shared by the resolver, the header matcher and every view."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 controls, DEL, bidi overrides/isolates, zero-width characters and BOM.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
# A whole ANSI escape sequence (CSI, OSC terminated by BEL or ST, or a two-byte escape).
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def fold(text: str) -> str:
    """Lower-case ASCII skeleton of ``text``: no diacritics, đ→d, single spaces.

    Used for matching only, never for display.
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d").replace("Đ", "D").lower()
    return " ".join(text.split())


def key(text: str) -> str:
    """``fold`` with every non-alphanumeric character removed: "Tỷ lệ (%)" → "tyle"."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


def clean(text: object) -> str:
    """Text from data made safe to print: NFC, ANSI escapes and control characters removed."""
    s = unicodedata.normalize("NFC", str(text))
    s = _ANSI.sub("", s)
    s = s.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return _UNSAFE.sub("", s)
