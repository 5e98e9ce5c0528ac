"""Time the RDF layer on a synthetic graph in the SPEC vocabulary: the Oxigraph path vs plain rdflib.

Usage: python bench/bench_rdf.py [--triples 1000000] [--rdflib-triples 200000] [--skip-rdflib]

The graph has entities of the nine types (two rdf:type, an rdfs:label and an skos:altLabel in
Chinese, kg:rule, kg:edtf on dates), documents that mention them (with kg:MentionCount nodes),
two relations per entity each backed by a kg:Evidence node, and a kg:Cooccurrence node per entity:
about 39 triples per entity. Each library runs in its own child process, on the same steps:

  build       add the triples through the rdflib API (Graph.addN)
  turtle      write Turtle (kg.export.turtle.write_turtle | rdflib Graph.serialize)
  load        parse that file (kg.store.load_graph | rdflib Graph.parse)
  groupby     SELECT ?type (COUNT(?e) AS ?n) { ?e a ?type } GROUP BY ?type
  2hop        ?x kg:promotes ?y . ?y kg:includes ?z, with the three labels (all rows read)
  contains    labels with FILTER(CONTAINS(STR(?l), "新质生产力"))
  stats       kg stats (kg.stats.graph_statistics | the same statistics from walking the rdflib graph)

It prints the machine, the input size and one row per library (seconds; peak RSS of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from kg.export.turtle import write_turtle
from kg.model import ENTITY_TYPES, RELATIONS
from kg.query import execute
from kg.stats import DOCUMENTS_QUERY, TIMELINE_QUERY, network_statistics
from kg.store import load_graph, new_store_graph
from kg.vocab import KG, PREFIXES, document_iri, entity_iri, hashed_iri, new_graph, term

WORDS = ("新质生产力", "高质量发展", "科技创新", "战略性新兴产业", "未来产业", "数字经济", "人工智能", "产业链",
         "中国式现代化", "全要素生产率", "新能源汽车", "集成电路", "量子信息", "低空经济", "科技金融", "实体经济")
DOCUMENTS = 100
PER_ENTITY = 38  # triples per entity, roughly
LINKS = ("promotes", "includes", "definedAs", "writtenInto", "proposedBy", "hasDate")
QUERIES = {
    "groupby": "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a ?type } GROUP BY ?type ORDER BY DESC(?n)",
    "2hop": "SELECT ?a ?b ?c WHERE { ?x kg:promotes ?y . ?y kg:includes ?z . "
            "?x rdfs:label ?a . ?y rdfs:label ?b . ?z rdfs:label ?c }",
    "contains": 'SELECT ?e ?l WHERE { ?e rdfs:label ?l FILTER(CONTAINS(STR(?l), "新质生产力")) }',
}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{cpu}; {os.cpu_count()} cores; Python {platform.python_version()}; {platform.system()}"


def _label(i: int) -> str:
    return f"{WORDS[i % len(WORDS)]}{i}"


def _entity(i: int) -> URIRef:
    return entity_iri(ENTITY_TYPES[i % len(ENTITY_TYPES)], _label(i))


def _entity_triples(i: int) -> Iterator[tuple]:
    e, type_ = _entity(i), ENTITY_TYPES[i % len(ENTITY_TYPES)]
    yield from ((e, RDF.type, term("Entity")), (e, RDF.type, term(type_)), (e, RDFS.label, Literal(_label(i), lang="zh")),
                (e, SKOS.altLabel, Literal(f"{WORDS[i % len(WORDS)]}简称{i}", lang="zh")),
                (e, term("rule"), Literal("lexicon.bench")))
    if type_ == "Date":
        yield e, term("edtf"), Literal(f"{1900 + i % 125}-{1 + i % 12:02d}")
    doc, node = document_iri(f"d{i % DOCUMENTS}"), hashed_iri("mc", str(i))
    yield from ((doc, term("mentions"), e), (node, RDF.type, term("MentionCount")), (node, term("document"), doc),
                (node, term("entity"), e), (node, term("mentionCount"), Literal(1 + i % 7)))


def _target(i: int, r: int, n: int, predicate: str) -> int:
    if predicate in ("occurredOn", "hasDate"):
        date = ENTITY_TYPES.index("Date")
        return (i - i % len(ENTITY_TYPES) + date) % (n - n % len(ENTITY_TYPES))
    return (i * 31 + r * 17 + 1) % n


def _relation_triples(i: int, n: int) -> Iterator[tuple]:
    for r in range(2):
        is_event = ENTITY_TYPES[i % len(ENTITY_TYPES)] == "Event"
        predicate = "occurredOn" if is_event and r == 0 else LINKS[(i + r) % len(LINKS)]
        j = _target(i, r, n, predicate)
        head, tail, ev, doc = _entity(i), _entity(j), hashed_iri("ev", str(i), str(r)), document_iri(f"d{i % DOCUMENTS}")
        yield head, term(predicate), tail
        yield from ((ev, RDF.type, RDF.Statement), (ev, RDF.type, term("Evidence")), (ev, RDF.subject, head),
                    (ev, RDF.predicate, term(predicate)), (ev, RDF.object, tail), (ev, PROV.wasDerivedFrom, doc),
                    (ev, term("sentence"), Literal(f"以{_label(i)}推动{_label(j)}。", lang="zh")),
                    (ev, term("start"), Literal(i * 40)), (ev, term("end"), Literal(i * 40 + 20)),
                    (ev, term("rule"), Literal(f"{predicate}.bench")))


def _cooccurrence_triples(i: int, n: int) -> Iterator[tuple]:
    a, b, node = _entity(i), _entity((i + 1) % n), hashed_iri("co", str(i))
    yield from ((a, term("cooccursWith"), b), (b, term("cooccursWith"), a), (node, RDF.type, term("Cooccurrence")),
                (node, term("entity"), a), (node, term("entity"), b), (node, term("weight"), Literal(1 + i % 5)))


def synthetic(triples: int) -> Iterator[tuple]:
    """About ``triples`` triples in the SPEC vocabulary (whole entities, so a little more or less)."""
    n = max((triples - DOCUMENTS * 5) // PER_ENTITY, len(ENTITY_TYPES) * 2)
    for d in range(DOCUMENTS):
        doc = document_iri(f"d{d}")
        yield from ((doc, RDF.type, term("Document")), (doc, RDF.type, term("Source")),
                    (doc, DCTERMS.identifier, Literal(f"d{d}")), (doc, RDFS.label, Literal(f"文档{d}", lang="zh")),
                    (doc, term("sha256"), Literal(f"{d:064x}")))
    for i in range(n):
        yield from _entity_triples(i)
        yield from _relation_triples(i, n)
        yield from _cooccurrence_triples(i, n)


def rdflib_to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """kg stats' entity graph read by walking an rdflib graph (what kg.store did before Oxigraph)."""
    types = {str(s): name for name in ENTITY_TYPES for s in graph.subjects(RDF.type, KG[name])}
    ids = {d: str(graph.value(d, DCTERMS.identifier)) for d in graph.subjects(RDF.type, term("Document"))}
    result = nx.MultiDiGraph()
    for iri, type_ in sorted(types.items()):
        ref = URIRef(iri)
        result.add_node(iri, label=str(graph.value(ref, RDFS.label)), type=type_,
                        aliases=tuple(sorted(str(a) for a in graph.objects(ref, SKOS.altLabel))))
    for node in graph.subjects(RDF.type, term("MentionCount")):
        entity = str(graph.value(node, term("entity")))
        if entity in result:
            doc = ids.get(graph.value(node, term("document")))
            result.nodes[entity].setdefault("documents", []).append((doc, int(graph.value(node, term("mentionCount")))))
    evidence: dict[tuple, int] = {}
    for ev in graph.subjects(RDF.type, term("Evidence")):
        key = (str(graph.value(ev, RDF.subject)), str(graph.value(ev, RDF.predicate)), str(graph.value(ev, RDF.object)))
        evidence[key] = evidence.get(key, 0) + 1
        graph.value(ev, term("sentence")), graph.value(ev, term("rule")), graph.value(ev, PROV.wasDerivedFrom)
    for predicate in RELATIONS:
        for s, o in graph.subject_objects(term(predicate)):
            if str(s) in types and str(o) in types:
                weight = evidence.get((str(s), str(term(predicate)), str(o)), 1)
                result.add_edge(str(s), str(o), key=predicate, predicate=predicate, weight=weight)
    for node in graph.subjects(RDF.type, term("Cooccurrence")):
        a, b = sorted(str(e) for e in graph.objects(node, term("entity")))
        result.add_edge(a, b, key="cooccursWith", predicate="cooccursWith", weight=int(graph.value(node, term("weight"))))
    return result


