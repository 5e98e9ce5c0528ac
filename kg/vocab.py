"""The graph's vocabulary (SPEC section 1) and the one function that mints IRIs.

>>> str(entity_iri("Concept", "新质生产力"))
'https://w3id.org/xinzhi-kg/resource/concept-新质生产力'
>>> str(entity_iri("Source", "卡尔·马克思的历史理论：一种辩护 (2008)"))
'https://w3id.org/xinzhi-kg/resource/source-卡尔·马克思的历史理论：一种辩护%20%282008%29'
"""

from __future__ import annotations

import hashlib
import re

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://w3id.org/xinzhi-kg/ontology#")
KGR = Namespace("https://w3id.org/xinzhi-kg/resource/")

PREFIXES = {"kg": KG, "kgr": KGR, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS,
            "dcterms": DCTERMS, "prov": PROV}

#: Every ``kg:`` term the project emits; :func:`term` refuses others, so a typo fails loudly.
TERMS = frozenset({
    "Entity", "Concept", "Industry", "Policy", "Event", "Date", "Source", "Document", "Person", "Organization",
    "Place", "Evidence", "MentionCount", "Cooccurrence",
    "mentions", "cooccursWith", "includes", "promotes", "definedAs", "proposedBy", "proposedAt", "occurredOn",
    "hasDate", "writtenInto", "cites", "said",
    "edtf", "sha256", "sentence", "start", "end", "rule", "mentionCount", "document", "entity", "weight",
    "broader", "encoding", "abstract", "footnote",
})

# Characters kept as they are in an IRI: letters, digits, '-', '_', '.', '·' and any non-ASCII
# character that is not white space, a control character or an ASCII-looking bracket.
_UNSAFE = re.compile(r"[^\w\-.·\u0080-\uffff]|[\s\u0000-\u001f\u007f-\u009f\u3000]|_", re.UNICODE)


def term(name: str) -> URIRef:
    """The ``kg:`` IRI of a vocabulary term.

    >>> term("promotes").n3()
    '<https://w3id.org/xinzhi-kg/ontology#promotes>'
    """
    if name not in TERMS:
        raise KeyError(f"kg:{name} is not a term of the xinzhi-kg vocabulary")
    return KG[name]


def _escape(text: str) -> str:
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), text)


def entity_iri(type_: str, label: str) -> URIRef:
    """Mint the IRI of an entity from its type and canonical label (deterministic)."""
    if type_ == "Document":
        return document_iri(label)
    return KGR[f"{type_.lower()}-{_escape(label)}"]


def document_iri(doc_id: str) -> URIRef:
    """IRI of an input document.

    >>> str(document_iri("003_0eb04c63ad76226d"))
    'https://w3id.org/xinzhi-kg/resource/doc-003%5F0eb04c63ad76226d'
    """
    return KGR[f"doc-{_escape(doc_id)}"]


def hashed_iri(kind: str, *parts: str) -> URIRef:
    """IRI of a helper node (evidence, mention count, co-occurrence) from its defining parts.

    >>> str(hashed_iri("ev", "a", "b"))[-19:]
    'ev-9cbfbf30fde023d2'
    """
    digest = hashlib.sha1("\u241f".join(parts).encode("utf-8")).hexdigest()[:16]
    return KGR[f"{kind}-{digest}"]


def new_graph() -> Graph:
    """An empty rdflib graph with exactly the project's prefixes bound."""
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph
