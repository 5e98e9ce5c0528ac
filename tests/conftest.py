"""Shared fixtures: the project's extractors and a graph built once from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold" / "seeds"


@pytest.fixture(scope="session")
def analyzer():
    from kg.document import default_analyzer

    return default_analyzer()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """Build the seeds once (Turtle and HTML) and return the output folder."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    summary = build([SEEDS], out)
    return out, summary


@pytest.fixture(scope="session")
def ttl(seed_build):
    """The seed graph's Turtle file."""
    return seed_build[0] / "graph.ttl"


@pytest.fixture(scope="session")
def graph(ttl):
    """The seed graph loaded as the commands load it."""
    from kg.store import load_graph

    return load_graph(ttl)
