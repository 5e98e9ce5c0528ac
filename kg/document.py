"""Per-document analysis: clean -> sentences -> entities -> relations.

One document is analysed independently of all others (so a corpus can be
processed in parallel and streamed); :func:`analyze_document` is the whole
per-document pipeline.

>>> from kg.model import RawDocument
>>> raw = RawDocument("d", "d.txt", "以科技创新推动产业创新。", "", "utf-8")
>>> [(r.head.label, r.predicate, r.tail.label) for r in analyze_document(raw).relations]
[('科技创新', 'promotes', '产业创新')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.clean import clean
from kg.dates import DateAnchor
from kg.entities import ONTOLOGY_DIR, EntityExtractor, default_extractor
from kg.model import STATEMENT, DocumentAnalysis, EntityKey, Mention, RawDocument, Relation, Sentence, SentenceAnalysis
from kg.relations import RelationRule, find_relations, load_relation_rules
from kg.aliases import merge_short_forms
from kg.discovery import discover_members, quoted_candidates
from kg.localref import add_local_mentions, home_place
from kg.sentences import dedup_key, split_sentences

_SAYS_AFTER = re.compile(r"^(?:）|\))?(?:中|里)?(?:明确|进一步|深刻|也|曾)?(?:指出|强调|写道|提出|认为|论述|阐述|明确|部署|要求|所说|所言)")
CITATION_RULES = ("title.book", "source.reference-title", "source.reference-journal", "source.reference-newspaper")
_CITES_BEFORE = re.compile(r"(?:在|据|根据|依据|按照|转载自|摘自|原载|引自|参见|见|载于|贯彻|落实|学习贯彻|贯彻落实)$")


@dataclass(frozen=True)
class Analyzer:
    """The loaded extractors used for every document."""

    entities: EntityExtractor
    relation_rules: tuple[RelationRule, ...]


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    """Extractors from the project's ``ontology/`` folder, loaded once per process."""
    return Analyzer(default_extractor(), load_relation_rules(ONTOLOGY_DIR / "rules" / "relations.jsonl"))


def analyze_document(raw: RawDocument, analyzer: Analyzer | None = None) -> DocumentAnalysis:
    """Run clean -> sentences -> entities -> relations on one document."""
    analyzer = analyzer or default_analyzer()
    cleaned = clean(raw)
    sentences = [*split_sentences(cleaned), *metadata_sentences(raw, cleaned)]
    sentences = [replace(s, index=i) for i, s in enumerate(sentences)]
    home = home_place(_head(cleaned), analyzer.entities.home_regex)
    per_sentence = extract_mentions(sentences, analyzer.entities, _doc_year(cleaned.meta.date), home)
    per_sentence = merge_short_forms(per_sentence)
    analyses = tuple(_relate(s, ms, analyzer) for s, ms in per_sentence)
    relations = tuple(r for a in analyses for r in a.relations)
    return DocumentAnalysis(raw, cleaned, analyses, relations)


def _head(cleaned) -> str:
    """Title, author line and opening of a document: where it names who is speaking."""
    return "\n".join((cleaned.meta.title, cleaned.meta.author_line, cleaned.text[:200]))


def _doc_year(edtf: str) -> int | None:
    return int(edtf[:4]) if edtf[:4].isdigit() else None


def metadata_sentences(raw: RawDocument, cleaned) -> list[Sentence]:
    """Title, abstract and footnote texts, analysed like body sentences.

    The cleaner moved them out of the body; their entities (cited works,
    authors, publishers) still belong to the document.
    """
    meta = cleaned.meta
    texts = [(f.text, f.start) for f in meta.footnotes]
    for text in (meta.title, meta.subtitle, meta.author_line, meta.abstract, meta.reprint):
        if text:
            texts.append((text, max(raw.text.find(text[:12]), 0)))
    sentences = []
    for text, start in texts:
        for part in re.split(r"(?<=[。！？])", text):
            if len(part.strip()) >= 2:
                offset = start + max(text.find(part), 0)
                sentences.append(Sentence(raw.doc_id, 0, part.strip(), offset, offset + len(part), -1))
    return sentences


def extract_mentions(sentences: list[Sentence], extractor: EntityExtractor, doc_year: int | None,
                     home: tuple[str, str] | None = None) -> list[tuple[Sentence, tuple[Mention, ...]]]:
    """Mentions per sentence; a sentence repeated in the document is analysed once."""
    anchor = DateAnchor(doc_year=doc_year)
    seen: set[str] = set()
    result = []
    for sentence in sentences:
        key = dedup_key(sentence.text)
        if key in seen and len(key) >= 10:
            continue  # duplicated articles in a compilation would double every count
        seen.add(key)
        mentions, anchor = extractor.sentence_mentions(sentence.text, anchor)
        mentions = discover_members(sentence.text, mentions, extractor)
        mentions = add_local_mentions(sentence.text, mentions, home)
        result.append((sentence, mentions))
    return result


