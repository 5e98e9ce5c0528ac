"""Graph statistics for ``kg stats``: counts, top entities, components, density.

>>> from kg.store import rdf_to_networkx
>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_node("a", label="科技创新", type="Concept"); g.add_node("b", label="产业创新", type="Concept")
>>> g.add_edge("a", "b", key="promotes", predicate="promotes")
'promotes'
>>> s = network_statistics(g, top=1)
>>> s["entities_by_type"], s["components"]
({'Concept': 2}, 1)
"""

from __future__ import annotations

from collections import Counter

import networkx as nx
from rdflib import Graph
from rdflib.namespace import RDF

from kg.store import rdf_to_networkx
from kg.vocab import term


def graph_statistics(graph: Graph, *, top: int = 10) -> dict:
    """Statistics of a built graph (as plain JSON-ready data)."""
    stats = {"documents": len(set(graph.subjects(RDF.type, term("Document"))))}
    stats.update(network_statistics(rdf_to_networkx(graph), top=top))
    return stats


def network_statistics(g: nx.MultiDiGraph, *, top: int = 10) -> dict:
    """Counts per type and relation, top entities by degree and PageRank, components, density."""
    simple = nx.Graph(g.to_undirected())
    degree = sorted(((d, g.nodes[n]["label"], n) for n, d in simple.degree()), key=lambda x: (-x[0], x[1]))
    pagerank = nx.pagerank(nx.DiGraph(g)) if g.number_of_nodes() else {}
    ranked = sorted(pagerank.items(), key=lambda x: (-x[1], g.nodes[x[0]]["label"]))
    return {
        "entities_by_type": dict(sorted(Counter(d["type"] for _, d in g.nodes(data=True)).items())),
        "relations_by_predicate": dict(sorted(Counter(k for _, _, k in g.edges(keys=True)).items())),
        "top_by_degree": [{"label": label, "type": g.nodes[n]["type"], "degree": d} for d, label, n in degree[:top]],
        "top_by_pagerank": [{"label": g.nodes[n]["label"], "type": g.nodes[n]["type"], "pagerank": round(p, 6)}
                            for n, p in ranked[:top]],
        "components": nx.number_connected_components(simple) if simple.number_of_nodes() else 0,
        "largest_component": max((len(c) for c in nx.connected_components(simple)), default=0),
        "density": round(nx.density(simple), 6) if simple.number_of_nodes() > 1 else 0.0,
    }
