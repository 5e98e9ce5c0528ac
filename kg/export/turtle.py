"""Turtle exporter: render the rdflib graph, then write it atomically.

>>> from kg.vocab import new_graph, entity_iri, term
>>> from rdflib.namespace import RDF
>>> g = new_graph(); _ = g.add((entity_iri("Concept", "新质生产力"), RDF.type, term("Concept")))
>>> "kgr:concept-新质生产力 a kg:Concept ." in to_turtle(g)
True
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.fileio import write_text_atomic


def to_turtle(graph: Graph) -> str:
    """Serialise ``graph`` as Turtle (rdflib sorts subjects, so equal graphs give equal text)."""
    return graph.serialize(format="turtle")


def write_turtle(graph: Graph, path: Path | str) -> None:
    """Write ``graph`` as Turtle to ``path`` (temporary file, then rename)."""
    write_text_atomic(path, to_turtle(graph))
