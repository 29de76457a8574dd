"""What the app's start imports before its first frame: no polars whatever the config asks for, and
no Babel for the figures the first board formats."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs `de06tui app` as a user does, up to the point where Textual would take the terminal.
PROBE = """
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
