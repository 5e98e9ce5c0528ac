"""Rendering `kg stats` and `kg eval` results as text tables, and statistics as one long-format CSV.

The CSV has one row per number, with the columns ``section,name,type,value,detail``, so a
spreadsheet or pandas can filter by section.

>>> stats = {"triples": 3, "documents": 1, "components": 1, "largest_component": 2, "density": 1.0,
...          "entities_by_type": {"Concept": 2}, "relations_by_predicate": {"promotes": 1},
...          "per_document": [{"document": "d1", "title": "", "entities": 2, "mentions": 3, "evidence": 1}],
...          "top_by_degree": [{"label": "科技创新", "type": "Concept", "degree": 1}], "top_by_pagerank": [],
...          "top_by_betweenness": [], "betweenness_samples": None, "communities": [], "timeline": []}
>>> stats_csv(stats).splitlines()[6]
'entities_by_type,Concept,,2,'
"""

from __future__ import annotations

from typing import Iterator

from kg.tables import csv_text, text_table

SUMMARY = ("triples", "documents", "components", "largest_component", "density")
TOP = (("top_by_degree", "degree"), ("top_by_pagerank", "pagerank"), ("top_by_betweenness", "betweenness"))
CSV_HEADER = ("section", "name", "type", "value", "detail")


def stats_table(stats: dict) -> str:
    """Aligned text blocks: summary, counts, documents, top entities, communities, timeline.

    >>> import pyoxigraph as ox
    >>> from kg.stats import graph_statistics
    >>> stats_table(graph_statistics(ox.Store())).splitlines()[0]
    'triples             0'
    """
    blocks = ["\n".join(f"{key.replace('_', ' '):<20}{stats[key]}" for key in SUMMARY)]
    blocks.append(text_table(["entity type", "count"], stats["entities_by_type"].items(), count=False))
    blocks.append(text_table(["relation", "count"], stats["relations_by_predicate"].items(), count=False))
    blocks.append(text_table(["document", "entities", "mentions", "evidence", "title"],
                             [[d["document"], d["entities"], d["mentions"], d["evidence"], d["title"]]
                              for d in stats["per_document"]], count=False))
    for section, score in TOP:
        rows = [[_number(r[score]), r["label"], r["type"]] for r in stats[section]]
        blocks.append(text_table([score if score != "betweenness" else _betweenness(stats), "entity", "type"],
                                 rows, count=False))
    blocks.append(text_table(["community", "size", "largest members"],
                             [[c["community"], c["size"], "、".join(c["members"])] for c in stats["communities"]],
                             count=False))
    blocks.append(text_table(["date", "event"], [[t["date"], t["event"]] for t in stats["timeline"]], count=False))
    return "\n\n".join(blocks)


def _number(value: int | float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.4f}"


def _betweenness(stats: dict) -> str:
    samples = stats.get("betweenness_samples")
    return "betweenness" if samples is None else f"betweenness (~{samples} samples)"


def stats_rows(stats: dict) -> Iterator[tuple]:
    """(section, name, type, value, detail) rows of the statistics.

    >>> import pyoxigraph as ox
    >>> from kg.stats import graph_statistics
    >>> next(stats_rows(graph_statistics(ox.Store())))
    ('summary', 'triples', '', 0, '')
    """
    for key in SUMMARY:
        yield "summary", key, "", stats[key], ""
    for name, count in stats["entities_by_type"].items():
        yield "entities_by_type", name, "", count, ""
    for name, count in stats["relations_by_predicate"].items():
        yield "relations_by_predicate", name, "", count, ""
    for doc in stats["per_document"]:
        for measure in ("entities", "mentions", "evidence"):
            yield f"document_{measure}", doc["document"], "", doc[measure], doc["title"]
    for section, score in TOP:
        for rank, row in enumerate(stats[section], 1):
            yield section, row["label"], row["type"], row[score], rank
    for c in stats["communities"]:
        yield "community", c["community"], "", c["size"], "|".join(c["members"])
    for t in stats["timeline"]:
        yield "timeline", t["event"], "Event", t["date"], ""


def stats_csv(stats: dict) -> str:
    """The statistics as CSV (``section,name,type,value,detail``).

    >>> import pyoxigraph as ox
    >>> from kg.stats import graph_statistics
    >>> stats_csv(graph_statistics(ox.Store())).splitlines()[:2]
    ['section,name,type,value,detail', 'summary,triples,,0,']
    """
    return csv_text(CSV_HEADER, stats_rows(stats))


def eval_table(result: dict) -> str:
    """``kg eval`` as text: per-type and per-relation P/R/F1, the weakest rules, the overall scores.

    >>> row = {"precision": 1.0, "recall": 0.5, "f1": 0.667, "extracted": 2, "gold": 4}
    >>> result = {"entities": {"overall": row}, "relations": {"overall": row}, "entity_rules": {},
    ...           "concepts": {"from_lexicon": 1, "discovered": 0}}
    >>> eval_table(result).splitlines()[-1]
    'overall: entity F1 0.667 (P 1.000 R 0.500); relation F1 0.667 (P 1.000 R 0.500)'
    """
    lines = []
    for section in ("entities", "relations"):
        lines += [f"{section:<14}{'P':>7}{'R':>7}{'F1':>7}{'found':>8}{'gold':>6}"]
        for name, row in result[section].items():
            lines.append(f"  {name:<12}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
                         f"{row['extracted']:>8}{row['gold']:>6}")
        lines.append("")
    for kind in ("entity", "relation"):
        rules = result.get(f"{kind}_rules", {})
        weakest = sorted((v["precision"], k, v["extracted"]) for k, v in rules.items() if v["extracted"] >= 3)[:5]
        lines.append(f"weakest {kind} rules: " + "; ".join(f"{k} {p:.2f} ({n})" for p, k, n in weakest))
    c = result["concepts"]
    lines.append(f"concepts: {c['from_lexicon']} from the lexicon, {c['discovered']} discovered")
    o, r = result["entities"]["overall"], result["relations"]["overall"]
    lines.append(f"overall: entity F1 {o['f1']:.3f} (P {o['precision']:.3f} R {o['recall']:.3f}); "
                 f"relation F1 {r['f1']:.3f} (P {r['precision']:.3f} R {r['recall']:.3f})")
    return "\n".join(lines)