def _relate(sentence: Sentence, mentions: tuple[Mention, ...], analyzer: Analyzer) -> SentenceAnalysis:
    relations = [
        Relation(_key(h), rule.predicate, _key(t), sentence.doc_id, sentence.index, rule.id)
        for h, t, rule in find_relations(sentence.text, mentions, analyzer.relation_rules)
    ]
    relations += citations(sentence, mentions)
    relations += label_dates(sentence, mentions, relations)
    relations += statements(sentence, mentions)
    candidates = quoted_candidates(sentence.text, mentions, analyzer.entities.generic)
    return SentenceAnalysis(sentence, mentions, tuple(sorted(set(relations))), candidates)


def _key(mention: Mention) -> EntityKey:
    return EntityKey(mention.type, mention.label)


def citations(sentence: Sentence, mentions: tuple[Mention, ...]) -> list[Relation]:
    """``cites`` from the document to works it quotes, names as speaking, or lists in footnotes.

    >>> s = Sentence("d", 0, "马克思在《资本论》中指出", 0, 12, 0)
    >>> m = Mention("《资本论》", "Source", "资本论", 4, 9, "title.book")
    >>> [(r.tail.label, r.rule) for r in citations(s, (m,))]
    [('资本论', 'cites.title-says')]
    """
    doc = EntityKey("Document", sentence.doc_id)
    found = []
    for m in mentions:
        if m.type not in ("Source", "Policy"):
            continue
        if sentence.clean_start < 0 and m.rule in CITATION_RULES:
            found.append(Relation(doc, "cites", _key(m), sentence.doc_id, sentence.index, "cites.footnote"))
        elif _SAYS_AFTER.match(sentence.text[m.end:]) or _CITES_BEFORE.search(sentence.text[:m.start]):
            found.append(Relation(doc, "cites", _key(m), sentence.doc_id, sentence.index, "cites.title-says"))
    return found


# 《…三年行动计划（2024—2026年）》: the period a plan covers, written in its title.
_TITLE_PERIOD = re.compile(r"[（(](\d{4})\s*[—－\-–~至]\s*(\d{4})年?[）)]")


def _year_written(mentions: tuple[Mention, ...], year: str) -> bool:
    """True when the year in an event's label is written in the sentence (2024年全国两会), not inferred."""
    return any(m.rule == "date.in-name" and m.label == year for m in mentions)


_SPEECH = re.compile(r"(?:指出|强调|表示|认为|写道|提出|说|所言|明确|要求|部署)(?:了|的|道)?[：:，,]?\s*"
                     r"[“\"](?P<quote>[^”\"]{6,300})[”\"]")
_SPEAKERS = ("Person", "Organization", "Policy", "Event")  # who speaks, when several are named before the verb


def statements(sentence: Sentence, mentions: tuple[Mention, ...]) -> list[Relation]:
    """``said``: a speaker followed by a speech verb and a quotation (X指出：“…”).

    >>> s = Sentence("d", 0, "习近平总书记强调：“要牢牢把握高质量发展这个首要任务。”", 0, 27, 0)
    >>> m = Mention("习近平总书记", "Person", "习近平", 0, 6, "lexicon.persons")
    >>> [(r.predicate, r.tail.label) for r in statements(s, (m,))]
    [('said', '要牢牢把握高质量发展这个首要任务。')]
    """
    found = []
    for match in _SPEECH.finditer(sentence.text):
        clause = max(sentence.text.rfind(ch, 0, match.start()) for ch in "。；！？") + 1
        before = [m for m in mentions if clause <= m.start and m.end <= match.start() and m.type in _SPEAKERS]
        if before:  # 习近平总书记在…江苏代表团审议时强调: the person speaks, not the meeting
            speaker = min(before, key=lambda m: (_SPEAKERS.index(m.type), m.start))
            found.append(Relation(_key(speaker), "said", EntityKey(STATEMENT, match.group("quote")), sentence.doc_id,
                                  sentence.index, "said.quote"))
    return found


def label_dates(sentence: Sentence, mentions: tuple[Mention, ...], found: list[Relation] = ()) -> list[Relation]:
    """``hasDate`` for annual documents whose label carries the year (2024年政府工作报告), and
    ``occurredOn`` for such events (2024年全国两会) when the sentence gives no other date for them.

    >>> s = Sentence("d", 0, "2024年政府工作报告提出", 0, 13, 0)
    >>> m = Mention("2024年政府工作报告", "Policy", "2024年政府工作报告", 0, 11, "event.recurring")
    >>> [(r.tail.label, r.rule) for r in label_dates(s, (m,))]
    [('2024', 'hasDate.label-year')]
    """
    def dated(m: Mention, predicate: str, edtf: str, rule: str) -> Relation:
        return Relation(_key(m), predicate, EntityKey("Date", edtf), sentence.doc_id, sentence.index, rule)

    result = []
    for m in mentions:
        year, period = re.match(r"(\d{4})年", m.label), _TITLE_PERIOD.search(m.label)
        if period and m.type in ("Policy", "Source"):
            result.append(dated(m, "hasDate", f"{period.group(1)}/{period.group(2)}", "hasDate.title-period"))
        if year and m.type in ("Policy", "Source"):
            result.append(dated(m, "hasDate", year.group(1), "hasDate.label-year"))
        elif year and m.type == "Event" and _year_written(mentions, year.group(1)) \
                and not any(r.head == _key(m) and r.predicate == "occurredOn" for r in found):
            result.append(dated(m, "occurredOn", year.group(1), "occurredOn.label-year"))
    return result
