"""Discovery: categories, list members and quoted terms beyond the lexicon."""

from __future__ import annotations

import pytest

from kg.dates import DateAnchor
from kg.discovery import ListContext, discover_categories, discover_typed_lists, quoted_candidates


def _mentions(analyzer, text):
    mentions, _ = analyzer.entities.sentence_mentions(text, DateAnchor())
    from kg.discovery import discover_members

    return {(m.type, m.label, m.rule) for m in discover_members(text, mentions, analyzer.entities)}


# fmt: off
CASES = [
    ("完善推动新一代信息技术、人工智能、航空航天、量子科技等战略性产业发展的政策", ("Industry", "战略性产业", "discover.category")),
    ("大力发展智能网联新能源汽车、人工智能手机、智能机器人等新一代智能终端以及智能制造装备",
     ("Industry", "新一代智能终端", "discover.category")),
    ("以大规模设备更新推动钢铁、有色、石化、化工、建材等传统产业加快转型升级", ("Industry", "有色", "discover.enumeration")),
    ("华为、比亚迪、峰飞航空、沃飞长空等龙头企业带动作用明显", ("Organization", "沃飞长空", "discover.enumeration")),
    ("以深度求索、宇树科技、蓝箭航天、天兵科技为代表的“六小龙”", ("Organization", "天兵科技", "discover.enumeration")),
]
# fmt: on


@pytest.mark.parametrize("text, expected", CASES)
def test_discovery_finds(analyzer, text, expected):
    assert expected in _mentions(analyzer, text)


@pytest.mark.parametrize("text", [
    "要从以下几个方面、措施等方面入手",          # a generic noun closes the list
    "推动数字化、智能化等企业转型",              # qualities, not companies
    "在各领域不断涌现颠覆性技术等新情况",        # not a noun phrase
])
def test_discovery_leaves_generic_lists_alone(analyzer, text):
    assert not {r for _, _, r in _mentions(analyzer, text) if r.startswith("discover.")}


def test_discovery_categories_reject_vague_heads():
    assert discover_categories("推进教育、科技、人才等重大改革", (), frozenset()) == ()


def test_discovery_typed_list_types_members_by_the_closing_noun():
    found = discover_typed_lists(ListContext("先后召开企业家座谈会、科学家座谈会等一系列座谈会"))
    assert {(m.label, m.type) for m in found} >= {("科学家座谈会", "Event")}


def test_discovery_quoted_candidates_skip_plan_periods_and_particles():
    labels = [m.label for m in quoted_candidates("“十四五”时期启动“算力券”，“好了”", (), frozenset())]
    assert labels == ["算力券"]
