"""Short event and document names merge with their full names."""

from __future__ import annotations

from kg.aliases import short_form_map
from kg.model import EntityKey


def test_aliases_short_form_joins_its_one_full_name():
    keys = [EntityKey("Event", "中央政治局第十一次集体学习"), EntityKey("Event", "二十届中央政治局第十一次集体学习")]
    assert short_form_map(keys) == {("Event", "中央政治局第十一次集体学习"): "二十届中央政治局第十一次集体学习"}


def test_aliases_ambiguous_short_form_stays():
    keys = [EntityKey("Event", "第九次集体学习"), EntityKey("Event", "十九届中央政治局第九次集体学习"),
            EntityKey("Event", "二十届中央政治局第九次集体学习")]
    assert ("Event", "第九次集体学习") not in short_form_map(keys)


def test_aliases_concepts_never_merge():
    assert short_form_map([EntityKey("Concept", "生产力"), EntityKey("Concept", "新质生产力")]) == {}
