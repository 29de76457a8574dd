"""Vietnamese alphabetical order, without ICU.

Python's own string order puts "Đ" after "Z" and "Cao Bằng" before "Cà Mau". Vietnamese order
compares letters first (a ă â b c d đ e ê … o ô ơ … u ư …, where the letters with a breve,
circumflex, horn or stroke are letters of their own) and only then, for names whose letters are
all the same, the tones (none, huyền, hỏi, ngã, sắc, nặng), then case. This is ICU's ``vi``
tailoring at its first three levels, which is what a reader of a list of names expects.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a letter of its own (kept in the letter) ...
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
# ... and the tones, weighed only when the letters are equal.
_TONE = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_DIGIT_BASE = 100  # digits sort before letters, spaces and punctuation before digits
_LETTER_BASE = 200


def _split(ch_nfd: str) -> tuple[str, int]:
    """A decomposed character → (the letter with its letter-making marks, its tone)."""
    base, tone = ch_nfd[0], 0
    for mark in ch_nfd[1:]:
        if mark in _LETTER_MARKS:
            base += mark
        elif mark in _TONE:
            tone = _TONE[mark]
    return unicodedata.normalize("NFC", base), tone


def _clusters(text: str) -> list[str]:
    """``text`` in NFD, cut into base characters each followed by its combining marks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if out and unicodedata.combining(ch):
            out[-1] += ch
        else:
            out.append(ch)
    return out


@lru_cache(maxsize=8192)
def vi_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Sort key giving Vietnamese alphabetical order: letters, then tones, then case."""
    primary: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for cluster in _clusters(str(text)):
        letter, tone = _split(cluster)
        lower = letter.lower()
        if lower in _LETTER:
            primary.append(_LETTER_BASE + _LETTER[lower])
        elif lower.isdigit():
            primary.append(_DIGIT_BASE + int(lower) if lower.isascii() else _DIGIT_BASE + 10)
        elif lower.isalpha():
            primary.append(_LETTER_BASE + len(_ALPHABET) + ord(lower))
        else:
            primary.append(ord(lower) % _DIGIT_BASE)
        tones.append(tone)
        cases.append(0 if letter == lower else 1)
    return tuple(primary), tuple(tones), tuple(cases)


def vi_sorted(names: list[str] | tuple[str, ...] | set[str]) -> list[str]:
    """``names`` in Vietnamese alphabetical order."""
    return sorted(names, key=vi_key)


def vi_rank(names: list[str]) -> list[int]:
    """The position (0-based) of each name in Vietnamese alphabetical order, ties by input order.

    For polars: ``pl.Series(vi_rank(frame["name"].to_list()))`` is a sortable column.
    """
    order = sorted(range(len(names)), key=lambda i: (vi_key(names[i]), i))
    ranks = [0] * len(names)
    for position, index in enumerate(order):
        ranks[index] = position
    return ranks
