"""What the app's start imports before its first frame: no polars whatever the config asks for, and
no Babel for the figures the first board formats."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from textual.app import App

from .conftest import settle

ROOT = Path(__file__).resolve().parents[2]

# Runs `de06tui app` as a user does, up to the point where Textual would take the terminal.
PROBE = """
import gc
import sys
from de06tui.cli.main import main
from de06tui.tui.app import De06App

def run(self):
    from de06tui.tui.figures import figure, whole

    rules = self.home.settings.rules
    print("POLARS", "polars" in sys.modules)
    m = self.catalog["online_submission_rate"]
    print("FIGURES", figure(m, 95.14, "vi"), whole(16204, "vi"), figure(m, 95.14, "en"), whole(16204, "en"))
    print("BABEL", "babel" in sys.modules)
    print("COLLECTOR", gc.isenabled())
    print("RULES", rules.drop_points, rules.declines, self.home.settings.text)

De06App.run = run
sys.argv = ["de06tui", "app", "--lang", "en", "--home", "Gia Lai"]
main()
"""


def test_a_start_with_home_and_alert_settings_imports_neither_polars_nor_babel_before_the_app_runs(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text("[alerts]\ndrop_points = 1.5\ndeclines = 4\n", encoding="utf-8")
    env = {**os.environ, "DE06TUI_CONFIG_DIR": str(config), "DE06TUI_CACHE_DIR": str(tmp_path / "cache")}
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    # The alert rules are read from the config file above; only evaluating them needs polars.
    assert "RULES 1.5 4 Gia Lai" in lines, r.stdout
    assert "POLARS False" in lines, r.stdout
    # One decimal for the rate (its metric file says so), the languages' own marks.
    assert "FIGURES 95,1 16.204 95.1 16,204" in lines, r.stdout
    assert "BABEL False" in lines, r.stdout
    assert "COLLECTOR False" in lines, r.stdout  # off while the start is built


def test_the_collector_is_back_on_once_the_first_frame_is_painted(monkeypatch):
    from de06tui.cli import app as cli_app
    from de06tui.cli.main import build_parser
    from de06tui.tui.app import De06App

    seen: dict = {}

    async def look(pilot) -> None:
        seen["at_start"] = gc.isenabled()
        await settle(pilot)
        seen["painted"] = pilot.app.screen.query_one("#board").row_count
        seen["after"] = gc.isenabled()
        pilot.app.exit()

    monkeypatch.setattr(De06App, "run", lambda self: App.run(self, headless=True, auto_pilot=look))
    args = build_parser("app").parse_args(["app", "--lang", "en", "-m", "online_submission_rate"])
    assert cli_app.run(args) == 0
    assert seen["at_start"] is False  # the pilot starts before the first frame
    assert seen["painted"] == 34 and seen["after"] is True
    assert gc.isenabled()


def test_a_start_that_stops_before_the_app_leaves_the_collector_on(tmp_path, monkeypatch):
    from de06tui.cli import app as cli_app
    from de06tui.cli.main import build_parser

    config = tmp_path / "config"
    config.mkdir()
    (config / "config.toml").write_text('refresh_minutes = "often"\n', encoding="utf-8")
    monkeypatch.setenv("DE06TUI_CONFIG_DIR", str(config))
    # A feed needs its settings: with the config broken, no app is started.
    assert cli_app.run(build_parser("app").parse_args(["app", "--feed", "http://127.0.0.1:9/x"])) == 2
    assert gc.isenabled()


# The app on the shipped sample in a fresh process: which of the modules a first key imports are
# there at its first painted rows, and which once its first load has ended.
WARM_PROBE = """
import asyncio
import gc
import sys
from de06tui.tui import warm
from de06tui.tui.app import De06App
from de06tui.tui.sources import SampleSource

async def main():
    app = De06App(source=SampleSource(), lang="en", metric="online_submission_rate")
    async with app.run_test(size=(100, 30)) as pilot:
        print("BEFORE", sorted(m for m in warm.MODULES if m in sys.modules))
        for _ in range(50):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if app.dataset is not None and not any(w.is_running for w in app.workers):
                break
        print("AFTER", sorted(m for m in warm.MODULES if m not in sys.modules))
        print("FROZEN", gc.get_freeze_count() > 0)

asyncio.run(main())
"""


def test_the_modules_a_first_key_imports_come_after_the_first_load_then_the_heap_is_kept(tmp_path):
    env = {**os.environ, "DE06TUI_CONFIG_DIR": str(tmp_path / "config"), "DE06TUI_CACHE_DIR": str(tmp_path / "cache")}
    r = subprocess.run([sys.executable, "-c", WARM_PROBE], capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    before = next(line for line in lines if line.startswith("BEFORE"))
    # The help, the palette and the units board are not imported for the first frame.
    for name in ("de06tui.tui.screens.help", "de06tui.tui.palette", "de06tui.tui.screens.units"):
        assert name not in before, before
    assert "AFTER []" in lines, r.stdout  # every one of them once the first load has ended
    assert "FROZEN True" in lines, r.stdout
