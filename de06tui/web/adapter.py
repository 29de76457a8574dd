"""The one place that knows how textual-serve is built.

textual-serve assembles its aiohttp application in a private method; we build our own from its
public request handlers instead (index page, websocket, download) so that the gate in
``de06tui.web.gate`` stands in front of every route and ``/static/`` lists no directory.
``tests/web/test_adapter.py`` fails if textual-serve renames what is used here.
"""

from __future__ import annotations

import asyncio
import signal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiohttp import web
    from textual_serve.server import Server

# What this module uses of textual-serve; the adapter test checks each still exists.
HANDLERS = ("handle_index", "handle_websocket", "handle_download")
ATTRIBUTES = ("statics_path", "templates_path", "public_url", "request_exit")


def build_app(server: Server, middlewares: list) -> web.Application:
    """An aiohttp application serving ``server``'s routes behind ``middlewares``."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web

    app = web.Application(middlewares=middlewares)
    aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(server.templates_path))
    app.add_routes([
        web.get("/", server.handle_index, name="index"),
        web.get("/ws", server.handle_websocket, name="websocket"),
        web.get("/download/{key}", server.handle_download, name="download"),
        web.static("/static", server.statics_path, show_index=False, name="static"),
    ])
    return app


def run(server: Server, app: web.Application, host: str, port: int) -> None:
    """Serve until Ctrl+C or SIGTERM, as textual-serve's own ``serve`` does, on our application."""
    from aiohttp import web

    try:
        loop = asyncio.get_event_loop()
    except RuntimeError:
        loop = asyncio.new_event_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, server.request_exit)
        except NotImplementedError:  # pragma: no cover - not on Windows
            pass
    web.run_app(app, host=host, port=port, handle_signals=False, loop=loop, print=lambda *a: None)
