"""XLSX workbooks as offices make them, read from the file's own XML (an .xlsx is a zip).

What the cell values alone do not say is in the XML: a cell's number format (0.984 shown as
98.4 %), merged header cells, and which sheet holds the table. Values, formats and merges are
read here; ``workbook_layout`` finds the table in the grid.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_M = "{" + NS["m"] + "}"
PERCENT_FORMAT_IDS = frozenset({9, 10})  # Excel's built-in 0% and 0.00%
DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 22})  # Excel's built-in dates (m/d/yyyy, d-mmm-yy …)
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1 January 1900, counting Excel's 29 February 1900
MAX_SHEET_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Cell:
    text: str  # as the cell shows it, numbers written plainly, percentages × 100
    number: float | None = None  # the figure, percentages × 100
    percent: bool = False


@dataclass
class Sheet:
    name: str
    cells: dict[int, dict[int, Cell]]  # Excel row number (1-based) → column index (0-based) → cell
    merges: list[tuple[int, int, int, int]]  # first row, first column, last row, last column

    def row(self, r: int) -> dict[int, Cell]:
        return self.cells.get(r, {})

    @property
    def last_row(self) -> int:
        return max(self.cells, default=0)


class WorkbookError(ValueError):
    pass


def column_index(ref: str) -> tuple[int, int]:
    """"C5" → (row 5, column 2)."""
    m = re.fullmatch(r"([A-Z]{1,3})(\d+)", ref)
    if not m:
        raise WorkbookError(f"bad cell reference {ref!r}")
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col - 1


def _bare(code: str) -> str:
    # Quoted text, [colour] brackets and escaped characters show as written, not as codes.
    return re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code)


def _percent_format(code: str) -> bool:
    return "%" in _bare(code)  # a % code shows the number × 100


def _date_format(code: str) -> bool:
    bare = _bare(code).lower()
    return "%" not in bare and bool(re.search(r"[dy]", bare) or (re.search(r"m", bare) and "0" not in bare))


class Workbook:
    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise WorkbookError(f"not a zip archive ({exc})") from None
        self.names, self._targets = self._sheets()
        self._strings = self._shared_strings()
        self._percent_styles, self._date_styles = self._styles()

    def _xml(self, path: str) -> ET.Element | None:
        try:
            info = self.zip.getinfo(path)
        except KeyError:
            return None
        if info.file_size > MAX_SHEET_BYTES:
            raise WorkbookError(f"{path} is {info.file_size:,} bytes unpacked, over the limit")
        return ET.fromstring(self.zip.read(info))

    def _sheets(self) -> tuple[list[str], list[str]]:
        book = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        if book is None or rels is None:
            raise WorkbookError("no xl/workbook.xml in the archive")
        targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("p:Relationship", NS)}
        names: list[str] = []
        paths: list[str] = []
        for s in book.findall("m:sheets/m:sheet", NS):
            target = targets.get(s.get("{" + NS["r"] + "}id"), "")
            path = target.lstrip("/") if target.startswith("/") else "xl/" + target
            names.append(s.get("name", f"Sheet{len(names) + 1}"))
            paths.append(path)
        return names, paths

    def _shared_strings(self) -> list[str]:
        root = self._xml("xl/sharedStrings.xml")
        if root is None:
            return []
        return ["".join(t.text or "" for t in si.iter(_M + "t")) for si in root.findall("m:si", NS)]

    def _styles(self) -> tuple[set[int], set[int]]:
        root = self._xml("xl/styles.xml")
        if root is None:
            return set(), set()
        custom = {int(f.get("numFmtId", "-1")): f.get("formatCode", "")
                  for f in root.findall("m:numFmts/m:numFmt", NS)}
        percent, dates = set(), set()
        for i, xf in enumerate(root.findall("m:cellXfs/m:xf", NS)):
            fmt = int(xf.get("numFmtId", "0"))
            if fmt in PERCENT_FORMAT_IDS or (fmt in custom and _percent_format(custom[fmt])):
                percent.add(i)
            elif fmt in DATE_FORMAT_IDS or (fmt in custom and _date_format(custom[fmt])):
                dates.add(i)
        return percent, dates

    def sheet(self, index: int) -> Sheet:
        root = self._xml(self._targets[index])
        if root is None:
            raise WorkbookError(f"sheet '{self.names[index]}' is missing from the workbook")
        cells: dict[int, dict[int, Cell]] = {}
        for c in root.iter(_M + "c"):
            r, col = column_index(c.get("r", ""))
            cell = self._cell(c)
            if cell is not None:
                cells.setdefault(r, {})[col] = cell
        merges = []
        for m in root.iter(_M + "mergeCell"):
            first, _, last = m.get("ref", "").partition(":")
            (r1, c1), (r2, c2) = column_index(first), column_index(last or first)
            merges.append((r1, c1, r2, c2))
        return Sheet(self.names[index], cells, merges)

    def _cell(self, c: ET.Element) -> Cell | None:
        kind = c.get("t", "n")
        v = c.find("m:v", NS)
        raw = v.text if v is not None else None
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(_M + "t"))
            return Cell(text) if text.strip() else None
        if raw is None:
            return None
        if kind == "s":
            text = self._strings[int(raw)] if raw.isdigit() and int(raw) < len(self._strings) else ""
            return Cell(text) if text.strip() else None
        if kind in ("str", "e"):
            return Cell(raw)
        if kind == "b":
            return Cell("true" if raw == "1" else "false")
        try:
            number = float(raw)
        except ValueError:
            return Cell(raw)
        style = int(c.get("s", "0") or 0)
        if style in self._date_styles and 1 <= number < 2958466:  # a date: its day, as text
            return Cell((EXCEL_EPOCH + timedelta(days=int(number))).isoformat())
        percent = style in self._percent_styles
        if percent:
            number = round(number * 100, 10)  # 0.984 → 98.4, not 98.39999999999999
        return Cell(plain(number), number, percent)


def plain(number: float) -> str:
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
