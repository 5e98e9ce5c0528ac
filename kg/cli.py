"""The ``kg`` command line: a thin shell over the importable functions.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 success,
1 handled error (an ``Error: ...`` line on stderr), 2 usage error.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kg.errors import KGError
from kg.export.formats import ExportFormat

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
DEFAULT_JOBS = min(os.cpu_count() or 1, 4)


class StatsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(str, Enum):
    table = "table"
    json = "json"


class QueryFormat(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
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
    jobs: int = typer.Option(DEFAULT_JOBS, "--jobs", "-j", min=1,
                             help="Worker processes (used from 8 documents on; output is the same for any value)."),
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


@app.command("stats")
def stats_cli(
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    fmt: StatsFormat = typer.Option(StatsFormat.table, "--format", "-f", help="table, json or csv (long format)."),
    top: int = typer.Option(10, "--top", min=1, help="How many top entities and communities to list."),
    samples: int = typer.Option(32, "--samples", min=1,
                                help="Betweenness is estimated from this many source nodes on graphs above 2000 nodes."),
    seed: int = typer.Option(42, "--seed", help="Random seed of the Louvain communities and betweenness samples."),
) -> None:
    """Counts per type, relation and document, top entities, communities and a timeline of events.

    Top entities by degree, PageRank and betweenness; Louvain communities (fixed seed) with their
    best-connected members; dated events (Event kg:occurredOn Date) in EDTF order.

    Example: kg stats --format json
    """
    from kg.report import stats_csv, stats_table
    from kg.stats import graph_statistics
    from kg.store import load_graph

    try:
        stats = graph_statistics(load_graph(graph), top=top, samples=samples, seed=seed)
    except KGError as exc:
        raise _fail(exc)
    if fmt is StatsFormat.json:
        typer.echo(json.dumps(stats, ensure_ascii=False, indent=2))
    else:
        typer.echo(stats_csv(stats) if fmt is StatsFormat.csv else stats_table(stats), nl=fmt is StatsFormat.table)


@app.command("query")
def query_cli(
    query: Optional[str] = typer.Argument(None, help="A SPARQL query, a .rq file, or the name of an example query."),
    example: Optional[str] = typer.Option(None, "--example", "-e", help="Run the example query of this name."),
    list_examples_: bool = typer.Option(False, "--list-examples", help="List the example queries and exit."),
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f",
                                    help="table, csv, tsv or json (W3C SPARQL results; CONSTRUCT gives Turtle, "
                                         "or JSON-LD with json)."),
) -> None:
    """Run a SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE query (prefixes kg:, kgr:, rdfs: ... predeclared).

    Example: kg query --example timeline --format csv
    """
    from kg.query import example_path, execute, list_examples, read_query, render
    from kg.store import load_graph

    if list_examples_:
        rows = list_examples()
        typer.echo(json.dumps(dict(rows), ensure_ascii=False, indent=2) if fmt is QueryFormat.json
                   else "\n".join(f"{name:<36}{title}" for name, title in rows))
        return
    if (query is None) == (example is None):
        raise typer.BadParameter("give a QUERY, or --example NAME, or --list-examples (one of them)",
                                 param_hint="QUERY")
    try:
        text = example_path(example).read_text(encoding="utf-8") if example else read_query(query)
        result = execute(load_graph(graph), text)
        typer.echo(render(result, fmt.value).decode("utf-8"), nl=False)
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
    from kg.report import eval_table
    from kg.store import load_graph

    try:
        result = evaluate(load_graph(graph), gold)
    except KGError as exc:
        raise _fail(exc)
    if fmt is StatsFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        typer.echo(eval_table(result))


@app.command("serve")
def serve_cli(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(7878, "--port", "-p", min=0, max=65535, help="TCP port (0 picks a free one)."),
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at http://HOST:PORT/sparql (Ctrl-C stops it).

    Example: kg serve --port 7878 & curl -H 'Accept: text/csv' 'http://127.0.0.1:7878/sparql?query=ASK{}'
    """
    from kg.serve import make_server
    from kg.store import load_graph, oxigraph_of

    try:
        store = oxigraph_of(load_graph(graph))
    except KGError as exc:
        raise _fail(exc)
    try:
        server = make_server(store, host, port, quiet=_quiet(ctx))
    except OSError as exc:
        _err(f"Error: cannot listen on {host}:{port} ({exc.strerror or exc})")
        raise typer.Exit(code=1)
    bound_host, bound_port = server.server_address[:2]
    _err(f"serving {graph} ({len(store)} triples) at http://{bound_host}:{bound_port}/sparql; Ctrl-C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        _err("stopped")
    finally:
        server.server_close()


@app.command("validate")
def validate_cli(
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    shapes: Optional[Path] = typer.Option(None, "--shapes", help="SHACL shapes file [default: ontology/shapes.ttl]."),
    fmt: ReportFormat = typer.Option(ReportFormat.table, "--format", "-f", help="table or json."),
) -> None:
    """Check the graph against the SHACL shapes of the contract; exit 1 when it does not conform.

    Example: kg validate --format json
    """
    from kg.tables import text_table
    from kg.validate import load_shapes, validate_graph, validation_rows
    from kg.store import load_graph

    try:
        report = validate_graph(load_graph(graph), load_shapes(shapes) if shapes else None)
    except KGError as exc:
        raise _fail(exc)
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    elif report.violations:
        typer.echo(text_table(["focus", "path", "value", "constraint", "message"], validation_rows(report)))
    if not report.conforms:
        _err(f"Error: {graph} does not conform to the shapes ({len(report.violations)} violations)")
        raise typer.Exit(code=1)
    _err(f"{graph} conforms to the shapes")


@app.command("export")
def export_cli(
    ctx: typer.Context,
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="graphml, gexf, jsonld, nt, or csv (Neo4j import "
                                                                 "files nodes.csv and relationships.csv in a folder)."),
    graph: Path = typer.Option(DEFAULT_GRAPH, "--graph", "-g", help="Turtle file written by `kg build`."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Output file (a folder for csv) [default: "
                                                                 "output/graph.FORMAT, or output/neo4j/ for csv]."),
) -> None:
    """Export the graph for Gephi, yEd, Cytoscape (graphml, gexf), JSON-LD and N-Triples tools, or Neo4j.

    Example: kg export --format graphml --out output/graph.graphml
    """
    from kg.export.formats import DEFAULT_OUT, export_store
    from kg.store import load_graph, oxigraph_of

    target = out or Path("output") / DEFAULT_OUT[fmt.value]
    try:
        written = export_store(oxigraph_of(load_graph(graph)), fmt, target)
    except KGError as exc:
        raise _fail(exc)
    if not _quiet(ctx):
        _err(f"wrote {', '.join(str(p) for p in written)}")


def run() -> None:  # pragma: no cover - console entry point
    """Entry point of the ``kg`` console script."""
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
