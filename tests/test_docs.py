"""The documentation: every Python example runs, and the strict site build passes offline."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
FENCE = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _examples() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        for number, match in enumerate(FENCE.finditer(page.read_text(encoding="utf-8")), 1):
            found.append((f"{page.relative_to(ROOT)}#{number}", match.group(1)))
    return found


EXAMPLES = _examples()


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("code", [code for _, code in EXAMPLES], ids=[name for name, _ in EXAMPLES])
def test_example_runs(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    exec(compile(code, "<docs example>", "exec"), {"__name__": "__docs__"})
    assert capsys.readouterr().out.strip()  # every example shows something


def test_quick_start_query_command_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"^python3 -m pip install \. && python3 -m muscle_nutrients (.*)$", readme, re.M)
    assert command is not None
    args = shlex.split(command.group(1))
    result = subprocess.run([sys.executable, "-m", "muscle_nutrients", *args], capture_output=True, text=True, check=True)
    assert "Potassium deficiency (hypokalemia)" in result.stdout and "not a diagnosis" in result.stdout


def test_strict_docs_build(tmp_path: Path) -> None:
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, env=env, check=False, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sources = (tmp_path / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    assert "usda-sr26" in sources and "fonts.googleapis.com" not in sources
    coverage = (tmp_path / "site" / "coverage" / "index.html").read_text(encoding="utf-8")
    assert all(f"S{n:02d}" in coverage for n in range(1, 45))


def _cli_lines() -> list[str]:
    lines = []
    for page in PAGES:
        for block in re.finditer(r"^```bash\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M):
            lines += [line for line in block.group(1).splitlines() if line.startswith("muscle-nutrients ")]
    return lines


CLI_LINES = _cli_lines()


@pytest.mark.parametrize("line", CLI_LINES)
def test_command_line_examples_run(line: str, tmp_path: Path) -> None:
    (tmp_path / "my-clinic.toml").write_text('[[factors]]\nid = "shift-work"\nname = "Shift work"\nkind = "behaviour"\n', encoding="utf-8")
    args = shlex.split(line)[1:]
    result = subprocess.run([sys.executable, "-m", "muscle_nutrients", *args], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_there_are_command_line_examples() -> None:
    assert len(CLI_LINES) >= 10


def test_readme_example_passes_mypy_strict(tmp_path: Path) -> None:
    example = FENCE.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert example is not None
    script = tmp_path / "readme_example.py"
    script.write_text(example.group(1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
