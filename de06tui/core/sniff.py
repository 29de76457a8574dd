"""What a text file is before it is parsed: its encoding and its field separator.

Offices save text in more ways than UTF-8: Excel's "Unicode Text" is UTF-16 with a byte-order
mark, older Vietnamese tools write Windows-1258 or TCVN3 (ABC), and a UTF-8 file once opened as
Windows-1252 and saved again carries mojibake ("Hà Nội" as "HÃ  Ná»™i"). Each is either decoded
with certainty or refused with a message naming what it is.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

SEPARATORS = (",", ";", "\t", "|")
SAMPLE_BYTES = 64 * 1024
SAMPLE_LINES = 50

# UTF-8 of a Latin-1 lead letter (Â Ã Ä Å Æ á â) followed by the UTF-8 of a character Windows-1252
# makes of a UTF-8 continuation byte: how a Vietnamese letter looks once decoded twice.
_MOJIBAKE = re.compile(
    rb"\xc3[\x82-\x86\xa1\xa2](?:\xc2[\x80-\xbf]|\xe2\x80[\x93-\xba]|\xe2\x84\xa2"
    rb"|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]|\xc6\x92|\xcb[\x86\x9c])")
# Bytes Windows-1258 uses for the five tone marks, written after the letter they sit on.
_CP1258_TONES = frozenset(b"\xcc\xec\xd2\xde\xf2")


@dataclass(frozen=True)
class Decoded:
    """UTF-8 bytes of a text file, and how they were got when the file was not UTF-8."""

    data: bytes
    encoding: str = "utf-8"
    note: str | None = None


class EncodingRefused(ValueError):
    def __init__(self, reason: str, row: int | None = None):
        self.reason = reason
        self.row = row
        super().__init__(reason)


@lru_cache(maxsize=1)
def vietnamese_letters() -> frozenset[str]:
    """Every letter of the Vietnamese alphabet with its marks, both cases, precomposed."""
    marks = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
    out = {"đ", "Đ"}
    for cp in range(0xC0, 0x1F00):
        ch = chr(cp)
        parts = unicodedata.normalize("NFD", ch)
        if len(parts) > 1 and parts[0] in "aeiouyAEIOUY" and set(parts[1:]) <= marks:
            out.add(ch)
    return frozenset(out)


def line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def mojibake_line(data: bytes) -> int | None:
    """The line of the first double-decoded letter, or None."""
    m = _MOJIBAKE.search(data)
    return None if m is None else line_of(data, m.start())


def from_bom(data: bytes) -> Decoded | None:
    """A file whose byte-order mark says UTF-16 (Excel's "Unicode Text"), as UTF-8."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingRefused(f"broken {codec.upper()} text at byte {exc.start + len(bom)}") from None
            return Decoded(text.encode("utf-8"), codec)
    return None


def legacy(data: bytes, bad_offset: int) -> Decoded:
    """A file that is not UTF-8: Windows-1258 when every letter it makes is Vietnamese, else refused."""
    row = line_of(data, bad_offset)
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        text = None
    if text is not None and any(b in _CP1258_TONES for b in data):
        letters = vietnamese_letters()
        foreign = {ch for ch in text if ord(ch) > 0x7F and ch not in letters}
        if not foreign:
            return Decoded(text.encode("utf-8"), "windows-1258",
                           "decoded as Windows-1258 (every letter it makes is Vietnamese); "
                           "save the file as UTF-8 to be sure")
    if _looks_tcvn3(data):
        raise EncodingRefused("text looks like TCVN3 (ABC), a legacy Vietnamese encoding that cannot be "
                              "decoded with certainty; save the file as UTF-8", row)
    raise EncodingRefused(f"not UTF-8 text (byte {bad_offset} on line {row}); neither Windows-1258 nor "
                          "TCVN3 with certainty; save the file as UTF-8", row)


def _looks_tcvn3(data: bytes) -> bool:
    # TCVN3 writes lower-case marked vowels as single bytes in A1–FE, most of all in B5–FE, and
    # upper-case letters as A1–A7 or plain ASCII; Windows-1258's tone bytes are absent.
    high = [b for b in data if b > 0x7F]
    return bool(high) and sum(0xA1 <= b <= 0xFE for b in high) == len(high)


def separator(data: bytes) -> str:
    """The separator that gives every sampled row the same number of fields, the most fields first.

    The header alone misleads: a semicolon file whose header says "Điểm công khai, minh bạch" has
    as many commas as semicolons in its header line.
    """
    sample = data[:SAMPLE_BYTES]
    if len(data) > SAMPLE_BYTES and b"\n" in sample:
        sample = sample[: sample.rindex(b"\n")]
    text = sample.decode("utf-8", errors="replace")
    lines = [ln for ln in text.splitlines() if ln.strip()][:SAMPLE_LINES]
    if not lines:
        return ","
    best: tuple[bool, int, int, int] | None = None
    for rank, sep in enumerate(SEPARATORS):
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        if widths[0] < 2:
            continue
        steady = sum(w == widths[0] for w in widths)
        # Every row alike wins, then the most rows alike, then the most fields, then the usual order.
        score = (steady == len(widths), steady, widths[0], -rank)
        if best is None or score > best:
            best = score
    return "," if best is None else SEPARATORS[-best[3]]
