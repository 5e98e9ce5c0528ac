"""Time `kg build` on copies of the seed corpus, stage by stage.

Usage: python bench/bench_build.py [--copies 1 10 40] [--jobs 1 2]

Each run copies the five seed files N times into a temporary folder (distinct
document ids), then times ingest+analysis, graph aggregation, RDF building and
Turtle writing separately, and prints one row per run with the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kg.document import default_analyzer
from kg.export.turtle import write_turtle
from kg.graph import aggregate, to_rdf
from kg.ingest import ingest
from kg.pipeline import analyze_all

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}; {os.cpu_count()} cores; Python {platform.python_version()}; {platform.system()}"


def corpus(copies: int, folder: Path) -> int:
    size = 0
    for i in range(copies):
        for path in sorted(SEEDS.glob("*.txt")):
            target = folder / f"{path.stem}_copy{i:04d}.txt"
            shutil.copyfile(path, target)
            size += target.stat().st_size
    return size


def run(copies: int, jobs: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        size = corpus(copies, folder)
        t0 = time.perf_counter()
        docs = ingest([folder]).documents
        analyses = list(analyze_all(docs, jobs=jobs))
        t1 = time.perf_counter()
        graph = aggregate(analyses)
        t2 = time.perf_counter()
        rdf = to_rdf(graph)
        t3 = time.perf_counter()
        write_turtle(rdf, Path(tmp) / "graph.ttl")
        t4 = time.perf_counter()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        chars = sum(len(d.text) for d in docs)
        return (f"{len(docs):>6} docs {size / 1e6:>6.1f} MB  jobs {jobs}  analyse {t1 - t0:6.1f} s "
                f"({chars / (t1 - t0) / 1e3:5.0f} k chars/s)  aggregate {t2 - t1:5.1f} s  rdf {t3 - t2:5.1f} s "
                f"({len(rdf)} triples)  turtle {t4 - t3:5.1f} s  max RSS {rss:5.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 40])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    started = time.perf_counter()
    default_analyzer()  # load lexicons and rules once, outside the timings
    print(f"machine: {machine()}")
    print(f"loading lexicons and rules: {time.perf_counter() - started:.1f} s")
    for copies in args.copies:
        for jobs in args.jobs:
            print(run(copies, jobs), flush=True)


if __name__ == "__main__":
    main()
