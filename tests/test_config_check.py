"""`config validate` lists every problem at once, each naming the file, the key and the line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from de06tui.cli.action_ids import action_ids
from de06tui.config import ConfigError, load_config
from de06tui.config_check import locate

ROOT = Path(__file__).resolve().parent.parent

# Fourteen problems of ten kinds; the line numbers are counted by hand.
MANY = """refresh_minutes = -5
lang = "fr"
colour = "blue"

[http]
token = "tökén-s3cret"
retries = "many"
timeout = 3

[keys]
reload = "r,f5"
refrsh = "f6"
quit = 3

[thresholds]
online_submission_rate = { red = 160, amber = 80 }
transparency_score = { red = "x" }

[alerts]
declines = 0

[columns]
hidden = "trend"

[colours]
x = 1
"""


def validate(config_dir: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "de06tui", "config", "validate"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60,
                          env=dict(os.environ, DE06TUI_CONFIG_DIR=str(config_dir), **env))


def test_validate_lists_every_problem_with_its_key_and_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(MANY, encoding="utf-8")
    path.chmod(0o600)
    r = validate(tmp_path, DE06TUI_REFRESH_MINUTES="-1")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    errors = [line.removeprefix("error: ") for line in r.stderr.splitlines() if line.startswith("error: ")]
    p = str(path)
    unknown_action = errors.pop(6)
    assert unknown_action.startswith(f"{p}: key 'keys.refrsh': unknown action id")
    assert "reload" in unknown_action and unknown_action.endswith("(line 12)")
    assert errors == [
        f"{p}: key 'refresh_minutes': must be zero or more (got -5.0) (line 1)",
        f"{p}: key 'lang': must be \"vi\" or \"en\" (got 'fr') (line 2)",
        f"{p}: unknown key 'colour' (line 3)",
        f"{p}: key 'http.token': must be printable ASCII with no spaces or line breaks around it "
        "(was it pasted with a line end?) (line 6)",
        f"{p}: key 'http.retries': must be a whole number (got 'many') (line 7)",
        f"{p}: unknown key 'http.timeout'; did you mean 'http.read_timeout'? (line 8)",
        f"{p}: key 'keys.quit': must be key names separated by commas, e.g. reload = \"r,f5\" (line 13)",
        f"{p}: key 'thresholds.online_submission_rate.red': red = 160.0 is outside "
        "online_submission_rate's range 0–100 (line 16)",
        f"{p}: key 'thresholds.online_submission_rate': red (160.0) must be at or below amber (80.0) "
        "on online_submission_rate (line 16)",
        f"{p}: key 'thresholds.transparency_score.red' must be a number (got 'x') (line 17)",
        f"{p}: key 'alerts.declines': must be at least 1 (got 0) (line 20)",
        f"{p}: key 'columns.hidden' must be a list of column names (got 'trend') (line 23)",
        f"{p}: unknown section [colours]; did you mean 'columns'? (line 25)",
        "environment variable DE06TUI_REFRESH_MINUTES: must be zero or more (got -1.0)",
    ]
    assert r.stderr.splitlines()[-1] == "15 problems in the settings"
    assert "s3cret" not in r.stdout + r.stderr


def test_loading_refuses_on_the_first_problem_and_carries_them_all(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(MANY, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    # Loading checks neither action ids (the app reports those and goes on) nor metric ranges.
    assert len(err.value.problems) == 11
    assert str(err.value) == (f"{path}: key 'refresh_minutes': must be zero or more (got -5.0) (line 1) "
                              "(and 10 more: `de06tui config validate` lists them)")
    assert err.value.problems[-1] == f"{path}: unknown section [colours]; did you mean 'columns'? (line 25)"


def test_a_good_file_validates_and_loads(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('lang = "vi"\n[keys]\nreload = "r, f5"\nquit = "q,ctrl+q"\n'
                    "[thresholds]\nonline_submission_rate = { red = 60, amber = 80 }\n", encoding="utf-8")
    r = validate(tmp_path)
    assert r.returncode == 0 and r.stderr.strip() == f"{path}: ok"
    assert dict(load_config(path, env={}).keys) == {"reload": "r, f5", "quit": "q,ctrl+q"}


def test_an_unknown_action_is_kept_by_loading_for_the_app_to_report(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[keys]\nreload = "f5"\nnot_an_action = "z"\n', encoding="utf-8")
    assert dict(load_config(path, env={}).keys) == {"reload": "f5", "not_an_action": "z"}
    r = validate(tmp_path)
    assert r.returncode == 2 and f"{path}: key 'keys.not_an_action': unknown action id" in r.stderr
    assert "(line 3)" in r.stderr


def test_action_ids_are_the_registry_s_read_without_textual():
    assert {"help", "quit", "board1", "export_xlsx", "units"} <= action_ids()
    code = ("import sys; from de06tui.cli.main import main; rc = main(['config', 'validate']);"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
            "print(bad, file=sys.stderr); raise SystemExit(1 if bad else rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert r.returncode == 0, r.stderr


def test_lines_are_found_for_tables_quoted_dotted_and_inline_keys():
    text = ('a = 1  # top\n'
            '\n'
            '[http]\n'
            '  retries = 2\n'
            '[clusters]\n'
            '"Cụm 1.5" = ["x"]\n'
            "[ thresholds ]\n"
            "m = { red = 1 }\n"
            "x.'y z' = 2\n")
    assert locate(text) == {("a",): 1, ("http",): 3, ("http", "retries"): 4, ("clusters",): 5,
                            ("clusters", "Cụm 1.5"): 6, ("thresholds",): 7, ("thresholds", "m"): 8,
                            ("thresholds", "x", "y z"): 9}


def test_not_toml_is_one_located_problem(tmp_path):
    (tmp_path / "config.toml").write_text('lang = "vi"\nfeed = \n', encoding="utf-8")
    r = validate(tmp_path)
    assert r.returncode == 2 and "not valid TOML" in r.stderr and "line 2" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("text, message", [
    ("http = 3\n", "[http] must be a table of settings, not a single value (line 1)"),
    ('[keys]\nreload = "r,,f5"\n', "key 'keys.reload': must be key names separated by commas, "
                                   'e.g. reload = "r,f5" (line 2)'),
    ('[keys]\nreload = "ctrl r"\n', "key 'keys.reload': must be key names separated by commas, "
                                    'e.g. reload = "r,f5" (line 2)'),
    ("[thresholds]\nm = { red = inf }\n", "key 'thresholds.m.red' must be a number (got inf) (line 2)"),
    ('[columns]\nhidden = []\nshown = ["bar"]\n', '[columns] takes one key, hidden = ["trend", "bar"] (line 3)'),
    ("\n\n[serve]\nsesions = 2\n", "unknown key 'serve.sesions'; did you mean 'serve.sessions'? (line 4)"),
])
def test_each_kind_of_problem_is_located(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    assert err.value.problems == [f"{path}: {message}"]
