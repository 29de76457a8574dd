"""Who may use a served app: the page's own origin, a cap on sessions, an access key off loopback.

- A websocket (the session: it sends keys to the app) is accepted only from the page's own origin,
  and, on a loopback bind, only under a loopback host name, so neither another web site open in the
  same browser nor a DNS-rebound name can drive the app.
- At most ``sessions`` apps run at once (each is a process of about 100 MB); past that the index
  page says the server is full, and a websocket is refused.
- Bound to any other address, every request needs the access key: ``?key=`` once in the URL, then
  a cookie. Without it the answer is 403.
"""

from __future__ import annotations

import hmac
import html
import secrets
from dataclasses import dataclass, field

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
COOKIE = "de06tui_key"


def new_access_key() -> str:
    return secrets.token_urlsafe(18)


def _page(title: str, text: str) -> str:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>de06tui: {html.escape(title)}"
            f"</title></head><body><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></body></html>")


def _host_name(host_header: str) -> str:
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@dataclass
class Gate:
    sessions: int
    loopback: bool
    access_key: str | None = None
    active: int = field(default=0, init=False)

    def middleware(self):
        from aiohttp import web

        @web.middleware
        async def gate(request: web.Request, handler):
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
            if request.path == "/ws":
                return await self._session(request, handler)
            if request.path == "/" and self.active >= self.sessions:
                return self._full()
            response = await handler(request)
            if self.access_key and request.query.get("key") == self.access_key:
                response.set_cookie(COOKIE, self.access_key, httponly=True, samesite="Strict")
            return response

        return gate

    def refusal(self, request):
        """A 403 for a request that may not come in, or None."""
        from aiohttp import web

        if self.loopback and _host_name(request.host) not in LOOPBACK_HOSTS:
            return web.Response(status=403, content_type="text/html", text=_page(
                "Forbidden", "This server answers only under a loopback address such as 127.0.0.1."))
        if self.access_key:
            given = request.query.get("key") or request.cookies.get(COOKIE) or ""
            if not hmac.compare_digest(given.encode(), self.access_key.encode()):
                return web.Response(status=403, content_type="text/html", text=_page(
                    "Access key needed", "Open the address with ?key=… that de06tui serve printed "
                                         "when it started."))
        if request.path == "/ws" and not self._same_origin(request):
            return web.Response(status=403, text="websocket refused: not from this server's own page")
        return None

    @staticmethod
    def _same_origin(request) -> bool:
        origin = request.headers.get("Origin")
        if not origin:
            return False  # browsers always send one on a websocket; anything else is not our page
        return origin.lower() in (f"http://{request.host}".lower(), f"https://{request.host}".lower())

    def _full(self):
        from aiohttp import web

        return web.Response(status=503, content_type="text/html", headers={"Retry-After": "60"},
                            text=_page("Full", f"All {self.sessions} sessions of this server are in use. "
                                               "Try again when someone closes theirs."))

    async def _session(self, request, handler):
        if self.active >= self.sessions:
            return self._full()
        self.active += 1
        try:
            return await handler(request)
        finally:
            self.active -= 1
