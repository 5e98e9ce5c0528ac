"""Relation rules over entity-marked sentences."""

from __future__ import annotations

import pytest

from kg.model import RawDocument
from kg.document import analyze_document


def _relations(analyzer, text):
    doc = analyze_document(RawDocument("d", "d.txt", text, "", "utf-8"), analyzer)
    return {(r.head.label, r.predicate, r.tail.label) for r in doc.relations}


# fmt: off
CASES = [
    ("积极培育新能源、新材料、先进制造、电子信息等战略性新兴产业。", ("战略性新兴产业", "includes", "新材料")),
    ("以人工智能、量子信息为代表的未来产业正在孕育发展。", ("未来产业", "includes", "量子信息")),
    ("生产力的基本要素包括劳动者、劳动资料和劳动对象。", ("生产力", "includes", "劳动资料")),
    ("核心是以科技创新推动产业创新。", ("科技创新", "promotes", "产业创新")),
    ("科技创新能够催生新产业、新模式、新动能。", ("科技创新", "promotes", "新动能")),
    ("新质生产力是符合高质量发展要求的先进生产力。", ("新质生产力", "definedAs", "先进生产力")),
    ("2024年1月31日，习近平总书记在主持二十届中央政治局第十一次集体学习时强调。",
     ("二十届中央政治局第十一次集体学习", "occurredOn", "2024-01-31")),
    ("2023年9月，习近平总书记在黑龙江考察期间首次提出“新质生产力”一词。", ("新质生产力", "proposedBy", "习近平")),
    ("2023年9月，习近平总书记在黑龙江考察期间首次提出“新质生产力”一词。", ("新质生产力", "proposedAt", "黑龙江考察")),
    ("马克思在《资本论》中指出，劳动生产力是随着科学和技术的不断进步而不断发展的。", ("d", "cites", "资本论")),
    ("2024年政府工作报告提出“深入实施科教兴国战略”。", ("2024年政府工作报告", "hasDate", "2024")),
]
# fmt: on


@pytest.mark.parametrize("text, expected", CASES)
def test_relations_found(analyzer, text, expected):
    assert expected in _relations(analyzer, text)


@pytest.mark.parametrize("text, absent", [
    ("要从以下几个方面、措施等方面入手。", "includes"),
    ("新质生产力不是传统生产力的简单延伸。", "promotes"),
])
def test_relations_not_found(analyzer, text, absent):
    assert all(p != absent for _, p, _ in _relations(analyzer, text))


def test_relations_keep_rule_ids(analyzer):
    doc = analyze_document(RawDocument("d", "d.txt", "以科技创新推动产业创新。", "", "utf-8"), analyzer)
    assert {r.rule for r in doc.relations} == {"promotes.yi-verb"}


def test_relations_said_attributes_a_quotation_to_the_speaker(analyzer):
    text = "2024年3月5日，习近平总书记在参加十四届全国人大二次会议江苏代表团审议时强调：“要牢牢把握高质量发展这个首要任务。”"
    doc = analyze_document(RawDocument("d", "d.txt", text, "", "utf-8"), analyzer)
    said = [(r.head.label, r.tail.label, r.rule) for r in doc.relations if r.predicate == "said"]
    assert said == [("习近平", "要牢牢把握高质量发展这个首要任务。", "said.quote")]
