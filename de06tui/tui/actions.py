"""The one registry of user actions.

Each entry gives a stable id (what the user's keymap names), the default keys, the Textual
action it runs, where it applies and its label key. Bindings, the footer, the help screen and the
command palette are all generated from this list, so a key or a label changes in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from de06tui.tui.i18n import t

if TYPE_CHECKING:  # Textual is imported where bindings are made: `config validate` reads ids only
    from textual.binding import Binding, BindingType

APP, BOARD, DETAIL, OVERLAY = "app", "board", "detail", "overlay"
UNITS = "units"  # the departments and communes board


@dataclass(frozen=True)
class Action:
    id: str  # the binding id: what `[keys]` in the config file remaps
    keys: str  # default keys, comma separated, Textual key names
    action: str  # the Textual action run in the scope's namespace
    label: str  # i18n key of the description
    scope: str = APP  # app | board | detail | overlay
    footer: bool = False  # shown in the footer (space is short at 80 columns)
    palette: bool = True  # offered in the command palette
    priority: bool = False


REGISTRY: tuple[Action, ...] = (
    # Screens and periods work everywhere.
    Action("overview", "1", "app.show_overview", "a_overview", footer=True),
    Action("board1", "2", "app.show_main(0)", "a_board1"),
    Action("board2", "3", "app.show_main(1)", "a_board2"),
    Action("board3", "4", "app.show_main(2)", "a_board3"),
    # Priority, or the screen's own Tab (focus next) would take the key first.
    Action("next_screen", "tab", "app.cycle_screen(1)", "a_next_screen", priority=True),
    Action("prev_screen", "shift+tab", "app.cycle_screen(-1)", "a_prev_screen", priority=True),
    Action("prev_period", "left_square_bracket", "app.step_period(-1)", "a_prev_period", footer=True),
    Action("next_period", "right_square_bracket", "app.step_period(1)", "a_next_period", footer=True),
    Action("problems", "p", "app.show_problems", "a_problems"),
    Action("region", "v", "app.cycle_region", "a_region"),
    Action("clear_filter", "x", "app.clear_filter", "a_clear_filter"),
    Action("export_csv", "e", "app.export('csv')", "a_export_csv"),
    Action("export_xlsx", "E", "app.export('xlsx')", "a_export_xlsx"),
    Action("export_md", "m", "app.export('md')", "a_export_md"),
    Action("export_brief", "b", "app.export_brief", "a_export_brief"),
    Action("copy_brief", "y", "app.copy_brief", "a_copy_brief"),
    Action("language", "l", "app.toggle_lang", "a_lang"),
    Action("reload", "r,R", "app.reload", "a_reload"),
    Action("pause_refresh", "a", "app.pause_refresh", "a_pause_refresh"),
    Action("toggle_provinces", "t", "app.toggle_provinces", "a_toggle_provinces"),
    Action("compare", "f", "app.cycle_compare", "a_cycle_compare"),
    Action("movers", "M", "app.show_movers", "a_movers"),
    Action("faster", "plus", "app.step_interval(-1)", "a_faster"),
    Action("slower", "minus", "app.step_interval(1)", "a_slower"),
    Action("help", "question_mark", "app.show_help", "a_help", footer=True),
    Action("quit", "q", "app.quit", "a_quit", footer=True),
    Action("back", "escape", "app.back", "a_back", palette=False),
    Action("palette", "ctrl+p", "app.command_palette", "a_palette", palette=False, priority=True),
    # The leaderboard.
    Action("filter", "slash", "screen.filter", "a_filter", scope=BOARD, footer=True),
    Action("reverse", "s", "screen.reverse", "a_reverse", scope=BOARD, footer=True),
    Action("sort", "o", "screen.sort_next", "a_sort", scope=BOARD),
    Action("open", "enter", "screen.open_detail", "a_open", scope=BOARD, footer=True),
    Action("copy_row", "c", "screen.copy_row", "a_copy_row", scope=BOARD),
    Action("down", "down,j", "screen.move('down')", "a_down", scope=BOARD, palette=False),
    Action("up", "up,k", "screen.move('up')", "a_up", scope=BOARD, palette=False),
    Action("page_down", "pagedown", "screen.move('page_down')", "a_page_down", scope=BOARD, palette=False),
    Action("page_up", "pageup", "screen.move('page_up')", "a_page_up", scope=BOARD, palette=False),
    Action("first", "home,g", "screen.move('first')", "a_first", scope=BOARD, palette=False),
    Action("last", "end,G", "screen.move('last')", "a_last", scope=BOARD, palette=False),
    # The province detail.
    Action("copy_detail", "c", "screen.copy_row", "a_copy_row", scope=DETAIL),
    # Departments and communes.
    Action("units", "u", "app.open_units", "a_units"),
    Action("units_national", "U", "app.open_national_units", "a_units_national"),
    Action("units_cohort", "t", "screen.switch_cohort", "a_units_cohort", scope=UNITS, footer=True),
    Action("units_prev", "left_square_bracket", "screen.step_snapshot(-1)", "a_units_prev", scope=UNITS),
    Action("units_next", "right_square_bracket", "screen.step_snapshot(1)", "a_units_next", scope=UNITS),
    Action("units_compare", "f", "screen.cycle_before", "a_units_compare", scope=UNITS),
    Action("units_cluster", "v", "screen.cycle_cluster", "a_units_cluster", scope=UNITS),
    Action("units_clear", "x", "screen.clear_filter", "a_clear_filter", scope=UNITS),
    Action("units_reload", "r", "screen.reload_units", "a_reload", scope=UNITS),
    Action("units_csv", "e", "screen.export('csv')", "a_export_csv", scope=UNITS),
    Action("units_xlsx", "E", "screen.export('xlsx')", "a_export_xlsx", scope=UNITS),
    Action("units_md", "m", "screen.export('md')", "a_export_md", scope=UNITS),

    # My province.
    Action("home", "h", "app.show_home", "a_home"),
    Action("alerts", "exclamation_mark", "app.show_alerts", "a_alerts"),

    # Recorded history.
    Action("prev_snapshot", "left_curly_bracket", "app.step_snapshot(-1)", "a_prev_snapshot"),
    Action("next_snapshot", "right_curly_bracket", "app.step_snapshot(1)", "a_next_snapshot"),

    # The office's screens.
    Action("columns", "C", "app.choose_columns", "a_columns"),

)

def actions(*scopes: str) -> list[Action]:
    return [a for a in REGISTRY if a.scope in scopes]


def by_id(action_id: str) -> Action:
    return _BY_ID[action_id]


def describe(a: Action, lang: str, names: dict[str, str] | None = None) -> str:
    """An action's label; ``names`` overrides some (the board keys name their metric)."""
    return (names or {}).get(a.id) or t(a.label, lang)


