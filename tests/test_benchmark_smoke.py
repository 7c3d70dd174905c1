"""The benchmark script's smoke run (tiny sizes, one round), so the script cannot rot.

Timings are not asserted here: performance is measured by the script, not by tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_smoke_run() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--smoke"], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    for heading in ("Cold start", "Peak RSS", "Warm latency", "Scaling"):
        assert heading in result.stdout
    assert "rank_causes(3 symptoms)" in result.stdout
