"""Exports read back with standard readers: Turtle, N-Triples and JSON-LD (rdflib, Raptor), GraphML and GEXF
(networkx), the Neo4j import CSV files (csv module)."""

from __future__ import annotations

import csv
import shutil
import subprocess

import networkx as nx
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS
from typer.testing import CliRunner

from kg.cli import app
from kg.export.formats import NODE_HEADER, RELATIONSHIP_HEADER, export_store
from kg.export.turtle import to_turtle
from kg.store import new_store_graph, oxigraph_of, rdf_to_networkx
from kg.vocab import KGR, entity_iri, new_graph, term

runner = CliRunner()


@pytest.fixture(scope="module")
def network(graph):
    return rdf_to_networkx(graph)


def _rdflib(path, fmt):
    return Graph().parse(path, format=fmt)


def _same_triples(a: Graph, b: Graph) -> bool:
    # Compared on Oxigraph terms: rdflib tells "x" from "x"^^xsd:string, RDF 1.1 (and Oxigraph) does not.
    return {str(q) for q in oxigraph_of(a)} == {str(q) for q in oxigraph_of(b)}


def test_export_turtle_keeps_prefixes_and_sorts_subjects(ttl):
    text = ttl.read_text(encoding="utf-8")
    for prefix in ("kg", "kgr", "rdf", "rdfs", "owl", "xsd", "skos", "dcterms", "prov"):
        assert f"@prefix {prefix}: <" in text
    subjects = [line.split(" ", 1)[0] for line in text.splitlines() if line.startswith("kgr:")]
    assert subjects == sorted(subjects, key=lambda s: s.replace("\\", "")) and len(subjects) == len(set(subjects))
    assert "kgr:concept-新质生产力 a kg:Concept , kg:Entity ;" in text
    assert "kgr:date-2023-09 , kgr:date-2023-09-07" in text


def test_export_turtle_round_trips_with_rdflib(graph, ttl):
    parsed = _rdflib(ttl, "turtle")
    assert len(parsed) == len(graph) and _same_triples(parsed, graph)


def test_export_turtle_does_not_depend_on_insertion_order():
    triples = [(entity_iri("Concept", n), RDFS.label, Literal(n, lang="zh")) for n in ("新质生产力", "高质量发展", "科技创新")]
    forward, backward = new_store_graph(), new_graph()
    for t in triples:
        forward.add(t)
    for t in reversed(triples):
        backward.add(t)
    assert to_turtle(forward) == to_turtle(backward)


def test_export_turtle_iri_ending_in_a_dot_stays_parseable():
    g = new_store_graph()
    g.add((KGR["organization-Inc."], RDF.type, term("Organization")))
    g.add((entity_iri("Concept", "新质生产力"), RDF.type, term("Concept")))
    text = to_turtle(g)
    assert "<https://w3id.org/xinzhi-kg/resource/organization-Inc.>" in text
    assert _same_triples(Graph().parse(data=text, format="turtle"), g)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own JSON-LD parser
def test_export_ntriples_and_jsonld_read_back_with_rdflib(graph, tmp_path):
    for fmt, reader in (("nt", "nt"), ("jsonld", "json-ld")):
        (path,) = export_store(oxigraph_of(graph), fmt, tmp_path / f"graph.{fmt}")
        assert _same_triples(_rdflib(path, reader), graph), fmt
    rapper = shutil.which("rapper")
    if rapper:
        done = subprocess.run([rapper, "-i", "ntriples", "-c", str(tmp_path / "graph.nt")], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr


def test_export_ntriples_is_sorted_and_deterministic(graph, tmp_path):
    (first,) = export_store(oxigraph_of(graph), "nt", tmp_path / "a.nt")
    (second,) = export_store(oxigraph_of(graph), "nt", tmp_path / "b.nt")
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    subjects = [line.split(" ", 1)[0].strip("<>") for line in lines]
    assert subjects == sorted(subjects)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_graphml_and_gexf_read_back_with_networkx(graph, network, tmp_path, fmt, reader):
    (path,) = export_store(oxigraph_of(graph), fmt, tmp_path / f"graph.{fmt}")
    back = reader(path)
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()
    node = back.nodes[str(entity_iri("Concept", "新质生产力"))]
    assert node["label"] == "新质生产力" and node["type"] == "Concept" and int(node["mentions"]) > 100
    assert "|" in back.nodes[str(entity_iri("Policy", "碳达峰碳中和"))]["aliases"] or fmt == "gexf"


def test_export_neo4j_csv_files_have_import_headers(graph, network, tmp_path):
    paths = export_store(oxigraph_of(graph), "csv", tmp_path / "neo4j")
    assert [p.name for p in paths] == ["nodes.csv", "relationships.csv"]
    with open(paths[0], encoding="utf-8", newline="") as handle:
        nodes = list(csv.reader(handle))
    with open(paths[1], encoding="utf-8", newline="") as handle:
        edges = list(csv.reader(handle))
    assert tuple(nodes[0]) == NODE_HEADER and nodes[0][:3] == ["id:ID", "label", ":LABEL"]
    assert tuple(edges[0]) == RELATIONSHIP_HEADER and edges[0][:4] == [":START_ID", ":END_ID", ":TYPE", "weight:int"]
    ids = {row[0] for row in nodes[1:]}
    assert len(ids) == len(nodes) - 1 == network.number_of_nodes()
    assert all(row[0] in ids and row[1] in ids and int(row[3]) >= 1 for row in edges[1:])
    assert ["Entity;Concept"] == [row[2] for row in nodes[1:] if row[1] == "新质生产力"]
    assert {row[2] for row in edges[1:]} >= {"promotes", "includes", "cooccursWith", "occurredOn"}


@pytest.mark.parametrize("fmt, name", [("graphml", "g.graphml"), ("gexf", "g.gexf"), ("jsonld", "g.jsonld"),
                                       ("nt", "g.nt"), ("csv", "neo4j")])
def test_export_cli_writes_each_format(ttl, tmp_path, fmt, name):
    result = runner.invoke(app, ["export", "--format", fmt, "--graph", str(ttl), "--out", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "wrote" in result.stderr and (tmp_path / name).exists()


def test_export_cli_errors(ttl, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    into_file = runner.invoke(app, ["export", "-f", "csv", "-g", str(ttl), "-o", str(tmp_path / "file")])
    assert into_file.exit_code == 1 and "folder" in into_file.stderr
    assert runner.invoke(app, ["export", "-f", "xlsx", "-g", str(ttl)]).exit_code == 2
    missing = runner.invoke(app, ["export", "-f", "nt", "-g", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "x")])
    assert missing.exit_code == 1 and not (tmp_path / "x").exists()
