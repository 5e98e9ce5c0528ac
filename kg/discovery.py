"""Entities beyond the lexicon, and short forms merged into their full names.

* :func:`discover_members` reads enumerations that end in a known category
  (新能源、新材料、先进制造等战略性新兴产业; 以X、Y为代表的Z; Z包括X、Y) and
  turns unknown list items into entities of the category's type.
* :func:`merge_short_forms` maps a short event or document name to the full
  name used elsewhere in the same document (三中全会 -> 党的二十届三中全会).

>>> from kg.model import Mention
>>> cat = Mention("战略性新兴产业", "Industry", "战略性新兴产业", 14, 21, "lexicon.x")
>>> [m.label for m in discover_members("积极培育海洋牧场、商业遥感等战略性新兴产业", (cat,), None)][:2]
['海洋牧场', '商业遥感']
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from typing import Iterable

from kg.model import EntityKey, Mention, Sentence

_ITEM_SPLIT = re.compile(r"、|以及|和|及|与|或")
_BOUNDARY = "，。；：！？（）()“”\"《》\n"
_ITEM = re.compile(r"^(?:[\u4e00-\u9fff]{3,12}|[\u4e00-\u9fffA-Za-z0-9.\-]*[A-Za-z0-9][\u4e00-\u9fffA-Za-z0-9.\-]*)$")
_SHORT_ITEM = re.compile(r"^[\u4e00-\u9fff]{2}$")
_BAD_ITEM = re.compile(r"^(?:了|是|在|着|把|被|将|对|从|为|于)|等|的(?!集团|公司)|我们|加快|推动|发展|培育|建设|实施|加强|推进|积极|大力|"
                       r"重点|促进|提升|壮大|布局|打造|构建|形成|实现|强化|深化|完善|健全|支持|鼓励|引导|进一步")
_LEADS = (
    (re.compile(r"(?:等等|等)(?:一批|一系列|众多|多个|[一二三四五六七八九十]+大|[一二三四五六七八九十]+个)?$"), "before"),
    (re.compile(r"以(?P<list>[^以为，。；]{2,80})为代表的$"), "yi"),
)
_LEADING_VERB = re.compile(r"^(?:聚焦|激发|促使|而今|如今|推动|发展|培育|加快|积极|大力|重点|包括|例如|比如|诸如|如|以|将|把|对|在|"
                           r"使|让|由|从|与|和|及|是|有|向|涉及|围绕|面向|布局|瞄准|壮大|打造|推进)+")
_AFTER = re.compile(r"^(?:的)?(?:主要|具体)?(?:包括|包含|涵盖)[:：]?")
_CATEGORY_TYPES = ("Industry", "Concept", "Policy")
# Items that describe (知识技术密集, 资源消耗少) rather than name; items that name a field by its head word.
_DESCRIPTIVE = re.compile(r"(?:多|少|高|低|大|小|强|弱|好|快|慢|优|密集|明显|显著)$")
_INDUSTRY_HEAD = re.compile(r"(?:产业|行业|制造|制造业|技术|能源|材料|装备|通讯|通信|经济|医药|器械|芯片|软件|电池|机器人|计算|服务业)$")


# A category named after 等 that no lexicon lists: 等战略性产业, 等新一代智能终端, 等重大改革.
_CATEGORY_AFTER_LIST = re.compile(
    r"、[^、，。；：！？\n]{1,14}(?:等等|等)(?:一批|一系列|众多|多个)?"
    r"(?P<cat>[\u4e00-\u9fff]{1,8}?(?P<head>产业|行业|技术|终端|装备|制造业|服务业|经济|业态|材料|"
    r"改革|工程|计划|政策|战略|行动|举措|要素|模式))(?=[，。；、的和与及以发展在为是加快等]|$)")
_VAGUE_START = re.compile(r"^(?:重大|主要|重点|各类|相关|有关|其他|其它|多种|各种|若干|一些|这些|上述|以上|不同)")
_HEAD_TYPES = {"改革": "Policy", "工程": "Policy", "计划": "Policy", "政策": "Policy", "战略": "Policy",
               "行动": "Policy", "举措": "Policy", "要素": "Concept", "模式": "Concept", "业态": "Concept"}


def discover_categories(text: str, mentions: tuple[Mention, ...], generic: frozenset[str]) -> tuple[Mention, ...]:
    """Add the category that closes an enumeration when no lexicon names it.

    >>> [m.label for m in discover_categories("完善新能源、新材料、量子科技等战略性产业发展政策", (), frozenset())]
    ['战略性产业']
    """
    new = []
    for match in _CATEGORY_AFTER_LIST.finditer(text):
        label, start, end = match.group("cat"), match.start("cat"), match.end("cat")
        if len(label) < 3 or label in generic or _VAGUE_START.match(label) \
                or _BAD_ITEM.search(label[:-len(match.group("head"))] or "x"):
            continue
        if not any(m.start < end and start < m.end for m in mentions):
            new.append(Mention(label, _HEAD_TYPES.get(match.group("head"), "Industry"), label, start, end,
                               "discover.category"))
    return tuple(sorted((*mentions, *new), key=lambda m: (m.start, m.end))) if new else mentions


# 华为、比亚迪、广汽集团等龙头企业: a generic head noun after 等 still tells the members' type.
_TYPED_TAIL = re.compile(r"(?:等等|等)(?P<q>一系列|一批|众多|多家|[\u4e00-\u9fff]{0,4}?)"
                         r"(?P<noun>企业|公司|集团|机构|座谈会|会议|论坛|国家|省份|城市)")
_TAIL_TYPES = {"企业": "Organization", "公司": "Organization", "集团": "Organization", "机构": "Organization",
               "座谈会": "Event", "会议": "Event", "论坛": "Event", "国家": "Place", "省份": "Place", "城市": "Place"}


def discover_typed_lists(text: str, generic: frozenset[str], segmenter) -> list[Mention]:
    """Members of lists closed by a generic noun (X、Y等企业), typed by that noun.

    >>> [(m.label, m.type) for m in discover_typed_lists("亿航智能、小鹏汇天、大疆创新等企业加快研发", frozenset(), None)]
    [('亿航智能', 'Organization'), ('小鹏汇天', 'Organization'), ('大疆创新', 'Organization')]
    """
    found = []
    for match in _TYPED_TAIL.finditer(text):
        anchor = match.start() + (2 if text.startswith("等等", match.start()) else 1)
        tail = Mention(match.group("noun"), _TAIL_TYPES[match.group("noun")], "", anchor, match.end(), "")
        found += [m for m in _list_items(text, tail, generic, segmenter, min_han=2) if not m.label.endswith(("化", "性"))]
    return found


def discover_members(text: str, mentions: tuple[Mention, ...], extractor) -> tuple[Mention, ...]:
    """Add unknown members of enumerations that end in a known category."""
    generic = extractor.generic if extractor is not None else frozenset()
    segmenter = extractor.segmenter if extractor is not None else None
    mentions = discover_categories(text, mentions, generic)
    new: list[Mention] = discover_typed_lists(text, generic, segmenter)
    for cat in mentions:
        if cat.type in _CATEGORY_TYPES:
            new += _list_items(text, cat, generic, segmenter)
    if not new:
        return mentions
    return _merge(mentions, new)


def _list_items(text: str, cat: Mention, generic: frozenset[str], segmenter=None, min_han: int = 3) -> list[Mention]:
    before = text[:cat.start]
    for pattern, kind in _LEADS:
        match = pattern.search(before)
        if match:
            if kind == "yi":
                return _items(text, match.start("list"), match.end("list"), cat, generic, segmenter, min_han)
            end = match.start()
            start = max((before.rfind(ch, 0, end) for ch in _BOUNDARY), default=-1) + 1
            return _items(text, start, end, cat, generic, segmenter, min_han)
    after = _AFTER.match(text[cat.end:])
    if after:
        start = cat.end + after.end()
        stops = [i for i in (text.find(ch, start) for ch in "，。；：！？（") if i >= 0]
        return _items(text, start, min(stops, default=len(text)), cat, generic, segmenter, min_han)
    return []


def _strip_leading_words(item: str, segmenter) -> str:
    """Drop leading verbs, adverbs and function words (先后出现电脑 -> 电脑) using jieba POS tags."""
    if segmenter is None or len(item) < 4:
        return item
    for token in segmenter.doc(item):
        if token.tag_[:1] not in ("v", "d", "p", "c", "r", "u", "m", "q", "f", "t") or token.tag_ == "vn":
            return item[token.idx:]
    return ""


def _items(text: str, start: int, end: int, cat: Mention, generic: frozenset[str],
           segmenter=None, min_han: int = 3) -> list[Mention]:
    region = text[start:end]
    if not any(sep in region for sep in "、和及与"):
        return []  # one item is not an enumeration
    items, pos = [], start
    pieces = _ITEM_SPLIT.split(region)
    # 钢铁、有色、石化、化工、建材等传统产业: in a long list of industries a two-character item is a name
    short_ok = (cat.type == "Industry" and len(pieces) >= 3) or min_han <= 2
    for piece in pieces:
        offset = text.find(piece, pos) if piece else pos
        pos = offset + len(piece)
        item = piece.strip("“”\"‘’ ")
        if offset == start:  # the first item may carry the verb that governs the list (培育X、Y等Z)
            item = _strip_leading_words(_LEADING_VERB.sub("", item), segmenter)
        if (_ITEM.match(item) or (short_ok and _SHORT_ITEM.match(item))) and not _BAD_ITEM.search(item) and not _DESCRIPTIVE.search(item) \
                and item not in generic and item != cat.label:
            item_start = offset + piece.find(item)
            type_ = "Industry" if _INDUSTRY_HEAD.search(item) and cat.type != "Organization" else cat.type
            items.append(Mention(item, type_, item, item_start, item_start + len(item), "discover.enumeration"))
    return items


def _merge(mentions: tuple[Mention, ...], new: list[Mention]) -> tuple[Mention, ...]:
    """Add discovered items that do not cross an existing mention; they replace mentions inside them."""
    kept = list(mentions)
    for item in new:
        inside = [m for m in kept if item.start <= m.start and m.end <= item.end]
        crossing = [m for m in kept if m.start < item.end and item.start < m.end and m not in inside]
        if crossing or any(m.end == item.end for m in inside):
            continue  # a known name ends the item: keep it rather than a longer unknown one
        kept = [m for m in kept if m not in inside] + [item]
    return tuple(sorted(kept, key=lambda m: (m.start, m.end)))


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
        if len(longer) == 1 or (longer and all(n.endswith(min(longer, key=len)) for n in longer)):
            result[short] = min(longer, key=len) if len(longer) > 1 else longer[0]
    return result
