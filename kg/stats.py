"""Graph statistics for ``kg stats``: counts, centrality, communities and a timeline of events.

Counts come from SPARQL on Oxigraph; centrality and communities from networkx on the
entity graph of :func:`kg.store.store_to_networkx`. Betweenness is exact up to
:data:`EXACT_BETWEENNESS_NODES` nodes and estimated from ``samples`` source nodes above;
Louvain communities use a fixed seed, so the same graph gives the same statistics.

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="科技创新", type="Concept"); g.add_node("b", label="产业创新", type="Concept")
>>> g.add_edge("a", "b", key="promotes", predicate="promotes", weight=1)
'promotes'
>>> s = network_statistics(g, top=1)
>>> s["entities_by_type"], s["components"], s["communities"][0]["members"]
({'Concept': 2}, 1, ['产业创新', '科技创新'])
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kg.store import oxigraph_of, select, store_to_networkx

EXACT_BETWEENNESS_NODES = 2000  # above this, betweenness is estimated from `samples` BFS sources
DEFAULT_SAMPLES = 32
SEED = 42
COMMUNITY_MEMBERS = 5

DOCUMENTS_QUERY = """SELECT ?id ?title ?entities ?mentions ?evidence {
  ?d a kg:Document ; dcterms:identifier ?id .
  OPTIONAL { ?d dcterms:title ?title }
  OPTIONAL { SELECT ?d (COUNT(DISTINCT ?e) AS ?entities) { ?d kg:mentions ?e } GROUP BY ?d }
  OPTIONAL { SELECT ?d (SUM(?n) AS ?mentions) { ?m a kg:MentionCount ; kg:document ?d ; kg:mentionCount ?n } GROUP BY ?d }
  OPTIONAL { SELECT ?d (COUNT(?ev) AS ?evidence) { ?ev a kg:Evidence ; prov:wasDerivedFrom ?d } GROUP BY ?d }
} ORDER BY ?id"""
TIMELINE_QUERY = "SELECT DISTINCT ?date ?event { ?e a kg:Event ; rdfs:label ?event ; kg:occurredOn ?d . ?d kg:edtf ?date }"


def graph_statistics(graph: Graph | ox.Store, *, top: int = 10, samples: int = DEFAULT_SAMPLES,
                     seed: int = SEED) -> dict:
    """Statistics of a built graph as plain JSON-ready data.

    >>> graph_statistics(ox.Store())["triples"]
    0
    """
    store = graph if isinstance(graph, ox.Store) else oxigraph_of(graph)
    documents = document_statistics(store)
    stats = {"triples": len(store), "documents": len(documents)}
    stats.update(network_statistics(store_to_networkx(store), top=top, samples=samples, seed=seed))
    stats["per_document"] = documents
    stats["timeline"] = timeline(store)
    return stats


def document_statistics(store: ox.Store) -> list[dict]:
    """Per document: identifier, title, distinct entities mentioned, mentions and evidence sentences.

    >>> document_statistics(ox.Store())
    []
    """
    keys = ("document", "title", "entities", "mentions", "evidence")
    return [dict(zip(keys, (i, t or "", e or 0, m or 0, v or 0))) for i, t, e, m, v in select(store, DOCUMENTS_QUERY)]


def edtf_key(value: str) -> tuple[str, str]:
    """Sort key of an EDTF value: unspecified digits (X) count as 0, intervals by their start.

    >>> sorted(["2024-01", "197X", "18XX", "2023-12-11/2023-12-12", "2024"], key=edtf_key)
    ['18XX', '197X', '2023-12-11/2023-12-12', '2024', '2024-01']
    """
    return value.replace("X", "0"), value


def timeline(store: ox.Store) -> list[dict]:
    """Dated events (Event -kg:occurredOn-> Date) in EDTF order.

    >>> timeline(ox.Store())
    []
    """
    rows = sorted(select(store, TIMELINE_QUERY), key=lambda r: (edtf_key(r[0]), r[1]))
    return [{"date": date, "event": event} for date, event in rows]


def undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected graph of ``g``, with the weights of parallel edges added up.

    >>> m = nx.MultiDiGraph(); _ = m.add_edge("a", "b", weight=2); _ = m.add_edge("b", "a", weight=3)
    >>> undirected(m).edges["a", "b"]["weight"]
    5
    """
    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    for a, b, weight in g.edges(data="weight", default=1):
        if a != b:
            previous = simple.edges[a, b]["weight"] if simple.has_edge(a, b) else 0
            simple.add_edge(a, b, weight=previous + weight)
    return simple


def network_statistics(g: nx.MultiDiGraph, *, top: int = 10, samples: int = DEFAULT_SAMPLES,
                       seed: int = SEED) -> dict:
    """Counts per type and relation, top entities by degree, PageRank and betweenness, components,
    density and communities.

    >>> network_statistics(nx.MultiDiGraph())["components"]
    0
    """
    simple = undirected(g)
    n = simple.number_of_nodes()
    k = None if n <= EXACT_BETWEENNESS_NODES else min(samples, n)
    betweenness = nx.betweenness_centrality(simple, k=k, seed=seed) if n else {}
    return {
        "entities_by_type": dict(sorted(Counter(d["type"] for _, d in g.nodes(data=True)).items())),
        "relations_by_predicate": dict(sorted(Counter(key for _, _, key in g.edges(keys=True)).items())),
        "top_by_degree": _top(g, dict(simple.degree()), "degree", top),
        "top_by_pagerank": _top(g, nx.pagerank(nx.DiGraph(g)) if n else {}, "pagerank", top),
        "top_by_betweenness": _top(g, betweenness, "betweenness", top),
        "betweenness_samples": k,
        "components": nx.number_connected_components(simple) if n else 0,
        "largest_component": max((len(c) for c in nx.connected_components(simple)), default=0),
        "density": round(nx.density(simple), 6) if n > 1 else 0.0,
        "communities": communities(g, simple, top=top, seed=seed),
    }


def _top(g: nx.MultiDiGraph, scores: dict, name: str, top: int) -> list[dict]:
    ranked = sorted(scores.items(), key=lambda x: (-x[1], g.nodes[x[0]]["label"], x[0]))[:top]
    return [{"label": g.nodes[node]["label"], "type": g.nodes[node]["type"],
             name: score if isinstance(score, int) else round(score, 6)} for node, score in ranked]


def communities(g: nx.MultiDiGraph, simple: nx.Graph, *, top: int = 10, seed: int = SEED) -> list[dict]:
    """The ``top`` largest Louvain communities (fixed seed), each with its members of highest degree.

    >>> g = nx.MultiDiGraph(); g.add_node("a", label="新材料"); g.add_node("b", label="新能源")
    >>> _ = g.add_edge("a", "b", weight=1)
    >>> communities(g, undirected(g))
    [{'community': 1, 'size': 2, 'members': ['新材料', '新能源']}]
    """
    if not simple.number_of_edges():
        return []
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    degree = dict(simple.degree())
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))[:top]
    result = []
    for number, members in enumerate(ordered, 1):
        best = sorted(members, key=lambda m: (-degree[m], g.nodes[m]["label"]))[:COMMUNITY_MEMBERS]
        result.append({"community": number, "size": len(members), "members": [g.nodes[m]["label"] for m in best]})
    return result
