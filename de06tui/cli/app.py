"""``de06tui app`` (and bare ``de06tui``): open the terminal app.

Textual is imported only inside ``run`` so the headless commands never load it.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("app", help="open the terminal app",
                       description="Open the terminal leaderboard app (the default without a command).")
    p.add_argument("--data", action="append", metavar="PATH", type=Path,
                   help="a data file or folder (repeatable); default: the shipped sample")
    p.add_argument("--period", help="the period to open on, e.g. 2024-10, T10/2024, 2024-Q3")
    p.add_argument("--metric", "-m", help="open this metric's leaderboard (id or column name)")
    p.add_argument("--lang", choices=["vi", "en"], default=None,
                   help="language of the labels; default: the config file, else LANG")
    p.add_argument("--export-dir", type=Path, metavar="DIR",
                   help="where exports are written; default: the current folder")
    # The feeds engineer adds --feed here: build a source with .label and .load() and pass it below.
    p.set_defaults(handler=run)


def _config():
    """The user's config, or None while the config module is not there or fails to read."""
    try:
        from de06tui.config import load_config
    except ImportError:
        return None
    try:
        return load_config()
    except Exception as exc:  # a broken config must not stop the app; say so and go on
        import sys

        print(f"warning: config not used: {exc}", file=sys.stderr)
        return None


def make_source(args: argparse.Namespace):
    """The data source for the app: files, else the sample. (A feed source plugs in here.)"""
    from de06tui.tui.sources import source_for

    return source_for(args.data)


def run(args: argparse.Namespace) -> int:
    from de06tui.tui.app import De06App

    config = _config()
    keymap = dict(getattr(config, "keys", None) or {})
    app = De06App(
        source=make_source(args),
        lang=args.lang or getattr(config, "lang", None),
        period=args.period,
        metric=args.metric,
        keymap=keymap,
        theme=getattr(config, "theme", None),
        export_dir=args.export_dir or getattr(config, "export_dir", None),
    )
    app.run()
    return int(app.return_code or 0)
