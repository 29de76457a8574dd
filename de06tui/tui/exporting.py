"""Writing what the app shows to files; runs in export workers, never on the UI thread.

Files go into the export folder (the configured one, else a de06tui folder in the user's
documents), named for what they hold (unit, metric, period, filter, export time); a name already
taken gets a number, so nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from de06tui.tui.i18n import t

if TYPE_CHECKING:
    from de06tui.core.dataset import Dataset
    from de06tui.tui.app import De06App
    from de06tui.tui.state import ViewState


def out_dir(configured: Path | None) -> Path:
    """The app's export folder: the one it was given, else the default (never the cwd)."""
    if configured is not None:
        return configured.absolute()
    from de06tui.core.paths import export_dir

    return export_dir(None)


def csv_style() -> str:
    """The config file's CSV style; a config that cannot be read was already said at start-up."""
    from de06tui.config import ConfigError, load_config

    try:
        return load_config().csv_style
    except ConfigError:
        return "excel"


def write_board(ds: Dataset | None, fmt: str, metric: str, period: str | None, shown: list[str] | None, lang: str,
                folder: Path, provinces: str = "auto", compare: str | None = None,
                filter_text: str = "", when: datetime | None = None) -> Path:
    """A leaderboard as CSV/XLSX/Markdown; ``shown`` keeps the screen's filter and order.

    The XLSX is the whole workbook (a sheet per metric), its first sheet the rows shown."""
    import polars as pl

    from de06tui.core import periods as P
    from de06tui.core.export import export_board, export_name
    from de06tui.tui.views.board import board_view

    # The view as on screen: same registry and same comparison.
    if ds is None:
        raise ValueError(t("no_data", lang))
    view = board_view(ds, metric, period, provinces=provinces, compare=compare)
    if view.period is None:
        raise ValueError(t("no_data", lang))
    board = view.frame
    if shown is not None:
        order = {code: i for i, code in enumerate(shown)}
        board = (board.filter(pl.col("province").is_in(list(order)))
                 .with_columns(pl.col("province").replace_strict(order, return_dtype=pl.Int64).alias("_order"))
                 .sort("_order").drop("_order"))
    # An old period on the new provinces is a different table: its name says so.
    label = view.period if view.era == P.era(view.period) else f"{view.period}-{view.era}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / export_name(metric, label, fmt, filter_text=filter_text or None, when=when)
    return export_board(board, ds.catalog[metric], path, fmt, lang=lang, period=view.period,
                        synthetic=ds.provenance.synthetic, ds=ds, provinces=provinces,
                        compare=compare, csv_style=csv_style())


def write_brief(lines: list[str], period: str | None, folder: Path) -> Path:
    from de06tui.core.export import export_brief

    folder.mkdir(parents=True, exist_ok=True)
    return export_brief(lines, folder / f"de06_brief_{period or 'latest'}.txt")


def board_job(app: De06App, state: ViewState, fmt: str, metric: str, shown: list[str] | None, folder: Path,
              when: datetime | None = None) -> Callable[[], None]:
    """A worker body writing a leaderboard; the result reaches the app as an Exported message.

    It is given the view state it writes, and reads nothing off the app."""
    ds, period, lang, provinces, compare = state.dataset, state.period, state.lang, state.provinces, state.compare
    filter_text = state.filter_text

    def job() -> None:
        try:
            written = write_board(ds, fmt, metric, period, shown, lang, folder, provinces, compare,
                                  filter_text, when)
        except Exception as exc:  # shown as a toast: a full disk must not end the session
            app.post_message(app.Exported(None, f"{type(exc).__name__}: {exc}"))
            return
        app.post_message(app.Exported(written))

    return job


def brief_job(app: De06App, state: ViewState, folder: Path | None) -> Callable[[], None]:
    """A worker body: the brief to a file in ``folder``, or to the clipboard when None."""
    from de06tui.tui.views.overview import brief_for

    ds, period, lang = state.dataset, state.period, state.lang

    def job() -> None:
        if ds is None:  # the action starts no brief before data is shown
            return
        lines = brief_for(ds, period, lang)
        if folder is None:
            if lines:
                app.call_from_thread(app.copy, "\n".join(lines))
            return
        try:
            written = write_brief(lines, period, folder)
        except Exception as exc:
            app.post_message(app.Exported(None, f"{type(exc).__name__}: {exc}"))
            return
        app.post_message(app.Exported(written))

    return job
