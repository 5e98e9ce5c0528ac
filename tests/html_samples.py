"""Hand-made graphs in the shape kg.graph.to_networkx produces, shared by the HTML tests."""

from __future__ import annotations

import networkx as nx

HOSTILE = "<script>window.__pwned=1</script>"
QUOTES = '"quotes" & ampersands'
IMG = "<img src=x onerror=window.__pwned=2>由国务院提出。"
C = "kg:concept/"

# fmt: off
NODES = [
    # id, label, type, aliases, mentions, documents
    (C + "新质生产力", "新质生产力", "Concept", ("新质生产力理论",), 12, (("doc1", 8), ("doc2", 4))),
    (C + "高质量发展", "高质量发展", "Concept", (), 9, (("doc1", 9),)),
    (C + "科技创新", "科技创新", "Concept", ("科创",), 7, (("doc2", 7),)),
    ("kg:industry/战略性新兴产业", "战略性新兴产业", "Industry", (), 5, (("doc1", 5),)),
    ("kg:org/国务院", "国务院", "Organization", (), 2, (("doc3", 2),)),
]
EDGES = [
    # head, tail, relation, weight, evidence
    (C + "新质生产力", C + "高质量发展", "promotes", 2,
     (("doc1", "发展新质生产力是推动高质量发展的内在要求和重要着力点。", "rule.promotes.1"),
      ("doc2", "新质生产力促进高质量发展。", "rule.promotes.2"))),
    (C + "新质生产力", C + "高质量发展", "cooccursWith", 5, ()),
    (C + "新质生产力", C + "科技创新", "cooccursWith", 2, ()),
    (C + "科技创新", C + "新质生产力", "promotes", 1,
     (("doc2", "科技创新是发展新质生产力的核心要素。", "rule.promotes.1"),)),
    (C + "新质生产力", "kg:industry/战略性新兴产业", "includes", 1,
     (("doc1", "新质生产力包括战略性新兴产业和未来产业。", "rule.includes.1"),)),
]
CITES = ("kg:org/国务院", C + "高质量发展", "cites", 1, (("doc3", "国务院强调高质量发展。", "rule.cites.1"),))
# fmt: on


def build(nodes=NODES, edges=EDGES) -> nx.MultiDiGraph:
    """The small sample graph (five entities, five edges; the browser tests add ``CITES``)."""
    graph = nx.MultiDiGraph()
    for iri, label, type_, aliases, mentions, docs in nodes:
        graph.add_node(iri, label=label, type=type_, aliases=aliases, mentions=mentions, documents=docs)
    for head, tail, rel, weight, evidence in edges:
        graph.add_edge(head, tail, key=rel, predicate=rel, weight=weight, evidence=evidence)
    return graph


def hostile_graph(type_: str = "Policy") -> nx.MultiDiGraph:
    """The sample graph plus a node and an edge whose texts try to run script."""
    graph = build()
    graph.add_node("kg:policy/x", label=HOSTILE, type=type_, aliases=(QUOTES,), mentions=3, documents=(("<doc>", 3),))
    graph.add_edge("kg:policy/x", "kg:org/国务院", key="proposedBy", predicate="proposedBy", weight=1,
                   evidence=(("<doc>", IMG, "rule.<b>"),))
    return graph


def synthetic(n_nodes: int, hub: int = 7, cooccurrence: bool = True) -> nx.MultiDiGraph:
    """A chain with hubs: every node promotes its predecessor and co-occurs with node i // hub."""
    graph = nx.MultiDiGraph()
    for i in range(n_nodes):
        graph.add_node(f"kg:e{i}", label=f"概念{i}", type=("Concept", "Policy", "Industry")[i % 3],
                       aliases=(), mentions=n_nodes - i, documents=((f"doc{i % 4}", 1),))
    for i in range(1, n_nodes):
        links = ((i - 1, "promotes"), (i // hub, "cooccursWith")) if cooccurrence else ((i // hub, "promotes"),)
        for j, rel in links:
            graph.add_edge(f"kg:e{i}", f"kg:e{j}", key=rel, predicate=rel, weight=1 + i % 4,
                           evidence=() if rel == "cooccursWith" else (("doc1", f"句子{i}。", "rule.promotes.1"),))
    return graph
