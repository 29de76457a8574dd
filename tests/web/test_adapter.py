"""What de06tui.web.adapter uses of textual-serve is still there, and is no private name.

If textual-serve renames a handler or an attribute, this fails before a user meets it."""

from __future__ import annotations

import inspect

from de06tui.web import TEMPLATES
from de06tui.web.adapter import ATTRIBUTES, HANDLERS


def test_textual_serve_still_has_what_the_adapter_uses():
    from textual_serve.server import Server

    server = Server("true", host="127.0.0.1", port=8000, templates_path=str(TEMPLATES))
    for name in HANDLERS:
        handler = getattr(server, name)
        assert inspect.iscoroutinefunction(handler), name
        assert list(inspect.signature(handler).parameters) == ["request"], name
    for name in ATTRIBUTES:
        assert hasattr(server, name), name
    assert (server.statics_path / "js" / "textual.js").is_file()
    assert (TEMPLATES / "app_index.html").is_file()


def test_no_private_textual_serve_name_is_used():
    import de06tui.web as web
    import de06tui.web.adapter as adapter

    for module in (web, adapter):
        source = inspect.getsource(module)
        assert "_make_app" not in source
        assert all(not n.startswith("_") for n in HANDLERS + ATTRIBUTES)
