"""Office PCs are mostly Windows: the product's own code takes no POSIX-only path unguarded,
ships its licence, and states its version in one place."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "de06tui").rglob("*.py"))

POSIX_ONLY = re.compile(
    r"\bos\.(fork|forkpty|getuid|geteuid|getgid|getegid|setsid|setpgrp|killpg|getpgid|chown|lchown"
    r"|mkfifo|getloadavg|sync)\b"
    r"|^\s*(import|from)\s+(fcntl|termios|pwd|grp|resource|tty|pty|posix)\b"
    r"|\bsignal\.(SIGKILL|SIGALRM|SIGHUP|SIGUSR1|SIGUSR2|SIGCHLD|SIGQUIT|SIGPIPE|SIGSTOP|SIGCONT|SIGTSTP"
    r"|alarm|setitimer|pause|siginterrupt)\b"
    r"|\.chmod\(|\bst_mode\s*&"
)
GUARD = re.compile(r"os\.name|sys\.platform|platform\.system|hasattr\((os|signal)|getattr\((os|signal)")


def unguarded(path: Path, root: Path = ROOT) -> list[str]:
    """Lines using a POSIX-only call with no platform check on them or the three lines above."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for i, line in enumerate(lines):
        code = line.split("#", 1)[0]
        if POSIX_ONLY.search(code) and not any(GUARD.search(x) for x in lines[max(0, i - 3):i + 1]):
            found.append(f"{path.relative_to(root)}:{i + 1}: {line.strip()}")
    return found


def test_the_checker_catches_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import fcntl\nos.fork()\nsignal.signal(signal.SIGALRM, f)\np.chmod(0o600)\n"
                   "if os.name != 'nt':\n    p.chmod(0o600)\n", encoding="utf-8")
    hits = [x.split(":")[1] for x in unguarded(bad, tmp_path)]
    assert hits == ["1", "2", "3", "4"]


def test_product_sources_take_no_posix_only_path():
    assert SOURCES
    found = [hit for path in SOURCES for hit in unguarded(path)]
    assert not found, "POSIX-only code without a platform guard:\n" + "\n".join(found)


def test_licence_file_matches_the_project_licence():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == {"text": "MIT"}
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and "Copyright (c) 2026 the de06tui authors" in text
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in text


def test_version_is_written_in_one_place():
    doc = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in doc["project"] and "version" in doc["project"]["dynamic"]
    assert doc["tool"]["hatch"]["version"]["path"] == "de06tui/__init__.py"
    init = (ROOT / "de06tui" / "__init__.py").read_text(encoding="utf-8")
    [version] = re.findall(r'^__version__ = "([^"]+)"$', init, flags=re.M)
    others = [p for p in SOURCES if p.name != "__init__.py" or p.parent.name != "de06tui"]
    assert not [p for p in others if f'"{version}"' in p.read_text(encoding="utf-8")]
