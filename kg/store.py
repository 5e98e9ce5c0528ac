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
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

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
    """The graph as :func:`kg.graph.to_networkx` makes it: nodes with label, type, aliases,
    mention counts and documents; edges with weight and evidence (document, sentence, rule)."""
    types = entity_types(graph)
    counts = _mention_counts(graph)
    result = nx.MultiDiGraph()
    for iri, type_ in sorted(types.items()):
        ref = URIRef(iri)
        label = graph.value(ref, RDFS.label)
        docs = tuple(sorted(counts.get(iri, {}).items()))
        result.add_node(iri, label=str(label) if label else iri, type=type_, documents=docs,
                        aliases=tuple(sorted(str(a) for a in graph.objects(ref, SKOS.altLabel))),
                        mentions=sum(n for _, n in docs))
    evidence = _evidence(graph)
    for predicate in RELATIONS:
        for s, o in graph.subject_objects(term(predicate)):
            if str(s) in types and str(o) in types:
                proof = tuple(sorted(evidence.get((str(s), predicate, str(o)), ())))
                result.add_edge(str(s), str(o), key=predicate, predicate=predicate, weight=max(len(proof), 1),
                                evidence=proof)
    for node in graph.subjects(RDF.type, term("Cooccurrence")):
        a, b = sorted(str(e) for e in graph.objects(node, term("entity")))
        weight = graph.value(node, term("weight"))
        if a in types and b in types:
            result.add_edge(a, b, key="cooccursWith", predicate="cooccursWith", weight=int(weight), evidence=())
    return result


def _mention_counts(graph: Graph) -> dict[str, dict[str, int]]:
    ids = {d: str(graph.value(d, DCTERMS.identifier)) for d in graph.subjects(RDF.type, term("Document"))}
    counts: dict[str, dict[str, int]] = {}
    for node in graph.subjects(RDF.type, term("MentionCount")):
        doc, entity = graph.value(node, term("document")), graph.value(node, term("entity"))
        counts.setdefault(str(entity), {})[ids.get(doc, str(doc))] = int(graph.value(node, term("mentionCount")))
    return counts


def _evidence(graph: Graph) -> dict[tuple[str, str, str], list[tuple[str, str, str]]]:
    ids = {d: str(graph.value(d, DCTERMS.identifier)) for d in graph.subjects(RDF.type, term("Document"))}
    found: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
    for ev in graph.subjects(RDF.type, term("Evidence")):
        key = (str(graph.value(ev, RDF.subject)), str(graph.value(ev, RDF.predicate)).rsplit("#", 1)[-1],
               str(graph.value(ev, RDF.object)))
        doc = graph.value(ev, PROV.wasDerivedFrom)
        found.setdefault(key, []).append((ids.get(doc, str(doc)), str(graph.value(ev, term("sentence"))),
                                          str(graph.value(ev, term("rule")))))
    return found
