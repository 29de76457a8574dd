"""The built wheel carries data/ and screens/: installed elsewhere, `de06tui rank` finds them."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_installs_and_runs_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("de06tui-*.whl"))
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    # The dependencies come from the test environment, the project itself only from the wheel.
    site = Path(subprocess.check_output([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        text=True).strip())
    (site / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    r = subprocess.run([str(env_dir / "bin" / "de06tui"), "rank", "--period", "2024-10", "--top", "3"],
                       cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Bình Định" in r.stdout
    where = subprocess.check_output([str(py), "-c", "import de06tui.core.paths as p; print(p.sample_path())"],
                                    cwd=elsewhere, text=True).strip()
    assert where.startswith(str(env_dir)) and Path(where).is_file()
