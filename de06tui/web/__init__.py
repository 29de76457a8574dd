"""Serving the app to a browser with textual-serve, with nothing fetched from outside the machine.

textual-serve's own page asks Google for a web font, and its terminal script asks the browser for
the family "Roboto Mono" by name. Our page (templates/app_index.html) declares that family name
with a monospace font found on this machine and served by us at /fonts/mono.ttf — DejaVu Sans
Sans Mono (Debian package fonts-noto-mono), which draws Vietnamese letters with two diacritics
(ắ, ế, ồ, ừ, ỹ) as one glyph. Without such a font the page still works, in the browser's
own monospace, and `de06tui serve` says so.
"""

from __future__ import annotations

import os
from pathlib import Path

# Noto Sans Mono covers every Vietnamese letter; Debian's DejaVu Sans Mono lacks a dozen of the
# two-diacritic ones (ắ, ế, ề …), which the browser then assembles from pieces in the next cell.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansMono-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoMono-Regular.ttf",
)
TEMPLATES = Path(__file__).resolve().parent / "templates"


def find_font() -> Path | None:
    """The monospace font to serve; ``DE06TUI_WEB_FONT`` names another file."""
    wanted = os.environ.get("DE06TUI_WEB_FONT")
    for candidate in ([wanted] if wanted else []) + list(FONT_CANDIDATES):
        path = Path(candidate)
        if path.is_file():
            return path
    return None


def make_server(command: str, host: str, port: int, font: Path | None, gate) -> Served:
    """A textual-serve Server with our page, the font route and ``gate`` in front of everything."""
    from aiohttp import web
    from textual_serve.server import Server

    from de06tui.web.adapter import build_app

    server = Server(command, host=host, port=port, title="de06tui", templates_path=str(TEMPLATES))
    app = build_app(server, [gate.middleware()])

    def serve_font(path: Path | None):
        async def handler(request: web.Request) -> web.StreamResponse:
            if path is None or not path.is_file():
                raise web.HTTPNotFound(text="no such font here (apt-get install fonts-noto-mono)")
            return web.FileResponse(path, headers={"Content-Type": "font/ttf",
                                                   "Cache-Control": "max-age=86400"})

        return handler

    bold = font.with_name(font.name.replace("Regular", "Bold")) if font else None
    app.router.add_get("/fonts/mono.ttf", serve_font(font))
    app.router.add_get("/fonts/mono-bold.ttf", serve_font(bold if bold and bold != font else None))
    return Served(server, app, host, port)


class Served:
    """A server ready to run: ``serve()`` blocks until Ctrl+C."""

    def __init__(self, server, app, host: str, port: int) -> None:
        self.server, self.app, self.host, self.port = server, app, host, port
        self.public_url = server.public_url

    def serve(self) -> None:
        from de06tui.web.adapter import run

        run(self.server, self.app, self.host, self.port)
