"""Graph stage: merge per-document results into one graph, as rdflib and networkx.

:func:`aggregate` turns document analyses into a :class:`CorpusGraph` (plain,
sorted data); :func:`to_rdf` and :func:`to_networkx` render it in the SPEC
vocabulary (RDF with provenance) and as a ``MultiDiGraph`` for analytics and
the HTML page.

>>> from kg.document import analyze_document
>>> from kg.model import RawDocument
>>> doc = analyze_document(RawDocument("d", "d.txt", "以科技创新推动产业创新。", "", "utf-8"))
>>> corpus = aggregate([doc])
>>> sorted(e.key.label for e in corpus.entities)
['产业创新', '科技创新']
>>> sorted(k for _, _, k in to_networkx(corpus).edges(keys=True))
['cooccursWith', 'promotes']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Iterable

import networkx as nx
from rdflib import Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.aliases import short_form_map
from kg.lexicon import normalize_surface
from kg.model import STATEMENT, DocumentAnalysis, EntityKey, Relation
from kg.store import new_store_graph
from kg.vocab import document_iri, entity_iri, hashed_iri, term

ONTOLOGY_TTL = Path(__file__).resolve().parent.parent / "ontology" / "kg.ttl"
MAX_EVIDENCE_PER_EDGE = 20  # in the networkx graph only; RDF keeps every evidence node


@dataclass(frozen=True, order=True)
class EntityRecord:
    """One entity of the corpus with its surface forms and per-document mention counts."""

    key: EntityKey
    aliases: tuple[str, ...]
    counts: tuple[tuple[str, int], ...]  # (doc_id, mentions)
    rules: tuple[str, ...]  # rules and lexicon files that found it


@dataclass(frozen=True, order=True)
class Evidence:
    """A relation with the sentence that states it."""

    relation: Relation
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, order=True)
class DocumentRecord:
    """An input document's metadata."""

    doc_id: str
    title: str
    sha256: str
    encoding: str


@dataclass(frozen=True)
class CorpusGraph:
    """Everything the exporters need, sorted so that output is deterministic."""

    documents: tuple[DocumentRecord, ...]
    entities: tuple[EntityRecord, ...]
    evidence: tuple[Evidence, ...]
    cooccurrences: tuple[tuple[EntityKey, EntityKey, int], ...]


def aggregate(analyses: Iterable[DocumentAnalysis]) -> CorpusGraph:
    """Merge document analyses: entities by (type, label), relations with their sentences.

    A short event or document name used in one document (中央政治局第十一次集体学习) joins the
    one full name used in another (二十届中央政治局第十一次集体学习).
    """
    analyses = list(analyses)
    mapping = short_form_map(EntityKey(m.type, m.label) for doc in analyses for sa in doc.sentences
                             for m in sa.mentions)
    canon = lambda key: EntityKey(key.type, mapping.get((key.type, key.label), key.label))  # noqa: E731
    promoted = repeated_candidates(analyses)
    surfaces: dict[EntityKey, set[str]] = defaultdict(set)
    counts: dict[EntityKey, Counter] = defaultdict(Counter)
    rules: dict[EntityKey, set[str]] = defaultdict(set)
    evidence: set[Evidence] = set()
    cooc: Counter = Counter()
    documents = []
    for doc in analyses:
        documents.append(DocumentRecord(doc.raw.doc_id, doc.clean.meta.title, doc.raw.sha256, doc.raw.encoding))
        for sa in doc.sentences:
            keys = set()
            for m in (*sa.mentions, *(c for c in sa.candidates if c.label in promoted)):
                key = canon(EntityKey(m.type, m.label))
                keys.add(key)
                surfaces[key].add(normalize_surface(m.surface))
                counts[key][doc.raw.doc_id] += 1
                rules[key].add(m.rule)
            cooc.update(combinations(sorted(keys), 2))
            evidence.update(Evidence(replace(r, head=canon(r.head), tail=canon(r.tail)), sa.sentence.text,
                                     sa.sentence.start, sa.sentence.end) for r in sa.relations)
    for ev in evidence:  # relation ends that no mention named (a Date implied by a label)
        for key in (ev.relation.head, ev.relation.tail):
            if key.type not in ("Document", STATEMENT) and key not in counts:
                counts[key][ev.relation.doc_id] += 0
                rules[key].add(ev.relation.rule)
    entities = tuple(sorted(
        EntityRecord(k, tuple(sorted(surfaces[k] - {k.label})), tuple(sorted(counts[k].items())), tuple(sorted(rules[k])))
        for k in counts))
    pairs = tuple(sorted((a, b, n) for (a, b), n in cooc.items()))
    return CorpusGraph(tuple(sorted(documents)), entities, tuple(sorted(evidence)), pairs)


MIN_CANDIDATE_DOCUMENTS = 2


def repeated_candidates(analyses: list[DocumentAnalysis]) -> frozenset[str]:
    """Candidate terms (quoted, not in any lexicon) that at least two documents use."""
    documents: dict[str, set[str]] = defaultdict(set)
    for doc in analyses:
        for sa in doc.sentences:
            for c in sa.candidates:
                documents[c.label].add(doc.raw.doc_id)
    return frozenset(label for label, docs in documents.items() if len(docs) >= MIN_CANDIDATE_DOCUMENTS)


