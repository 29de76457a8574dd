"""Writing views out: a leaderboard as CSV, XLSX or Markdown, the brief as text, a feed document.

Machine outputs keep every value exactly as computed; only Markdown (a table for people) rounds.
Files never replace one that exists unless asked: a taken name gets " (2)", " (3)", …
"""

from __future__ import annotations

import html
import json
import os
import re
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from de06tui.core.metrics import MetricDef
from de06tui.core.text import clean, fold

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset

FORMATS = ("csv", "xlsx", "md")
CSV_STYLES = ("excel", "vi")
FEED_SCHEMA = "de06tui.feed/1"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Column → Vietnamese header. Each name is one the reader accepts back for its role.
HEADERS_VI = {
    "note": "Ghi chú", "rank": "Hạng", "code": "Mã tỉnh", "province": "Tỉnh/Thành phố",
    "value": "Giá trị", "numerator": "Tử số", "denominator": "Mẫu số", "band": "Nhóm",
    "prev_rank": "Hạng kỳ trước", "rank_change": "Thay đổi hạng", "approx": "Ước tính",
    "real": "Số liệu thật", "synthetic": "Dữ liệu mẫu", "flag": "Ghi chú chất lượng",
    "metric": "Chỉ số", "measure": "Đơn vị tính", "period": "Kỳ",
    # a units board's own columns
    "unit_code": "Mã đơn vị", "name": "Tên đơn vị", "source_rank": "Hạng trên cổng", "cohort": "Cấp",
    "value_change": "Thay đổi điểm", "as_of": "Ngày số liệu",
}
BANDS_VI = {"top": "nhóm đầu", "bottom": "nhóm cuối", "middle": ""}
SAMPLE_NOTE = {"vi": "Dữ liệu MẪU — tổng hợp, không phải số liệu chính thức",
               "en": "SAMPLE — synthetic data, not official figures"}
MD_SAMPLE_NOTE = {"vi": "MẪU: Dữ liệu mẫu tổng hợp, không phải số liệu chính thức",
                  "en": "SAMPLE: Synthetic sample data, not official figures"}
REAL_NOTE = {"vi": "Số liệu thật", "en": "Real figure"}
REFERENCE_NOTE = {"vi": "Tham khảo — không sử dụng làm nguồn báo cáo chính thống",
                  "en": "For reference — not an official source for reports"}