def bindings(scope: str) -> list[BindingType]:
    """Textual bindings for one scope, for a class's ``BINDINGS``; ids let a keymap remap them.

    Their descriptions are the English labels, a fallback only: the key bar and the help screen
    describe a binding by its id in the language chosen at run time (``label``).
    """
    from textual.binding import Binding

    return [Binding(a.keys, a.action, t(a.label, "en"), show=a.footer, id=a.id, priority=a.priority)
            for a in actions(scope)]


def label(binding: Binding, lang: str, names: dict[str, str] | None = None) -> str:
    """What a binding is called in ``lang``: its registry label, else its own description."""
    known = _BY_ID.get(binding.id or "")
    return describe(known, lang, names) if known is not None else binding.description


def order(binding: Binding) -> tuple[int, int]:
    """The order keys are listed in: the screen's own first, then the app's, each in registry
    order (bindings not in the registry last)."""
    known = _BY_ID.get(binding.id or "")
    if known is None:
        return (2, 0)
    return (1 if known.scope == APP else 0, _ORDER[known.id])


_BY_ID = {a.id: a for a in REGISTRY}
_ORDER = {a.id: i for i, a in enumerate(REGISTRY)}


def check_keymap(keymap: dict[str, str], lang: str = "en") -> list[str]:
    """Problems in a user keymap: unknown action ids (reported, not fatal)."""
    known = {a.id for a in REGISTRY}
    return [t("unknown_action", lang, id=k, known=", ".join(sorted(known)))
            for k in keymap if k not in known]
