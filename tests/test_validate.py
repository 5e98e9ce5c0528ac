"""kg validate: the SHACL shapes of the contract on the seed graph and on broken graphs; Raptor parses graph.ttl."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
from typer.testing import CliRunner

from kg.cli import app
from kg.export.turtle import write_turtle
from kg.store import load_graph, new_store_graph
from kg.validate import validate_graph
from kg.vocab import KGR, document_iri, entity_iri, term

runner = CliRunner()
EVIDENCE = KGR["ev-test"]


@pytest.fixture(scope="module")
def ttl(seed_build):
    return seed_build[0] / "graph.ttl"


def test_validate_seed_graph_conforms(ttl):
    report = validate_graph(load_graph(ttl))
    assert report.conforms, report.violations[:5]
    assert report.violations == ()


def test_validate_seed_graph_parses_with_raptor(ttl):
    rapper = shutil.which("rapper")
    if not rapper:
        pytest.skip("rapper (Debian raptor2-utils) is not installed")
    done = subprocess.run([rapper, "-i", "turtle", "-c", str(ttl)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"returned {len(load_graph(ttl))} triples" in done.stderr


def _entity(graph, type_, label, *, types=None, labels=None):
    iri = entity_iri(type_, label)
    for t in types or ("Entity", type_):
        graph.add((iri, RDF.type, term(t)))
    for lit in labels if labels is not None else (Literal(label, lang="zh"),):
        graph.add((iri, RDFS.label, lit))
    if type_ == "Date":
        graph.add((iri, term("edtf"), Literal(label)))
    return iri


def _evidence(graph, **changes):
    head, tail = _entity(graph, "Concept", "科技创新"), _entity(graph, "Concept", "产业创新")
    doc = document_iri("d1")
    for p, o in ((RDF.type, term("Document")), (term("sha256"), Literal("0" * 64)),
                 (URIRef("http://purl.org/dc/terms/identifier"), Literal("d1"))):
        graph.add((doc, p, o))
    props = {RDF.type: [RDF.Statement, term("Evidence")], RDF.subject: [head], RDF.predicate: [term("promotes")],
             RDF.object: [tail], PROV.wasDerivedFrom: [doc], term("sentence"): [Literal("以科技创新推动产业创新。", lang="zh")],
             term("start"): [Literal(0)], term("end"): [Literal(12)], term("rule"): [Literal("promotes.yi-verb")]}
    props.update(changes)
    for p, objects in props.items():
        for o in objects:
            graph.add((EVIDENCE, p, o))


def _broken(kind: str):
    g = new_store_graph()
    if kind == "two types":
        _entity(g, "Concept", "新质生产力", types=("Entity", "Concept", "Industry"))
    elif kind == "no type":
        _entity(g, "Concept", "新质生产力", types=("Entity",))
    elif kind == "label without @zh":
        _entity(g, "Concept", "新质生产力", labels=(Literal("新质生产力"),))
    elif kind == "two labels":
        _entity(g, "Place", "中国", labels=(Literal("中国", lang="zh"), Literal("我国", lang="zh")))
    elif kind == "altLabel @en":
        g.add((_entity(g, "Place", "中国"), SKOS.altLabel, Literal("China", lang="en")))
    elif kind in ("2024年", "2024-13", "20世纪", "2024/"):
        _entity(g, "Date", kind)
    elif kind == "evidence without rule":
        _evidence(g, **{term("rule"): []})
    elif kind == "evidence with text offsets":
        _evidence(g, **{term("start"): [Literal("0")]})
    elif kind == "evidence end before start":
        _evidence(g, **{term("start"): [Literal(20)]})
    elif kind == "evidence from a non-document":
        _evidence(g, **{PROV.wasDerivedFrom: [entity_iri("Concept", "科技创新")]})
    return g


# fmt: off
@pytest.mark.parametrize("kind, constraint, path", [
    ("two types",                    "XoneConstraintComponent",              ""),
    ("no type",                      "XoneConstraintComponent",              ""),
    ("label without @zh",            "QualifiedMinCountConstraintComponent", "rdfs:label"),
    ("two labels",                   "QualifiedMaxCountConstraintComponent", "rdfs:label"),
    ("altLabel @en",                 "LanguageInConstraintComponent",        "skos:altLabel"),
    ("2024年",                       "PatternConstraintComponent",           "kg:edtf"),
    ("2024-13",                      "PatternConstraintComponent",           "kg:edtf"),
    ("20世纪",                       "PatternConstraintComponent",           "kg:edtf"),
    ("2024/",                        "PatternConstraintComponent",           "kg:edtf"),
    ("evidence without rule",        "MinCountConstraintComponent",          "kg:rule"),
    ("evidence with text offsets",   "DatatypeConstraintComponent",          "kg:start"),
    ("evidence end before start",    "LessThanConstraintComponent",          "kg:start"),
    ("evidence from a non-document", "ClassConstraintComponent",             "prov:wasDerivedFrom"),
])
# fmt: on
def test_validate_finds_each_broken_rule(kind, constraint, path):
    report = validate_graph(_broken(kind))
    assert not report.conforms
    assert (constraint, path) in {(v.constraint, v.path) for v in report.violations}, report.violations


# fmt: off
@pytest.mark.parametrize("edtf", ["2024", "2024-01", "2024-01-31", "197X", "18XX", "2024-33",
                                  "2023-12-11/2023-12-12", "1980/1999", "2024-01/2024-06"])
# fmt: on
def test_validate_accepts_edtf_forms_the_date_extractor_emits(edtf):
    g = new_store_graph()
    _entity(g, "Date", edtf)
    assert validate_graph(g).conforms


def test_validate_good_evidence_conforms():
    g = new_store_graph()
    _evidence(g)
    assert validate_graph(g).conforms


def test_validate_cli(ttl, tmp_path):
    ok = runner.invoke(app, ["validate", "--graph", str(ttl)])
    assert ok.exit_code == 0 and "conforms" in ok.stderr and ok.stdout == ""
    broken = tmp_path / "broken.ttl"
    write_turtle(_broken("2024年"), broken)
    table = runner.invoke(app, ["validate", "--graph", str(broken)])
    assert table.exit_code == 1 and "kgr:date-2024年" in table.stdout and table.stderr.startswith("Error:")
    as_json = json.loads(runner.invoke(app, ["validate", "--graph", str(broken), "-f", "json"]).stdout)
    assert as_json["conforms"] is False and as_json["violations"][0]["value"] == "2024年"
    missing = runner.invoke(app, ["validate", "--graph", str(tmp_path / "none.ttl")])
    assert missing.exit_code == 1 and "kg build" in missing.stderr
