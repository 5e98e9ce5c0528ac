"""The one adapter that owns jieba: segmentation and POS tags as spaCy Docs.

jieba's module functions share one global dictionary; this module instead
builds a private ``jieba.Tokenizer`` (fed with the lexicon's terms, so a term
is one token) and wraps its POS tagger in a spaCy tokenizer, so rule
components (``spacy.matcher.Matcher``) can run token patterns with
``TAG`` = the jieba POS tag (nr person, ns place, nt organisation, ...).

>>> seg = Segmenter.create(["新质生产力"])
>>> [(t.text, t.tag_) for t in seg.doc("以新质生产力推动发展")][:2]
[('以', 'p'), ('新质生产力', 'nz')]
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc


def _import_jieba():
    try:
        import jieba
        import jieba.posseg
    except ImportError:  # pragma: no cover - jieba is a hard dependency
        raise ImportError("xinzhi-kg needs jieba: pip install jieba") from None
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


class JiebaPosTokenizer:
    """A spaCy tokenizer: jieba words with their POS tag in ``token.tag_``."""

    def __init__(self, vocab, pos_tokenizer, hmm: bool) -> None:
        self.vocab = vocab
        self.pos_tokenizer = pos_tokenizer
        self.hmm = hmm

    def __call__(self, text: str) -> Doc:
        pairs = [(p.word, p.flag) for p in self.pos_tokenizer.cut(text, HMM=self.hmm) if p.word]
        words = [w for w, _ in pairs] or [text]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        for token, (_, flag) in zip(doc, pairs):
            token.tag_ = flag
        return doc


@dataclass(frozen=True)
class Segmenter:
    """A blank Chinese spaCy pipeline over a private jieba tokenizer."""

    nlp: Language

    @classmethod
    def create(cls, terms: Iterable[str] = (), *, hmm: bool = True, cache_dir: Path | None = None) -> "Segmenter":
        """Build the segmenter; ``terms`` become single tokens tagged ``nz``."""
        jieba = _import_jieba()
        tokenizer = jieba.Tokenizer()
        # jieba caches its prefix dictionary in a temp dir; keep ours apart from other users.
        tokenizer.tmp_dir = str(cache_dir or Path(tempfile.gettempdir()) / "xinzhi-kg-jieba")
        Path(tokenizer.tmp_dir).mkdir(parents=True, exist_ok=True)
        for term in sorted(set(terms)):
            if len(term) >= 2:
                tokenizer.add_word(term, 2000, "nz")  # positive freq: never touches jieba's global state
        nlp = spacy.blank("zh")
        nlp.tokenizer = JiebaPosTokenizer(nlp.vocab, jieba.posseg.POSTokenizer(tokenizer), hmm)
        return cls(nlp)

    def doc(self, text: str) -> Doc:
        """Segment and tag ``text``; token ``idx`` values are character offsets into it."""
        return self.nlp(text)
