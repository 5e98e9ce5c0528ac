"""Exports for other tools: GraphML and GEXF (Gephi, yEd, Cytoscape), JSON-LD, N-Triples, and the
node and relationship CSV files of ``neo4j-admin database import``.

GraphML, GEXF and the Neo4j files hold the entity graph of :func:`kg.store.store_to_networkx`
with list attributes flattened to text (aliases joined by ``|``); JSON-LD and N-Triples hold
every triple, sorted. Every file is written atomically.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("k:a", label="科技创新", type="Concept", aliases=("科创",), mentions=2, documents=(("d1", 2),))
>>> g.add_node("k:b", label="产业创新", type="Concept", aliases=(), mentions=1, documents=(("d1", 1),))
>>> _ = g.add_edge("k:a", "k:b", key="promotes", predicate="promotes", weight=1, evidence=(("d1", "句", "r"),))
>>> neo4j_files(g)["relationships.csv"].splitlines()[:2]
[':START_ID,:END_ID,:TYPE,weight:int,evidence:int', 'k:a,k:b,promotes,1,1']
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.errors import ExportError
from kg.export.turtle import sorted_ntriples
from kg.fileio import write_bytes_atomic, write_text_atomic
from kg.store import store_to_networkx
from kg.tables import csv_text


class ExportFormat(str, Enum):
    """Formats of ``kg export``."""

    graphml = "graphml"
    gexf = "gexf"
    jsonld = "jsonld"
    nt = "nt"
    csv = "csv"


#: Where each format goes when --out is not given (csv is a folder).
DEFAULT_OUT = {"graphml": "graph.graphml", "gexf": "graph.gexf", "jsonld": "graph.jsonld", "nt": "graph.nt",
               "csv": "neo4j"}
NODE_HEADER = ("id:ID", "label", ":LABEL", "aliases:string[]", "mentions:int", "documents:string[]")
RELATIONSHIP_HEADER = (":START_ID", ":END_ID", ":TYPE", "weight:int", "evidence:int")


def flat_network(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` whose attributes are all text or numbers, as GraphML and GEXF need.

    >>> m = nx.MultiDiGraph(); m.add_node("a", label="新", type="Concept", aliases=("x", "y"))
    >>> flat_network(m).nodes["a"]["aliases"]
    'x|y'
    """
    flat = nx.MultiDiGraph()
    for node, data in g.nodes(data=True):
        flat.add_node(node, label=data.get("label", node), type=data.get("type", ""),
                      aliases="|".join(data.get("aliases", ())), mentions=int(data.get("mentions", 0)),
                      documents="|".join(f"{d}:{n}" for d, n in data.get("documents", ())))
    for a, b, key, data in g.edges(keys=True, data=True):
        flat.add_edge(a, b, key=key, predicate=data.get("predicate", key),
                      weight=int(data.get("weight", 1)), evidence=len(data.get("evidence", ())))
    return flat


def to_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML of the entity graph.

    >>> "<graphml" in to_graphml(nx.MultiDiGraph())
    True
    """
    return "\n".join(nx.generate_graphml(flat_network(g), encoding="utf-8")) + "\n"


def to_gexf(g: nx.MultiDiGraph) -> str:
    """GEXF 1.2 of the entity graph.

    >>> "<gexf" in to_gexf(nx.MultiDiGraph())
    True
    """
    return "\n".join(nx.generate_gexf(flat_network(g), encoding="utf-8")) + "\n"


def neo4j_files(g: nx.MultiDiGraph) -> dict[str, str]:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full``."""
    nodes = [(node, d["label"], f"Entity;{d['type']}", ";".join(d.get("aliases", ())), d.get("mentions", 0),
              ";".join(f"{doc}:{n}" for doc, n in d.get("documents", ()))) for node, d in sorted(g.nodes(data=True))]
    edges = [(a, b, key, d.get("weight", 1), len(d.get("evidence", ())))
             for a, b, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3])]
    return {"nodes.csv": csv_text(NODE_HEADER, nodes, lineterminator="\n"),
            "relationships.csv": csv_text(RELATIONSHIP_HEADER, edges, lineterminator="\n")}


def rdf_bytes(store: ox.Store, fmt: str) -> bytes:
    """Every triple of ``store``, sorted, as N-Triples (``nt``) or expanded JSON-LD (``jsonld``).

    >>> rdf_bytes(ox.Store(), "nt")
    b''
    """
    lines = sorted_ntriples(store)
    if fmt == "nt":
        return b"".join(line + b"\n" for line in lines)
    triples = (quad.triple for quad in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES))
    return ox.serialize(triples, format=ox.RdfFormat.JSON_LD)


def export_store(store: ox.Store, fmt: ExportFormat | str, out: Path) -> tuple[Path, ...]:
    """Write ``store``'s graph to ``out`` in ``fmt`` (a folder for ``csv``); return the files written.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in export_store(ox.Store(), "csv", folder / "neo4j")]
    ['nodes.csv', 'relationships.csv']
    """
    fmt = ExportFormat(fmt)
    if fmt in (ExportFormat.nt, ExportFormat.jsonld):
        write_bytes_atomic(out, rdf_bytes(store, fmt.value))
        return (out,)
    network = store_to_networkx(store)
    if fmt is ExportFormat.csv:
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out}: the csv export writes a folder, but this is a file")
        files = neo4j_files(network)
        for name, text in files.items():
            write_text_atomic(out / name, text)
        return tuple(out / name for name in files)
    write_text_atomic(out, to_graphml(network) if fmt is ExportFormat.graphml else to_gexf(network))
    return (out,)