def to_rdf(corpus: CorpusGraph, *, with_ontology: bool = True):
    """The corpus as an rdflib Graph in the SPEC vocabulary, with provenance (stored on Oxigraph)."""
    graph = new_store_graph()
    if with_ontology and ONTOLOGY_TTL.is_file():
        graph.parse(ONTOLOGY_TTL, format="ox-turtle")
    for doc in corpus.documents:
        _add_document(graph, doc)
    for entity in corpus.entities:
        _add_entity(graph, entity)
    for a, b, weight in corpus.cooccurrences:
        _add_cooccurrence(graph, a, b, weight)
    for ev in corpus.evidence:
        _add_evidence(graph, ev)
    return graph


def _add_document(graph, doc: DocumentRecord) -> None:
    iri = document_iri(doc.doc_id)
    graph.add((iri, RDF.type, term("Document")))
    graph.add((iri, RDF.type, term("Source")))
    graph.add((iri, DCTERMS.identifier, Literal(doc.doc_id)))
    graph.add((iri, RDFS.label, Literal(doc.title or doc.doc_id, lang="zh")))
    graph.add((iri, term("sha256"), Literal(doc.sha256)))
    if doc.title:
        graph.add((iri, DCTERMS.title, Literal(doc.title, lang="zh")))


def _add_entity(graph, entity: EntityRecord) -> None:
    iri = entity_iri(entity.key.type, entity.key.label)
    graph.add((iri, RDF.type, term("Entity")))
    graph.add((iri, RDF.type, term(entity.key.type)))
    graph.add((iri, RDFS.label, Literal(entity.key.label, lang="zh")))
    for alias in entity.aliases:
        graph.add((iri, SKOS.altLabel, Literal(alias, lang="zh")))
    for rule in entity.rules:
        graph.add((iri, term("rule"), Literal(rule)))
    if entity.key.type == "Date":
        graph.add((iri, term("edtf"), Literal(entity.key.label, datatype=XSD.string)))
    for doc_id, count in entity.counts:
        if count == 0:
            continue
        graph.add((document_iri(doc_id), term("mentions"), iri))
        node = hashed_iri("mc", doc_id, entity.key.type, entity.key.label)
        graph.add((node, RDF.type, term("MentionCount")))
        graph.add((node, term("document"), document_iri(doc_id)))
        graph.add((node, term("entity"), iri))
        graph.add((node, term("mentionCount"), Literal(count)))


def _add_cooccurrence(graph, a: EntityKey, b: EntityKey, weight: int) -> None:
    ia, ib = entity_iri(a.type, a.label), entity_iri(b.type, b.label)
    graph.add((ia, term("cooccursWith"), ib))
    graph.add((ib, term("cooccursWith"), ia))
    node = hashed_iri("co", a.type, a.label, b.type, b.label)
    graph.add((node, RDF.type, term("Cooccurrence")))
    graph.add((node, term("entity"), ia))
    graph.add((node, term("entity"), ib))
    graph.add((node, term("weight"), Literal(weight)))


def _add_evidence(graph, ev: Evidence) -> None:
    """One evidence node; for ``said`` the speaker points to it and its object is the quotation."""
    r = ev.relation
    head = entity_iri(r.head.type, r.head.label)
    node = hashed_iri("ev", r.doc_id, str(r.sentence_index), r.head.type, r.head.label, r.predicate,
                      r.tail.type, r.tail.label, r.rule)
    if r.tail.type == STATEMENT:
        tail = Literal(r.tail.label, lang="zh")
        graph.add((head, term("said"), node))
    else:
        tail = entity_iri(r.tail.type, r.tail.label)
        graph.add((head, term(r.predicate), tail))
    for p, o in ((RDF.type, RDF.Statement), (RDF.type, term("Evidence")), (RDF.subject, head),
                 (RDF.predicate, term(r.predicate)), (RDF.object, tail), (PROV.wasDerivedFrom, document_iri(r.doc_id)),
                 (term("sentence"), Literal(ev.sentence, lang="zh")), (term("start"), Literal(ev.start)),
                 (term("end"), Literal(ev.end)), (term("rule"), Literal(r.rule))):
        graph.add((node, p, o))


def to_networkx(corpus: CorpusGraph) -> nx.MultiDiGraph:
    """The corpus as a MultiDiGraph: entity IRIs as nodes, one edge per (head, relation, tail)."""
    graph = nx.MultiDiGraph()
    for e in corpus.entities:
        graph.add_node(str(entity_iri(e.key.type, e.key.label)), label=e.key.label, type=e.key.type,
                       aliases=e.aliases, mentions=sum(n for _, n in e.counts), documents=e.counts)
    for doc in corpus.documents:
        graph.add_node(str(document_iri(doc.doc_id)), label=doc.title or doc.doc_id, type="Document", aliases=(),
                       mentions=0, documents=((doc.doc_id, 0),))
    for a, b, weight in corpus.cooccurrences:
        graph.add_edge(str(entity_iri(a.type, a.label)), str(entity_iri(b.type, b.label)), key="cooccursWith",
                       predicate="cooccursWith", weight=weight, evidence=())
    grouped: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for ev in corpus.evidence:
        r = ev.relation
        if r.tail.type == STATEMENT:
            continue  # a quotation is not a node of the drawing
        grouped[(str(entity_iri(r.head.type, r.head.label)), r.predicate,
                 str(entity_iri(r.tail.type, r.tail.label)))].append(ev)
    for (head, predicate, tail), evs in sorted(grouped.items()):
        proof = tuple((ev.relation.doc_id, ev.sentence, ev.relation.rule) for ev in evs[:MAX_EVIDENCE_PER_EDGE])
        graph.add_edge(head, tail, key=predicate, predicate=predicate, weight=len(evs), evidence=proof)
    return graph
