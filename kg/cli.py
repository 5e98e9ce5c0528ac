"""The ``kg`` command line: a thin shell over the importable functions.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 success,
1 handled error (an ``Error: ...`` line on stderr), 2 usage error.
"""

from __future__ import annotations

import json
import logging
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help="Build and query a knowledge graph of Chinese policy texts (新质生产力, 高质量发展 ...).\n\n"
         "Start with `kg build` (reads seeds/, writes output/graph.ttl and output/graph.html), then "
         "`kg stats`, `kg query` and `kg eval`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_GRAPH = Path("output") / "graph.ttl"


class StatsFormat(str, Enum):
    table = "table"
    json = "json"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _fail(exc: KGError) -> typer.Exit:
    _err(f"Error: {exc}")
    return typer.Exit(code=1)


@app.callback()
def main(ctx: typer.Context,
         quiet: bool = typer.Option(False, "--quiet", "-q", help="Print no progress or summary on stderr.")) -> None:
    """Knowledge graphs from Chinese policy and political-economy texts."""
    logging.getLogger("jieba").setLevel(logging.WARNING)
    ctx.obj = {"quiet": quiet}


def _quiet(ctx: typer.Context) -> bool:
    return bool((ctx.obj or {}).get("quiet"))


@app.command("build")
def build_cli(
    ctx: typer.Context,
    inputs: Optional[List[Path]] = typer.Argument(None, help="Files or folders of .txt/.md documents [default: seeds/]."),
    out: Path = typer.Option(Path("output"), "--out", "-o", help="Folder for graph.ttl and graph.html."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for large corpora."),
    max_nodes: int = typer.Option(500, "--max-nodes", min=1, help="Most nodes drawn in graph.html."),
    no_html: bool = typer.Option(False, "--no-html", help="Write graph.ttl only."),
) -> None:
    """Read documents, extract entities and relations, write graph.ttl and graph.html.

    Example: kg build seeds/ --out output/
    """
    from kg.pipeline import build

    quiet = _quiet(ctx)
    progress = None if quiet else _err
    try:
        summary = build(inputs or [Path("seeds")], out, html=not no_html, jobs=jobs, max_nodes=max_nodes,
                        progress=progress)
    except KGError as exc:
        raise _fail(exc)
    for message in (*summary.warnings, *(f"skipped {p}" for p in summary.problems)):
        _err(f"Warning: {message}")
    if not quiet:
        _err(f"wrote {', '.join(summary.outputs)}")
        _err(summary.line())
    if summary.problems:
        raise typer.Exit(code=1)


@app.command("stats")
def stats_cli(
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    fmt: StatsFormat = typer.Option(StatsFormat.table, "--format", "-f", help="table or json."),
    top: int = typer.Option(10, "--top", min=1, help="How many top entities to list."),
) -> None:
    """Counts per entity type and relation, top entities by degree and PageRank, components, density.

    Example: kg stats --format json
    """
    from kg.stats import graph_statistics
    from kg.store import load_graph

    try:
        stats = graph_statistics(load_graph(graph), top=top)
    except KGError as exc:
        raise _fail(exc)
    if fmt is StatsFormat.json:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_stats(stats))


def format_stats(stats: dict) -> str:
    """Render statistics as aligned text blocks."""
    lines = [f"documents           {stats['documents']}", f"components          {stats['components']}",
             f"largest component   {stats['largest_component']}", f"density             {stats['density']}", "",
             "entities by type"]
    lines += [f"  {t:<14}{n:>7}" for t, n in stats["entities_by_type"].items()]
    lines += ["", "relations"]
    lines += [f"  {p:<14}{n:>7}" for p, n in stats["relations_by_predicate"].items()]
    lines += ["", "top by degree"]
    lines += [f"  {r['degree']:>6}  {r['label']} ({r['type']})" for r in stats["top_by_degree"]]
    lines += ["", "top by PageRank"]
    lines += [f"  {r['pagerank']:.4f}  {r['label']} ({r['type']})" for r in stats["top_by_pagerank"]]
    return "\n".join(lines)