def rdflib_statistics(graph: Graph) -> dict:
    """The statistics of kg.stats.graph_statistics, computed on a plain rdflib graph."""
    stats = {"triples": len(graph), "per_document": list(graph.query(DOCUMENTS_QUERY, initNs=PREFIXES)),
             "timeline": list(graph.query(TIMELINE_QUERY, initNs=PREFIXES))}
    stats.update(network_statistics(rdflib_to_networkx(graph)))
    return stats


def _time(step: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = step()
    return time.perf_counter() - started, value


def run_oxigraph(triples: int, folder: Path) -> dict:
    from kg.stats import graph_statistics

    times: dict[str, float] = {}
    graph = new_store_graph()
    times["build"], _ = _time(lambda: graph.addN((s, p, o, graph) for s, p, o in synthetic(triples)))
    path = folder / "oxigraph.ttl"
    times["turtle"], _ = _time(lambda: write_turtle(graph, path))
    times["load"], loaded = _time(lambda: load_graph(path))
    for name, query in QUERIES.items():
        times[name], rows = _time(lambda: list(execute(loaded, query)))
        times[f"{name}_rows"] = len(rows)
    times["stats"], _ = _time(lambda: graph_statistics(loaded))
    return {"triples": len(loaded), "turtle_mib": path.stat().st_size / 2**20, **times}


def run_rdflib(triples: int, folder: Path) -> dict:
    times: dict[str, float] = {}
    graph = new_graph()
    times["build"], _ = _time(lambda: graph.addN((s, p, o, graph) for s, p, o in synthetic(triples)))
    path = folder / "rdflib.ttl"
    times["turtle"], _ = _time(lambda: graph.serialize(path, format="turtle", encoding="utf-8"))
    loaded = Graph(bind_namespaces="none")
    times["load"], _ = _time(lambda: loaded.parse(path, format="turtle"))
    for name, query in QUERIES.items():
        times[name], rows = _time(lambda: list(loaded.query(query, initNs=PREFIXES)))
        times[f"{name}_rows"] = len(rows)
    times["stats"], _ = _time(lambda: rdflib_statistics(loaded))
    return {"triples": len(loaded), "turtle_mib": path.stat().st_size / 2**20, **times}


def child(library: str, triples: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = (run_oxigraph if library == "oxigraph" else run_rdflib)(triples, Path(tmp))
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"library": library, **result}))


def measure(library: str, triples: int) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", library, "--triples", str(triples)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


COLUMNS = ("triples", "build", "turtle", "load", "groupby", "2hop", "contains", "stats", "turtle_mib", "peak_rss_mib")


def row(result: dict) -> str:
    cells = [f"{result[c]:,}" if c == "triples" else f"{result[c]:.3f}" for c in COLUMNS]
    return f"| {result['library']} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="Size of the synthetic graph.")
    parser.add_argument("--rdflib-triples", type=int, default=None, help="Size for plain rdflib [default: --triples].")
    parser.add_argument("--skip-rdflib", action="store_true", help="Time the Oxigraph path only.")
    parser.add_argument("--child", choices=("oxigraph", "rdflib"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.triples)
        return
    print(f"machine: {machine()}")
    runs = [("oxigraph", args.triples)] + ([] if args.skip_rdflib else [("rdflib", args.rdflib_triples or args.triples)])
    print("| library | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")
    for library, size in runs:
        result = measure(library, size)
        print(row(result), flush=True)
        print(f"rows: groupby {result['groupby_rows']}, 2hop {result['2hop_rows']}, "
              f"contains {result['contains_rows']}", file=sys.stderr)


if __name__ == "__main__":
    main()
