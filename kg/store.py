"""The fast RDF path: rdflib Graphs stored and queried on Oxigraph, read back into networkx.

Graphs keep the rdflib API (``add``, ``triples``, ``value``, ``query`` ...) but live in an
in-memory Oxigraph store (oxrdflib's ``Oxigraph`` plugin) on the store's default graph, so
code that needs speed (Turtle writing, SPARQL, statistics) can use the pyoxigraph store
underneath (:func:`oxigraph_of`) without copying.

>>> from rdflib import Literal
>>> from rdflib.namespace import RDF, RDFS
>>> from kg.vocab import entity_iri, term
>>> g = new_store_graph()
>>> a, b = entity_iri("Concept", "科技创新"), entity_iri("Concept", "产业创新")
>>> for iri, name in ((a, "科技创新"), (b, "产业创新")):
...     _ = g.add((iri, RDF.type, term("Concept"))); _ = g.add((iri, RDFS.label, Literal(name, lang="zh")))
>>> _ = g.add((a, term("promotes"), b))
>>> sorted(rdf_to_networkx(g).edges(keys=True))[0][2]
'promotes'
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx
import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.errors import InputError
from kg.model import ENTITY_TYPES, RELATIONS
from kg.vocab import KG, PREFIXES

#: SPARQL prefixes as plain strings, for pyoxigraph.
SPARQL_PREFIXES: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items()}

Row = tuple  # one SPARQL solution as plain Python values (str, int, or None)


def new_store_graph() -> Graph:
    """An empty rdflib Graph on Oxigraph with exactly the project's prefixes bound.

    >>> g = new_store_graph(); sorted(p for p, _ in g.namespaces())[:3], len(g)
    (['dcterms', 'kg', 'kgr'], 0)
    """
    graph = Graph(store=OxigraphStore(store=ox.Store()), identifier=DATASET_DEFAULT_GRAPH_ID,
                  bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def oxigraph_of(graph: Graph) -> ox.Store:
    """The pyoxigraph store holding ``graph``'s triples in its default graph.

    Graphs made by :func:`new_store_graph` or :func:`load_graph` share their store;
    any other graph (plain rdflib Memory) is copied into a new one.

    >>> oxigraph_of(new_store_graph()).query("ASK { ?s ?p ?o }")
    <QueryBoolean false>
    """
    if isinstance(graph.store, OxigraphStore) and graph.identifier == DATASET_DEFAULT_GRAPH_ID:
        return graph.store._inner  # oxrdflib's own handle on the pyoxigraph store
    store = ox.Store()
    store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
    return store


def to_ox(node: URIRef | BNode | Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term.

    >>> to_ox(Literal("新质生产力", lang="zh"))
    <Literal value=新质生产力 language=zh>
    """
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if node.language:
        return ox.Literal(str(node), language=node.language)
    return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)) if node.datatype else None)


