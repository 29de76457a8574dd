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
    p.add_argument("--sheet", metavar="NAME|N",
                   help="the workbook sheet to read (a name or a number from 1); default: the "
                        "first sheet that holds a table")
    p.add_argument("--period", help="the period to open on, e.g. 2024-10, T10/2024, 2024-Q3")
    p.add_argument("--metric", "-m", help="open this metric's leaderboard (id or column name)")
    p.add_argument("--lang", choices=["vi", "en"], default=None,
                   help="language of the labels; default: the config file, else LANG")
    p.add_argument("--export-dir", type=Path, metavar="DIR",
                   help="where exports are written; default: the config file's export_dir, "
                        "else a de06tui folder in your documents folder")
    p.add_argument("--feed", metavar="URL|dvcqg",
                   help="refresh from a published feed URL or the national portal (dvcqg); "
                        "default: the config file's feed, else the sample or --data")
    p.add_argument("--refresh", type=float, metavar="MINUTES",
                   help="auto-refresh a feed every MINUTES (0 = off); default: the config file")
    from de06tui.cli.common import add_home_option

    add_home_option(p)
    p.set_defaults(handler=run)


def _config(args: argparse.Namespace, problems: list[str] | None = None):
    """The user's config with the flags on top; a broken config is said once and not used.

    With ``problems`` given, the reason is added there (the app shows it) instead of printed.
    """
    from de06tui.config import ConfigError, load_config

    overrides = {"feed": getattr(args, "feed", None), "refresh_minutes": getattr(args, "refresh", None),
                 "lang": args.lang}
    try:
        return load_config(overrides=overrides)
    except ConfigError as exc:
        from de06tui.core.text import clean

        if problems is None:
            import sys

            print(f"warning: config not used: {exc}", file=sys.stderr)
        else:
            problems.append(clean(f"config not used: {exc}"))
        return None


def make_source(args: argparse.Namespace, config=None):
    """Files (--data), else a feed (--feed or the config's), else the sample."""
    from de06tui.tui.sources import FeedSource, source_for

    if args.data:
        return source_for(args.data, getattr(config, "max_file_bytes", None), getattr(args, "sheet", None))
    if config is not None and config.feed:
        return FeedSource(config.feed, config, period=args.period)
    return source_for(None)


def run(args: argparse.Namespace) -> int:
    import gc

    # What the start builds (modules, styles, widgets) is kept, not garbage: collecting while it
    # is built only delays the first frame. The app turns the collector back on once painted.
    gc.disable()
    try:
        return _start(args)
    finally:
        gc.enable()


def _start(args: argparse.Namespace) -> int:
    from de06tui.config import choose_lang
    from de06tui.core.paths import export_dir
    from de06tui.tui.app import De06App
    from de06tui.tui.home import HomeSettings

    problems: list[str] = []
    config = _config(args, problems)
    if config is None and getattr(args, "feed", None):
        import sys

        print(f"error: {problems[0]}", file=sys.stderr)
        return 2  # a feed needs its settings: no app is started to show the reason in
    keymap = dict(getattr(config, "keys", None) or {})
    app = De06App(
        source=make_source(args, config),
        lang=choose_lang(args.lang, config),
        period=args.period,
        metric=args.metric,
        keymap=keymap,
        theme=getattr(config, "theme", None),
        export_dir=args.export_dir or export_dir(getattr(config, "export_dir", None)),
        highlight=(getattr(config, "highlight_top", None), getattr(config, "highlight_bottom", None)),
        warnings=tuple(problems),  # said in the app, not on the terminal it is about to cover
        hidden_columns=tuple(getattr(config, "hidden_columns", ())),
        home=HomeSettings.from_config(config, getattr(args, "home", None)),
    )
    app.run()
    return int(app.return_code or 0)
