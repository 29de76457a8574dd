"""The app's side of recorded history: which views read the store, the `{` `}` steps, since yesterday.

Only cheap work happens here, on the UI thread: the store is read by the screens' workers
(``views/recorded.py``), given a ``Recorded`` key built from the view state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from de06tui.tui.i18n import t
from de06tui.tui.widgets import cells

if TYPE_CHECKING:
    from de06tui.tui.app import De06App


def recorded_source(app: De06App) -> str | None:
    """The history's key of the app's source when it is a feed (whose fetches are recorded)."""
    spec = getattr(app.source, "spec", None)
    if not isinstance(spec, str) or not spec:
        return None
    from de06tui.history.record import source_key

    return source_key(spec)


def key_part(app: De06App) -> tuple:
    """What a view key adds for a recorded source: () for any other, so its keys stay as they were."""
    source = recorded_source(app)
    if source is None:
        return ()
    from de06tui.history.store import default_root
    from de06tui.tui.views.recorded import Recorded

    state = app.state
    return (Recorded(str(default_root()), source, state.since_yesterday, state.as_of),)


def next_compare(compare: str | None, since_yesterday: bool, recorded: bool) -> tuple[str | None, bool]:
    """The (compare, since yesterday) `f` moves to: the previous period → the same period last
    year → since yesterday (recorded sources only) → the previous period."""
    if since_yesterday:
        return None, False
    if compare is None:
        return "year", False
    return (None, True) if recorded else (None, False)


def cycle_compare(app: De06App) -> None:
    state = app.state
    compare, since = next_compare(state.compare, state.since_yesterday, recorded_source(app) is not None)
    app.update(compare=compare, since_yesterday=since)


def set_since_yesterday(app: De06App) -> None:
    if recorded_source(app) is None:
        app.say(t("not_recorded", app.lang), severity="warning")
        return
    app.update(since_yesterday=True, compare=None)


def step_snapshot(app: De06App, step: int) -> None:
    """`{` `}`: the period's recorded snapshot before or after the one shown."""
    from de06tui.tui.views.recorded import RecordedBoardView

    view = getattr(app.screen, "view", None)
    if not isinstance(view, RecordedBoardView) or not view.snapshot_ids:
        app.say(t("not_recorded", app.lang), severity="warning")
        return
    ids = view.snapshot_ids
    here = ids.index(view.snapshot_id) if view.snapshot_id in ids else len(ids) - 1
    there = here + step
    if 0 <= there < len(ids):
        app.update(as_of=ids[there])
    else:
        app.bell()


def period_text(view: Any, shown: str, lang: str) -> str:
    """The header's period, with "as of …" when the board comes from a recorded snapshot."""
    as_of = getattr(view, "as_of", "")
    if not as_of:
        return shown
    from de06tui.tui.views.recorded import as_of_text

    return f"{shown} · {as_of_text(as_of, lang)}"


def change_cell(row: Any, fmt) -> cells.Cell:
    """Since yesterday: the value's change and, where the core allows it, the rank's; new marked."""
    if getattr(row, "status", None) is None and getattr(row, "value_change", None) is None:
        return cells.change(row.rank_change)
    if row.status == "new":
        return cells.Cell("new", "bold cyan")
    delta = None if row.value_change is None else fmt(abs(row.value_change))
    out = cells.value_change(delta, row.value_change)
    rank = cells.change(row.rank_change)
    if rank.plain:
        out.append(" ").append(rank.plain, rank.spans[0][1])
    return out


def note_lines(view: Any, lang: str) -> list[str]:
    """What the board's note adds since yesterday: the day compared with, and why changes are blank."""
    if not getattr(view, "since_yesterday", False):
        return []
    out = []
    if view.reason:
        out.append(t("no_yesterday", lang, reason=view.reason))
    elif view.rank_reason:
        out.append(t("no_rank_change", lang, reason=view.rank_reason))
    if view.gone:
        out.append(t("gone_since", lang, names=", ".join(view.gone)))
    return out


def vs_label(view: Any, lang: str) -> str | None:
    """"since yesterday (09/10/2026)", for the legend; None when the view is not since yesterday."""
    if not getattr(view, "since_yesterday", False):
        return None
    from de06tui.tui.views.recorded import day_text

    return t("vs_yesterday_day", lang, day=day_text(view.before_day)) if view.before_day else t("vs_yesterday", lang)


def movers_note(view: Any, metric_title: str, lang: str) -> str | None:
    """The day's movers' heading (yesterday → as of), or why there are none; None for period movers."""
    if not hasattr(view, "before_day"):
        return None
    from de06tui.tui.views.recorded import as_of_text, day_text

    if view.reason and not view.before_day:
        return t("no_yesterday", lang, reason=view.reason)
    head = t("yesterday_movers", lang, metric=metric_title, day=day_text(view.before_day),
             as_of=as_of_text(view.as_of, lang))
    return head + (f" · {t('no_rank_change', lang, reason=view.reason)}" if view.reason else "")
