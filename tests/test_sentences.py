"""Sentence splitting with offsets into the original file."""

from __future__ import annotations

import pytest

from kg.model import CleanDocument
from kg.sentences import split_sentences


def _doc(text: str, shift: int = 0) -> CleanDocument:
    return CleanDocument("d", text, tuple(i + shift for i in range(len(text))))


# fmt: off
CASES = [
    ("新质生产力是先进生产力。科技创新是核心要素。", ["新质生产力是先进生产力。", "科技创新是核心要素。"]),
    ("习近平总书记指出：“科技创新能够催生新产业。”这是关键。", ["习近平总书记指出：“科技创新能够催生新产业。”", "这是关键。"]),
    ("一、新质生产力的内涵\n生产力是马克思主义的基本范畴。", ["一、新质生产力的内涵", "生产力是马克思主义的基本范畴。"]),
    ("要问：如何发展？答案是创新！", ["要问：如何发展？", "答案是创新！"]),
]
# fmt: on


@pytest.mark.parametrize("text, expected", CASES)
def test_sentences_split(text, expected):
    assert [s.text for s in split_sentences(_doc(text))] == expected


def test_sentences_keep_original_offsets():
    text = "发展新质生产力。推动高质量发展。"
    second = split_sentences(_doc(text, shift=100))[1]
    assert (second.start, second.end, second.clean_start) == (108, 116, 8)
    assert [s.index for s in split_sentences(_doc(text))] == [0, 1]


def test_sentences_text_without_punctuation_is_cut_into_short_pieces():
    text = "，".join(["推动新质生产力加快发展"] * 100)  # 1,199 characters and no sentence end
    pieces = split_sentences(_doc(text))
    assert len(pieces) >= 4 and all(len(s.text) <= 300 for s in pieces)
    assert "".join(s.text for s in pieces) == text
