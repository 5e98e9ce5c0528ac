"""SPARQL over the built graph on Oxigraph: SELECT, ASK, CONSTRUCT and DESCRIBE, in standard formats.

Formats: ``table`` (aligned text), ``csv`` and ``tsv`` (W3C SPARQL 1.1 Query Results
CSV/TSV), ``json`` (W3C SPARQL 1.1 Query Results JSON). CONSTRUCT and DESCRIBE give Turtle
(JSON-LD with ``json``). The prefixes ``kg: kgr: rdf: rdfs: owl: xsd: skos: dcterms: prov:``
are predeclared.

>>> from kg.vocab import new_graph, entity_iri, term
>>> from rdflib.namespace import RDF
>>> g = new_graph(); _ = g.add((entity_iri("Concept", "新质生产力"), RDF.type, term("Concept")))
>>> run_query(g, "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Concept }", "csv").split()
['n', '1']
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import QueryError
from kg.export.turtle import turtle_bytes
from kg.store import SPARQL_PREFIXES, oxigraph_of, plain
from kg.tables import text_table

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "ontology" / "queries"
FORMATS = ("table", "csv", "tsv", "json")
Result = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

_RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*(?:\n|$))\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def example_path(name: str) -> Path:
    """The file of the example query ``name`` (see :func:`list_examples`).

    >>> example_path("timeline").name
    'timeline.rq'
    """
    path = EXAMPLES_DIR / f"{name}.rq"
    if not name.replace("_", "").replace("-", "").isalnum() or not path.is_file():
        names = ", ".join(n for n, _ in list_examples())
        raise QueryError(f"{name}: no such example query (examples: {names})")
    return path


def read_query(text_or_path: str) -> str:
    """The query text: the argument itself, or the file (or example name) it names.

    >>> read_query("timeline").lstrip().startswith("#")
    True
    """
    example = EXAMPLES_DIR / f"{text_or_path}.rq"
    if text_or_path.replace("_", "").replace("-", "").isalnum() and example.is_file():
        return example.read_text(encoding="utf-8")
    path = Path(text_or_path)
    if text_or_path.endswith(".rq") or (len(text_or_path) < 200 and path.is_file()):
        if not path.is_file():
            path = EXAMPLES_DIR / Path(text_or_path).name
        if not path.is_file():
            raise QueryError(f"{text_or_path}: query file not found")
        return path.read_text(encoding="utf-8")
    return text_or_path


def list_examples() -> list[tuple[str, str]]:
    """(name, first comment line) of every example query under ontology/queries.

    >>> dict(list_examples())["timeline"]
    'Timeline: events with the dates they took place on'
    """
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        examples.append((path.stem, first))
    return examples


def is_update(query: str) -> bool:
    """Whether ``query`` is a SPARQL Update request (which this read-only tool refuses).

    >>> is_update("PREFIX kg: <x#>\\nINSERT DATA { kg:a kg:b kg:c }"), is_update("SELECT * {}")
    (True, False)
    """
    return bool(_UPDATE.match(query))


def syntax_message(error: str) -> str:
    """A short message from Oxigraph's parse error, with the line and column.

    >>> syntax_message("error at 2:7: expected one of ABS, AVG")
    'SPARQL syntax error at line 2, column 7: expected one of ABS, AVG'
    """
    found = _POSITION.match(error)
    if not found:
        return f"SPARQL syntax error: {error}"
    line, column, detail = found.groups()
    if "Prefix not found" in detail:
        detail = f"unknown prefix (predeclared: {', '.join(p + ':' for p in SPARQL_PREFIXES)})"
    return f"SPARQL syntax error at line {line}, column {column}: {_shorten(detail)}"


def _shorten(detail: str, limit: int = 120) -> str:
    # Oxigraph lists every token it would accept, character classes included: keep the start.
    detail = detail.split("['", 1)[0].rstrip(", ")
    if len(detail) <= limit:
        return detail
    return detail[:limit].rsplit(", ", 1)[0] + ", …"


def execute(graph: Graph | ox.Store, query: str) -> Result:
    """Run ``query`` with the project's prefixes predeclared; errors become :class:`QueryError`.

    >>> execute(ox.Store(), "ASK { }")
    <QueryBoolean true>
    """
    if is_update(query):
        raise QueryError("SPARQL Update is refused: the graph is read-only (use SELECT, ASK, CONSTRUCT or DESCRIBE)")
    store = graph if isinstance(graph, ox.Store) else oxigraph_of(graph)
    try:
        return store.query(query, prefixes=SPARQL_PREFIXES)
    except SyntaxError as exc:
        raise QueryError(syntax_message(str(exc))) from None
    except (OSError, ValueError, TypeError) as exc:  # evaluation errors
        raise QueryError(f"SPARQL error: {exc}") from None


def render(result: Result, fmt: str = "table") -> bytes:
    """Render a query result in ``fmt`` (``table``, ``csv``, ``tsv`` or ``json``).

    >>> render(ox.Store().query("ASK { }"), "json")
    b'{"head":{},"boolean":true}\\n'
    """
    if fmt not in FORMATS:
        raise QueryError(f"{fmt}: unknown format (expected one of {', '.join(FORMATS)})")
    if isinstance(result, ox.QueryTriples):
        if fmt == "json":
            return ox.serialize(list(result), format=ox.RdfFormat.JSON_LD) + b"\n"
        return turtle_bytes(result)
    if isinstance(result, ox.QueryBoolean):
        text = result.serialize(format=_RESULT_FORMATS[fmt]) if fmt != "table" else str(bool(result)).lower().encode()
        return text + b"\n"
    if fmt == "table":
        return (_table(result) + "\n").encode("utf-8")
    return result.serialize(format=_RESULT_FORMATS[fmt]) + (b"\n" if fmt == "json" else b"")


def _table(solutions: ox.QuerySolutions) -> str:
    names = [v.value for v in solutions.variables]
    rows = [[_short(solution[i]) for i in range(len(names))] for solution in solutions]
    return text_table(names, rows)


def _short(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> object:
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in SPARQL_PREFIXES.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
    return plain(term)


def run_query(graph: Graph | ox.Store, query: str, fmt: str = "table") -> str:
    """Run ``query`` and render its result as ``table``, ``csv``, ``tsv`` or ``json`` (text).

    >>> run_query(ox.Store(), "ASK { }")
    'true\\n'
    """
    return render(execute(graph, query), fmt).decode("utf-8")