@app.command("query")
def query_cli(
    query: str = typer.Argument(..., help="A SPARQL query, a .rq file, or the name of an example in ontology/queries."),
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, csv or json (SPARQL JSON)."),
) -> None:
    """Run a SPARQL 1.1 SELECT, ASK or CONSTRUCT query over the graph (prefixes kg:, kgr:, rdfs: ... predeclared).

    Example: kg query "SELECT ?l WHERE { ?c a kg:Concept ; rdfs:label ?l } LIMIT 5"
    """
    from kg.query import read_query, run_query
    from kg.store import load_graph

    try:
        text = read_query(query)
        typer.echo(run_query(load_graph(graph), text, fmt.value), nl=False)
    except KGError as exc:
        raise _fail(exc)


@app.command("viz")
def viz_cli(
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Draw only the neighbourhood of this name or alias."),
    depth: int = typer.Option(2, "--depth", min=0, help="How many hops around --focus to keep."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="HTML file [default: output/graph.html, or "
                                                                 "output/focus-NAME.html with --focus]."),
    max_nodes: int = typer.Option(500, "--max-nodes", min=1, help="Most nodes drawn; the page says what is left out."),
) -> None:
    """Write an interactive HTML page of the graph, or of one entity's neighbourhood.

    Example: kg viz --focus 新质生产力 --depth 2 --out xinzhi.html
    """
    from kg.export.html import focus_subgraph, write_html
    from kg.store import load_graph, rdf_to_networkx

    try:
        network = rdf_to_networkx(load_graph(graph))
        if focus:
            network = focus_subgraph(network, focus, depth)
        target = out or Path("output") / (f"focus-{focus}.html" if focus else "graph.html")
        write_html(network, target, title=f"xinzhi-kg: {focus}" if focus else "xinzhi-kg", max_nodes=max_nodes)
    except KGError as exc:
        raise _fail(exc)
    _err(f"wrote {target} ({network.number_of_nodes()} nodes, {network.number_of_edges()} edges)")


@app.command("eval")
def eval_cli(
    gold: Path = typer.Option(..., "--gold", help="Folder of *.entities.jsonl / *.relations.jsonl gold files."),
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    fmt: StatsFormat = typer.Option(StatsFormat.table, "--format", "-f", help="table or json."),
) -> None:
    """Score the graph against gold annotations: P/R/F1 per type, per relation and overall.

    Example: kg eval --gold ../shared/gold/seeds
    """
    from kg.evaluate import evaluate
    from kg.store import load_graph

    try:
        result = evaluate(load_graph(graph), gold)
    except KGError as exc:
        raise _fail(exc)
    if fmt is StatsFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(format_eval(result))


def format_eval(result: dict) -> str:
    """Per-type and per-relation tables, then the weakest rules."""
    lines = []
    for section in ("entities", "relations"):
        lines += [f"{section:<14}{'P':>7}{'R':>7}{'F1':>7}{'found':>8}{'gold':>6}"]
        for name, row in result[section].items():
            lines.append(f"  {name:<12}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
                         f"{row['extracted']:>8}{row['gold']:>6}")
        lines.append("")
    weakest = sorted(((v["precision"], k, v["extracted"]) for k, v in result["entity_rules"].items()
                      if v["extracted"] >= 3))[:5]
    lines.append("weakest entity rules: " + "; ".join(f"{k} {p:.2f} ({n})" for p, k, n in weakest))
    c = result["concepts"]
    lines.append(f"concepts: {c['from_lexicon']} from the lexicon, {c['discovered']} discovered")
    o, r = result["entities"]["overall"], result["relations"]["overall"]
    lines.append(f"overall: entity F1 {o['f1']:.3f} (P {o['precision']:.3f} R {o['recall']:.3f}); "
                 f"relation F1 {r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f})")
    return "\n".join(lines)


def run() -> None:  # pragma: no cover - console entry point
    """Entry point of the ``kg`` console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
