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


# Secrets known to this process (the feed token): every error text and every printed text is
# scrubbed of them, the last line of defence when a library quotes a request back in a message.
_SECRETS: set[str] = set()
MASK = "***"


def add_secret(secret: str | None) -> None:
    """Remember a secret so that ``scrub`` (and so ``clean``) never lets it through."""
    if secret and len(secret) >= 4:
        _SECRETS.add(secret)
        # Libraries quote a header as bytes: b'Bearer ab\\r\\ncd' shows the escaped form.
        _SECRETS.add(repr(secret.encode("utf-8", "backslashreplace"))[2:-1])
        _SECRETS.update(p for p in re.split(r"[\r\n]+", secret) if len(p) >= 4)


def scrub(text: object) -> str:
    """``text`` with every known secret replaced by ***."""
    s = str(text)
    for secret in sorted(_SECRETS, key=len, reverse=True):
        if secret in s:
            s = s.replace(secret, MASK)
    return s


def clean(text: object) -> str:
    """Text from data made safe to print: no secret, NFC, ANSI escapes and control characters removed."""
    s = unicodedata.normalize("NFC", scrub(text))
    s = _ANSI.sub("", s)
    s = s.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return _UNSAFE.sub("", s)
