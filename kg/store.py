"""Reading a built graph back: Turtle into rdflib, and RDF into networkx.

>>> from kg.vocab import new_graph, entity_iri, term
>>> from rdflib import Literal
>>> from rdflib.namespace import RDF, RDFS
>>> g = new_graph()
>>> a, b = entity_iri("Concept", "科技创新"), entity_iri("Concept", "产业创新")
>>> for iri, name in ((a, "科技创新"), (b, "产业创新")):
...     _ = g.add((iri, RDF.type, term("Concept"))); _ = g.add((iri, RDFS.label, Literal(name, lang="zh")))
>>> _ = g.add((a, term("promotes"), b))
>>> sorted(rdf_to_networkx(g).edges(keys=True))[0][2]
'promotes'
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from kg.errors import InputError
from kg.model import ENTITY_TYPES, RELATIONS
from kg.vocab import KG, term


def load_graph(path: Path | str) -> Graph:
    """Parse a Turtle file, with a clear error when it is missing or broken."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "graph not found; run `kg build` first or pass --graph PATH")
    graph = Graph(bind_namespaces="none")
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise InputError(str(path), f"not valid Turtle ({exc})") from None
    return graph


def entity_types(graph: Graph) -> dict[str, str]:
    """Map each entity IRI to its SPEC type name."""
    types = {}
    for name in ENTITY_TYPES:
        for iri in graph.subjects(RDF.type, KG[name]):
            types[str(iri)] = name
    return types


def rdf_to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities as nodes (label, type) and typed relations and co-occurrences as edges."""
    types = entity_types(graph)
    result = nx.MultiDiGraph()
    for iri, type_ in sorted(types.items()):
        label = graph.value(predicate=RDFS.label, subject=_ref(graph, iri))
        result.add_node(iri, label=str(label) if label else iri, type=type_)
    for predicate in (*RELATIONS, "cooccursWith"):
        for s, o in graph.subject_objects(term(predicate)):
            if str(s) in types and str(o) in types:
                result.add_edge(str(s), str(o), key=predicate, predicate=predicate)
    return result


def _ref(graph: Graph, iri: str):
    from rdflib import URIRef

    return URIRef(iri)
