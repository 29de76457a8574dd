"""Writing what the app shows to files; runs in export workers, never on the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from de06tui.tui.i18n import t

if TYPE_CHECKING:
    from de06tui.tui.state import ViewState


def write_board(ds, fmt: str, metric: str, period: str, shown: list[str] | None, lang: str,
                folder: Path, provinces: str = "auto", compare: str | None = None) -> Path:
    """A leaderboard as CSV/XLSX/Markdown; ``shown`` keeps the screen's filter and order."""
    import polars as pl

    from de06tui.core.export import export_board
    from de06tui.tui.views.board import board_view

    from de06tui.core import periods as P

    # The view as on screen: same registry and same comparison.
    view = board_view(ds, metric, period, provinces=provinces, compare=compare)
    if view.period is None:
        raise ValueError(t("no_data", lang))
    board = view.frame
    if shown is not None:
        order = {code: i for i, code in enumerate(shown)}
        board = (board.filter(pl.col("province").is_in(list(order)))
                 .with_columns(pl.col("province").replace_strict(order, return_dtype=pl.Int64).alias("_order"))
                 .sort("_order").drop("_order"))
    # An old period on the new provinces is a different table: its file says so.
    suffix = f"_{view.era}" if view.era != P.era(view.period) else ""
    path = folder / f"de06_{metric}_{view.period}{suffix}.{fmt}"
    return export_board(board, ds.catalog[metric], path, fmt, lang=lang, period=view.period,
                        synthetic=ds.provenance.synthetic)


def write_brief(lines: list[str], period: str | None, folder: Path) -> Path:
    from de06tui.core.export import export_brief

    return export_brief(lines, folder / f"de06_brief_{period or 'latest'}.txt")


def board_job(app, state: "ViewState", fmt: str, metric: str, shown: list[str] | None, folder: Path):
    """A worker body writing a leaderboard; the result reaches the app as an Exported message.

    It is given the view state it writes, and reads nothing off the app."""
    ds, period, lang, provinces, compare = state.dataset, state.period, state.lang, state.provinces, state.compare

    def job() -> None:
        try:
            written = write_board(ds, fmt, metric, period, shown, lang, folder, provinces, compare)
        except Exception as exc:  # shown as a toast: a full disk must not end the session
            app.post_message(app.Exported(None, f"{type(exc).__name__}: {exc}"))
            return
        app.post_message(app.Exported(written))

    return job


def brief_job(app, state: "ViewState", folder: Path | None):
    """A worker body: the brief to a file in ``folder``, or to the clipboard when None."""
    from de06tui.tui.views.overview import brief_for

    ds, period, lang = state.dataset, state.period, state.lang

    def job() -> None:
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
