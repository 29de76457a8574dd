"""Entry point of ``de06tui``: one sub-command per module in ``COMMANDS``.

Each command module defines ``register(subparsers)``, which adds its parser and sets
``handler`` (a function taking the parsed arguments and returning an exit code).
Exit codes: 0 ok, 1 failure (network, I/O), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Command name → module under de06tui.cli, in the order ``--help`` lists them.
COMMANDS = {
    "rank": "rank",
    "brief": "brief",
    "validate": "validate",
    "export": "export",
    "movers": "movers",
    "home": "home",
    "alerts": "alerts",
    "app": "app",
    "fetch": "fetch",
    "history": "history",
    "config": "config_cmd",
    "serve": "serve",
}

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `only` that one (what a run needs: importing every
    command module would add to each start)."""
    from de06tui import __version__

    parser = argparse.ArgumentParser(
        prog="de06tui",
        description=(
            "Leaderboard of Vietnam's provinces on online public services (Đề án 06). "
            "Without a command, opens the terminal app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"de06tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(f"de06tui.cli.{module}").register(sub)
    if "app" in sub.choices:
        parser.epilog = app_options_help(sub.choices["app"])
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
    return parser


def app_options_help(app: argparse.ArgumentParser) -> str:
    """The app's own options, for the top-level --help: bare ``de06tui`` takes them too."""
    formatter = app._get_formatter()
    formatter.start_section("options of the app (de06tui [OPTIONS], the same as de06tui app [OPTIONS])")
    formatter.add_arguments([a for a in app._actions if a.option_strings and a.dest != "help"])
    formatter.end_section()
    return formatter.format_help().strip("\n") + "\n\nRun 'de06tui COMMAND --help' for a command's options."


def command_parser(parser: argparse.ArgumentParser, command: str | None) -> argparse.ArgumentParser:
    """The sub-command's own parser, so that its usage (not the top-level one) explains an error."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return action.choices[command]
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Bare ``de06tui`` (or only app options) opens the app.
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["app", *argv]
    parser = build_parser(argv[0] if argv[0] in COMMANDS else None)
    args, extra = parser.parse_known_args(argv)
    if extra:
        command_parser(parser, getattr(args, "command", None)).error(
            f"unrecognized arguments: {' '.join(extra)}")
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
