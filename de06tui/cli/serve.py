"""``de06tui serve``: the app in a browser, through textual-serve, on 127.0.0.1 by default."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from de06tui.cli.common import EXIT_OK, EXIT_USAGE, say

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the app to a web browser",
                       description="Serve the terminal app to a browser with textual-serve. Binds "
                                   "127.0.0.1 unless told otherwise; on another address every visitor "
                                   "needs the access key printed at start.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--data", action="append", type=Path, metavar="PATH")
    p.add_argument("--feed", metavar="URL|dvcqg")
    p.add_argument("--refresh", type=float, metavar="MINUTES")
    p.add_argument("--period")
    p.add_argument("--metric", "-m")
    p.add_argument("--lang", choices=["vi", "en"])
    p.set_defaults(handler=run)


def app_command(args: argparse.Namespace) -> str:
    """The command each browser session runs: this Python, this package, the same options."""
    parts = [sys.executable, "-m", "de06tui", "app"]
    for path in args.data or []:
        parts += ["--data", str(Path(path).resolve())]
    for flag in ("feed", "refresh", "period", "metric", "lang"):
        value = getattr(args, flag)
        if value is not None:
            parts += [f"--{flag}", str(value)]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        say(f"error: --port {args.port} is not a port number")
        return EXIT_USAGE
    try:
        from de06tui.web import find_font, make_server
    except ImportError:
        say("error: serving needs textual-serve, a dependency of de06tui: reinstall the package")
        return EXIT_USAGE
    from de06tui.cli.feed_source import load_config_or_fail
    from de06tui.core.problems import DataError
    from de06tui.web.gate import Gate, new_access_key

    try:
        config = load_config_or_fail()
    except DataError as exc:
        say(str(exc))
        return EXIT_USAGE
    loopback = args.host in LOOPBACK
    key = None if loopback else new_access_key()
    if not loopback:
        say(f"WARNING: binding {args.host}: anyone who can reach this address and port and has the "
            "access key below can use the app and read its data. Use the default 127.0.0.1 unless "
            "that is what you want.")
    font = find_font()
    if font is None:
        say("warning: no monospace font with Vietnamese letters found (apt-get install fonts-noto-mono); "
            "the browser's own monospace will be used")
    gate = Gate(config.serve_sessions, loopback, key)
    server = make_server(app_command(args), args.host, args.port, font, gate)
    # Printed once, here: the key is in no log and no page; whoever has this line may come in.
    address = f"{server.public_url}/" + (f"?key={key}" if key else "")
    say(f"de06tui: serving on {address} (at most {config.serve_sessions} sessions; Ctrl+C to stop)")
    server.serve()
    return EXIT_OK
