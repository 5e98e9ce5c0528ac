"""Graph stage: RDF in the SPEC vocabulary with provenance, and the networkx view."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg.document import analyze_document
from kg.graph import aggregate, to_networkx, to_rdf
from kg.model import RawDocument
from kg.vocab import document_iri, entity_iri, term

TEXT = "以科技创新推动产业创新。“双碳”目标即碳达峰碳中和，科技创新是关键。"


def _corpus(analyzer, text=TEXT):
    return aggregate([analyze_document(RawDocument("d1", "d1.txt", text, "abc", "utf-8"), analyzer)])


def test_graph_entities_have_type_label_and_aliases(analyzer):
    graph = to_rdf(_corpus(analyzer))
    iri = entity_iri("Policy", "碳达峰碳中和")
    assert (iri, RDF.type, term("Entity")) in graph and (iri, RDF.type, term("Policy")) in graph
    assert (iri, RDFS.label, Literal("碳达峰碳中和", lang="zh")) in graph
    assert {str(a) for a in graph.objects(iri, SKOS.altLabel)} & {"双碳", "双碳目标"}  # as written, quotes dropped
    assert (document_iri("d1"), term("mentions"), iri) in graph


def test_graph_relation_has_evidence_with_offsets_and_rule(analyzer):
    graph = to_rdf(_corpus(analyzer))
    head, tail = entity_iri("Concept", "科技创新"), entity_iri("Concept", "产业创新")
    assert (head, term("promotes"), tail) in graph
    (ev,) = graph.subjects(RDF.subject, head)
    assert graph.value(ev, RDF.predicate) == term("promotes") and graph.value(ev, RDF.object) == tail
    assert graph.value(ev, PROV.wasDerivedFrom) == document_iri("d1")
    assert (graph.value(ev, term("start")).toPython(), graph.value(ev, term("end")).toPython()) == (0, 12)
    assert str(graph.value(ev, term("rule"))) == "promotes.yi-verb"
    assert str(graph.value(ev, term("sentence"))) == "以科技创新推动产业创新。"


def test_graph_mention_counts_and_cooccurrence_weight(analyzer):
    corpus = _corpus(analyzer)
    nxg = to_networkx(corpus)
    node = nxg.nodes[str(entity_iri("Concept", "科技创新"))]
    assert node["mentions"] == 2 and node["documents"] == (("d1", 2),)
    a, b = str(entity_iri("Concept", "科技创新")), str(entity_iri("Concept", "产业创新"))
    pair = (a, b) if nxg.has_edge(a, b, "cooccursWith") else (b, a)  # stored once, in sorted order
    assert nxg.edges[(*pair, "cooccursWith")]["weight"] == 1
    assert nxg.edges[a, b, "promotes"]["evidence"][0][2] == "promotes.yi-verb"


def test_graph_is_deterministic(analyzer):
    first = to_rdf(_corpus(analyzer)).serialize(format="turtle")
    second = to_rdf(_corpus(analyzer)).serialize(format="turtle")
    assert first == second


def test_graph_quoted_term_becomes_a_concept_when_two_documents_use_it(analyzer):
    def doc(doc_id, text):
        return analyze_document(RawDocument(doc_id, f"{doc_id}.txt", text, "", "utf-8"), analyzer)

    one = aggregate([doc("a", "国家启动“算力券”试点。")])
    two = aggregate([doc("a", "国家启动“算力券”试点。"), doc("b", "多地发放“算力券”。")])
    assert all(e.key.label != "算力券" for e in one.entities)
    (entity,) = [e for e in two.entities if e.key.label == "算力券"]
    assert entity.key.type == "Concept" and entity.rules == ("discover.repeated-quoted",)


def test_graph_said_points_to_an_evidence_node_holding_the_quotation(analyzer):
    text = "党的二十大报告指出：“高质量发展是全面建设社会主义现代化国家的首要任务。”"
    graph = to_rdf(_corpus(analyzer, text))
    speaker = entity_iri("Policy", "党的二十大报告")
    (node,) = graph.objects(speaker, term("said"))
    assert graph.value(node, RDF.predicate) == term("said") and graph.value(node, RDF.subject) == speaker
    assert str(graph.value(node, RDF.object)) == "高质量发展是全面建设社会主义现代化国家的首要任务。"
    assert not any(t == "Statement" for _, t in to_networkx(_corpus(analyzer, text)).nodes(data="type"))