def load_graph(path: Path | str) -> Graph:
    """Parse a Turtle file into an Oxigraph-backed graph, with a clear error when it is missing or broken.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
    >>> _ = p.write_text('<https://w3id.org/xinzhi-kg/resource/a> a <https://w3id.org/xinzhi-kg/ontology#Concept> .')
    >>> len(load_graph(p))
    1
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "graph not found; run `kg build` first or pass --graph PATH")
    graph = new_store_graph()
    try:
        oxigraph_of(graph).bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (SyntaxError, ValueError) as exc:
        raise InputError(str(path), f"not valid Turtle ({exc})") from None
    return graph


def plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | int | None:
    """A SPARQL result term as a Python value: integers as ``int``, everything else as its string.

    >>> plain(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    3
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value.endswith("#integer"):
        return int(term.value)
    return term.value


def select(store: ox.Store, query: str) -> Iterator[Row]:
    """Run a SELECT query (project prefixes predeclared) and yield rows of plain values.

    >>> list(select(ox.Store(), "SELECT (1 + 1 AS ?n) (kg:x AS ?x) {}"))
    [(2, 'https://w3id.org/xinzhi-kg/ontology#x')]
    """
    solutions = store.query(query, prefixes=SPARQL_PREFIXES)
    width = len(solutions.variables)
    for solution in solutions:
        yield tuple(plain(solution[i]) for i in range(width))


_ENTITIES = "SELECT ?e ?t (MIN(?l) AS ?label) { ?e a ?t . VALUES ?t { %s } OPTIONAL { ?e rdfs:label ?l } } GROUP BY ?e ?t"
_ALIASES = "SELECT ?e ?a { ?e skos:altLabel ?a }"
_COUNTS = """SELECT ?e ?doc ?id ?n { ?m a kg:MentionCount ; kg:document ?doc ; kg:entity ?e ; kg:mentionCount ?n .
  OPTIONAL { ?doc dcterms:identifier ?id } }"""
_RELATIONS = "SELECT ?s ?p ?o { VALUES ?p { %s } ?s ?p ?o }"
_EVIDENCE = """SELECT ?s ?p ?o ?doc ?id ?sentence ?rule { ?ev a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ;
  rdf:object ?o ; prov:wasDerivedFrom ?doc ; kg:sentence ?sentence ; kg:rule ?rule .
  OPTIONAL { ?doc dcterms:identifier ?id } }"""
_COOCCURRENCES = """SELECT ?a ?b ?w { ?c a kg:Cooccurrence ; kg:entity ?a , ?b ; kg:weight ?w .
  FILTER (STR(?a) < STR(?b)) }"""


def _values(names: Iterable[str]) -> str:
    return " ".join(f"kg:{name}" for name in names)


def entity_types(store: ox.Store) -> dict[str, tuple[str, str]]:
    """Map each entity IRI to (SPEC type name, label); with two types, the later in ENTITY_TYPES wins.

    >>> entity_types(ox.Store())
    {}
    """
    rank = {name: i for i, name in enumerate(ENTITY_TYPES)}
    found: dict[str, tuple[str, str]] = {}
    rows = select(store, _ENTITIES % _values(ENTITY_TYPES))
    for iri, type_iri, label in sorted(rows, key=lambda r: (r[0], rank[r[1][len(str(KG)):]])):
        found[iri] = (type_iri[len(str(KG)):], label if label is not None else iri)
    return found


def rdf_to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The graph as :func:`kg.graph.to_networkx` makes it: nodes with label, type, aliases,
    mention counts and documents; edges with weight and evidence (document, sentence, rule).

    >>> rdf_to_networkx(new_store_graph()).number_of_nodes()
    0
    """
    return store_to_networkx(oxigraph_of(graph))


def store_to_networkx(store: ox.Store) -> nx.MultiDiGraph:
    """:func:`rdf_to_networkx` of a pyoxigraph store.

    >>> store_to_networkx(ox.Store()).number_of_nodes()
    0
    """
    types = entity_types(store)
    result = nx.MultiDiGraph()
    _add_nodes(result, store, types)
    _add_relation_edges(result, store, types)
    for a, b, weight in sorted(select(store, _COOCCURRENCES)):
        if a in types and b in types:
            result.add_edge(a, b, key="cooccursWith", predicate="cooccursWith", weight=int(weight), evidence=())
    return result


def _add_nodes(result: nx.MultiDiGraph, store: ox.Store, types: dict[str, tuple[str, str]]) -> None:
    aliases: dict[str, list[str]] = defaultdict(list)
    for iri, alias in select(store, _ALIASES):
        aliases[iri].append(alias)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for iri, doc, doc_id, n in select(store, _COUNTS):
        counts[iri][doc_id if doc_id is not None else doc] = int(n)
    for iri, (type_, label) in sorted(types.items()):
        docs = tuple(sorted(counts[iri].items())) if iri in counts else ()
        result.add_node(iri, label=label, type=type_, documents=docs, aliases=tuple(sorted(aliases.get(iri, ()))),
                        mentions=sum(n for _, n in docs))


def _add_relation_edges(result: nx.MultiDiGraph, store: ox.Store, types: dict[str, tuple[str, str]]) -> None:
    evidence: dict[tuple[str, str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for s, p, o, doc, doc_id, sentence, rule in select(store, _EVIDENCE):
        evidence[(s, p, o)].append((doc_id if doc_id is not None else doc, sentence, rule))
    rank = {name: i for i, name in enumerate(RELATIONS)}
    edges = sorted(select(store, _RELATIONS % _values(RELATIONS)), key=lambda r: (rank[r[1][len(str(KG)):]], r))
    for s, p, o in edges:
        if s in types and o in types:
            predicate = p[len(str(KG)):]
            proof = tuple(sorted(evidence.get((s, p, o), ())))
            result.add_edge(s, o, key=predicate, predicate=predicate, weight=max(len(proof), 1), evidence=proof)
