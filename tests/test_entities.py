"""Entity stage: lexicon + rules + titles + dates + token patterns, longest match wins."""

from __future__ import annotations

import pytest

from kg.dates import DateAnchor
from kg.entities import classify_title


def _found(analyzer, text, anchor=DateAnchor()):
    mentions, _ = analyzer.entities.sentence_mentions(text, anchor)
    return {(m.type, m.label) for m in mentions}


# fmt: off
CASES = [
    ("积极培育新能源、新材料、先进制造、电子信息等战略性新兴产业", ("Industry", "战略性新兴产业")),
    ("新质生产力是符合高质量发展要求的生产力", ("Concept", "新质生产力")),
    ("马克思在《资本论》中指出", ("Source", "资本论")),
    ("马克思在《资本论》中指出", ("Person", "马克思")),
    ("2024年7月，党的二十届三中全会通过的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》",
     ("Policy", "中共中央关于进一步全面深化改革、推进中国式现代化的决定")),
    ("2023年12月11日至12日，习近平总书记在中央经济工作会议上强调", ("Event", "2023年中央经济工作会议")),
    ("2023年12月11日至12日，习近平总书记在中央经济工作会议上强调", ("Date", "2023-12-11/2023-12-12")),
    ("中央经济工作会议部署2024年经济工作时提出", ("Event", "2023年中央经济工作会议")),
    ("2024年的《政府工作报告》部署的工作任务之首", ("Policy", "2024年政府工作报告")),
    ("华为公司创始人任正非指出", ("Person", "任正非")),
    ("张来明 国务院发展研究中心党组成员、副主任", ("Organization", "国务院发展研究中心")),
    ("我国已进入创新型国家行列", ("Place", "中国")),
]
# fmt: on


@pytest.mark.parametrize("text, expected", CASES)
def test_entities_found(analyzer, text, expected):
    assert expected in _found(analyzer, text)


@pytest.mark.parametrize("text, absent", [
    ("以科技创新推动中国式现代化", ("Place", "中国")),          # 中国 inside 中国式现代化
    ("积极培育战略性新兴产业", ("Industry", "新兴产业")),        # longest match wins
    ("没有蒸汽机和珍妮走锭精纺机就不能消灭奴隶制", ("Person", "珍妮")),
    ("大约每隔100年，就会发生一次科学革命", ("Date", "100")),
])
def test_entities_not_found(analyzer, text, absent):
    assert absent not in _found(analyzer, text)


def test_entities_relative_year_needs_an_anchor(analyzer):
    assert ("Event", "2024年全国两会") in _found(analyzer, "今年两会期间，总书记强调", DateAnchor(doc_year=2024))


@pytest.mark.parametrize("title, type_", [
    ("关键原材料法案", "Policy"), ("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要", "Policy"),
    ("共产党宣言", "Source"), ("新疆师范大学学报（哲学社会科学版）", "Source"), ("人民日报", "Source"),
])
def test_entities_title_head_word(title, type_):
    assert classify_title(title) == type_


@pytest.mark.parametrize("text, expected", [
    ("省委书记黄坤明、省长王伟中出席会议", ("Person", "王伟中")),
    ("杭州宇树科技有限公司发布新一代机器人", ("Organization", "杭州宇树科技")),
    ("实施制造业重点产业链高质量发展行动", ("Policy", "制造业重点产业链高质量发展行动")),
    ("广东省科学技术厅印发通知", ("Organization", "广东省科学技术厅")),
    ("同年7月在上海举行的2024世界人工智能大会发表了宣言", ("Event", "2024世界人工智能大会")),
    ("所谓数据要素，是指以电子方式记录的数据资源", ("Concept", "数据要素")),
])
def test_entities_found_by_general_rules(analyzer, text, expected):
    assert expected in _found(analyzer, text)
