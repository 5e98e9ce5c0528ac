"""Date mentions in one sentence, normalised to EDTF.

Requires: the text of one cleaned sentence and the document's date anchor.
Assigns: ``Mention(type="Date", label=<EDTF>, edtf=<EDTF>)`` plus the anchor
for the next sentence, so relative dates (今年, 同年12月, 3月5日) resolve from
the document's year or the latest explicit year before them, or not at all.

Every rule is one regex compiled at import and one small handler. All rules
run over the sentence, handlers drop what is not a date (durations, ordinals,
non-years), the longest candidate wins, and the survivors are resolved left to
right so an explicit year earlier in the sentence anchors a later 12月.

>>> [(m.surface, m.edtf) for m in find_dates("2023年12月11日至12日，会议召开", DateAnchor())[0]]
[('2023年12月11日至12日', '2023-12-11/2023-12-12')]
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

from kg.model import Mention


@dataclass(frozen=True)
class DateAnchor:
    """What a document has said about time before the current sentence.

    >>> DateAnchor(doc_year=2024).last_year is None
    True
    """

    doc_year: int | None = None  # the document's own year if known
    last_year: int | None = None  # latest explicit year seen before this sentence
    last_month: int | None = None  # month of that latest explicit date, if any


MonthDay = tuple["int | None", "int | None"]
Resolver = Callable[[DateAnchor], "str | None"]
# (rule id, EDTF given the running anchor, explicit (year, month) it states or None)
Found = tuple[str, Resolver, "tuple[int, int | None] | None"]


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    order: int  # rule priority, breaks ties between equally long candidates
    rule: str
    resolve: Resolver
    sets: tuple[int, int | None] | None


# One character for one character, so offsets found in the normalised copy
# are offsets into the sentence as given.
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．～", "0123456789-/.~")
_CN_DIGITS = str.maketrans("〇○零一二两三四五六七八九", "0001223456789")

# Year words resolved from the document's year, and from the last explicit year.
_FROM_DOC = {"今": 0, "去": -1, "明": 1}
_FROM_LAST = {"同": 0, "当": 0, "次": 1, "翌": 1}

# --- pattern fragments ------------------------------------------------------
# 4-digit years only: a 1-3 digit number before 年 is a duration (12年一贯制).
_NOT_AFTER_NUMBER = r"(?<![\d.])"
_Y4 = rf"{_NOT_AFTER_NUMBER}[12]\d{{3}}(?!\d)"
_YCN = r"(?<![〇○零一二三四五六七八九十百千万])[〇○零一二三四五六七八九]{4}"
_MON = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]"
_SEP = r"(?:——|[-\u2010\u2011\u2013\u2014\u2212~\u301c至到])"
# A month with no year before it: not 每年3月, 第3月, 前5月, 13月, 5.3月.
_BARE = r"(?<![\d.年每第前])"
_CENT = rf"(?:(?P<c>{_NOT_AFTER_NUMBER}\d{{1,2}}|[一二]?十[一二三四五六七八九]?|[一二三四五六七八九])|(?P<rc>本|上个?))世纪"
# 70年代 or 七十年代, and 八九十年代 (two decades: d0 then d).
_DECADE = r"(?P<d0>[一二三四五六七八](?=[二三四五六七八九]十))?(?P<d>[1-9]0|[一二三四五六七八九]十)"
_QUAL = r"初叶|初期|初|中叶|中期|中后期|后期|末叶|末期|末|上半叶|下半叶|前期"


def _yr(name: str) -> str:
    """A year token followed by 年: digits, Chinese digits or a relative word."""
    return rf"(?P<{name}>{_Y4}|{_YCN}|[今去明同当次翌])年"


# Contexts where a relative year word is part of another word:
# 如今年轻人, 过去年均, 说明年度, 不同年龄, 相当年轻, 此次年会.
_NOT_RELATIVE = re.compile(
    r"如今年|[过失]去年|[说证表声阐标注查发文光聪透鲜分开英指载彰简申]明年"
    r"|[不共相陪协]同年|[相正适每应担]当年|[^\s，。；：、（“\"于在至到及和与并]次年"
    r"|[今去明同当次翌]年[轻均龄代纪级]"
)
# A 4-digit number after these is a duration, an ordinal or a BC year.
_NOT_A_YEAR_BEFORE = re.compile(r"(?:前|近|第|连续|每隔|长达|历时|历经|持续|超过)$")


def _int(token: str) -> int:
    """Read ASCII digits or a Chinese numeral below 100 or a 4-digit year.

    >>> _int("二〇二四"), _int("十二"), _int("二十一"), _int("07")
    (2024, 12, 21, 7)
    """
    if "十" not in token:
        return int(token.translate(_CN_DIGITS))
    tens, _, ones = token.partition("十")
    return int(tens.translate(_CN_DIGITS) or 1) * 10 + int(ones.translate(_CN_DIGITS) or 0)


def _num(token: str | None) -> int | None:
    return None if token is None else _int(token)


def _absolute(token: str | None) -> bool:
    return token is not None and token not in _FROM_DOC and token not in _FROM_LAST


def _year_ok(text: str, m: re.Match[str], group: str) -> bool:
    """False when the year token of ``group`` is not a year in this context."""
    token = m[group]
    if token is None:
        return True
    start, end = m.span(group)
    if not _absolute(token):
        return _NOT_RELATIVE.search(text, max(start - 1, 0), end + 2) is None
    return (
        1000 <= _int(token) <= 2100
        and _NOT_A_YEAR_BEFORE.search(text, max(start - 2, 0), start) is None
        and not text.startswith("之久", end + 1)
    )


# --- resolution against the running anchor ------------------------------------


def _resolve_year(token: str | None, anchor: DateAnchor) -> int | None:
    """The year a token stands for; None when it needs an anchor that is missing."""
    if token is None:  # bare 3月5日: the year in force at this point of the text
        return anchor.last_year or anchor.doc_year
    if token in _FROM_DOC:
        base = anchor.doc_year or anchor.last_year
        return None if base is None else base + _FROM_DOC[token]
    if token in _FROM_LAST:
        return None if anchor.last_year is None else anchor.last_year + _FROM_LAST[token]
    return _int(token)


def _fmt(year: int, month: int | None, day: int | None) -> str | None:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    if day > calendar.monthrange(year, month)[1]:
        return None  # 2月30日
    return f"{year:04d}-{month:02d}-{day:02d}"


def _point(token: str | None, month: int | None, day: int | None, anchor: DateAnchor) -> str | None:
    year = _resolve_year(token, anchor)
    return None if year is None else _fmt(year, month, day)


def _interval(token: str | None, first: MonthDay, token2: str | None, last: MonthDay, anchor: DateAnchor) -> str | None:
    year = _resolve_year(token, anchor)
    year2 = year if token2 is None else _resolve_year(token2, anchor)
    if year is None or year2 is None:
        return None
    a, b = _fmt(year, *first), _fmt(year2, *last)
    # Same precision on both ends, so ISO strings compare like dates.
    return f"{a}/{b}" if a and b and a < b else None


def _in_year(token: str | None, template: str, anchor: DateAnchor) -> str | None:
    year = _resolve_year(token, anchor)
    return None if year is None else template.format(y=f"{year:04d}")


def _century_edtf(index: int, first: str, last: str) -> str:
    """EDTF of century ``index`` (19 -> 19XX), a decade of it (7 -> 197X) or two (8, 9 -> 1980/1999).

    >>> _century_edtf(19, "", ""), _century_edtf(19, "7", "7"), _century_edtf(19, "8", "9")
    ('19XX', '197X', '1980/1999')
    """
    if not first:
        return f"{index:02d}XX"
    if first == last:
        return f"{index:02d}{first}X"
    return f"{index:02d}{first}0/{index:02d}{last}9"


def _anchored_century(word: str, decades: tuple[str, str], anchor: DateAnchor) -> str | None:
    base = anchor.doc_year or anchor.last_year
    if base is None:
        return None
    return _century_edtf(base // 100 - word.startswith("上"), *decades)


def _const(edtf: str, _anchor: DateAnchor) -> str:
    return edtf


def _anchored_month(anchor: DateAnchor) -> str | None:
    if anchor.last_year is None or anchor.last_month is None:
        return None
    return f"{anchor.last_year:04d}-{anchor.last_month:02d}"


# --- handlers: match -> (rule, resolver, explicit year/month) or None -----------


def _sets(token: str | None, month: int | None) -> tuple[int, int | None] | None:
    return (_int(token), month) if _absolute(token) else None


def _calendar_rule(token: str | None, mon: str | None, day: str | None) -> str:
    if token is None:
        return "date.md-anchored"
    if token in _FROM_DOC:
        return "date.relative-year"
    if token in _FROM_LAST:
        return "date.same-year"
    if not (token + (mon or "") + (day or "")).isascii():
        return "date.cn-numeral"
    return "date.ymd" if day else "date.ym" if mon else "date.year"


def _calendar(m: re.Match[str], text: str) -> Found | None:
    """Y年, Y年M月, Y年M月D日 and bare M月(D日); Y may be 二〇二四, 今, 同 ..."""
    parts = m.groupdict()
    token, mon, day = parts["y"], parts.get("m"), parts.get("d")
    if not _year_ok(text, m, "y") or (token is None and not mon.isascii()):
        return None  # a bare 三月 is too often not a date
    month = _num(mon)
    return _calendar_rule(token, mon, day), partial(_point, token, month, _num(day)), _sets(token, month)


def _iso(m: re.Match[str], text: str) -> Found | None:
    """2024-03-05, 2024.03.05, 2024/3/5."""
    if not _year_ok(text, m, "y"):
        return None
    month = int(m["m"])
    return "date.iso", partial(_point, m["y"], month, int(m["d"])), _sets(m["y"], month)


def _range(m: re.Match[str], text: str) -> Found | None:
    """Y1年M1月D1日至D2日, Y年M1至M2月, Y1至Y2年; the end inherits what it omits."""
    parts = m.groupdict()
    if not (_year_ok(text, m, "y") and _year_ok(text, m, "y2")):
        return None
    first = (_num(parts.get("m")), _num(parts.get("d")))
    last = (_num(parts.get("m2")) or first[0], _num(parts.get("d2")))
    token2 = parts["y2"]
    resolve = partial(_interval, parts["y"], first, token2, last)
    return "date.range", resolve, _sets(token2 or parts["y"], last[0])


def _quarter(m: re.Match[str], text: str) -> Found | None:
    """一季度 / 上半年 / 前三季度, with or without a year before them."""
    if not _year_ok(text, m, "y"):
        return None
    if m["q"]:
        # EDTF level 2 sub-year groupings 33..36 are quarters 1..4 (level 1's
        # 21..24 are seasons, which a statistical quarter is not).
        template = f"{{y}}-{32 + _int(m['q'])}"
    elif m["h"]:
        template = "{y}-01/{y}-06" if m["h"] == "上" else "{y}-07/{y}-12"
    else:
        template = f"{{y}}-01/{{y}}-{3 * _int(m['n']):02d}"
    return "date.quarter", partial(_in_year, m["y"], template), _sets(m["y"], None)


def _centuries(m: re.Match[str], text: str, rule: str) -> Found | None:
    """N世纪 (-> (N-1)XX), N世纪D年代 and N世纪八九十年代; 本世纪/上世纪 need an anchor."""
    parts = m.groupdict()
    if parts.get("y4"):  # 1990年代
        return (rule, partial(_const, parts["y4"][:3] + "X"), None) if int(parts["y4"]) <= 2100 else None
    last = str(_int(parts["d"]) // 10) if parts.get("d") else ""
    decades = (str(_int(parts["d0"])) if parts.get("d0") else last, last)
    if parts["rc"]:
        return "date.relative-century", partial(_anchored_century, parts["rc"], decades), None
    century = _int(parts["c"])
    if not 1 <= century <= 21 or text[m.start() - 1 : m.start()] == "前":  # 公元前5世纪
        return None
    return rule, partial(_const, _century_edtf(century - 1, *decades)), None


def _same_month(m: re.Match[str], text: str) -> Found | None:
    return "date.same-month", _anchored_month, None


# Order breaks ties between candidates of equal length.
_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], Found | None]], ...] = (
    (re.compile(rf"(?:{_yr('y')}|{_BARE})(?P<m>{_MON})月(?P<d>{_DAY})日?{_SEP}"
                rf"(?:(?:{_yr('y2')})?(?P<m2>{_MON})月)?(?P<d2>{_DAY})日"), _range),
    (re.compile(rf"(?:{_yr('y')}|{_BARE})(?P<m>{_MON})月?{_SEP}(?:{_yr('y2')})?(?P<m2>{_MON})月"), _range),
    (re.compile(rf"(?P<y>{_Y4})年?{_SEP}(?P<y2>{_Y4})年"), _range),
    (re.compile(rf"(?:{_yr('y')}|{_BARE})(?:第?(?P<q>[一二三四1-4])季度|(?P<h>[上下])半年"
                rf"|前(?P<n>[两二三23])个?季度)"), _quarter),
    (re.compile(rf"(?:{_yr('y')}|{_BARE})(?P<m>{_MON})月(?:(?P<d>{_DAY})日|[上中下]旬)?"), _calendar),
    (re.compile(rf"{_yr('y')}(?:初(?![步心衷级])|底|末|度)?"), _calendar),
    (re.compile(r"(?<![\d.])(?P<y>[12]\d{3})(?P<s>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=s)"
                r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d|\.\d)"), _iso),
    (re.compile(rf"(?:{_CENT}{_DECADE}|(?P<y4>{_NOT_AFTER_NUMBER}[12]\d{{2}}0))年代(?!表)(?:{_QUAL})?"),
     partial(_centuries, rule="date.decade")),
    (re.compile(rf"{_CENT}(?:{_QUAL})?"), partial(_centuries, rule="date.century")),
    (re.compile(r"(?<![不相每共])(?P<w>[同当])月(?!份)"), _same_month),
)
# Cheap pre-check: most sentences hold no date at all.
_TRIGGER = re.compile(r"[0-9０-９年月纪季]")
_NO_ANCHOR = DateAnchor()


def _hits(text: str) -> Iterator[_Hit]:
    for order, (pattern, handler) in enumerate(_RULES):
        for m in pattern.finditer(text):
            found = handler(m, text)
            # A candidate that states its own year must be a valid date alone
            # (not 2024年5月至3月), so that a shorter reading can win instead.
            if found is not None and not (found[2] is not None and found[1](_NO_ANCHOR) is None):
                yield _Hit(m.start(), m.end(), order, *found)


def _select(hits: Iterable[_Hit]) -> list[_Hit]:
    """Longest candidate first, then leftmost, then rule order; no overlaps."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start, h.order)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def find_dates(text: str, anchor: DateAnchor = _NO_ANCHOR) -> tuple[tuple[Mention, ...], DateAnchor]:
    """Date mentions in one sentence, and the anchor to use for the next sentence.

    Parameters: ``text`` is one cleaned sentence; ``anchor`` carries the
    document's year and the latest explicit year/month before this sentence.
    Returns the mentions sorted by start (offsets into ``text``) and the anchor
    updated with the latest explicit absolute year (and month) of the sentence.
    Relative dates the anchor cannot resolve are left out.

    >>> mentions, after = find_dates("2024年7月召开三中全会，同年12月召开会议", DateAnchor())
    >>> [(m.surface, m.edtf, m.rule) for m in mentions]
    [('2024年7月', '2024-07', 'date.ym'), ('同年12月', '2024-12', 'date.same-year')]
    >>> after
    DateAnchor(doc_year=None, last_year=2024, last_month=7)
    """
    if not _TRIGGER.search(text):
        return (), anchor
    mentions: list[Mention] = []
    for hit in _select(_hits(text.translate(_FULLWIDTH))):
        edtf = hit.resolve(anchor)
        if edtf is not None:
            surface = text[hit.start : hit.end]
            mentions.append(Mention(surface, "Date", edtf, hit.start, hit.end, hit.rule, edtf))
        if hit.sets is not None:
            anchor = replace(anchor, last_year=hit.sets[0], last_month=hit.sets[1])
    return tuple(mentions), anchor
