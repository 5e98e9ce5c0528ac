"""SHACL validation of a built graph against the contract shapes (``ontology/shapes.ttl``).

:func:`validate_graph` runs pyshacl (no inference; the ontology copied into graph.ttl
supplies the subclass triples that SHACL class targets follow) and returns the
violations as plain, sorted values.

>>> from rdflib import Literal
>>> from rdflib.namespace import RDF, RDFS
>>> from kg.vocab import new_graph, entity_iri, term
>>> g = new_graph(); iri = entity_iri("Concept", "新质生产力")
>>> _ = g.add((iri, RDF.type, term("Entity"))); _ = g.add((iri, RDF.type, term("Concept")))
>>> validate_graph(g).conforms
False
>>> _ = g.add((iri, RDFS.label, Literal("新质生产力", lang="zh"))); validate_graph(g).conforms
True
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.errors import InputError
from kg.vocab import PREFIXES

SHAPES = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the node, the property path, the offending value and the contract rule."""

    focus: str
    path: str
    value: str
    constraint: str
    message: str
    severity: str


@dataclass(frozen=True)
class ValidationReport:
    """Whether the graph conforms, and every violation found."""

    conforms: bool
    violations: tuple[Violation, ...]

    def to_dict(self) -> dict:
        """JSON-ready form: ``{"conforms": ..., "violations": [...]}``.

        >>> ValidationReport(True, ()).to_dict()
        {'conforms': True, 'violations': []}
        """
        return {"conforms": self.conforms, "violations": [asdict(v) for v in self.violations]}


def load_shapes(path: Path | str = SHAPES) -> Graph:
    """The shapes graph (``ontology/shapes.ttl`` unless another file is given).

    >>> len(load_shapes()) > 50
    True
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "shapes file not found")
    return Graph().parse(path, format="turtle")


def validate_graph(graph: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``graph`` against the contract shapes."""
    from pyshacl import validate  # imported here: pyshacl takes a second to import

    data = Graph(bind_namespaces="none")
    data += graph.triples((None, None, None))  # pyshacl walks the graph a lot: plain memory is fastest
    conforms, results, _ = validate(data, shacl_graph=shapes if shapes is not None else load_shapes(),
                                    inference="none", advanced=False, allow_warnings=True)
    return ValidationReport(bool(conforms), tuple(sorted(_violations(results))))


def _violations(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(SH.resultSeverity, None):
        value = lambda p: results.value(result, p)  # noqa: E731
        found.append(Violation(compact(value(SH.focusNode)), compact(value(SH.resultPath)), compact(value(SH.value)),
                               compact(value(SH.sourceConstraintComponent)).removeprefix("sh:"),
                               str(value(SH.resultMessage) or ""),
                               compact(value(SH.resultSeverity)).removeprefix("sh:")))
    return found


def compact(node: object) -> str:
    """A node as text: IRIs with a project prefix (or ``sh:``) shortened, literals as their value.

    >>> compact(URIRef("https://w3id.org/xinzhi-kg/resource/concept-新质生产力")), compact(None)
    ('kgr:concept-新质生产力', '')
    """
    if node is None:
        return ""
    if isinstance(node, URIRef):
        for prefix, namespace in (*PREFIXES.items(), ("sh", SH)):
            if str(node).startswith(str(namespace)) and len(str(node)) > len(str(namespace)):
                return f"{prefix}:{str(node)[len(str(namespace)):]}"
    return str(node)


def validation_rows(report: ValidationReport) -> list[list[str]]:
    """Table rows (focus, path, value, constraint, message) of the violations.

    >>> validation_rows(ValidationReport(True, ()))
    []
    """
    return [[v.focus, v.path, v.value, v.constraint, v.message] for v in report.violations]
