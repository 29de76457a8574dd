"""Numbers in the reader's language, and the one decision of that language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from de06tui.config import choose_lang
from de06tui.core import numbers

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value, decimals, lang, text", [
    (95.1, 1, "vi", "95,1"), (95.1, 1, "en", "95.1"),
    (16204, 0, "vi", "16.204"), (16204, 0, "en", "16,204"),
    (1234567.891, 2, "vi", "1.234.567,89"), (94.88, 2, "vi", "94,88"),
    (0.0, 2, "vi", "0,00"), (None, 1, "vi", ""),
])
def test_number_marks_follow_the_language(value, decimals, lang, text):
    assert numbers.number(value, decimals, lang) == text


def test_rounding_is_the_same_in_both_languages():
    for value in (72.05, 72.15, 72.25, 72.35, 0.05, 99.95):
        assert numbers.number(value, 1, "vi") == f"{value:.1f}".replace(".", ",")


def test_counts_and_signed_changes():
    assert numbers.count(23915, "vi") == "23.915" and numbers.count(None, "vi", "–") == "–"
    assert numbers.signed(1.5, 1, "vi") == "+1,5" and numbers.signed(-0.3, 1, "vi") == "\u22120,3"
    assert numbers.signed(0.01, 1, "en") == "0.0"


def test_language_flag_then_env_then_config_then_lang(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('lang = "vi"\n', encoding="utf-8")
    env = {"DE06TUI_CONFIG_DIR": str(tmp_path), "LANG": "en_US.UTF-8"}
    from de06tui.config import load_config

    config = load_config(cfg, env=env)
    assert choose_lang("en", config, env) == "en"
    assert choose_lang(None, config, {**env, "DE06TUI_LANG": "en"}) == "en"
    assert choose_lang(None, config, env) == "vi"  # the file beats LANG
    assert choose_lang(None, load_config(tmp_path / "none.toml", env=env), env) == "en"
    assert choose_lang(None, load_config(tmp_path / "none.toml", env={"LANG": "vi_VN"}), {"LANG": "vi_VN"}) == "vi"


def test_babel_stays_off_the_start_path():
    code = ("import sys; from de06tui.cli.main import main; rc = main(['rank', '--format', 'csv']);"
            "import de06tui.core.numbers;"
            "bad = [m for m in sys.modules if m.split('.')[0] == 'babel'];"
            "print(bad, file=sys.stderr); raise SystemExit(1 if bad else rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_figures_agree_with_babel_s_own_formatting(lang):
    """The quick path (Python's rounding, Babel's marks) against Babel formatting every value."""
    import random
    from decimal import Decimal

    from babel import Locale
    from babel.numbers import format_decimal

    from de06tui.core.numbers import number

    locale = Locale.parse({"vi": "vi_VN", "en": "en_US"}[lang])
    rng = random.Random(7)
    values = [0.0, 0.005, 0.05, 2.675, 1e-9, 99.995, 1234567.891, 16204.0]
    values += [rng.random() * 100 for _ in range(300)] + [rng.random() * 1e7 for _ in range(300)]
    for value in values:
        for decimals in (0, 1, 2, 3):
            for grouping in (True, False):
                pattern = ("#,##0" if grouping else "0") + ("." + "0" * decimals if decimals else "")
                want = format_decimal(Decimal(f"{value:.{decimals}f}"), format=pattern, locale=locale,
                                      decimal_quantization=False)
                assert number(value, decimals, lang, grouping) == want, (value, decimals, grouping)


def test_the_written_marks_are_babel_s():
    from de06tui.core.numbers import MARKS, babel_marks

    assert {lang: babel_marks(lang) for lang in MARKS} == MARKS == {"vi": (",", "."), "en": (".", ",")}
