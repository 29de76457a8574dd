"""A units board written to CSV, XLSX or Markdown as shown (filter and order kept); run in a worker."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from de06tui.core.export import csv_bytes, export_name, markdown, neutralise, write_new


def unit_table(board: pl.DataFrame, shown: list[str], snapshot: tuple[str, str | None],
               synthetic: bool) -> pl.DataFrame:
    """The core's board narrowed to the units shown, in their order, text made safe."""
    order = {code: i for i, code in enumerate(shown)}
    safe = pl.col("name").map_elements(neutralise, return_dtype=pl.Utf8)
    return (board.filter(pl.col("unit").is_in(list(order)))
            .with_columns(pl.col("unit").replace_strict(order, return_dtype=pl.Int64).alias("_order"))
            .sort("_order")
            .select("rank", "source_rank", pl.col("unit").alias("unit_code"), safe.alias("name"), "province",
                    "cohort", "value", "prev_rank", "rank_change",
                    # a difference of scores without the float residue (75.34 - 75.31 = 0.0300…011)
                    pl.col("value_change").round(6),
                    pl.col("flag").map_elements(neutralise, return_dtype=pl.Utf8).alias("flag"),
                    pl.col("real").fill_null(False))
            .with_columns(pl.lit("total_score").alias("metric"), pl.lit(snapshot[0]).alias("period"),
                          pl.lit(snapshot[1]).alias("as_of"),
                          (pl.lit(synthetic) & ~pl.col("real")).alias("synthetic")))


def write_units(board: pl.DataFrame, shown: list[str], snapshot: tuple[str, str | None], cohort: str,
                place: str, fmt: str, folder: Path, lang: str, synthetic: bool, source: str = "",
                title: str = "") -> Path:
    """The board as shown; ``title`` (default: place and cohort) heads a workbook's sheet."""
    table = unit_table(board, shown, snapshot, synthetic)
    name = export_name("total_score", snapshot[0], fmt, unit=f"{cohort} {place}")
    if fmt == "csv":
        data = csv_bytes(table, lang)
    elif fmt == "md":
        note = "SAMPLE — synthetic data" if synthetic else None
        data = markdown(table, f"{cohort} — {place} — {snapshot[0]} {snapshot[1] or ''}".strip(), note).encode()
    elif fmt == "xlsx":
        data = _workbook(table, snapshot, title or f"{place} {cohort}", lang, synthetic, source)
    else:
        raise ValueError(f"unknown export format '{fmt}'; use csv, xlsx or md")
    return write_new(Path(folder) / name, data)


def _workbook(table: pl.DataFrame, snapshot: tuple[str, str | None], what: str, lang: str,
              synthetic: bool, source: str) -> bytes:
    """The office's workbook layout (title and metadata rows, frozen header, filter), one sheet."""
    from de06tui.core.metrics import default_catalog
    from de06tui.core.workbook import SheetSpec, WorkbookInfo, workbook_bytes

    spec = SheetSpec(default_catalog()["total_score"], table, snapshot[0], name=what)
    return workbook_bytes([spec], WorkbookInfo(source, snapshot[1], synthetic, lang))
