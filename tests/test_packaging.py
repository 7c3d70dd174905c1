"""The public API type-checks under mypy --strict, and the built wheel works from outside the tree."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "src/muscle_nutrients"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_py_typed_is_shipped() -> None:
    assert (ROOT / "src" / "muscle_nutrients" / "py.typed").is_file()


def test_wheel_installs_and_answers_from_outside_the_tree(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)], check=True, capture_output=True)
    (wheel,) = dist.glob("muscle_nutrients-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    script = (
        "import muscle_nutrients as mn, pathlib;"
        "kb = mn.load();"
        "assert 'site-packages' in pathlib.Path(mn.__file__).as_posix();"
        "print(kb.symptom('charley horse').name, kb.intake('iron', age=30, sex='female').amount, mn.DATA_VERSION)"
    )
    result = subprocess.run([str(python), "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert result.stdout.split()[:2] == ["Muscle", "cramp"]
    assert "18 mg" in result.stdout
    script_dir = python.parent
    cli = subprocess.run([str(script_dir / "muscle-nutrients"), "causes-of", "cramps", "--json"], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert json.loads(cli.stdout)["symptom"]["id"] == "muscle-cramp"
    bad = subprocess.run([str(script_dir / "muscle-nutrients"), "nutrient", "magnesum"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "did you mean 'Magnesium'" in bad.stderr
