"""Tests of kg.export.html without a browser: self-containment, escaping, determinism, truncation, focus."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from html_samples import EDGES, HOSTILE, NODES, QUOTES, build, hostile_graph, synthetic
from kg.errors import ExportError, KGError
from kg.export.html import (
    DEFAULT_MAX_NODES,
    DEFAULT_TITLE,
    EDGE_STYLES,
    NODE_STYLES,
    PHYSICS_MAX_NODES,
    LabelNotFoundError,
    focus_subgraph,
    to_html,
    write_html,
)


def page_data(page: str) -> tuple[list[dict], list[dict], dict]:
    """The nodes, edges and options the page hands to vis-network."""
    nodes, edges = re.findall(r"new vis\.DataSet\((.*?)\);\n", page)
    options = re.search(r"var options = (\{.*?\});\n", page, re.S).group(1)
    return json.loads(nodes), json.loads(edges), json.loads(options)


def test_html_defaults():
    assert (DEFAULT_TITLE, DEFAULT_MAX_NODES, PHYSICS_MAX_NODES) == ("xinzhi-kg", 500, 300)


def test_html_is_self_contained():
    page = to_html(build())
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "cdn.jsdelivr.net" not in page and "cdnjs" not in page
    assert "vis.Network" in page and "<style>" in page  # vis-network and our CSS are inlined
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page


def test_html_draws_every_node_and_edge_with_its_data():
    nodes, edges, _ = page_data(to_html(build()))
    assert sorted(n["id"] for n in nodes) == sorted(iri for iri, *_ in NODES)
    assert len(edges) == len(EDGES) and len({e["id"] for e in edges}) == len(EDGES)
    top = next(n for n in nodes if n["label"] == "新质生产力")
    assert (top["aliases"], top["mentions"]) == (["新质生产力理论"], 12)
    assert top["docs"] == [["doc1", 8], ["doc2", 4]]
    promotes = next(e for e in edges if e["rel"] == "promotes" and e["weight"] == 2)
    assert promotes["evidence"][0] == ["doc1", EDGES[0][4][0][1], "rule.promotes.1"]


def test_html_styles_by_type_and_relation():
    page = to_html(build())
    nodes, edges, options = page_data(page)
    concept = next(n for n in nodes if n["type"] == "Concept")
    assert options["groups"][concept["group"]]["color"]["background"] == NODE_STYLES["Concept"][0]
    assert options["groups"][concept["group"]]["shape"] == NODE_STYLES["Concept"][1]
    cooccurs = next(e for e in edges if e["rel"] == "cooccursWith")
    assert (cooccurs["color"], cooccurs["dashes"]) == EDGE_STYLES["cooccursWith"]
    assert cooccurs["arrows"] == {"to": {"enabled": False}}
    assert big_node_first(nodes)
    assert "Noto Sans CJK SC" in options["nodes"]["font"]["face"] and options["nodes"]["font"]["size"] >= 30
    for name in ("Concept", "Industry", "Organization", "promotes", "includes", "cooccursWith"):
        assert f'data-kg-{"rel" if name[0].islower() else "type"}="{name}"' in page  # legend + filter row


def big_node_first(nodes: list[dict]) -> bool:
    sizes = [n["size"] for n in nodes]
    return sizes == sorted(sizes, reverse=True)


def test_html_parallel_edges_are_curved_apart():
    _, edges, _ = page_data(to_html(build()))
    pair = [e for e in edges if {e["from"], e["to"]} == {"kg:concept/新质生产力", "kg:concept/高质量发展"}]
    assert [("smooth" in e) for e in pair] == [False, True]


def test_html_escapes_hostile_text():
    page = to_html(hostile_graph("</script><b>Policy"), title=HOSTILE)
    assert HOSTILE not in page and "<img src=x" not in page and "</script><b>" not in page
    assert page.count("<script") == to_html(build()).count("<script")
    assert "<title>&lt;script&gt;window.__pwned=1&lt;/script&gt;</title>" in page
    assert 'data-kg-type="&lt;/script&gt;&lt;b&gt;Policy"' in page
    nodes, edges, _ = page_data(page)  # the JSON still carries the exact text
    hostile = next(n for n in nodes if n["id"] == "kg:policy/x")
    assert (hostile["label"], hostile["aliases"], hostile["type"]) == (HOSTILE, [QUOTES], "</script><b>Policy")


def test_html_is_deterministic_whatever_the_insertion_order():
    forward, backward = build(), build(NODES[::-1], EDGES[::-1])
    assert to_html(forward) == to_html(forward) == to_html(backward)
    big = synthetic(PHYSICS_MAX_NODES + 50)
    assert to_html(big) == to_html(big)


@pytest.mark.parametrize("max_nodes, note", [
    (2, "3 nodes and 3 edges left out"),
    (3, "2 nodes and 1 edge left out"),
    (4, "1 node and 0 edges left out"),
    (5, None),
    (500, None),
])
def test_html_truncation_note(max_nodes, note):
    page = to_html(build(), max_nodes=max_nodes)
    nodes, _, _ = page_data(page)
    assert len(nodes) == min(max_nodes, len(NODES))
    assert (note in page) if note else ('id="kg-note"' not in page)


def test_html_truncation_keeps_most_mentioned_then_best_connected():
    graph = build()
    graph.add_node("kg:concept/孤立", label="孤立", type="Concept", mentions=2)  # ties with 国务院, no edges
    graph.add_edge("kg:org/国务院", "kg:concept/新质生产力", key="cites", predicate="cites", weight=1)
    nodes, edges, _ = page_data(to_html(graph, max_nodes=5))
    assert [n["label"] for n in nodes] == ["新质生产力", "高质量发展", "科技创新", "战略性新兴产业", "国务院"]
    assert all(e["from"] != "kg:concept/孤立" for e in edges)


@pytest.mark.parametrize("max_nodes", [0, -1, True, 2.5, "10"])
def test_html_rejects_bad_max_nodes(max_nodes):
    with pytest.raises(ValueError, match="max_nodes"):
        to_html(build(), max_nodes=max_nodes)


def test_html_physics_only_for_small_graphs():
    _, _, small = page_data(to_html(build()))
    assert small["physics"]["enabled"] and small["physics"]["stabilization"]["enabled"]
    assert small["layout"]["randomSeed"] == 7
    nodes, _, big = page_data(to_html(synthetic(PHYSICS_MAX_NODES + 1)))
    assert not big["physics"]["enabled"]
    positions = {(n["x"], n["y"]) for n in nodes}
    assert len(positions) == len(nodes)  # every node placed, none on top of another


def test_html_empty_graph():
    nodes, edges, options = page_data(to_html(nx.MultiDiGraph()))
    assert nodes == [] and edges == [] and not options["physics"]["enabled"]


def test_html_tolerates_missing_attributes():
    graph = nx.MultiDiGraph()
    graph.add_edge("kg:a", "kg:b", key="promotes")
    nodes, edges, _ = page_data(to_html(graph))
    assert {n["label"] for n in nodes} == {"kg:a", "kg:b"} and {n["type"] for n in nodes} == {"Other"}
    assert edges[0]["rel"] == "promotes" and edges[0]["evidence"] == []


def test_html_write_touches_only_its_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "out" / "graph.html"
    write_html(build(), target, title="新质生产力图谱", max_nodes=3)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["graph.html"]
    text = target.read_text(encoding="utf-8")
    assert text == to_html(build(), title="新质生产力图谱", max_nodes=3)
    assert "新质生产力" in text  # stored as UTF-8, not \\u escapes


def test_html_write_error_is_export_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError):
        write_html(build(), blocker / "graph.html")


# fmt: off
@pytest.mark.parametrize("label, depth, expected", [
    ("新质生产力", 0, {"新质生产力"}),
    ("新质生产力", 1, {"新质生产力", "高质量发展", "科技创新", "战略性新兴产业"}),
    ("科创", 1, {"科技创新", "新质生产力"}),                                   # alias, incoming edges count
    ("战略性新兴产业", 1, {"战略性新兴产业", "新质生产力"}),
    ("战略性新兴产业", 2, {"战略性新兴产业", "新质生产力", "高质量发展", "科技创新"}),
    ("国务院", 3, {"国务院"}),
])
# fmt: on
def test_html_focus_subgraph(label, depth, expected):
    graph = build()
    sub = focus_subgraph(graph, label, depth)
    assert {d["label"] for _, d in sub.nodes(data=True)} == expected
    assert all(graph.has_edge(u, v, k) for u, v, k in sub.edges(keys=True))
    assert sub.number_of_edges() == graph.subgraph(sub).number_of_edges()


def test_html_focus_subgraph_is_a_copy():
    graph = build()
    sub = focus_subgraph(graph, "新质生产力", 1)
    sub.nodes["kg:concept/新质生产力"]["label"] = "changed"
    sub.remove_node("kg:concept/高质量发展")
    assert graph.nodes["kg:concept/新质生产力"]["label"] == "新质生产力" and len(graph) == len(NODES)


def test_html_focus_subgraph_label_beats_alias():
    graph = build()
    graph.add_node("kg:policy/科创", label="科创", type="Policy", aliases=(), mentions=1, documents=())
    assert set(focus_subgraph(graph, "科创", 0)) == {"kg:policy/科创"}


def test_html_focus_subgraph_unknown_label():
    with pytest.raises(LabelNotFoundError) as info:
        focus_subgraph(build(), "新质生产", 1)
    assert isinstance(info.value, KeyError) and isinstance(info.value, KGError)
    assert str(info.value).startswith("no node has the label or alias '新质生产'")
    assert "did you mean 新质生产力" in str(info.value)


def test_html_focus_subgraph_negative_depth():
    with pytest.raises(ValueError, match="depth"):
        focus_subgraph(build(), "新质生产力", -1)
