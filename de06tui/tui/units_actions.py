"""The app's ways into the units boards, the board's note line (or empty state) and its export."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from de06tui.core.portal import COMMUNE
from de06tui.tui import background
from de06tui.tui.i18n import t
from de06tui.tui.units_data import SAMPLE_LABEL, source_label

if TYPE_CHECKING:
    from de06tui.tui.app import De06App
    from de06tui.tui.screens.units import UnitsScreen


def province_on_screen(app: De06App) -> str | None:
    """The province a board's cursor or a detail is on (registry code), if any."""
    screen = app.screen
    code = getattr(screen, "code", None)  # a province's detail
    if code is None and hasattr(screen, "current_code") and hasattr(screen, "board_query"):
        code = screen.current_code()
    return code


def open_units(app: De06App) -> None:
    from de06tui.tui.screens.units import UnitsScreen

    if isinstance(app.screen, UnitsScreen) and not app.screen.detail_open:
        return  # a unit's detail asks for a province like any screen that is on none
    code = province_on_screen(app)
    if code is None:
        app.say(t("u_pick_province", app.lang))
        return
    app.push_screen(UnitsScreen(code, COMMUNE))


def open_national(app: De06App) -> None:
    from de06tui.tui.screens.units import UnitsScreen

    screen = app.screen
    if not (isinstance(screen, UnitsScreen) and screen.query_state.province is None and not screen.detail_open):
        app.push_screen(UnitsScreen(None, COMMUNE))


def _empty_reason(screen: UnitsScreen, cohort: str) -> str:
    lang, place = screen.de06.lang, screen.place
    if screen.kind == "sample":
        return t("u_empty_sample", lang, what=cohort, place=place, source=source_label(SAMPLE_LABEL, lang))
    if screen.kind == "files":
        problems = screen.units.problems if screen.units is not None else ()
        first = f" — {str(problems[0])[:160]}" if problems else ""
        return t("u_empty_files", lang, what=cohort, place=place) + first
    if screen.kind == "feed":
        return t("u_empty_feed", lang, what=cohort, place=place)
    return t("u_empty_none", lang)


def crumb_text(screen: UnitsScreen) -> Text:
    """Where the board is: the province board › the place › the cohort (· the cluster)."""
    from de06tui.tui.screens.units import COHORT_LABEL

    lang, q = screen.de06.lang, screen.query_state
    crumb = Text(t("u_crumb_board", lang), style="dim")
    crumb.append(" › ")
    crumb.append(screen.place, style="bold")
    crumb.append(" › " + t(COHORT_LABEL[q.cohort], lang))
    if q.cluster:
        crumb.append(" · " + t("u_cluster", lang, name=q.cluster))
    crumb.append("   " + t("u_esc_back", lang), style="dim")
    return crumb


def heading(screen: UnitsScreen) -> tuple[str, str] | None:
    """The header's title and period for the board (None before its first view)."""
    from de06tui.tui.screens.units import COHORT_LABEL, snapshot_label

    view, q, lang = screen.view, screen.query_state, screen.de06.lang
    if view is None:
        return None
    title = f"{screen.place} › {t(COHORT_LABEL[q.cohort], lang)} · {view.counts.get(q.cohort, 0)}"
    return title, snapshot_label(view.snapshot, lang)


def copy_row(screen: UnitsScreen) -> None:
    """The cursor's unit as cells a spreadsheet reads as numbers, in the language's decimal mark."""
    from de06tui.tui.screens.units import snapshot_label
    from de06tui.tui.views.units import score_text

    row, app = screen.current_row(), screen.de06
    if row is None:
        app.say(t("nothing_to_copy", app.lang))
        return
    shot = screen.view.snapshot if screen.view else None
    app.copy(f"{row.rank or '–'}\t{row.name}\t{row.province_name}\t{score_text(row.value, app.lang)}\t"
             f"{snapshot_label(shot, app.lang)}")


def note_text(screen: UnitsScreen) -> Text:
    from de06tui.tui.screens.units import COHORT_LABEL, SORT_LABEL, snapshot_label
    from de06tui.tui.views.units import SORTS

    lang, q, view = screen.de06.lang, screen.query_state, screen.view
    cohort = t(COHORT_LABEL[q.cohort], lang).lower()
    if view is None:
        if screen.error:
            return Text(t("u_load_failed", lang, reason=screen.error), style="bold red")
        return Text(t("u_loading", lang, place=screen.place))
    if not view.rows:
        out = Text(_empty_reason(screen, cohort), style="bold")
    else:
        arrow = "▼" if SORTS[q.sort] != q.reverse else "▲"
        out = Text(t("u_total", lang), style="bold")
        out.append("  ·  " + t("u_shown_of", lang, shown=len(screen._shown), total=len(view.rows)))
        out.append("  ·  " + t("sort_by", lang, col=t(SORT_LABEL[q.sort], lang), arrow=arrow))
        if q.filter:
            out.append("  ·  " + t("u_filtered", lang, text=q.filter))
    against = t("u_vs", lang, shot=snapshot_label(view.against, lang)) if view.against else t("u_vs_none", lang)
    real = view.rows and all(r.real for r in view.rows)
    label = source_label(screen.label, lang)
    source = f"{label} · {t('u_real', lang)}" if real else label
    if view.rows:
        out.append("\n" + against + ("  ·  " + source if source else ""), style="dim")
    if screen.error:
        out.append("\n" + t("u_load_failed", lang, reason=screen.error), style="red")
    return out


def export_units(screen: UnitsScreen, fmt: str) -> None:
    """Write the board as shown, in a worker; the toast comes back through the app's handler."""
    view, app = screen.view, screen.de06
    if view is None or view.frame is None or view.snapshot is None or not screen._shown:
        app.say(t("nothing_to_copy", app.lang))
        return
    from de06tui.tui.exporting import out_dir
    from de06tui.tui.screens.units import COHORT_LABEL
    from de06tui.tui.units_export import write_units

    board, shown, shot = view.frame, [r.code for r in screen._shown], view.snapshot
    synthetic = bool(getattr(screen.units, "synthetic", False))
    folder, lang = out_dir(app.export_dir), app.lang  # the export folder, never the cwd
    cohort, place, post = screen.query_state.cohort, screen.place, app.post_message
    label, title = source_label(screen.label, lang), f"{place} · {t(COHORT_LABEL[cohort], lang)}"
    exported = type(app).Exported

    def job() -> None:
        try:
            path = write_units(board, shown, shot, cohort, place, fmt, folder, lang, synthetic, label, title)
        except (OSError, ValueError) as exc:
            post(exported(None, str(exc)))
            return
        post(exported(path))

    app.say(t("writing", lang, what=fmt.upper()))  # at once: a workbook of thousands of rows takes a while
    app.run_worker(job, thread=True, group=background.group("export"))
