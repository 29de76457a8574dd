"""The package's layers, as a fresh interpreter sees them: importing every module of a layer
loads nothing from the layers and libraries it must not depend on.

pyproject.toml's import-linter contracts say the same of the source; these tests catch what a
static reading misses (an import made through importlib, or by a library on the way)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import importlib, pkgutil, sys
package = importlib.import_module({package!r})
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    importlib.import_module(info.name)
forbidden = {forbidden!r}
loaded = sorted(m for m in sys.modules if any(m == f or m.startswith(f + ".") for f in forbidden))
print(loaded)
raise SystemExit(1 if loaded else 0)
"""

INTERFACES = ["de06tui.tui", "de06tui.cli", "de06tui.web", "textual", "textual_serve"]


@pytest.mark.parametrize(("package", "forbidden"), [
    ("de06tui.core", [*INTERFACES, "rich", "de06tui.feeds", "de06tui.history", "de06tui.config",
                      "httpx", "aiohttp"]),
    # Not rich here: httpx loads it for its own command line when it is installed.
    ("de06tui.feeds", INTERFACES),
    ("de06tui.history", INTERFACES),
])
def test_a_layer_loads_nothing_it_must_not(package: str, forbidden: list[str]) -> None:
    code = PROBE.format(package=package, forbidden=forbidden)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, f"{package} loaded {r.stdout.strip()}\n{r.stderr}"
    assert r.stdout.strip() == "[]"


def test_the_probe_sees_a_forbidden_import() -> None:
    """The same probe on the app's package does find Textual: it is not blind."""
    code = PROBE.format(package="de06tui.tui", forbidden=["textual"])
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 1 and "'textual'" in r.stdout, r.stdout + r.stderr
