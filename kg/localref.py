"""Local references in provincial and municipal documents: 我省, 省委, 省政府, 省科技厅.

A provincial department's report says 我省 and 省政府 rather than 广东 and
广东省人民政府. The document's home place is the first place named with 省/市 in
its head (title, sender, first lines); each local reference then becomes a
mention of that place or of its organ, labelled with the full name.

>>> home_place("广东省工业和信息化厅关于2024年工作情况的报告", home_pattern(["广东", "江苏"]))
('广东', '省')
>>> [(m.label, m.type) for m in local_mentions("全面落实省委部署，我省工业稳中向好", ("广东", "省"))]
[('中共广东省委', 'Organization'), ('广东', 'Place')]
"""

from __future__ import annotations

import re

from kg.model import Mention

_PLACE_REFS = re.compile(r"(?:我|全|本)(?P<level>省|市|区)(?![委长份会])")
# 省委 / 省政府 / 省人民政府办公厅 / 省科技厅 / 省发展改革委. A full name (广东省委) is found by the
# entity rules first, and a local reference never overrides a mention already there.
_ORGAN_REFS = re.compile(
    r"(?<![全我本各外])(?P<level>省|市)(?P<organ>委|人民政府办公厅|政府办公厅|人民政府|政府|"
    r"[\u4e00-\u9fff]{2,8}?(?:厅|局|委员会|委))(?![\u4e00-\u9fff]{0,1}(?:员|书记|常委))")
_FULL_ORGANS = {"委": "中共{place}{level}委", "政府": "{place}{level}人民政府", "人民政府": "{place}{level}人民政府",
                "政府办公厅": "{place}{level}人民政府办公厅", "人民政府办公厅": "{place}{level}人民政府办公厅"}


def home_pattern(places: list[str]) -> re.Pattern:
    """One regex for ``X省``/``X市``/``X自治区`` over all place names (longest name first)."""
    names = "|".join(re.escape(p) for p in sorted(set(places), key=lambda p: (-len(p), p)))
    return re.compile(rf"(?P<place>{names or '(?!)'})(?P<level>省|市|自治区)")


def home_place(head: str, pattern: re.Pattern) -> tuple[str, str] | None:
    """The (place, level) the document speaks for: the first ``X省``/``X市`` in its head."""
    match = pattern.search(head)
    return (match.group("place"), match.group("level")) if match else None


def local_mentions(text: str, home: tuple[str, str] | None) -> list[Mention]:
    """Mentions of the home place and its organs referred to without the place name."""
    if home is None:
        return []
    place, level = home
    found = [Mention(m.group(0), "Place", place, m.start(), m.end(), "localref.place")
             for m in _PLACE_REFS.finditer(text) if m.group("level") == level]
    for m in _ORGAN_REFS.finditer(text):
        if m.group("level") != level:
            continue
        template = _FULL_ORGANS.get(m.group("organ"), "{place}{level}" + m.group("organ"))
        label = template.format(place=place, level=level)
        found.append(Mention(m.group(0), "Organization", label, m.start(), m.end(), "localref.organ"))
    return sorted(found, key=lambda m: (m.start, m.end))


def add_local_mentions(text: str, mentions: tuple[Mention, ...], home: tuple[str, str] | None) -> tuple[Mention, ...]:
    """Add local references that do not overlap a mention already found."""
    new = [m for m in local_mentions(text, home) if not any(o.start < m.end and m.start < o.end for o in mentions)]
    return tuple(sorted((*mentions, *new), key=lambda m: (m.start, m.end))) if new else mentions
