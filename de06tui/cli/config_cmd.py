"""``de06tui config path|show|init|validate``: where settings live and what they are."""

from __future__ import annotations

import argparse
import json
import sys

from de06tui.cli.common import EXIT_FAIL, EXIT_OK, EXIT_USAGE, say


def register(sub) -> None:
    p = sub.add_parser("config", help="show where config, cache and user screens live; check config",
                       description="path: where config, cache and user screens live; show: the "
                                   "effective settings (token masked); init: write a commented "
                                   "config file; validate: list every problem in it, each with its "
                                   "key and line (exit 2 when there is any).")
    p.add_argument("action", choices=["path", "show", "init", "validate"])
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from de06tui.config import ConfigError, file_permissions_warning, load_config, write_default_config
    from de06tui.core.paths import cache_dir, config_dir, config_file, history_dir, user_screens_dir

    if args.action == "path":
        sys.stdout.write(f"config file\t{config_file()}\nconfig dir\t{config_dir()}\n"
                         f"cache dir\t{cache_dir()}\nuser screens\t{user_screens_dir()}\n"
                         f"history\t{history_dir()}\n")
        return EXIT_OK
    if args.action == "init":
        try:
            path = write_default_config()
        except FileExistsError as exc:
            say(f"error: {exc} exists; not overwritten")
            return EXIT_FAIL
        say(f"wrote {path}")
        return EXIT_OK
    if args.action == "validate":
        return _validate()
    try:
        config = load_config()
    except ConfigError as exc:
        say(f"error: {exc}")
        return EXIT_USAGE
    warning = file_permissions_warning()
    if warning:
        say(f"warning: {warning}")
    sys.stdout.write(json.dumps(config.shown(), ensure_ascii=False, indent=1) + "\n")
    return EXIT_OK


def _validate() -> int:
    """Every problem at once: the file's keys, the environment, [keys] action ids, thresholds."""
    from de06tui.cli.action_ids import action_ids
    from de06tui.config import file_permissions_warning
    from de06tui.config_check import config_problems

    problems, source = config_problems(known_actions=action_ids())
    for problem in problems:
        say(f"error: {problem}")
    warning = file_permissions_warning()
    if warning:
        say(f"warning: {warning}")
    if problems:
        say(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the settings")
        return EXIT_USAGE
    say(f"{source}: ok")
    return EXIT_OK
