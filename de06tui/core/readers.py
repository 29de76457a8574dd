"""Readers: any supported file into a table of strings, with the row numbers a user would see.

Parsing and checking values is ``validate``'s job; readers only get text out of files. The cells
of a CSV or TSV file come as categorical text: ten million rows name a few hundred periods, 63
provinces and a few thousand distinct figures, and each distinct text is stored (and later parsed)
once, where a string per cell would take several times the file's size in memory.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from de06tui.core import sniff
from de06tui.core.problems import ENCODING, ERROR, WARNING, Problem
from de06tui.core.sniff import Decoded

SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".txt": "csv", ".json": "json",
            ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx", ".xls": "xlsx"}
ROW = "_row"  # the row number column added to every table
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


@dataclass
class RawTable:
    """Text cells of one input, plus what the file says about itself."""

    name: str
    frame: pl.DataFrame  # every column Utf8 or Categorical (text), or numeric; plus ROW (int)
    synthetic: bool = False
    source: str | None = None
    generated_at: str | None = None
    problems: list[Problem] = field(default_factory=list)
    sheet: str | None = None  # the workbook sheet the table was read from

    def take_frame(self) -> pl.DataFrame:
        """The cells, handed over: the table keeps an empty frame of the same columns, so that
        the cells of a large file are freed as validation converts them, not held to the end."""
        frame, self.frame = self.frame, self.frame.clear()
        return frame


class ReadError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def _fail(name: str, reason: str, **kw: Any) -> ReadError:
    return ReadError(Problem(ERROR, reason, file=name, **kw))


def detect_format(name: str, data: bytes) -> str:
    fmt = SUFFIXES.get(Path(name).suffix.lower())
    if fmt:
        return fmt
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head[:1] in (b"{", b"["):
        return "json"
    return "csv"


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, sheet: str | None = None) -> RawTable:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _fail(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise _fail(name, f"cannot read file: {exc.strerror or exc}") from None
    return read_bytes(data, name, sheet=sheet)


def read_bytes(data: bytes, name: str, fmt: str | None = None, sheet: str | None = None) -> RawTable:
    """Decode one input (file contents or a feed answer) into a RawTable; raises ReadError."""
    fmt = fmt or detect_format(name, data)
    if not data[:4096].strip() and not data.strip():  # a look at the head spares copying a big file
        raise _fail(name, "file is empty")
    try:
        if fmt in ("csv", "tsv"):
            return _sample_marked(_read_delimited(data, name, "\t" if fmt == "tsv" else None))
        if fmt == "json":
            return _read_json(data, name)
        if fmt == "parquet":
            frame = pl.read_parquet(io.BytesIO(data))
            return RawTable(name, _as_text(frame, offset=1))
        if fmt == "xlsx" and data.startswith(b"PK"):
            from de06tui.core.workbook_layout import read_workbook

            return _sample_marked(read_workbook(data, name, sheet))
        if fmt == "xlsx":  # the binary .xls of older Excel
            frame = pl.read_excel(io.BytesIO(data), engine="calamine", infer_schema_length=0)
            return _sample_marked(RawTable(name, _as_text(frame, offset=2)))
    except ReadError:
        raise
    except Exception as exc:  # a broken file of a binary format: say so, don't crash
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise _fail(name, f"cannot read as {fmt.upper()}: {reason[:200]}") from None
    raise _fail(name, f"unsupported format {fmt!r}")


# A column our own exports write on a sample ("synthetic", "Dữ liệu mẫu"); read back, it is still one.
_SAMPLE_COLUMNS = ("synthetic", "sample", "dulieumau")


def _sample_marked(table: RawTable) -> RawTable:
    from de06tui.core.text import key

    for c in table.frame.columns:
        if key(c) in _SAMPLE_COLUMNS and table.frame.schema[c] in (pl.Utf8, pl.Categorical):
            marks = table.frame[c].cast(pl.Utf8).str.strip_chars().str.to_lowercase()
            table.synthetic = bool(marks.is_in(["true", "1", "yes", "x", "có"]).any())
    return table


def _as_text(frame: pl.DataFrame, offset: int) -> pl.DataFrame:
    """Cells as text, except numbers, which stay numbers (a million floats as strings is waste)."""
    if frame.width == 0:
        raise ReadError(Problem(ERROR, "no columns"))

    def text(c: str) -> pl.Expr:
        dtype = frame.schema[c]
        if dtype.is_numeric():
            return pl.col(c).cast(pl.Float64)
        return pl.col(c) if dtype == pl.Categorical else pl.col(c).cast(pl.Utf8, strict=False)

    frame = frame.select(text(c).alias(str(c).strip()) for c in frame.columns)
    return frame.with_row_index(ROW, offset=offset)  # UInt32: half the bytes of Int64 per row


def _decode(data: bytes, name: str) -> str:
    text = _utf8(data, name).data
    return text.decode("utf-8")


def _utf8(data: bytes, name: str) -> Decoded:
    """The file as UTF-8 bytes: UTF-16 by its mark, UTF-8, or a legacy encoding decoded with certainty."""
    try:
        decoded = sniff.from_bom(data)
        if decoded is None:
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            try:
                data.decode("utf-8")
                decoded = Decoded(data)
            except UnicodeDecodeError as exc:
                decoded = sniff.legacy(data, exc.start)
    except sniff.EncodingRefused as exc:
        raise _fail(name, exc.reason, row=exc.row) from None
    _refuse_mojibake(decoded.data, name)
    return decoded


def _refuse_mojibake(data: bytes, name: str) -> None:
    line = sniff.mojibake_line(data)
    if line is not None:
        raise _fail(name, "text is garbled: UTF-8 that was read as Windows-1252 and saved again "
                          "(e.g. 'Ã' before another accented sign); open the original file", row=line)


# Past this many distinct cells in all, the file's bytes are searched instead of its cells.
_MOJIBAKE_CELLS = 200_000


def _refuse_mojibake_cells(frame: pl.DataFrame, data: bytes, name: str) -> None:
    """``_refuse_mojibake`` on the header and each column's distinct cells: a garbled letter is a
    run of non-ASCII bytes, which no separator, quote or line end splits, so the file holds one
    only where a cell or header does. A million rows hold a few thousand distinct texts, and
    searching them spares searching every byte; the file is searched only to name the line."""
    if b"\xc3" not in data:  # every sign sniff looks for starts with this byte (Ã, Â, á, â …)
        return
    distinct = [frame[c].unique(maintain_order=True).drop_nulls() for c in frame.columns]  # ordered is faster
    if sum(map(len, distinct)) > _MOJIBAKE_CELLS:
        _refuse_mojibake(data, name)
        return
    cells = [*frame.columns, *(t for d in distinct for t in d.cast(pl.Utf8).to_list())]
    if sniff.mojibake_line("\n".join(cells).encode("utf-8")) is not None:
        _refuse_mojibake(data, name)


def _read_delimited(data: bytes, name: str, sep: str | None) -> RawTable:
    notes: list[Problem] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = _utf8(data, name).data
    sep = sep or sniff.separator(data)
    frame = None
    try:
        frame = _polars_csv(data, name, sep)
    except ReadError as exc:
        # Only a failed read decodes the text: to find a bad byte, or a legacy encoding to retry in.
        decoded = _utf8(data, name)
        if decoded.data is data:
            raise exc from None
        data = decoded.data
        notes.append(Problem(WARNING, decoded.note or f"decoded as {decoded.encoding}", file=name,
                             kind=ENCODING))
        frame = _polars_csv(data, name, sep)
    _refuse_mojibake_cells(frame, data, name)
    if frame.height == 0:
        raise _fail(name, "no data rows under the header", row=1)
    return RawTable(name, _as_text(frame, offset=2), problems=notes)


def _polars_csv(data: bytes, name: str, sep: str) -> pl.DataFrame:
    try:
        header = pl.read_csv(data, separator=sep, infer_schema=False, n_rows=0, raise_if_empty=True)
        return pl.read_csv(data, separator=sep, infer_schema=False, truncate_ragged_lines=False,
                           raise_if_empty=True, schema_overrides=dict.fromkeys(header.columns, pl.Categorical))
    except pl.exceptions.NoDataError:
        raise _fail(name, "file is empty") from None
    except pl.exceptions.ComputeError as exc:
        msg = str(exc).splitlines()[0]
        raise _fail(name, f"malformed {'TSV' if sep == chr(9) else 'CSV'}: {msg[:200]}") from None


def _read_json(data: bytes, name: str) -> RawTable:
    text = _decode(data, name)
    try:
        doc = json.loads(text)
    except RecursionError:
        raise _fail(name, "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise _fail(name, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                    row=exc.lineno) from None
    return table_from_json(doc, name)


def table_from_json(doc: object, name: str) -> RawTable:
    """A list of records, or a de06tui feed document, into a RawTable."""
    meta: dict[str, Any] = {}
    if isinstance(doc, dict) and "records" not in doc:
        from de06tui.core import portal

        if portal.is_portal_doc(doc):  # the portal's own answer, saved: every group, not just the total
            try:
                answer_records, notes = portal.saved_answer_records(doc, name)
            except portal.PortalShapeError as exc:
                raise _fail(name, str(exc).removeprefix(f"{name}: ")) from None
            table = table_from_json(answer_records, name)
            table.problems += [Problem("warning", note, file=name) for note in notes]
            return table
    if isinstance(doc, dict):
        if "records" not in doc:
            raise _fail(name, "JSON object has no 'records' list (expected a de06tui.feed/1 document "
                              "or a list of records)", column="records")
        schema = doc.get("schema")
        if schema is not None and not str(schema).startswith("de06tui.feed/"):
            raise _fail(name, f"unknown schema {str(schema)[:60]!r}; expected 'de06tui.feed/1'",
                        column="schema")
        meta = doc
        records = doc["records"]
    else:
        records = doc
    if not isinstance(records, list):
        raise _fail(name, "records must be a JSON list of objects", column="records")
    if not records:
        raise _fail(name, "no records")
    for i, rec in enumerate(records, start=1):
        if type(rec) is not dict:
            raise _fail(name, f"record {i} is {type(rec).__name__}, not an object", row=i)
    # Records of one document mostly share their keys: gather the distinct key sets, not every key.
    columns: dict[str, None] = {}
    for keys in dict.fromkeys(tuple(rec) for rec in records):
        for k in keys:
            columns.setdefault(k, None)
    cols: dict[str, pl.Series] = {}
    for c in map(str, columns):
        values = [r.get(c) for r in records]
        kinds = set(map(type, values))
        # Numbers stay numbers: turning thousands of floats into text only to parse them back is waste.
        if kinds <= {int, float, type(None)} and kinds - {type(None)}:
            cols[c] = pl.Series(c, values, dtype=pl.Float64, strict=False)
        elif kinds <= {str, type(None)}:
            cols[c] = pl.Series(c, values, dtype=pl.Utf8)
        elif kinds <= {bool, type(None)}:
            cols[c] = pl.Series(c, values, dtype=pl.Boolean).cast(pl.Utf8)  # "true" / "false"
        else:  # mixed or nested values: as text, so validation can say what is wrong with them
            cols[c] = pl.Series(c, [_cell(v) for v in values], dtype=pl.Utf8)
    frame = pl.DataFrame(list(cols.values()))
    frame = frame.with_row_index(ROW, offset=1).with_columns(pl.col(ROW).cast(pl.Int64))
    synthetic = meta.get("synthetic") is True
    return RawTable(name, frame, synthetic=synthetic,
                    source=str(meta["source"]) if meta.get("source") is not None else None,
                    generated_at=str(meta.get("generated_at")) if meta.get("generated_at") else None)


def _cell(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)[:200]
    return str(v)


def files_in(path: Path) -> list[Path]:
    """A file, or every supported file in a folder (not recursive), sorted by name."""
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
    return [path]
