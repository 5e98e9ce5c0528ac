"""Tests for kg.dates: date mentions and their EDTF values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.dates import DateAnchor, find_dates

NONE = DateAnchor()
Y2024 = DateAnchor(doc_year=2024)
LAST2024 = DateAnchor(last_year=2024)
SEEDS = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def _pairs(text: str, anchor: DateAnchor = NONE) -> list[tuple[str, str]]:
    return [(m.surface, m.edtf) for m in find_dates(text, anchor)[0]]


# fmt: off
EXPLICIT = [
    # seed sentences
    ("2023年12月11日至12日，习近平总书记在中央经济工作会议上强调", [("2023年12月11日至12日", "2023-12-11/2023-12-12")]),
    ("一轮肇始于19世纪70年代，以电力和内燃机为标志；一轮肇始于20世纪70年代", [("19世纪70年代", "187X"), ("20世纪70年代", "197X")]),
    ("2023年9月，习近平总书记在黑龙江考察时首次提出“新质生产力”", [("2023年9月", "2023-09")]),
    ("2024年1月31日，总书记在主持二十届中央政治局第十一次集体学习时系统阐述", [("2024年1月31日", "2024-01-31")]),
    ("2024年全国“两会”期间，习近平总书记强调", [("2024年", "2024")]),
    ("党的二十大报告明确了到2035年我国发展的总体目标", [("2035年", "2035")]),
    ("18世纪以来，大约每隔100年，就会发生一次科学革命", [("18世纪", "17XX")]),
    ("19世纪末，电力的发现和使用引发第二次科技革命", [("19世纪末", "18XX")]),
    ("进入21世纪以来，全球科技创新进入空前密集活跃的时期", [("21世纪", "20XX")]),
    ("截至2024年底，我国生成式人工智能服务大模型", [("2024年底", "2024")]),
    ("2023年末我国人口比上年末减少208万人", [("2023年末", "2023")]),
    ("《马克思恩格斯文集》（第5卷），北京：人民出版社，2009年版，第210页。", [("2009年", "2009")]),
    ("（转载自《求是》2024年第9期）", [("2024年", "2024")]),
    ("2023年我国GDP增速为5.2%，2024年预计为5%左右", [("2023年", "2023"), ("2024年", "2024")]),
    ("2024年7月党的二十届三中全会将其写入《决定》，12月中央经济工作会议将其列为首要任务",
     [("2024年7月", "2024-07"), ("12月", "2024-12")]),
    ("中央经济工作会议部署2024年经济工作时提出", [("2024年", "2024")]),
    # Chinese numerals and full-width digits
    ("二〇二四年三月五日", [("二〇二四年三月五日", "2024-03-05")]),
    ("一九四九年十月一日，中华人民共和国成立", [("一九四九年十月一日", "1949-10-01")]),
    ("二十一世纪是海洋的世纪", [("二十一世纪", "20XX")]),
    ("２０２４年３月５日", [("２０２４年３月５日", "2024-03-05")]),
    # intervals
    ("2023－2025年", [("2023－2025年", "2023/2025")]),
    ("2023—2025年", [("2023—2025年", "2023/2025")]),
    ("2023至2025年", [("2023至2025年", "2023/2025")]),
    ("2023-2025年", [("2023-2025年", "2023/2025")]),
    ("从2012年到2022年的十年间", [("2012年到2022年", "2012/2022")]),
    ("《“十四五”规划（2021—2025年）》", [("2021—2025年", "2021/2025")]),
    ("2024年3月至5月", [("2024年3月至5月", "2024-03/2024-05")]),
    ("2024年1—9月，全国规模以上工业增加值同比增长5.8%", [("2024年1—9月", "2024-01/2024-09")]),
    ("2023年12月11日至2024年1月5日", [("2023年12月11日至2024年1月5日", "2023-12-11/2024-01-05")]),
    ("2024年5月至3月", [("2024年5月", "2024-05"), ("3月", "2024-03")]),  # backwards: no interval
    # quarters and halves (EDTF level 2 sub-year groupings 33..36 = Q1..Q4)
    ("2024年一季度国内生产总值同比增长5.3%", [("2024年一季度", "2024-33")]),
    ("2024年第一季度", [("2024年第一季度", "2024-33")]),
    ("2024年第四季度", [("2024年第四季度", "2024-36")]),
    ("2024年上半年", [("2024年上半年", "2024-01/2024-06")]),
    ("2024年下半年", [("2024年下半年", "2024-07/2024-12")]),
    ("2024年前三季度", [("2024年前三季度", "2024-01/2024-09")]),
    # decades and centuries
    ("20世纪70年代", [("20世纪70年代", "197X")]),
    ("二十世纪八十年代末", [("二十世纪八十年代末", "198X")]),
    ("1990年代", [("1990年代", "199X")]),
    ("20世纪八九十年代", [("20世纪八九十年代", "1980/1999")]),
    ("21世纪", [("21世纪", "20XX")]),
    # ISO-like dates and year qualifiers
    ("发布日期：2024-03-05", [("2024-03-05", "2024-03-05")]),
    ("2024.03.05", [("2024.03.05", "2024-03-05")]),
    ("2024/3/5", [("2024/3/5", "2024-03-05")]),
    ("确保2035年前实现", [("2035年", "2035")]),
    ("2024年初步形成", [("2024年", "2024")]),
    ("2024年度报告", [("2024年度", "2024")]),
    ("2024年3月上旬", [("2024年3月上旬", "2024-03")]),
    ("2020年代表团", [("2020年", "2020")]),
    ("2024年2月30日", [("2024年", "2024")]),  # no such day: keep only the year
]

REJECTED = [
    "光伏组件产量连续16年位居全球首位",
    "大约每隔100年，就会发生一次科学革命",
    "可探索建立12年一贯制基础教育体制",
    "特别是近30年来，先后出现",
    "十年累计研发投入超过1万亿元",
    "经过改革开放40多年的高速发展",
    "平均受教育年限达14年",
    "24小时不间断生产",
    "5年内完成",
    "十四届全国人大二次会议",
    "二十届中央政治局第十一次集体学习",
    "第700万辆新能源汽车下线",
    "进入全球前10名",
    "近年来，我国科技创新成果丰硕",
    "当前，新一轮科技革命和产业变革蓬勃兴起",
    "目前，我国已经形成",
    "中国特色社会主义进入新时代",
    "长期以来形成的发展方式",
    "70年代末",
    "公元前1046年",
    "长达1000年之久",
    "3000年",
    "5000多年文明史",
    "研发人员全时当量达720万人年",
    "北京：人民出版社，第210页",
    "公元前5世纪",
    "版本号3024-03-05",
    "增长1.2024年",
]

RELATIVE = [
    # (text, anchor, expected)
    ("同年12月召开的中央经济工作会议", LAST2024, [("同年12月", "2024-12")]),
    ("同年12月召开的中央经济工作会议", NONE, []),
    ("今年两会期间，总书记参加他所在的十四届全国人大二次会议江苏代表团审议时强调", Y2024, [("今年", "2024")]),
    ("今年两会期间，总书记参加他所在的十四届全国人大二次会议江苏代表团审议时强调", NONE, []),
    ("习近平总书记3月5日在参加十四届全国人大二次会议江苏代表团审议时强调", LAST2024, [("3月5日", "2024-03-05")]),
    ("习近平总书记3月5日在参加十四届全国人大二次会议江苏代表团审议时强调", NONE, []),
    ("3月5日下午，习近平总书记在参加江苏代表团审议时强调", Y2024, [("3月5日", "2024-03-05")]),
    ("去年我国经济回升向好", Y2024, [("去年", "2023")]),
    ("明年是“十四五”规划收官之年", Y2024, [("明年", "2025")]),
    ("今年上半年", Y2024, [("今年上半年", "2024-01/2024-06")]),
    ("前三季度，国内生产总值增长4.8%", Y2024, [("前三季度", "2024-01/2024-09")]),
    ("上半年，规模以上工业增加值增长6.0%", Y2024, [("上半年", "2024-01/2024-06")]),
    ("上半年，规模以上工业增加值增长6.0%", NONE, []),
    ("当年新增就业1200万人", LAST2024, [("当年", "2024")]),
    ("次年，该项目正式投产", LAST2024, [("次年", "2025")]),
    ("同月，国务院印发通知", DateAnchor(last_year=2024, last_month=7), [("同月", "2024-07")]),
    ("12月11日至12日召开", LAST2024, [("12月11日至12日", "2024-12-11/2024-12-12")]),
    ("到本世纪中叶全面建成社会主义现代化强国", Y2024, [("本世纪中叶", "20XX")]),
    ("到本世纪中叶全面建成社会主义现代化强国", NONE, []),
    ("上世纪80年代", Y2024, [("上世纪80年代", "198X")]),
    # words that only look relative
    ("如今年轻人更愿意创业", Y2024, []),
    ("过去年均增长6%", Y2024, []),
    ("说明年度预算安排", Y2024, []),
    ("不同年龄段的人群", LAST2024, []),
    ("相当年轻的企业", LAST2024, []),
    ("此次年会聚焦人工智能", LAST2024, []),
    ("每年3月召开全国两会", Y2024, []),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), EXPLICIT)
def test_dates_explicit(text: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text) == expected


@pytest.mark.parametrize("text", REJECTED)
def test_dates_rejected(text: str) -> None:
    assert _pairs(text, Y2024) == []


@pytest.mark.parametrize(("text", "anchor", "expected"), RELATIVE)
def test_dates_relative(text: str, anchor: DateAnchor, expected: list[tuple[str, str]]) -> None:
    assert _pairs(text, anchor) == expected


# fmt: off
@pytest.mark.parametrize(("text", "anchor", "rule"), [
    ("2024年1月31日", NONE, "date.ymd"),
    ("2023年9月", NONE, "date.ym"),
    ("2024年", NONE, "date.year"),
    ("二〇二四年三月五日", NONE, "date.cn-numeral"),
    ("2023—2025年", NONE, "date.range"),
    ("2024年一季度", NONE, "date.quarter"),
    ("20世纪70年代", NONE, "date.decade"),
    ("18世纪", NONE, "date.century"),
    ("2024-03-05", NONE, "date.iso"),
    ("今年", Y2024, "date.relative-year"),
    ("同年12月", LAST2024, "date.same-year"),
    ("3月5日", LAST2024, "date.md-anchored"),
    ("本世纪", Y2024, "date.relative-century"),
    ("同月", DateAnchor(last_year=2024, last_month=7), "date.same-month"),
])
# fmt: on
def test_dates_rule_ids(text: str, anchor: DateAnchor, rule: str) -> None:
    (mention,), _ = find_dates(text, anchor)
    assert mention.rule == rule


def test_dates_mention_fields() -> None:
    text = "据报道，2024年3月5日下午召开会议"
    (m,), _ = find_dates(text, NONE)
    assert (m.type, m.label, m.edtf) == ("Date", "2024-03-05", "2024-03-05")
    assert text[m.start : m.end] == m.surface == "2024年3月5日"


def test_dates_anchor_defaults() -> None:
    assert DateAnchor() == DateAnchor(doc_year=None, last_year=None, last_month=None)
    assert find_dates("没有日期的句子") == ((), DateAnchor())


def test_dates_anchor_is_latest_explicit_date() -> None:
    _, after = find_dates("2023年9月提出，2024年7月写入《决定》", Y2024)
    assert after == DateAnchor(doc_year=2024, last_year=2024, last_month=7)
    _, after = find_dates("2024年3月，将其列为2025年经济工作的首要任务", NONE)
    assert after == DateAnchor(last_year=2025, last_month=None)
    _, after = find_dates("2023年12月11日至12日召开", NONE)
    assert after == DateAnchor(last_year=2023, last_month=12)


def test_dates_relative_dates_leave_anchor_alone() -> None:
    anchor = DateAnchor(doc_year=2025, last_year=2024, last_month=7)
    assert find_dates("同年12月召开的中央经济工作会议，今年两会期间", anchor)[1] == anchor


def test_dates_anchor_carried_across_sentences() -> None:
    sentences = [
        "2024年7月，党的二十届三中全会将其写入《决定》。",
        "同年12月召开的中央经济工作会议，将其列为2025年经济工作的首要任务。",
        "3月5日下午，总书记参加江苏代表团审议。",
    ]
    anchor, found = DateAnchor(), []
    for sentence in sentences:
        mentions, anchor = find_dates(sentence, anchor)
        found += [(m.surface, m.edtf) for m in mentions]
    assert found == [("2024年7月", "2024-07"), ("同年12月", "2024-12"), ("2025年", "2025"), ("3月5日", "2025-03-05")]


def test_dates_this_year_prefers_document_year() -> None:
    anchor = DateAnchor(doc_year=2024, last_year=2019)
    assert _pairs("今年3月5日", anchor) == [("今年3月5日", "2024-03-05")]
    assert _pairs("3月5日", anchor) == [("3月5日", "2019-03-05")]


def test_dates_anchor_within_sentence() -> None:
    text = "2024年7月党的二十届三中全会召开，同年12月召开中央经济工作会议"
    assert _pairs(text) == [("2024年7月", "2024-07"), ("同年12月", "2024-12")]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_dates_seed_mentions_well_formed(path: Path) -> None:
    text = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
    anchor = Y2024
    for sentence in re.split(r"(?<=[。！？；])", text):
        mentions, anchor = find_dates(sentence, anchor)
        starts = [m.start for m in mentions]
        assert starts == sorted(starts)
        assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
        assert all(sentence[m.start : m.end] == m.surface for m in mentions)
        assert all(re.fullmatch(r"[\dX]{4}(-\d\d){0,2}(/[\dX]{4}(-\d\d){0,2})?", m.edtf) for m in mentions)
