"""The app on a file whose name and contents carry terminal escapes: nothing drawn holds ESC, BEL,
C1 or bidi controls, on any screen, the header, the toasts or the problems screen. The names are
cleaned where they enter (the dataset's provenance), not in each widget."""

from __future__ import annotations

import re

import pytest

from de06tui.tui.sources import PathsSource

from .conftest import settle

pytestmark = pytest.mark.anyio

HOSTILE = "\x1b]52;c;aGk=\x07\x1b[2J\u202e\x9b31m"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def painted(app) -> str:
    return "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())


def toasts(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_every_screen_of_a_hostile_file_is_clean(tmp_path, make_app):
    hostile = tmp_path / f"{HOSTILE}sample.csv"
    hostile.write_text("period,province,metric,value\n2026-09,01,transparency_score,7\n", encoding="utf-8")
    rejected = tmp_path / f"{HOSTILE}bad.csv"  # a file with an error is rejected whole, and said so
    rejected.write_text(f"period,province,metric,value\n2026-09,{HOSTILE}Evil,transparency_score,8\n",
                        encoding="utf-8")
    app = make_app(source=PathsSource([hostile, rejected]), metric="transparency_score")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        assert app.dataset.frame.height == 1
        seen = []
        for key in ("1", "2", "3", "p"):  # the overview, two boards, the problems screen
            text = painted(app)
            seen.append(text)
            assert not FORBIDDEN.findall(text), (key, FORBIDDEN.findall(text))
            await pilot.press(key)
            await settle(pilot)
        seen.append(painted(app))
        assert not FORBIDDEN.findall(seen[-1])
        assert "sample.csv" in seen[0]  # the overview's source line shows the name, cleaned
        assert "Evil" in seen[-1]  # the problems screen shows the bad row, cleaned
        assert toasts(app) and not FORBIDDEN.findall(toasts(app))
