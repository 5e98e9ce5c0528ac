"""Sentence stage: split cleaned text into sentences with original offsets.

Splits on 。！？ (and ；?! / line ends), keeping a closing quote with the
sentence it closes, so a quotation ending in 。” stays whole.

>>> from kg.model import CleanDocument
>>> doc = CleanDocument("d", "发展新质生产力。“创新是第一动力。”", tuple(range(18)))
>>> [s.text for s in split_sentences(doc)]
['发展新质生产力。', '“创新是第一动力。”']
"""

from __future__ import annotations

import re

from kg.model import CleanDocument, Sentence

# A sentence ends at 。！？!? (plus closing quotes/brackets) or at a line end.
_SENTENCE = re.compile(r"[^\n。！？!?]*(?:[。！？!?]+[”’」』\"）)]*|\n|$)")
_MIN_CHARS = 2
# Text without sentence punctuation (tables, lists, broken extractions) is cut at a comma or a
# space before this length, so no rule or tagger ever runs on one 100,000-character "sentence".
MAX_CHARS = 300
_SOFT_BREAK = re.compile(r"[，,；;、：:\s]")


def split_sentences(doc: CleanDocument) -> tuple[Sentence, ...]:
    """Split ``doc.text`` into sentences; each keeps its original-file span."""
    sentences: list[Sentence] = []
    for match in _SENTENCE.finditer(doc.text):
        for start, end in _pieces(doc.text, match.start(), match.end()):
            start, end = _strip_span(doc.text, start, end)
            if end - start < _MIN_CHARS:
                continue
            orig_start, orig_end = doc.original_span(start, end)
            sentences.append(Sentence(doc.doc_id, len(sentences), doc.text[start:end], orig_start, orig_end, start))
    return tuple(sentences)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` cut into spans of at most ``MAX_CHARS``, preferably after a soft break.

    >>> _pieces("新质生产力" * 100, 0, 500)[:2]
    [(0, 300), (300, 500)]
    """
    spans = []
    while end - start > MAX_CHARS:
        window = text[start:start + MAX_CHARS]
        breaks = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + (breaks[-1] if breaks and breaks[-1] > MAX_CHARS // 2 else MAX_CHARS)
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def dedup_key(text: str) -> str:
    """Normalised text used to find a sentence repeated inside one document.

    >>> dedup_key("发展 新质生产力，") == dedup_key("发展新质生产力，")
    True
    """
    return re.sub(r"\s+", "", text)
