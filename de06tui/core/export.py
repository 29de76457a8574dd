"""Writing views out: a leaderboard as CSV, XLSX or Markdown, the brief as text, a feed document."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from de06tui.core.metrics import MetricDef
from de06tui.core.text import clean

FORMATS = ("csv", "xlsx", "md")
FEED_SCHEMA = "de06tui.feed/1"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str | None) -> str | None:
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    if text is None:
        return None
    text = clean(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def board_table(board: pl.DataFrame, metric: MetricDef, period: str, synthetic: bool) -> pl.DataFrame:
    """The columns an exported leaderboard carries, text made safe."""
    out = board.select(
        "rank",
        pl.col("province").alias("code"),
        pl.col("name").map_elements(neutralise, return_dtype=pl.Utf8).alias("province"),
        pl.col("value").round(metric.decimals),
        pl.col("numerator").round(0).cast(pl.Int64), pl.col("denominator").round(0).cast(pl.Int64), "band", "prev_rank", "rank_change", "approx",
        pl.col("flag").map_elements(neutralise, return_dtype=pl.Utf8).alias("flag"),
    ).with_columns(
        pl.lit(metric.id).alias("metric"),
        pl.lit(metric.unit).alias("unit"),
        pl.lit(period).alias("period"),
        pl.lit(synthetic).alias("synthetic"),
    )
    return out


def atomic_write(path: Path, data: bytes) -> Path:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def markdown(table: pl.DataFrame, title: str | None = None, note: str | None = None) -> str:
    def cell(v) -> str:
        if v is None:
            return ""
        return clean(v).replace("|", "\\|") if isinstance(v, str) else str(v)

    lines = []
    if title:
        lines += [f"## {cell(title)}", ""]
    if note:
        lines += [f"_{cell(note)}_", ""]
    lines.append("| " + " | ".join(table.columns) + " |")
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    for row in table.iter_rows():
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def export_board(board: pl.DataFrame, metric: MetricDef, path: Path, fmt: str, lang: str = "en",
                 period: str = "", synthetic: bool = False) -> Path:
    """Write a leaderboard; returns the path written."""
    path = Path(path)
    table = board_table(board, metric, period, synthetic)
    if fmt == "csv":
        return atomic_write(path, table.write_csv().encode("utf-8"))
    if fmt == "md":
        note = None
        if synthetic:
            note = ("Dữ liệu mẫu tổng hợp, không phải số liệu chính thức" if lang == "vi"
                    else "Synthetic sample data, not official figures")
        return atomic_write(path, markdown(table.drop("synthetic"), f"{metric.title(lang)} — {period}",
                                           note).encode("utf-8"))
    if fmt == "xlsx":
        import io

        buf = io.BytesIO()
        table.write_excel(buf, worksheet=metric.id[:31], autofit=True)
        return atomic_write(path, buf.getvalue())
    raise ValueError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")


def export_brief(lines: list[str], path: Path) -> Path:
    return atomic_write(Path(path), ("\n".join(clean(x) for x in lines) + "\n").encode("utf-8"))


def feed_records(frame: pl.DataFrame) -> list[dict]:
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


def feed_document(frame: pl.DataFrame, source: str, synthetic: bool) -> dict:
    return {
        "schema": FEED_SCHEMA,
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": source,
        "synthetic": synthetic,
        "records": feed_records(frame),
    }


def write_feed(frame: pl.DataFrame, path: Path, source: str, synthetic: bool) -> Path:
    doc = feed_document(frame, source, synthetic)
    return atomic_write(Path(path), json.dumps(doc, ensure_ascii=False, indent=0).encode("utf-8"))
