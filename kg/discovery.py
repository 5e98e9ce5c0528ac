"""Entities beyond the lexicon, found in enumerations.

* :func:`discover_categories` names the category that closes or opens a list
  when no lexicon lists it (…等战略性产业; 区域重大战略包括…).
* :func:`discover_typed_lists` types the members of lists closed by a generic
  noun (华为、比亚迪等龙头企业 -> Organizations).
* :func:`discover_members` turns unknown items of enumerations that end in a
  category (新能源、新材料等战略性新兴产业; 以X、Y为代表的Z; Z包括X、Y) into
  entities; their type is the one most known items of the list share, else the
  category's.

>>> from kg.model import Mention
>>> cat = Mention("战略性新兴产业", "Industry", "战略性新兴产业", 14, 21, "lexicon.x")
>>> [m.label for m in discover_members("积极培育海洋牧场、商业遥感等战略性新兴产业", (cat,), None)][:2]
['海洋牧场', '商业遥感']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kg.model import Mention

_ITEM_SPLIT = re.compile(r"、|以及|和|及|与|或")
_SEPARATORS = ("、", "和", "及", "与", "或")
_BOUNDARY = "，。；：！？（）()“”\"《》\n"
_ITEM = re.compile(r"^(?:[\u4e00-\u9fff]{3,12}|[\u4e00-\u9fffA-Za-z0-9.\-]*[A-Za-z0-9][\u4e00-\u9fffA-Za-z0-9.\-]*)$")
_COUNTED_TAIL = re.compile(r"[一二两三四五六七八九十]+(?:大|个|项|类)(?:部分|方面|领域|类别|板块|方向)?$")
_SHORT_ITEM = re.compile(r"^[\u4e00-\u9fff]{2}$")
_BAD_ITEM = re.compile(r"^(?:了|是|在|着|把|被|将|对|从|为|于|\d)|等|的(?!集团|公司)|我们|加快|推动|发展|培育|建设|实施|加强|推进|积极|大力|"
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
_HEADS = (r"(?P<head>产业集群|集群|产业|行业|技术|终端|装备|制造业|服务业|经济|业态|材料|工具|改革|工程|计划|政策|战略|"
          r"行动|举措|目标|要素|模式)")
_CATEGORY_AFTER_LIST = re.compile(
    r"(?:、[^、，。；：！？\n]{1,14}(?:(?:等等|等)(?:一批|一系列|众多|多个|\d+个|[一二三四五六七八九十两]+(?:个|大))?"
    r"|[一二三四五六七八九十两]+大)|为代表的)"
    rf"(?P<cat>[\u4e00-\u9fff]{{1,10}}?{_HEADS})(?=[，。；、的和与及以发展在为是加快等对占增带成]|$)")
# 区域重大战略包括京津冀协同发展、…: an unknown category that opens a 包括 list.
_CATEGORY_BEFORE_LIST = re.compile(rf"(?:^|[，。；：])(?P<cat>[\u4e00-\u9fff]{{2,10}}?{_HEADS})(?:主要|具体)?包括")
_VAGUE_START = re.compile(r"^(?:重大|主要|重点|各类|相关|有关|其他|其它|多种|各种|若干|一些|这些|上述|以上|不同|方向|领域|方面)")
_HEAD_TYPES = {"改革": "Policy", "工程": "Policy", "计划": "Policy", "政策": "Policy", "战略": "Policy",
               "行动": "Policy", "举措": "Policy", "目标": "Policy", "要素": "Concept", "模式": "Concept",
               "业态": "Concept", "工具": "Concept"}


def discover_categories(text: str, mentions: tuple[Mention, ...], generic: frozenset[str],
                        segmenter=None) -> tuple[Mention, ...]:
    """Add the category that closes an enumeration when no lexicon names it.

    >>> [m.label for m in discover_categories("完善新能源、新材料、量子科技等战略性产业发展政策", (), frozenset())]
    ['战略性产业']
    """
    kept = list(mentions)
    matches = [*_CATEGORY_AFTER_LIST.finditer(text), *_CATEGORY_BEFORE_LIST.finditer(text)]
    for match in matches:
        label, start, end = match.group("cat"), match.start("cat"), match.end("cat")
        if len(label) < 3 or label in generic or _VAGUE_START.match(label) \
                or _BAD_ITEM.search(label[:-len(match.group("head"))] or "x") or not _noun_phrase(label, segmenter):
            continue
        inside = [m for m in kept if start <= m.start and m.end <= end]
        if any(m.start < end and start < m.end for m in kept if m not in inside) or \
                any((m.start, m.end) == (start, end) for m in inside):
            continue  # crosses a known name, or is one
        kept = [m for m in kept if m not in inside]  # 新一代智能终端 replaces the 智能终端 inside it
        kept.append(Mention(label, _HEAD_TYPES.get(match.group("head"), "Industry"), label, start, end,
                            "discover.category"))
    return tuple(sorted(kept, key=lambda m: (m.start, m.end)))


# 华为、比亚迪、广汽集团等龙头企业: a generic head noun after 等 still tells the members' type.
_TYPED_TAIL = re.compile(r"(?:等等|等)(?P<q>一系列|一批|众多|多家|[\u4e00-\u9fff]{0,4}?)"
                         r"(?P<noun>企业|公司|集团|机构|座谈会|会议|论坛|国家|省份|城市)")
_TAIL_TYPES = {"企业": "Organization", "公司": "Organization", "集团": "Organization", "机构": "Organization",
               "座谈会": "Event", "会议": "Event", "论坛": "Event", "国家": "Place", "省份": "Place", "城市": "Place"}


@dataclass(frozen=True)
class ListContext:
    """One sentence with what list reading needs: known mentions, generic words, the POS tagger."""

    text: str
    known: tuple[Mention, ...] = ()
    generic: frozenset[str] = frozenset()
    segmenter: object | None = None


def discover_typed_lists(ctx: ListContext) -> list[Mention]:
    """Members of lists closed by a generic noun (X、Y等企业), typed by that noun.

    >>> [(m.label, m.type) for m in discover_typed_lists(ListContext("亿航智能、小鹏汇天、大疆创新等企业加快研发"))]
    [('亿航智能', 'Organization'), ('小鹏汇天', 'Organization'), ('大疆创新', 'Organization')]
    """
    found = []
    for match in _TYPED_TAIL.finditer(ctx.text):
        anchor = match.start() + (2 if ctx.text.startswith("等等", match.start()) else 1)
        tail = Mention(match.group("noun"), _TAIL_TYPES[match.group("noun")], "", anchor, match.end(), "")
        found += [m for m in _list_items(ctx, tail, min_han=2) if not m.label.endswith(("化", "性"))]
    return found


def _noun_phrase(label: str, segmenter) -> bool:
    """True when no token of ``label`` is a verb, adverb, pronoun or function word (jieba POS)."""
    if segmenter is None:
        return True
    return all(t.tag_[:1] not in ("v", "d", "r", "p", "c", "u", "i", "l", "m") or t.tag_ == "vn"
               for t in segmenter.doc(label))


_NUMERALS = re.compile(r"[一二三四五六七八九十百千两]+")
_QUOTED = re.compile(r"[“\"](?P<x>[\u4e00-\u9fff]{2,8})[”\"]")


def quoted_candidates(text: str, mentions: tuple[Mention, ...], generic: frozenset[str]) -> tuple[Mention, ...]:
    """Quoted terms that are not yet entities (“东数西算”): concepts if several documents quote them.

    >>> [m.label for m in quoted_candidates("实施“东数西算”工程，“日不落帝国”", (), frozenset())]
    ['东数西算', '日不落帝国']
    """
    found = []
    for match in _QUOTED.finditer(text):
        label, start, end = match.group("x"), match.start(), match.end()
        if label in generic or label.endswith(("了", "的", "吗", "呢", "吧")) or _NUMERALS.fullmatch(label):
            continue  # “十四五” names a plan period, not a concept
        blocked = any(m.start < end and start < m.end and not (start <= m.start and m.end <= end and m.label != label)
                      for m in mentions)
        if not blocked:  # a known name inside the quotes (算力 in “算力券”) does not stop the longer term
            found.append(Mention(match.group(0), "Concept", label, start, end, "discover.repeated-quoted"))
    return tuple(found)


def _modifier(prefix: str, segmenter) -> bool:
    """True when ``prefix`` only qualifies the name after it (智能 in 智能机器人), never acts (融合, 促使)."""
    return all(t.tag_[:1] in ("n", "a", "b", "j") and t.tag_ != "vn" for t in segmenter.doc(prefix))


def discover_members(text: str, mentions: tuple[Mention, ...], extractor) -> tuple[Mention, ...]:
    """Add unknown members of enumerations (and categories no lexicon names)."""
    generic = extractor.generic if extractor is not None else frozenset()
    segmenter = extractor.segmenter if extractor is not None else None
    mentions = discover_categories(text, mentions, generic, segmenter)
    ctx = ListContext(text, mentions, generic, segmenter)
    new: list[Mention] = discover_typed_lists(ctx)
    for cat in mentions:
        if cat.type in _CATEGORY_TYPES:
            new += _list_items(ctx, cat)
    return _merge(mentions, new, segmenter) if new else mentions


def _list_items(ctx: ListContext, cat: Mention, min_han: int = 3) -> list[Mention]:
    """The items of the list that ``cat`` closes (…等Z, 以…为代表的Z) or opens (Z包括…)."""
    text, before = ctx.text, ctx.text[:cat.start]
    for pattern, kind in _LEADS:
        match = pattern.search(before)
        if match and kind == "yi":
            return _items(ctx, match.start("list"), match.end("list"), cat, min_han)
        if match:
            start = max((before.rfind(ch, 0, match.start()) for ch in _BOUNDARY), default=-1) + 1
            return _items(ctx, start, match.start(), cat, min_han)
    after = _AFTER.match(text[cat.end:])
    if after:
        start = cat.end + after.end()
        stops = [i for i in (text.find(ch, start) for ch in "，。；：！？（") if i >= 0]
        return _items(ctx, start, min(stops, default=len(text)), cat, min_han)
    return []


def _strip_leading_words(item: str, segmenter) -> str:
    """Drop leading verbs, adverbs and function words (先后出现电脑 -> 电脑) using jieba POS tags."""
    if segmenter is None or len(item) < 4:
        return item
    for token in segmenter.doc(item):
        if token.tag_[:1] not in ("v", "d", "p", "c", "r", "u", "f", "t") or token.tag_ == "vn":
            return item[token.idx:]
    return ""


def _items(ctx: ListContext, start: int, end: int, cat: Mention, min_han: int = 3) -> list[Mention]:
    """New mentions for the unknown items of the list in ``ctx.text[start:end]``."""
    region = ctx.text[start:end]
    if not any(sep in region for sep in "、和及与"):
        return []  # one item is not an enumeration
    pieces = _ITEM_SPLIT.split(region)
    # 钢铁、有色、石化、化工、建材等传统产业: in a long list of industries a two-character item is a name
    short_ok = (cat.type == "Industry" and len(pieces) >= 3) or min_han <= 2
    list_type = _majority_type(ctx, start, end) or cat.type
    items, pos = [], start
    for piece in pieces:
        offset = ctx.text.find(piece, pos) if piece else pos
        pos = offset + len(piece)
        item = _COUNTED_TAIL.sub("", piece.strip("“”\"‘’ "))
        if offset == start:  # the first item may carry the verb that governs the list (培育X、Y等Z)
            item = _strip_leading_words(_LEADING_VERB.sub("", item), ctx.segmenter)
        if _acceptable_item(item, short_ok, ctx.generic) and item != cat.label:
            item_start = offset + piece.find(item)
            type_ = "Industry" if _INDUSTRY_HEAD.search(item) and list_type != "Organization" else list_type
            items.append(Mention(item, type_, item, item_start, item_start + len(item), "discover.enumeration"))
    return items


def _acceptable_item(item: str, short_ok: bool, generic: frozenset[str]) -> bool:
    shape = _ITEM.match(item) or (short_ok and _SHORT_ITEM.match(item))
    return bool(shape) and not _BAD_ITEM.search(item) and not _DESCRIPTIVE.search(item) and item not in generic


def _majority_type(ctx: ListContext, start: int, end: int) -> str:
    """The type at least two known items of a list share (深度求索、宇树科技、云深处科技… are Organizations).

    Only mentions that stand as list items count: the verb's subject before the list does not.
    """
    def is_item(m: Mention) -> bool:
        return ctx.text[m.start - 1:m.start] in _SEPARATORS or ctx.text[m.end:m.end + 1] in _SEPARATORS

    types = Counter(m.type for m in ctx.known if start <= m.start and m.end <= end and is_item(m))
    best = types.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else ""


def _merge(mentions: tuple[Mention, ...], new: list[Mention], segmenter=None) -> tuple[Mention, ...]:
    """Add discovered items that do not cross an existing mention; they replace mentions inside them.

    When a known name ends the item (机器人 in 智能机器人), the item wins only if what precedes the
    name is a modifier, not a verb (促使劳动者 keeps 劳动者).
    """
    kept = list(mentions)
    for item in new:
        inside = [m for m in kept if item.start <= m.start and m.end <= item.end]
        crossing = [m for m in kept if m.start < item.end and item.start < m.end and m not in inside]
        if crossing or any((m.start, m.end) == (item.start, item.end) for m in inside):
            continue
        ending = [m for m in inside if m.end == item.end]
        if ending and (segmenter is None or not _modifier(item.label[:ending[0].start - item.start], segmenter)):
            continue
        kept = [m for m in kept if m not in inside] + [item]
    return tuple(sorted(kept, key=lambda m: (m.start, m.end)))
