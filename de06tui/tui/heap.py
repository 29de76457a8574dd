"""The cyclic garbage collector, told once what the app holds for good.

After the first load, the app holds its modules, widgets, metric catalog and dataset for as long
as it runs: some hundred thousand objects that every full collection would walk again, which on
a board of thousands of units is a pause of 50–100 ms landing on whichever key happens to make
the collection due. Moving them out of the collector's sight once (``gc.freeze``) keeps those
pauses to what was made since. Done once per process: what later loads make is left to the
collector, so a dataset replaced by a refresh is still freed.
"""

from __future__ import annotations

import gc

_done = False


def keep_what_the_start_made() -> None:
    global _done
    if not _done:
        _done = True
        gc.freeze()
