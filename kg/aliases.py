"""Short names merged into the full names they abbreviate (三中全会 -> 党的二十届三中全会).

Within a document (:func:`merge_short_forms`) and across the corpus
(:func:`short_form_map`, used by :func:`kg.graph.aggregate`), a short event or
document name becomes the one longer name of the same type that ends with it;
when two longer names would fit, the short name stays as it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from kg.model import EntityKey, Mention, Sentence


def merge_short_forms(per_sentence: list[tuple[Sentence, tuple[Mention, ...]]]
                      ) -> list[tuple[Sentence, tuple[Mention, ...]]]:
    """Relabel short event/document names with the one full name they abbreviate in this document.

    >>> s = Sentence("d", 0, "", 0, 0, 0)
    >>> full = Mention("党的二十届三中全会", "Event", "党的二十届三中全会", 0, 9, "event.plenum")
    >>> short = Mention("三中全会", "Event", "三中全会", 0, 4, "event.plenum-bare")
    >>> merge_short_forms([(s, (full,)), (s, (short,))])[1][1][0].label
    '党的二十届三中全会'
    """
    mapping = short_form_map(EntityKey(m.type, m.label) for _, mentions in per_sentence for m in mentions)
    if not mapping:
        return per_sentence
    return [(s, tuple(replace(m, label=mapping.get((m.type, m.label), m.label)) for m in ms))
            for s, ms in per_sentence]


def short_form_map(keys: Iterable[EntityKey]) -> dict[tuple[str, str], str]:
    """(type, short label) -> full label for events and documents named in full elsewhere.

    >>> short_form_map([EntityKey("Event", "三中全会"), EntityKey("Event", "党的二十届三中全会")])
    {('Event', '三中全会'): '党的二十届三中全会'}
    """
    labels: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        if key.type in ("Event", "Policy", "Source"):
            labels[key.type].add(key.label)
    return {(t, short): full for t, names in sorted(labels.items()) for short, full in sorted(_full_names(names).items())}


def _full_names(names: set[str]) -> dict[str, str]:
    """Map each name to the single longer name that ends with it (none when ambiguous)."""
    result = {}
    for short in names:
        longer = [n for n in names if n != short and n.endswith(short)]
        if len(longer) == 1 or (longer and all(n.endswith(min(longer, key=lambda n: (len(n), n))) for n in longer)):
            result[short] = min(longer, key=lambda n: (len(n), n))
    return result
