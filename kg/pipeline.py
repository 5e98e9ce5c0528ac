"""The whole pipeline: input paths -> graph.ttl and graph.html.

:func:`build` is what ``kg build`` runs; it is importable and reports
progress through a callback instead of printing.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("以科技创新推动产业创新。", encoding="utf-8")
>>> summary = build([folder], folder / "out", html=False)
>>> summary.documents, (folder / "out" / "graph.ttl").is_file()
(1, True)
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.document import analyze_document, default_analyzer
from kg.errors import InputError, KGError
from kg.export.turtle import write_turtle
from kg.graph import CorpusGraph, aggregate, to_networkx, to_rdf
from kg.ingest import ingest
from kg.model import DocumentAnalysis, RawDocument

Progress = Callable[[str], None]
PARALLEL_MIN_DOCUMENTS = 8  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class BuildSummary:
    """What a build produced, for the one-line report on stderr."""

    documents: int
    entities_by_type: dict[str, int]
    relations_by_predicate: dict[str, int]
    triples: int
    seconds: float
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    outputs: tuple[str, ...] = field(default=())

    def line(self) -> str:
        """One line: documents, entities per type, relations, triples, seconds."""
        types = ", ".join(f"{t} {n}" for t, n in sorted(self.entities_by_type.items()))
        relations = sum(self.relations_by_predicate.values())
        return (f"{self.documents} documents; {sum(self.entities_by_type.values())} entities ({types}); "
                f"{relations} relations; {self.triples} triples; {self.seconds:.1f} s")


def analyze_all(documents: tuple[RawDocument, ...], *, jobs: int = 1,
                progress: Progress | None = None) -> Iterator[DocumentAnalysis]:
    """Analyse documents in order, in ``jobs`` worker processes when there are many."""
    if jobs > 1 and len(documents) >= PARALLEL_MIN_DOCUMENTS:
        default_analyzer()  # load lexicons and rules once; forked workers share them
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from _report(pool.imap(analyze_document, documents, chunksize=4), len(documents), progress)
    else:
        yield from _report(map(analyze_document, documents), len(documents), progress)


def _report(results: Iterable[DocumentAnalysis], total: int, progress: Progress | None) -> Iterator[DocumentAnalysis]:
    step = max(total // 20, 1)
    for done, analysis in enumerate(results, 1):
        if progress and (done % step == 0 or done == total) and total > 1:
            progress(f"analysed {done}/{total} documents ({analysis.raw.doc_id})")
        yield analysis


def build(inputs: Iterable[Path | str], out_dir: Path | str, *, html: bool = True, jobs: int = 1,
          max_nodes: int = 500, progress: Progress | None = None) -> BuildSummary:
    """Read ``inputs``, extract, and write ``graph.ttl`` (and ``graph.html``) into ``out_dir``.

    Raises :class:`InputError` when no input file could be read; bad files
    are skipped and listed in ``BuildSummary.problems``.
    """
    started = time.perf_counter()
    result = ingest(inputs)
    if not result.documents:
        reasons = "; ".join(str(p) for p in result.problems) or "no input given"
        raise InputError("input", f"no readable documents ({reasons})")
    corpus = aggregate(analyze_all(result.documents, jobs=jobs, progress=progress))
    outputs = write_outputs(corpus, Path(out_dir), html=html, max_nodes=max_nodes, progress=progress)
    return _summary(corpus, outputs, started, result)


def write_outputs(corpus: CorpusGraph, out_dir: Path, *, html: bool, max_nodes: int,
                  progress: Progress | None) -> tuple[tuple[str, ...], int]:
    """Write graph.ttl (and graph.html); return the paths and the number of triples."""
    rdf = to_rdf(corpus)
    ttl = out_dir / "graph.ttl"
    if progress:
        progress(f"writing {ttl} ({len(rdf)} triples)")
    write_turtle(rdf, ttl)
    paths = [str(ttl)]
    if html:
        from kg.export.html import write_html  # pyvis is only needed for the page

        page = out_dir / "graph.html"
        write_html(to_networkx(corpus), page, max_nodes=max_nodes)
        paths.append(str(page))
    return tuple(paths), len(rdf)


def _summary(corpus: CorpusGraph, outputs: tuple[tuple[str, ...], int], started: float, result) -> BuildSummary:
    paths, triples = outputs
    types = Counter(e.key.type for e in corpus.entities)
    predicates = Counter(r for r in {(ev.relation.head, ev.relation.predicate, ev.relation.tail)
                                     for ev in corpus.evidence})
    by_predicate = Counter(p for _, p, _ in predicates)
    return BuildSummary(len(corpus.documents), dict(types), dict(by_predicate), triples,
                        time.perf_counter() - started, tuple(str(p) for p in result.problems), result.warnings, paths)


__all__ = ["build", "BuildSummary", "analyze_all", "write_outputs", "KGError"]
