"""Local references in provincial documents resolve to the home province."""

from __future__ import annotations

import pytest

from kg.document import analyze_document
from kg.localref import home_pattern, home_place, local_mentions
from kg.model import RawDocument

PATTERN = home_pattern(["广东", "江苏", "深圳"])


@pytest.mark.parametrize("head, home", [
    ("广东省工业和信息化厅关于2024年前三季度工作情况的报告", ("广东", "省")),
    ("深圳市人民政府关于印发行动方案的通知", ("深圳", "市")),
    ("发展新质生产力，推动高质量发展", None),
])
def test_localref_home_place(head, home):
    assert home_place(head, PATTERN) == home


# fmt: off
@pytest.mark.parametrize("text, expected", [
    ("全面落实省委部署", ("中共广东省委", "Organization")),
    ("现将有关情况报告省政府", ("广东省人民政府", "Organization")),
    ("会同省科技厅推进", ("广东省科技厅", "Organization")),
    ("我省工业经济稳中向好", ("广东", "Place")),
])
# fmt: on
def test_localref_mentions(text, expected):
    assert expected in {(m.label, m.type) for m in local_mentions(text, ("广东", "省"))}


def test_localref_in_a_whole_document(analyzer):
    text = "广东省工业和信息化厅关于2024年工作情况的报告\n\n省人民政府：\n\n我厅会同省财政厅推动全省制造业高质量发展。"
    doc = analyze_document(RawDocument("gd", "gd.txt", text, "", "utf-8"), analyzer)
    labels = {(m.label, m.type) for sa in doc.sentences for m in sa.mentions}
    assert {("广东省财政厅", "Organization"), ("广东", "Place"), ("广东省人民政府", "Organization")} <= labels
