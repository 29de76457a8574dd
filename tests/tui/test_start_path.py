"""What the app's start imports before its first frame: no polars, whatever the config asks for."""

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
    rules = self.home.settings.rules
    print("POLARS", "polars" in sys.modules)
    print("RULES", rules.drop_points, rules.declines, self.home.settings.text)

De06App.run = run
sys.argv = ["de06tui", "app", "--lang", "en", "--home", "Gia Lai"]
main()
"""


def test_a_start_with_home_and_alert_settings_imports_no_polars_before_the_app_runs(tmp_path):
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
