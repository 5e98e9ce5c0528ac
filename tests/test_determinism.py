"""The same input gives byte-identical outputs, whatever the process's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import SEEDS


def _build(out, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "kg.cli", "-q", "build", str(SEEDS), "--out", str(out)],
                   check=True, env=env, capture_output=True)


def test_build_is_byte_identical_across_hash_seeds(tmp_path):
    _build(tmp_path / "a", "1")
    _build(tmp_path / "b", "2024")
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
