"""``de06tui app --data BOOK --sheet NAME|N`` opens on the chosen sheet's figures."""

from __future__ import annotations

import pytest
from cli.test_sheet_option import two_tables
from textual.app import App

from .conftest import settle


def open_app(monkeypatch, *argv: str) -> dict:
    from de06tui.cli import app as cli_app
    from de06tui.cli.main import build_parser
    from de06tui.tui.app import De06App

    seen: dict = {}

    async def look(pilot) -> None:
        await settle(pilot)
        frame = pilot.app.dataset.frame
        seen["rows"] = sorted(zip(frame["period"].to_list(), frame["value"].to_list()))
        pilot.app.exit()

    monkeypatch.setattr(De06App, "run", lambda self: App.run(self, headless=True, auto_pilot=look))
    assert cli_app.run(build_parser("app").parse_args(["app", "--lang", "en", *argv])) == 0
    return seen


@pytest.mark.parametrize("sheet, period, value", [("T11", "2024-11", 73.0), ("2", "2024-11", 73.0),
                                                  ("T10", "2024-10", 61.0)])
def test_the_app_reads_the_sheet_asked_for(isolated_dirs, tmp_path, monkeypatch, sheet, period, value):
    book = two_tables(tmp_path / "two.xlsx")
    seen = open_app(monkeypatch, "--data", str(book), "--sheet", sheet, "-m", "online_submission_rate")
    assert seen["rows"] == [(period, value)]  # 0.73 in a 0% cell is 73 %, by hand


def test_without_sheet_the_app_reads_the_first(isolated_dirs, tmp_path, monkeypatch):
    book = two_tables(tmp_path / "two.xlsx")
    seen = open_app(monkeypatch, "--data", str(book), "-m", "online_submission_rate")
    assert seen["rows"] == [("2024-10", 61.0)]
