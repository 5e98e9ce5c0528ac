"""kg stats on the seed graph: counts, centrality, communities, timeline, and the three formats."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.report import CSV_HEADER
from kg.stats import edtf_key, graph_statistics, network_statistics
from kg.store import load_graph, rdf_to_networkx
from kg.vocab import entity_iri

runner = CliRunner()


@pytest.fixture(scope="module")
def stats(ttl):
    return graph_statistics(load_graph(ttl), top=5)


def test_stats_counts_per_type_relation_and_document(stats):
    assert stats["documents"] == 5 and len(stats["per_document"]) == 5
    assert stats["entities_by_type"]["Concept"] > 50 and stats["entities_by_type"]["Date"] > 10
    assert stats["relations_by_predicate"]["promotes"] > 10 and stats["relations_by_predicate"]["occurredOn"] > 5
    doc = stats["per_document"][3]
    assert doc["document"] == "003_0eb04c63ad76226d" and doc["title"] == "聚焦推动高质量发展 加快发展新质生产力"
    assert doc["entities"] > 50 and doc["mentions"] >= doc["entities"] and doc["evidence"] > 10


def test_stats_top_entities_by_three_measures(stats):
    assert stats["top_by_degree"][0]["label"] == "新质生产力"
    assert {"新质生产力", "中国"} & {r["label"] for r in stats["top_by_pagerank"]}
    assert stats["top_by_betweenness"][0]["label"] == "新质生产力"
    assert stats["betweenness_samples"] is None  # the seed graph is small: exact betweenness
    assert all(len(stats[k]) == 5 for k in ("top_by_degree", "top_by_pagerank", "top_by_betweenness"))


def test_stats_communities_are_stable_and_named_by_members(ttl, stats):
    assert len(stats["communities"]) == 5
    assert stats["communities"][0]["size"] >= stats["communities"][-1]["size"]
    members = {m for c in stats["communities"] for m in c["members"]}
    assert "新质生产力" in members
    assert graph_statistics(load_graph(ttl), top=5)["communities"] == stats["communities"]


def test_stats_timeline_is_in_edtf_order(stats):
    dates = [t["date"] for t in stats["timeline"]]
    assert dates == sorted(dates, key=edtf_key)
    assert {"date": "2024-01-31", "event": "二十届中央政治局第十一次集体学习"} in stats["timeline"]
    assert dates[0].endswith("XX")  # 第二次科技革命, 19th century


def test_stats_betweenness_is_sampled_on_big_graphs():
    g = nx.MultiDiGraph()
    for i in range(2100):
        g.add_node(i, label=f"概念{i}", type="Concept")
        g.add_edge(i, (i + 1) % 2100, key="promotes", weight=1)
    stats = network_statistics(g, top=3, samples=8)
    assert stats["betweenness_samples"] == 8 and len(stats["top_by_betweenness"]) == 3


def test_stats_store_view_matches_the_build_view(seed_build, ttl):
    network = rdf_to_networkx(load_graph(ttl))
    node = network.nodes[str(entity_iri("Concept", "新质生产力"))]
    assert node["label"] == "新质生产力" and node["mentions"] > 100 and len(node["documents"]) == 5
    edge = network.edges[str(entity_iri("Concept", "新质生产力")), str(entity_iri("Concept", "高质量发展")), "promotes"]
    assert edge["weight"] == len(edge["evidence"]) >= 2


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_stats_cli_formats(ttl, fmt):
    result = runner.invoke(app, ["stats", "--graph", str(ttl), "--format", fmt, "--top", "3"])
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert json.loads(result.stdout)["documents"] == 5
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert tuple(rows[0]) == CSV_HEADER
        assert ["summary", "documents", "", "5", ""] in rows
        assert {r[0] for r in rows} >= {"entities_by_type", "top_by_betweenness", "community", "timeline"}
    else:
        assert "betweenness" in result.stdout and "二十届中央政治局第十一次集体学习" in result.stdout


def test_stats_cli_defaults_match_the_library():
    import inspect

    import kg.stats
    from kg.cli import stats_cli

    params = inspect.signature(stats_cli).parameters
    assert params["samples"].default.default == kg.stats.DEFAULT_SAMPLES
    assert params["seed"].default.default == kg.stats.SEED