def neutralise(text: str | None) -> str | None:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if text is None:
        return None
    text = clean(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def board_table(board: pl.DataFrame, metric: MetricDef, period: str, synthetic: bool,
                decimals: int | None = None) -> pl.DataFrame:
    """The columns an exported leaderboard carries, text made safe.

    Values stay exact unless ``decimals`` asks for a table rounded for reading.
    ``synthetic`` is per row: a real figure inside a sample is marked real, not synthetic.
    """
    value = pl.col("value") if decimals is None else pl.col("value").round(decimals)
    real = pl.col("real").fill_null(False) if "real" in board.columns else pl.lit(False)
    return board.select(
        "rank",
        pl.col("province").alias("code"),
        pl.col("name").map_elements(neutralise, return_dtype=pl.Utf8).alias("province"),
        value,
        pl.col("numerator").round(0).cast(pl.Int64), pl.col("denominator").round(0).cast(pl.Int64),
        "band", "prev_rank", "rank_change", "approx",
        real.alias("real"),
        pl.col("flag").map_elements(neutralise, return_dtype=pl.Utf8).alias("flag"),
    ).with_columns(
        pl.lit(metric.id).alias("metric"),
        # "measure", not "unit": a unit column in a data file means departments or communes.
        pl.lit(metric.unit).alias("measure"),
        pl.lit(period).alias("period"),
        (pl.lit(synthetic) & ~pl.col("real")).alias("synthetic"),
    )


def with_note(table: pl.DataFrame, synthetic: bool, lang: str) -> pl.DataFrame:
    """A sample's table leads with a note column a person sees before any figure."""
    if not synthetic:
        return table
    note = pl.when(pl.col("real")).then(pl.lit(REAL_NOTE.get(lang, REAL_NOTE["en"]))).otherwise(
        pl.lit(SAMPLE_NOTE.get(lang, SAMPLE_NOTE["en"])))
    return table.select(note.alias("note"), pl.all())


def localised(table: pl.DataFrame, lang: str) -> pl.DataFrame:
    """Headers, bands and yes/no in the reader's language (English leaves the table as it is)."""
    if lang != "vi":
        return table
    yes_no = [pl.when(pl.col(c)).then(pl.lit("có")).otherwise(pl.lit("không")).alias(c)
              for c, t in table.schema.items() if t == pl.Boolean]
    bands = [pl.col("band").replace_strict(BANDS_VI, default=pl.col("band")).alias("band")] \
        if "band" in table.columns else []
    out = table.with_columns(*yes_no, *bands)
    return out.rename({c: HEADERS_VI[c] for c in out.columns if c in HEADERS_VI})


def csv_bytes(table: pl.DataFrame, lang: str = "en", style: str = "excel") -> bytes:
    """CSV Excel opens right: UTF-8 with a BOM; the "vi" style uses ; and a decimal comma."""
    if style not in CSV_STYLES:
        raise ValueError(f"unknown CSV style '{style}'; use one of {', '.join(CSV_STYLES)}")
    out = localised(table, lang)
    if style == "vi":
        text = out.write_csv(separator=";", decimal_comma=True)
    else:
        text = out.write_csv()
    return b"\xef\xbb\xbf" + text.encode("utf-8")


# Backslash, code, emphasis, link brackets and the table's own bar; HTML is escaped apart.
_MD_SPECIAL = re.compile(r"([\\`*\[\]|])")


def md_text(value: object) -> str:
    """Data as inert Markdown text: no HTML, no links, no table breaks."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    text = html.escape(clean(value), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown(table: pl.DataFrame, title: str | None = None, note: str | None = None) -> str:
    lines = []
    if title:
        lines += [f"## {md_text(title)}", ""]
    if note:
        lines += [f"_{md_text(note)}_", ""]
    lines.append("| " + " | ".join(md_text(c) for c in table.columns) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    for row in table.iter_rows():
        lines.append("| " + " | ".join(md_text(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def tsv_row(row: dict[str, Any], metric: MetricDef, lang: str = "en") -> str:
    """One board row as tab-separated cells that paste into a spreadsheet as numbers: rank, code,
    name, value, numerator, denominator; no units, no thousands marks, the language's decimal mark
    (a Vietnamese Excel reads 95,1 as a number, 95.1 as text)."""
    from de06tui.core.numbers import number

    name = clean(row.get("name") or "")
    cells = [str(row.get("rank") or ""), str(row.get("province") or ""), neutralise(name) or "",
             number(row.get("value"), metric.decimals, lang, grouping=False),
             number(row.get("numerator"), 0, lang, grouping=False),
             number(row.get("denominator"), 0, lang, grouping=False)]
    return "\t".join(cells)


# -- files ------------------------------------------------------------------------------------

def _temp_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file next to ``path``, created with the user's umask (as any file they save)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def _check_folder(folder: Path) -> None:
    for parent in (folder, *folder.parents):
        if parent.exists():
            if not parent.is_dir():
                raise NotADirectoryError(20, f"'{parent}' is a file, not a folder", str(folder))
            break
    folder.mkdir(parents=True, exist_ok=True)


def atomic_write(path: Path, data: bytes, replace: bool = True) -> Path:
    """Write via a temporary file in the same folder, then move it in place, so no reader sees
    half a file. With ``replace=False`` an existing file is never touched: FileExistsError."""
    path = Path(path)
    _check_folder(path.parent)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            _move_new(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _move_new(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` only if nothing is there; a hard link makes the check atomic."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then move
        if path.exists():
            raise FileExistsError(17, "File exists", str(path)) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def numbered(path: Path, n: int) -> Path:
    """``report.csv`` → ``report (2).csv``, as file managers name a second copy."""
    return path if n < 2 else path.with_name(f"{path.stem} ({n}){path.suffix}")


def write_new(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path``, or to ``path (2)``, ``(3)`` … if taken; returns the name used."""
    path = Path(path)
    for n in range(1, 10_000):
        candidate = numbered(path, n)
        if candidate.exists():
            continue
        try:
            return atomic_write(candidate, data, replace=False)
        except FileExistsError:
            continue
    raise FileExistsError(17, "every numbered name is taken", str(path))


def slug(text: str) -> str:
    """Text as a portable piece of a file name: "Hà Nội, Q3" → "ha-noi-q3"."""
    return re.sub(r"[^0-9a-z]+", "-", fold(text)).strip("-")[:40]


def export_name(metric: str, period: str, ext: str, unit: str = "tinh", filter_text: str | None = None,
                when: datetime | None = None) -> str:
    """A name that says what the file holds: unit, metric, period, filter and export time."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d_%H%M")
    parts = ["de06", slug(unit), slug(metric.replace("_", "-")), slug(period)]
    if filter_text and slug(filter_text):
        parts.append("loc-" + slug(filter_text))
    return "_".join(p for p in parts if p) + f"_{stamp}.{ext.lstrip('.')}"


# -- what the commands and the app call --------------------------------------------------------

def export_board(board: pl.DataFrame, metric: MetricDef, path: Path, fmt: str, lang: str = "en",
                 period: str = "", synthetic: bool = False, *, ds: Dataset | None = None,
                 provinces: str | int = "auto",
                 compare: str | None = None, csv_style: str = "excel", replace: bool = False) -> Path:
    """Write the rows given (already filtered and sorted as shown); returns the path written.

    For XLSX, ``ds`` adds a sheet with the full board of every other metric of the period.
    Without ``replace`` an existing file is kept and the name gets a number.
    """
    path = Path(path)
    table = board_table(board, metric, period, synthetic)
    if fmt == "csv":
        data = csv_bytes(with_note(table, synthetic, lang), lang, csv_style)
    elif fmt == "md":
        from de06tui.core import periods as P

        rounded = board_table(board, metric, period, synthetic, decimals=metric.decimals)
        note = MD_SAMPLE_NOTE.get(lang, MD_SAMPLE_NOTE["en"]) if synthetic else None
        label = P.label(period, lang) if period else ""
        data = markdown(localised(rounded.drop("synthetic"), lang), f"{metric.title(lang)} — {label}",
                        note).encode("utf-8")
    elif fmt == "xlsx":
        from de06tui.core.workbook import board_workbook

        data = board_workbook(table, metric, period, lang, synthetic, ds=ds, provinces=provinces,
                              compare=compare)
    else:
        raise ValueError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
    return atomic_write(path, data) if replace else write_new(path, data)


def export_brief(lines: list[str], path: Path, replace: bool = False) -> Path:
    data = ("\n".join(clean(x) for x in lines) + "\n").encode("utf-8")
    return atomic_write(Path(path), data) if replace else write_new(Path(path), data)


def feed_records(frame: pl.DataFrame) -> list[dict[str, Any]]:
    """Canonical rows as feed records (nulls and false flags left out)."""
    records = []
    for rec in frame.select("period", "province", "metric", "value", "numerator", "denominator",
                            "flag", "real", "approx").iter_rows(named=True):
        out = {k: v for k, v in rec.items() if v is not None and v is not False}
        for k in ("numerator", "denominator"):
            if k in out and float(out[k]).is_integer():
                out[k] = int(out[k])
        records.append(out)
    return records


def feed_document(frame: pl.DataFrame, source: str, synthetic: bool) -> dict[str, Any]:
    return {
        "schema": FEED_SCHEMA,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": source,
        "synthetic": synthetic,
        "records": feed_records(frame),
    }


def write_feed(frame: pl.DataFrame, path: Path, source: str, synthetic: bool) -> Path:
    """A feed file is published in place: it replaces the previous one."""
    doc = feed_document(frame, source, synthetic)
    return atomic_write(Path(path), json.dumps(doc, ensure_ascii=False, indent=0).encode("utf-8"))
