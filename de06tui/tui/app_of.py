"""The running app as the De06App it is.

Textual types ``node.app`` as a plain ``App``; every screen, widget and palette provider of this
package runs inside a ``De06App``, so this one accessor says so once instead of at each use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from de06tui.tui.app import De06App


class InApp(Protocol):
    """A screen, widget or command provider: anything Textual gives an ``app``."""

    @property
    def app(self) -> App[Any]: ...


def app_of(node: InApp) -> De06App:
    return cast("De06App", node.app)
