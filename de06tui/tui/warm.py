"""The modules a first key would import, imported ahead once the first load is on screen.

The app imports a screen's module when the screen is first wanted, so a start pays only for the
board it opens on. The first `?`, Enter, `M`, `p`, `C`, Ctrl+P or `u` then paid for an import
on the UI thread (20–30 ms each for help, the palette or the units board). Once the first load
has been painted the app is idle; a background worker imports them then, and after that tells
the garbage collector that what the start made is kept for good (``heap``), modules included.
"""

from __future__ import annotations

import importlib

from de06tui.tui.heap import keep_what_the_start_made

MODULES = (
    "de06tui.tui.screens.detail", "de06tui.tui.views.detail", "de06tui.tui.widgets.chart",
    "de06tui.tui.screens.help", "de06tui.tui.widgets.tint",
    "de06tui.tui.screens.movers", "de06tui.tui.views.movers",
    "de06tui.tui.screens.problems", "de06tui.tui.screens.columns",
    "de06tui.tui.screens.overview", "de06tui.tui.views.overview", "de06tui.tui.views.kept",
    "de06tui.tui.palette", "de06tui.tui.commands", "textual.system_commands",
    "de06tui.tui.screens.units", "de06tui.tui.views.units", "de06tui.tui.units_actions",
    "de06tui.tui.units_cells", "de06tui.tui.units_data", "de06tui.tui.widgets.cohort_tabs",
    "de06tui.tui.exporting", "de06tui.core.brief", "de06tui.config", "de06tui.config_check",
)


def import_ahead() -> None:
    """Import ``MODULES`` (run in a background worker), then keep what the start made."""
    for name in MODULES:
        importlib.import_module(name)
    keep_what_the_start_made()
