"""Turtle exporter: sorted triples rendered by Oxigraph's serialiser, written atomically.

Triples are dumped as N-Triples by Oxigraph, sorted line by line (subject, then ``rdf:type``
first, then predicate and object) and streamed into Oxigraph's Turtle serialiser, so the same
graph always gives the same bytes whatever order it was built in, and a million triples take
seconds. Oxigraph groups each subject's triples with ``;`` and ``,`` and writes prefixed names
for the project's prefixes. An IRI ending in ``.`` would need the escaped form ``kgr:x\\.``,
which rdflib's Turtle parser rejects, so triples with such an IRI follow at the end with full IRIs.

>>> from kg.vocab import new_graph, entity_iri, term
>>> from rdflib.namespace import RDF
>>> g = new_graph(); _ = g.add((entity_iri("Concept", "新质生产力"), RDF.type, term("Concept")))
>>> "kgr:concept-新质生产力 a kg:Concept ." in to_turtle(g)
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph

from kg.fileio import write_bytes_atomic
from kg.store import SPARQL_PREFIXES, oxigraph_of

Triples = ox.Store | Iterable[ox.Triple]
_TYPE = b" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "


def _line_order(line: bytes) -> bytes:
    # rdf:type sorts first; ">" sorts before every other character, so an IRI sorts before its extensions
    # ("date-2023-09" before "date-2023-09-07") as it does by value.
    return line.replace(_TYPE, b"\x01 ").replace(b">", b"\x00")


def sorted_ntriples(source: Triples) -> list[bytes]:
    """The N-Triples lines of a store's default graph (or of some triples), in the writers' order.

    >>> a, t = ox.NamedNode("http://e.org/a"), ox.NamedNode("http://e.org/T")
    >>> [line.split()[1] for line in sorted_ntriples([ox.Triple(a, ox.NamedNode("http://e.org/p"), t),
    ...                                              ox.Triple(a, ox.NamedNode(_TYPE.decode().strip()[1:-1]), t)])]
    [b'<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', b'<http://e.org/p>']
    """
    if isinstance(source, ox.Store):
        data = source.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    else:
        data = ox.serialize(source, format=ox.RdfFormat.N_TRIPLES)
    lines = data.splitlines()
    lines.sort(key=_line_order)
    return lines


def _parse(lines: list[bytes]) -> Iterable[ox.Triple]:
    return (quad.triple for quad in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES))


def turtle_bytes(source: Triples, prefixes: dict[str, str] | None = None) -> bytes:
    """Turtle (UTF-8) of a store's default graph, or of some triples, sorted, with the project's prefixes.

    >>> a = ox.NamedNode("https://w3id.org/xinzhi-kg/resource/concept-新质生产力")
    >>> turtle_bytes([ox.Triple(a, ox.NamedNode(_TYPE.decode().strip()[1:-1]),
    ...                         ox.NamedNode("https://w3id.org/xinzhi-kg/ontology#Concept"))]).decode().splitlines()[-1]
    'kgr:concept-新质生产力 a kg:Concept .'
    """
    lines = sorted_ntriples(source)
    unsafe = [line for line in lines if b".> " in line]  # an IRI ending in "." (or such text in a literal)
    if unsafe:
        lines = [line for line in lines if b".> " not in line]
    text = ox.serialize(_parse(lines), format=ox.RdfFormat.TURTLE, prefixes=prefixes or SPARQL_PREFIXES)
    return text + (ox.serialize(_parse(unsafe), format=ox.RdfFormat.TURTLE) if unsafe else b"")


def to_turtle(graph: Graph) -> str:
    """Serialise ``graph`` as Turtle; equal graphs give equal text (an empty graph gives none).

    >>> from kg.vocab import new_graph
    >>> to_turtle(new_graph())
    ''
    """
    return turtle_bytes(oxigraph_of(graph)).decode("utf-8")


def write_turtle(graph: Graph, path: Path | str) -> None:
    """Write ``graph`` as Turtle to ``path`` (temporary file, then rename).

    >>> import tempfile, pathlib
    >>> from rdflib.namespace import RDF
    >>> from kg.store import new_store_graph
    >>> from kg.vocab import entity_iri, term
    >>> g = new_store_graph(); _ = g.add((entity_iri("Place", "黑龙江"), RDF.type, term("Place")))
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"; write_turtle(g, p)
    >>> p.read_text(encoding="utf-8").splitlines()[-1]
    'kgr:place-黑龙江 a kg:Place .'
    """
    write_bytes_atomic(path, turtle_bytes(oxigraph_of(graph)))
