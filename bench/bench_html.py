"""Benchmark the HTML export: build time, page size and first stable render in headless Chromium.

For synthetic policy graphs of 500, 2,000 and 5,000 nodes (about three edges
per node, a third of them cooccursWith) this writes one page per case and
times, in Debian's chromium driven by Playwright with the network blocked,
the span from navigation start until the page sets ``window.kgReady``.

Usage::

    .venv/bin/python bench/bench_html.py [--sizes 500 2000 5000] [--out DIR] [--runs 1]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.export.html import to_html  # noqa: E402
from kg.fileio import write_text_atomic  # noqa: E402

TYPES = ("Concept", "Industry", "Policy", "Event", "Date", "Source", "Person", "Organization", "Place")
RELATIONS = ("includes", "promotes", "definedAs", "proposedBy", "proposedAt", "occurredOn", "hasDate",
             "writtenInto", "cites")
SYLLABLES = ("新质生产力高质量发展科技创新战略性兴产业数字经济"
             "绿色低碳现代化体系建设改革开放国家治理能力区域协调乡村振兴")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_graph(n_nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """A policy-like graph: Zipf mention counts, hubs by preferential attachment, evidence on typed edges.

    >>> g = synthetic_graph(50)
    >>> len(g), g.number_of_edges() > 100
    (50, True)
    """
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(n_nodes):
        graph.add_node(f"kg:e{i}", **_node_attrs(rng, i))
    targets = [f"kg:e{i}" for i in range(n_nodes)]
    for i in range(1, n_nodes):
        for _ in range(3):
            # preferring early (important) nodes gives hubs, as in real policy texts
            other = targets[int(rng.paretovariate(1.2) * 3) % i]
            _add_edge(graph, rng, f"kg:e{i}", other)
    return graph


def _node_attrs(rng: random.Random, i: int) -> dict:
    label = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 6))) + str(i)
    mentions = max(1, int(400 / (i + 1) ** 0.8) + rng.randint(0, 3))
    docs = tuple((f"doc{d:03d}", 1 + rng.randint(0, mentions)) for d in sorted(rng.sample(range(300), 3)))
    aliases = (label[:3] + "简称",) if rng.random() < 0.2 else ()
    return {"label": label, "type": rng.choice(TYPES), "aliases": aliases, "mentions": mentions, "documents": docs}


def _add_edge(graph: nx.MultiDiGraph, rng: random.Random, u: str, v: str) -> None:
    if rng.random() < 0.35:
        relation, evidence = "cooccursWith", ()
    else:
        relation = rng.choice(RELATIONS)
        sentence = f"{graph.nodes[u]['label']}与{graph.nodes[v]['label']}相互促进，推动高质量发展。"
        evidence = tuple((f"doc{rng.randint(0, 299):03d}", sentence, f"rule.{relation}.{k}")
                         for k in range(rng.randint(1, 3)))
    graph.add_edge(u, v, key=relation, predicate=relation, weight=max(1, len(evidence)) + rng.randint(0, 4),
                   evidence=evidence)


def machine_info() -> str:
    """One line: cores, CPU model, Python version and platform."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores · {model} · Python {platform.python_version()} · {platform.platform()}"


def time_render(browser, path: Path) -> tuple[float, float, int, list[str]]:
    """Wall seconds and in-page ms until ``window.kgReady``, the drawn node count, and any outside requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    outside: list[str] = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_function("window.kgReady === true", timeout=120_000, polling=50)
    wall = time.perf_counter() - start
    in_page, nodes = page.evaluate("[window.kgReadyAt, network.body.data.nodes.length]")
    context.close()
    return wall, in_page, nodes, outside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--out", type=Path, default=None, help="folder for the pages (default: a temporary one)")
    parser.add_argument("--runs", type=int, default=1, help="renders per page; the best is reported")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bench_html_"))
    from playwright.sync_api import sync_playwright

    print(machine_info())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS)
        print(f"chromium {browser.version} · pages in {out}")
        print(f"{'nodes':>6} {'edges':>6} {'build s':>8} {'HTML KiB':>9} "
              f"{'ready s (wall)':>15} {'ready ms (page)':>16}")
        for size in args.sizes:
            _run_case(browser, size, out, args.runs)
        browser.close()


def _run_case(browser, size: int, out: Path, runs: int) -> None:
    graph = synthetic_graph(size)
    start = time.perf_counter()
    page = to_html(graph, title=f"bench {size}", max_nodes=size)
    build = time.perf_counter() - start
    path = out / f"bench_{size}.html"
    write_text_atomic(path, page)
    results = [time_render(browser, path) for _ in range(runs)]
    wall, in_page, nodes, outside = min(results)
    if nodes != size or outside:
        raise SystemExit(f"{size}: drew {nodes} nodes, outside requests {outside}")
    print(f"{size:>6} {graph.number_of_edges():>6} {build:>8.2f} {path.stat().st_size / 1024:>9.0f} "
          f"{wall:>15.2f} {in_page:>16.0f}")


if __name__ == "__main__":
    main()
