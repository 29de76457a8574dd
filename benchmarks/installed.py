"""Bytecode for the package, as `pip install` leaves it.

An editable checkout run with PYTHONDONTWRITEBYTECODE (common in containers and CI) compiles
every module of the package on each start, which no installed copy does; start-up figures
would then measure the compiler. Compiling once first measures what a user runs.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import de06tui


def compile_package() -> None:
    compileall.compile_dir(Path(de06tui.__file__).parent, quiet=1)
