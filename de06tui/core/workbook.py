"""The XLSX workbook offices expect: a sheet per metric, metadata rows, frozen headings, filters.

Each sheet: a title and four metadata rows (source, period and as-of, generated at, and the
sample or reference disclaimer), the header on row 6, then one row per province. Numbers are
stored as numbers with a number format (Excel shows them with the reader's own decimal mark);
the first three columns and six rows are frozen; the header carries an autofilter; no cell is
merged. The sheet of the board on screen comes first and holds exactly the rows given.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import polars as pl

from de06tui.core.export import BANDS_VI, HEADERS_VI, REFERENCE_NOTE, SAMPLE_NOTE, board_table, neutralise
from de06tui.core.metrics import MetricDef

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.worksheet import Worksheet

    from de06tui.core.dataset import Dataset

HEADER_ROW = 5  # zero-based: the sixth row
FROZEN_COLUMNS = 3  # rank, code, province
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_LABELS = {
    "vi": {"source": "Nguồn", "period": "Kỳ", "as_of": "Số liệu đến", "generated": "Tạo lúc",
           "rows": "dòng", "unknown": "không rõ"},
    "en": {"source": "Source", "period": "Period", "as_of": "Data as of", "generated": "Generated at",
           "rows": "rows", "unknown": "unknown"},
}


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: a metric's table (the columns of ``board_table``) for one period."""

    metric: MetricDef
    table: pl.DataFrame
    period: str
    name: str = ""  # what the rows are, when not the provinces (e.g. "Gia Lai communes"): titles the sheet


@dataclass(frozen=True)
class WorkbookInfo:
    source: str
    as_of: str | None
    synthetic: bool
    lang: str = "en"
    generated_at: datetime | None = None


def sheet_name(text: str, taken: set[str]) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _BAD_SHEET_CHARS.sub(" ", text).strip(" '") or "Sheet"
    base = " ".join(base.split())[:31]
    name, n = base, 2
    while name.lower() in taken:
        tail = f" ({n})"
        name, n = base[:31 - len(tail)] + tail, n + 1
    taken.add(name.lower())
    return name


def _header(column: str, metric: MetricDef, lang: str) -> str:
    if column == "value":
        return f"{metric.short(lang)} ({metric.unit_label(lang)})"
    return HEADERS_VI.get(column, column) if lang == "vi" else column


def _meta_lines(spec: SheetSpec, info: WorkbookInfo) -> list[str]:
    from de06tui.core import periods as P

    words = _LABELS.get(info.lang, _LABELS["en"])
    when = (info.generated_at or datetime.now(UTC)).astimezone(UTC)
    disclaimer = SAMPLE_NOTE if info.synthetic else REFERENCE_NOTE
    what = f"{neutralise(spec.name)} — " if spec.name else ""
    return [
        f"{what}{spec.metric.title(info.lang)} — {P.label(spec.period, info.lang)}",
        f"{words['source']}: {neutralise(info.source) or words['unknown']}",
        f"{words['period']}: {P.label(spec.period, info.lang)} ({spec.period}) · "
        f"{words['as_of']}: {neutralise(info.as_of) or words['unknown']} · {spec.table.height} {words['rows']}",
        f"{words['generated']}: {when:%Y-%m-%d %H:%M} UTC",
        disclaimer.get(info.lang, disclaimer["en"]),
    ]


def _formats(book: Workbook, metric: MetricDef) -> dict[str, Any]:
    decimals = "0." + "0" * metric.decimals if metric.decimals else "0"
    return {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "warn": book.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
        "head": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1,
                                 "bg_color": "#DDEBF7"}),
        "value": book.add_format({"num_format": decimals}),
        "count": book.add_format({"num_format": "#,##0"}),
        "int": book.add_format({"num_format": "0"}),
    }


def _cell(sheet: Worksheet, row: int, col: int, column: str, value: object, fmt: dict[str, Any], lang: str) -> None:
    if value is None:
        sheet.write_blank(row, col, None)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, (int, float)):
        counts = ("numerator", "denominator")
        kind = "value" if column in ("value", "value_change") else "count" if column in counts else "int"
        sheet.write_number(row, col, value, fmt[kind])
    else:
        text = str(value)
        if column == "band" and lang == "vi":
            text = BANDS_VI.get(text, text)
        sheet.write_string(row, col, text)


def _write_sheet(book: Workbook, spec: SheetSpec, info: WorkbookInfo, taken: set[str]) -> None:
    sheet = book.add_worksheet(sheet_name(spec.name or spec.metric.short(info.lang), taken))
    fmt = _formats(book, spec.metric)
    for i, line in enumerate(_meta_lines(spec, info)):
        style = fmt["title"] if i == 0 else fmt["warn"] if i == 4 and info.synthetic else None
        sheet.write_string(i, 0, line, style)
    columns = spec.table.columns
    for c, column in enumerate(columns):
        sheet.write_string(HEADER_ROW, c, _header(column, spec.metric, info.lang), fmt["head"])
    for r, row in enumerate(spec.table.iter_rows(), start=HEADER_ROW + 1):
        for c, (column, value) in enumerate(zip(columns, row)):
            _cell(sheet, r, c, column, value, fmt, info.lang)
    last = HEADER_ROW + spec.table.height
    sheet.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(columns) - 1)
    sheet.freeze_panes(HEADER_ROW + 1, FROZEN_COLUMNS)
    sheet.set_column(0, 1, 8)
    sheet.set_column(2, 2, 24)
    sheet.set_column(3, len(columns) - 1, 13)
    sheet.set_row(HEADER_ROW, 32)


def workbook_bytes(sheets: list[SheetSpec], info: WorkbookInfo) -> bytes:
    """The workbook, sheets in the order given."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": "de06tui", "comments": info.source[:255]})
    taken: set[str] = set()
    for spec in sheets:
        _write_sheet(book, spec, info, taken)
    book.close()
    return buf.getvalue()


def other_boards(ds: Dataset, shown_metric: str, period: str, provinces: str | int = "auto",
                 compare: str | None = None) -> list[SheetSpec]:
    """Full boards of every other metric with data in ``period``, in catalog order."""
    from de06tui.core.ranking import RankingError, leaderboard

    synthetic = ds.provenance.synthetic
    out = []
    for metric in ds.catalog:
        if metric.id == shown_metric:
            continue
        try:
            board = leaderboard(ds, metric.id, period, provinces=provinces, compare=compare)
        except (RankingError, ValueError):
            continue
        if board.height:
            out.append(SheetSpec(metric, board_table(board, metric, period, synthetic), period))
    return out


def board_workbook(table: pl.DataFrame, metric: MetricDef, period: str, lang: str, synthetic: bool,
                   ds: Dataset | None = None, provinces: str | int = "auto", compare: str | None = None,
                   generated_at: datetime | None = None) -> bytes:
    """The shown board's sheet first (its rows as given), then, with ``ds``, every other metric."""
    sheets = [SheetSpec(metric, table, period)]
    source, as_of = "", None
    if ds is not None:
        sheets += other_boards(ds, metric.id, period, provinces, compare)
        source = ds.provenance.note or ", ".join(ds.provenance.sources)
        as_of = ds.provenance.generated_at
    return workbook_bytes(sheets, WorkbookInfo(source, as_of, synthetic, lang, generated_at))
