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


def split_sentences(doc: CleanDocument) -> tuple[Sentence, ...]:
    """Split ``doc.text`` into sentences; each keeps its original-file span."""
    sentences: list[Sentence] = []
    for match in _SENTENCE.finditer(doc.text):
        start, end = _strip_span(doc.text, match.start(), match.end())
        if end - start < _MIN_CHARS:
            continue
        orig_start, orig_end = doc.original_span(start, end)
        sentences.append(Sentence(doc.doc_id, len(sentences), doc.text[start:end], orig_start, orig_end, start))
    return tuple(sentences)


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
