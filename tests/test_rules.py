"""Regex entity rules from ontology/rules/entity_rules.jsonl."""

from __future__ import annotations

import pytest

from kg.entities import ONTOLOGY_DIR
from kg.errors import PatternError
from kg.rules import EntityRule, load_entity_rules


@pytest.fixture(scope="module")
def rules():
    return load_entity_rules(ONTOLOGY_DIR / "rules" / "entity_rules.jsonl", {"{PLACE}": "(?:黑龙江|江苏|天津)"})


# fmt: off
CASES = [
    ("2024年7月，党的二十届三中全会通过", "党的二十届三中全会", "event.plenum"),
    ("总书记在主持二十届中央政治局第十一次集体学习时系统阐述", "二十届中央政治局第十一次集体学习", "event.study-session"),
    ("中共中央政治局第十一次集体学习", "中央政治局第十一次集体学习", "event.study-session"),
    ("看望参加全国政协十四届二次会议的民革", "全国政协十四届二次会议", "event.cppcc-session"),
    ("在参加十四届全国人大二次会议江苏代表团审议时强调", "十四届全国人大二次会议", "event.npc-session"),
    ("在中国共产党第二十次全国代表大会上的报告", "党的二十大", "event.party-congress"),
    ("习近平总书记在黑龙江考察期间首次提出", "黑龙江考察", "event.inspection"),
    ("在听取黑龙江省委和省政府工作汇报时强调", "黑龙江省政府", "org.local-government-elliptic"),
    ("“钱学森之问”一直是我们的痛点", "钱学森之问", "concept.named-question"),
    ("(2) 蒲清平、向往：《新质生产力的内涵特征》", "向往", "person.footnote-author"),
]
# fmt: on


@pytest.mark.parametrize("text, label, rule_id", CASES)
def test_rules_find(rules, text, label, rule_id):
    found = {(m.label, m.rule) for r in rules for m in r.find(text)}
    assert (label, rule_id) in found


def test_rules_bad_pattern_is_reported_with_rule_id():
    with pytest.raises(PatternError, match="event.bad"):
        EntityRule.from_json({"id": "event.bad", "type": "Event", "pattern": "(", "label": "x"}, "f:1")


def test_rules_unknown_type_is_reported():
    with pytest.raises(PatternError, match="unknown type"):
        EntityRule.from_json({"id": "x", "type": "Thing", "pattern": "a", "label": "x"}, "f:1")
