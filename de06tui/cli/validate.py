"""``de06tui validate``: check files; 0 clean or warnings only, 2 on errors."""

from __future__ import annotations

import argparse
from pathlib import Path

from de06tui.cli.common import EXIT_OK, EXIT_USAGE, say, unreadable_files


def register(sub) -> None:
    p = sub.add_parser("validate", help="check data files and list every problem",
                       description="Check data files or folders. Exit 0 when clean or with warnings "
                                   "only, 2 on errors. Problems go to stderr.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--data", action="append", type=Path, default=[], help=argparse.SUPPRESS)
    p.add_argument("--sheet", metavar="NAME|N", help="the workbook sheet to read (a name or a number from 1)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from de06tui.core.dataset import load_paths

    unreadable = unreadable_files([*args.paths, *args.data])
    for p in unreadable:
        say(str(p))
    named = {p.file for p in unreadable}
    ds = load_paths([x for x in [*args.paths, *args.data] if str(x) not in named],
                    sheet=args.sheet)
    for p in ds.problems:
        say(str(p))
    errors, warnings = len(ds.errors) + len(unreadable), len(ds.warnings)
    say(f"{len(ds.provenance.sources) + len(unreadable)} file(s), {ds.frame.height} values loaded; "
        f"{errors} error(s), {warnings} warning(s)")
    return EXIT_USAGE if errors else EXIT_OK
