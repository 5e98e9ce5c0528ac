"""SPARQL over the built graph: SELECT, ASK and CONSTRUCT, with standard result formats.

``json`` is the W3C SPARQL 1.1 Query Results JSON format.

>>> from kg.vocab import new_graph, entity_iri, term
>>> from rdflib.namespace import RDF
>>> g = new_graph(); _ = g.add((entity_iri("Concept", "新质生产力"), RDF.type, term("Concept")))
>>> print(run_query(g, "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Concept }", "csv").strip())
n
1
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from rdflib import Graph
from rdflib.query import Result

from kg.errors import QueryError
from kg.vocab import PREFIXES

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "ontology" / "queries"
FORMATS = ("table", "csv", "json")


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


def execute(graph: Graph, query: str) -> Result:
    """Run a query with the project's prefixes predeclared."""
    try:
        return graph.query(query, initNs=dict(PREFIXES))
    except Exception as exc:  # pyparsing and rdflib raise many types for bad queries
        raise QueryError(f"SPARQL error: {exc}") from None


def run_query(graph: Graph, query: str, fmt: str = "table") -> str:
    """Run ``query`` and render its result as ``table``, ``csv`` or ``json``."""
    result = execute(graph, query)
    if result.type == "CONSTRUCT" or result.type == "DESCRIBE":
        return result.graph.serialize(format="turtle")
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n" if fmt == "json" else \
            f"{str(bool(result.askAnswer)).lower()}\n"
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8") + "\n"
    rows = [[_cell(v) for v in row] for row in result]
    names = [str(v) for v in result.vars]
    return _csv(names, rows) if fmt == "csv" else _table(names, rows)


def _cell(value) -> str:
    return "" if value is None else str(value)


def _csv(names: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows(rows)
    return out.getvalue()


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = [_pad_row(names, widths), "  ".join("-" * w for w in widths)]
    lines += [_pad_row(r, widths) for r in rows]
    return "\n".join(lines) + f"\n({len(rows)} rows)\n"


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad_row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()


def list_examples() -> list[tuple[str, str]]:
    """(name, first comment line) of every example query under ontology/queries."""
    examples = []
    for path in sorted(EXAMPLES_DIR.glob("*.rq")):
        first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        examples.append((path.stem, first))
    return examples
