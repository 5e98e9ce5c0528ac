"""Plain data passed between pipeline stages.

Every stage is a function from these frozen dataclasses to others, so a stage
can be tested with a few hand-made values and its output is hashable and
orderable (which keeps every export deterministic).

Pipeline: ingest -> clean -> sentences -> entities -> relations -> graph -> export

>>> Mention("新质生产力", "Concept", "新质生产力", 0, 5, "lexicon.concepts").end
5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    """The nine entity classes of SPEC section 2 (``kg:<value>``)."""

    CONCEPT = "Concept"
    INDUSTRY = "Industry"
    POLICY = "Policy"
    EVENT = "Event"
    DATE = "Date"
    SOURCE = "Source"
    DOCUMENT = "Document"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    PLACE = "Place"


ENTITY_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType if t is not EntityType.DOCUMENT)

#: The tail "type" of a ``said`` relation: the quoted statement itself, not an entity.
STATEMENT = "Statement"

#: Typed relations of SPEC section 3 that carry evidence nodes and are scored against gold
#: (``said`` carries evidence too, but its object is the quoted statement).
RELATIONS: tuple[str, ...] = (
    "includes",
    "promotes",
    "definedAs",
    "proposedBy",
    "proposedAt",
    "occurredOn",
    "hasDate",
    "writtenInto",
    "cites",
)


@dataclass(frozen=True, order=True)
class RawDocument:
    """One input file, decoded.

    ``doc_id`` is the file name without extension; ``text`` is the decoded
    content exactly as in the file (offsets into it are "original offsets").
    """

    doc_id: str
    path: str
    text: str
    sha256: str
    encoding: str


@dataclass(frozen=True, order=True)
class Footnote:
    """A footnote or reference text removed from the body, kept as metadata."""

    marker: str
    text: str
    start: int  # original offset of the footnote text
    end: int


@dataclass(frozen=True, order=True)
class DocMeta:
    """What the cleaner removed from the body but that still means something."""

    title: str = ""
    subtitle: str = ""
    author_line: str = ""
    abstract: str = ""
    abstract_en: str = ""
    reprint: str = ""  # e.g. "转载自《求是》2024年第9期"
    toc: tuple[str, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    date: str = ""  # EDTF of the document's own date, when the text states one
    keywords: tuple[str, ...] = ()  # the 关键词 line, split into terms


@dataclass(frozen=True)
class CleanDocument:
    """Cleaned body text plus a map back to the original file.

    ``offsets[i]`` is the original offset of ``text[i]``; ``len(offsets) ==
    len(text)``. Characters the cleaner inserted map to the offset of the
    nearest original character before them.
    """

    doc_id: str
    text: str
    offsets: tuple[int, ...]
    meta: DocMeta = field(default_factory=DocMeta)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of cleaned text to the original file.

        >>> CleanDocument("d", "ab", (3, 7)).original_span(0, 2)
        (3, 8)
        """
        if start >= end:
            pos = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(frozen=True, order=True)
class Sentence:
    """A sentence of cleaned text.

    ``start``/``end`` are original-file offsets; ``clean_start`` is the
    offset in the cleaned text (so mention offsets can be mapped back).
    """

    doc_id: str
    index: int
    text: str
    start: int
    end: int
    clean_start: int


@dataclass(frozen=True, order=True)
class Mention:
    """An entity mention inside one sentence.

    ``start``/``end`` index into ``Sentence.text``; ``label`` is the canonical
    name the mention resolves to; ``rule`` is the lexicon file or rule id that
    found it; ``edtf`` is set for Dates.
    """

    surface: str
    type: str
    label: str
    start: int
    end: int
    rule: str
    edtf: str = ""


@dataclass(frozen=True, order=True)
class EntityKey:
    """Identity of an entity: two mentions with the same key are one node."""

    type: str
    label: str


@dataclass(frozen=True, order=True)
class Relation:
    """A typed relation stated by one sentence."""

    head: EntityKey
    predicate: str
    tail: EntityKey
    doc_id: str
    sentence_index: int
    rule: str


@dataclass(frozen=True)
class SentenceAnalysis:
    """A sentence with the mentions and relations found in it."""

    sentence: Sentence
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...] = ()
    candidates: tuple[Mention, ...] = ()  # possible terms that count only if other documents use them too


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the extractors found in one document."""

    raw: RawDocument
    clean: CleanDocument
    sentences: tuple[SentenceAnalysis, ...]
    relations: tuple[Relation, ...] = ()  # document-level (e.g. cites from footnotes)
