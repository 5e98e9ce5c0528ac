"""Scoring against gold annotations, exactly as the gold README says.

Names are compared after NFKC, removing white space and 《》〈〉“”‘’"'「」. An
extracted entity (document, type, label or altLabel) is correct when a gold
line of the same document and type has a matching name; precision counts
``required: false`` matches as correct, recall counts only required lines.
Relations are scored the same way on (head, relation, tail).

>>> gold = [GoldEntity("d", ("Concept",), frozenset({"新质生产力"}), True)]
>>> found = [FoundEntity("d", "Concept", frozenset({"新质生产力"}), ("lexicon.concepts",))]
>>> score_entities(found, gold)["overall"]["f1"]
1.0
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rdflib import Graph
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.errors import InputError
from kg.model import ENTITY_TYPES, RELATIONS
from kg.vocab import KG, term

_STRIP = re.compile(r"[\s《》〈〉“”‘’\"'「」]")


def norm(text: str) -> str:
    """Normalise a name for comparison.

    >>> norm("《资本论》 ")
    '资本论'
    """
    return _STRIP.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class GoldEntity:
    doc: str
    types: tuple[str, ...]
    names: frozenset[str]
    required: bool


@dataclass(frozen=True)
class GoldRelation:
    doc: str
    head: frozenset[str]
    rel: str
    tail: frozenset[str]
    required: bool


@dataclass(frozen=True)
class FoundEntity:
    doc: str
    type: str
    names: frozenset[str]
    rules: tuple[str, ...]


@dataclass(frozen=True)
class FoundRelation:
    doc: str
    head: frozenset[str]
    rel: str
    tail: frozenset[str]
    rules: tuple[str, ...]


def _read_jsonl(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON Lines ({exc.msg} at line {exc.lineno})") from None


def load_gold(folder: Path) -> tuple[list[GoldEntity], list[GoldRelation]]:
    """Read ``*.entities.jsonl`` and ``*.relations.jsonl`` from a gold folder."""
    if not folder.is_dir():
        raise InputError(str(folder), "gold folder not found")
    entities, names_of = [], defaultdict(set)
    for path in sorted(folder.glob("*.entities.jsonl")):
        for row in _read_jsonl(path):
            names = frozenset(norm(n) for n in [row["label"], *row.get("aliases", [])])
            types = tuple(row.get("types") or [row["type"]])
            entities.append(GoldEntity(row["doc"], types, names, bool(row.get("required", True))))
            names_of[(row["doc"], norm(row["label"]))] |= names
    relations = []
    for path in sorted(folder.glob("*.relations.jsonl")):
        for row in _read_jsonl(path):
            head = frozenset(names_of.get((row["doc"], norm(row["head"])), set()) | {norm(row["head"])})
            tail = frozenset(names_of.get((row["doc"], norm(row["tail"])), set()) | {norm(row["tail"])})
            relations.append(GoldRelation(row["doc"], head, row["rel"], tail, bool(row.get("required", True))))
    if not entities:
        raise InputError(str(folder), "no *.entities.jsonl files")
    return entities, relations


def extracted(graph: Graph) -> tuple[list[FoundEntity], list[FoundRelation]]:
    """The per-document entities and relations of a built graph."""
    names, types, rules = {}, {}, defaultdict(tuple)
    for type_ in ENTITY_TYPES:
        for iri in graph.subjects(RDF.type, KG[type_]):
            types[iri] = type_
            names[iri] = frozenset(norm(str(o)) for p in (RDFS.label, SKOS.altLabel) for o in graph.objects(iri, p))
            rules[iri] = tuple(sorted(str(r) for r in graph.objects(iri, term("rule"))))
    doc_ids = {d: str(graph.value(d, DCTERMS.identifier)) for d in graph.subjects(RDF.type, term("Document"))}
    entities = [FoundEntity(doc_ids[d], types[e], names[e], rules[e])
                for d, e in graph.subject_objects(term("mentions")) if d in doc_ids and e in types]
    found = defaultdict(set)
    for ev in graph.subjects(RDF.type, term("Evidence")):
        doc, s, o = graph.value(ev, PROV.wasDerivedFrom), graph.value(ev, RDF.subject), graph.value(ev, RDF.object)
        rel = str(graph.value(ev, RDF.predicate)).rsplit("#", 1)[-1]
        head = frozenset({norm(doc_ids[s])}) if s in doc_ids else names.get(s, frozenset())
        found[(doc_ids.get(doc, ""), head, rel, names.get(o, frozenset()))].add(str(graph.value(ev, term("rule"))))
    relations = [FoundRelation(d, h, r, t, tuple(sorted(rs))) for (d, h, r, t), rs in found.items()]
    return entities, relations


def _prf(correct: int, extracted_n: int, found: int, required: int) -> dict:
    p = correct / extracted_n if extracted_n else 0.0
    r = found / required if required else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "extracted": extracted_n,
            "correct": correct, "gold": required, "found": found}


def entity_matches(f: FoundEntity, g: GoldEntity) -> bool:
    """Same type and a shared name (document already equal)."""
    return f.type in g.types and bool(f.names & g.names)


def relation_matches(f: FoundRelation, g: GoldRelation) -> bool:
    """Same relation and a shared name at both ends (document already equal)."""
    return f.rel == g.rel and bool(f.head & g.head) and bool(f.tail & g.tail)


def correct(found: list, gold: list, matches: Callable) -> tuple[list[bool], list[bool]]:
    """For each extracted item, whether it matches some gold line of its document; for each gold
    line, whether it is required and found."""
    by_doc = defaultdict(list)
    for f in found:
        by_doc[f.doc].append(f)
    gold_by_doc = defaultdict(list)
    for g in gold:
        gold_by_doc[g.doc].append(g)
    ok = [any(matches(f, g) for g in gold_by_doc[f.doc]) for f in found]
    hit = [g.required and any(matches(f, g) for f in by_doc[g.doc]) for g in gold]
    return ok, hit


def score_entities(found: list[FoundEntity], gold: list[GoldEntity]) -> dict:
    """P/R/F1 per type and overall (micro)."""
    ok, hit = correct(found, gold, entity_matches)
    return _tabulate(ENTITY_TYPES, [f.type for f in found], ok, [g.types[0] for g in gold],
                     [g.required for g in gold], hit)


def score_relations(found: list[FoundRelation], gold: list[GoldRelation]) -> dict:
    """P/R/F1 per relation and overall (micro)."""
    ok, hit = correct(found, gold, relation_matches)
    return _tabulate(RELATIONS, [f.rel for f in found], ok, [g.rel for g in gold], [g.required for g in gold], hit)


def _tabulate(groups, found_groups, ok, gold_groups, required, hit) -> dict:
    table = {}
    for group in groups:
        idx = [i for i, g in enumerate(found_groups) if g == group]
        gidx = [i for i, g in enumerate(gold_groups) if g == group]
        if idx or gidx:
            table[group] = _prf(sum(ok[i] for i in idx), len(idx), sum(hit[i] for i in gidx),
                                sum(required[i] for i in gidx))
    table["overall"] = _prf(sum(ok), len(ok), sum(hit), sum(required))
    return table


def rule_precision(found: list, ok: list[bool]) -> dict[str, dict]:
    """Precision per rule id (an item found by several rules counts for each)."""
    tally = defaultdict(lambda: [0, 0])
    for item, good in zip(found, ok):
        for rule in item.rules or ("(unknown)",):
            tally[rule][0] += good
            tally[rule][1] += 1
    return {r: {"correct": c, "extracted": n, "precision": round(c / n, 4)} for r, (c, n) in sorted(tally.items())}


def evaluate(graph: Graph, gold_dir: Path) -> dict:
    """Entity and relation scores, per type/relation and per rule."""
    gold_entities, gold_relations = load_gold(gold_dir)
    docs = {g.doc for g in gold_entities}
    entities, relations = extracted(graph)
    entities = [e for e in entities if e.doc in docs]
    relations = [r for r in relations if r.doc in docs and r.rel in RELATIONS]  # gold has no ``said``
    ok, _ = correct(entities, gold_entities, entity_matches)
    rel_ok, _ = correct(relations, gold_relations, relation_matches)
    lexicon_concepts = sum(1 for e in entities if e.type == "Concept" and any(r.startswith("lexicon.") for r in e.rules))
    return {
        "entities": score_entities(entities, gold_entities),
        "relations": score_relations(relations, gold_relations),
        "entity_rules": rule_precision(entities, ok),
        "relation_rules": rule_precision(relations, rel_ok),
        "concepts": {"from_lexicon": lexicon_concepts,
                     "discovered": sum(1 for e in entities if e.type == "Concept") - lexicon_concepts},
    }
