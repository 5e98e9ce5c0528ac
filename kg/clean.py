"""The clean stage: a raw file becomes body text, metadata and an offset map.

Requires: ``RawDocument.text``. Assigns: ``CleanDocument.text`` (paragraphs,
headings and table cells separated by one ``\\n``), ``offsets`` (original
offset of every cleaned char) and ``meta`` (what was removed but means
something: title, author, abstracts, keywords, TOC, footnotes, reprint
line, date).

The order follows the corpus analysis: classify every line first (front
matter, abstract, TOC, footnotes, captions, English, table cells, headings,
body), take the non-body lines out, then join the body lines that a PDF or a
page break cut apart, and only then normalise inside each paragraph.

>>> text = "一、引言\\n\\n新质生产力是创新起主导作用，摆脱传统经济增长方式、生产力发展路径的先进\\n\\n生产力质态。"
>>> clean(RawDocument("d", "d.txt", text, "", "utf-8")).text
'一、引言\\n新质生产力是创新起主导作用，摆脱传统经济增长方式、生产力发展路径的先进生产力质态。'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kg import cleanlines as cl
from kg.cleanlines import Kind, Line, Profile
from kg.model import CleanDocument, DocMeta, Footnote, RawDocument


@dataclass
class _Ctx:
    """Per-call working state: the lines, their kinds and the metadata found so far."""

    raw: str
    lines: list[Line]
    prof: Profile
    kinds: list[Kind]
    repeated: frozenset[str] = frozenset()
    title: list[str] = field(default_factory=list)
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    abstracts: list[str] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    reprints: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    toc: list[str] = field(default_factory=list)
    notes: list[Footnote] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)

    def date(self, source: str, text: str) -> None:
        """Remember the first date stated by a front-matter, reprint or closing line."""
        if source not in self.dates and (found := cl.find_date(text)):
            self.dates[source] = found


def clean(raw: RawDocument) -> CleanDocument:
    """Clean one document: remove non-body lines, undo PDF damage, keep an offset map.

    Parameters: ``raw`` – the decoded file. Returns a :class:`CleanDocument`
    whose ``offsets[i]`` is the position in ``raw.text`` of ``text[i]``.

    >>> raw = RawDocument("d", "d.txt", "聚焦高质量发展\\n张来明 国务院发展研究中心副主任\\n习 近 平总书记指出(1)，要牢牢把握高质量发展这个首要任务，因地制宜发展新\\n\\n质生产力。", "", "utf-8")
    >>> doc = clean(raw)
    >>> doc.text, doc.meta.title, doc.meta.author_line
    ('习近平总书记指出，要牢牢把握高质量发展这个首要任务，因地制宜发展新质生产力。', '聚焦高质量发展', '张来明 国务院发展研究中心副主任')
    """
    lines = cl.split_lines(raw.text)
    ctx = _Ctx(raw.text, lines, cl.profile(lines), [Kind.DROP] * len(lines), cl.running_headers(lines))
    _classify(ctx, _front_matter(ctx))
    text, offsets = _assemble(ctx, _units(ctx))
    return CleanDocument(raw.doc_id, text, tuple(offsets), _meta(ctx))


# --- front matter -----------------------------------------------------------


def _front_matter(ctx: _Ctx) -> int:
    """Consume title, subtitle, author, dateline and reprint lines at the top."""
    i = 0
    while i < len(ctx.lines) and i < 10 and _front_line(ctx, i):
        i += 1
    return i


def _front_line(ctx: _Ctx, i: int) -> bool:
    line, text = ctx.lines[i], ctx.lines[i].text
    if line.tab or (_starts_section(text) and not text.startswith("# ")):  # "# " is a markdown title
        return False
    if text in ctx.repeated:  # a running header on page 1 is not the title
        return True
    if ctx.title and not ctx.subtitle and (m := cl.SUBTITLE.match(text)):
        ctx.subtitle = text[m.end() :]
    elif cl.DATELINE.match(text):  # "2024-03-06 08:21  来源：新华网" names the source too
        ctx.reprints.extend(m["text"] for m in cl.SOURCE_FIELD.finditer(text))
    elif ctx.title and cl.PAREN_DATE.match(text) and len(text) <= 80:
        ctx.kinds[i] = Kind.HEADING  # "（2024年7月18日…全体会议通过）" is worth keeping
    else:  # boilerplate such as "基金项目：…（2023年…）" states no document date
        return _meta_line(ctx, text) or _title_or_author(ctx, i)
    ctx.date("front", text)
    return True


def _title_or_author(ctx: _Ctx, i: int) -> bool:
    text = ctx.lines[i].text
    if (ctx.title or ctx.authors) and cl.is_author(text):
        ctx.authors.append(text)
        return True
    if ctx.authors and cl.AFFILIATION.match(text) and len(text) <= 120:
        ctx.authors.append(text)
        return True
    if cl.is_title(ctx.lines[i], ctx.prof) and not ctx.authors:
        # A second title line only when more front matter follows it.
        if not ctx.title or (len(ctx.title) < 3 and _front_follows(ctx, i + 1)):
            ctx.title.append(text)
            return True
    return False


def _front_follows(ctx: _Ctx, j: int) -> bool:
    if j >= len(ctx.lines):
        return False
    text = ctx.lines[j].text
    front = (cl.SUBTITLE, cl.DATELINE, cl.ABSTRACT_LABEL, cl.KEYWORDS_LABEL, cl.TOC_HEADER, cl.REPRINT, cl.AUTHOR_INTRO)
    return cl.is_author(text) or cl.is_english(text) or any(p.match(text) for p in front)


def _starts_section(text: str) -> bool:
    starts = (cl.HEADING_START, cl.ABSTRACT_LABEL, cl.KEYWORDS_LABEL, cl.TOC_HEADER, cl.REFERENCES_HEADER)
    return any(p.match(text) for p in starts) or cl.is_english(text)


def _meta_line(ctx: _Ctx, text: str) -> bool:
    """Reprint, author-intro and boilerplate lines, wherever they stand."""
    if (m := cl.REPRINT.match(text)) and len(text) <= 100:
        ctx.reprints.append(m["text"])
        ctx.date("reprint", text)
    elif m := cl.AUTHOR_INTRO.match(text):
        ctx.authors.append(text[m.end() :])
    return bool(m) or cl.JUNK.match(text) is not None


# --- line classification ----------------------------------------------------

Taker = Callable[[_Ctx, int], "int | None"]


def _classify(ctx: _Ctx, start: int) -> None:
    """Give every line from ``start`` on a kind; blocks of non-body lines go to meta."""
    i = start
    while i < len(ctx.lines):
        for take in _TAKERS:
            if (j := take(ctx, i)) is not None:
                break
        else:
            ctx.kinds[i] = Kind.HEADING if cl.is_heading(ctx.lines[i].text, ctx.prof) else Kind.BODY
            j = i + 1
        i = j


def _take_table(ctx: _Ctx, i: int) -> int | None:
    text = ctx.lines[i].text
    if ctx.lines[i].tab or (text.startswith("|") and text.endswith("|")):
        # Cells stay separate lines; a markdown "|---|" rule is dropped.
        ctx.kinds[i] = Kind.DROP if cl.JUNK.match(text) else Kind.TABLE
        return i + 1
    return None


def _take_abstract(ctx: _Ctx, i: int) -> int | None:
    text = ctx.lines[i].text
    if not (m := cl.ABSTRACT_LABEL.match(text)):
        return None
    pieces = [text[m.end() :]] if m.end() < len(text) else []
    by_width = ctx.prof.wide(len(text))  # PDF abstracts span the page, body lines a column
    j = i + 1
    while j < len(ctx.lines) and _abstract_continues(ctx, pieces, j, by_width):
        pieces.append(ctx.lines[j].text)
        j += 1
    ctx.abstracts.append(_tidy(cl.join_texts(pieces)))
    return j


def _abstract_continues(ctx: _Ctx, pieces: list[str], j: int, by_width: bool) -> bool:
    line = ctx.lines[j]
    if line.tab or _starts_section(line.text) or cl.footnote_mark(line.text, ctx.prof):
        return False
    if not pieces or not cl.ends_sentence(pieces[-1]):
        return True
    return ctx.prof.wide(len(line.text)) if by_width else ctx.prof.full(len(pieces[-1]))


def _take_keywords(ctx: _Ctx, i: int) -> int | None:
    text = ctx.lines[i].text
    if not (m := cl.KEYWORDS_LABEL.match(text)):
        return None
    ctx.keywords.extend(w for w in re.split(r"[；;，,、\s]+", text[m.end() :]) if w)
    return i + 1


def _take_toc(ctx: _Ctx, i: int) -> int | None:
    header = cl.TOC_HEADER.match(ctx.lines[i].text) is not None
    j, entries = i + header, []
    while j < len(ctx.lines) and not ctx.lines[j].tab and (m := cl.TOC_ENTRY.match(ctx.lines[j].text)):
        entries.append(f"{m['title'].strip()}\t{m['page']}")
        j += 1
    if not header and len(entries) < 3:  # without "目录" only a run of entries is a TOC
        return None
    ctx.toc.extend(entries)
    return j


def _take_references(ctx: _Ctx, i: int) -> int | None:
    """A "参考文献" section: every marked entry and its continuation lines."""
    if not cl.REFERENCES_HEADER.match(ctx.lines[i].text):
        return None
    j = i + 1
    while j < len(ctx.lines):
        text = ctx.lines[j].text
        m = cl.REFERENCE_ITEM.match(text)
        if not (m or cl.BIB_CUE.search(text)) or cl.ENGLISH_LABEL.match(text):
            break
        end = _note_end(ctx, j, always=True)
        ctx.notes.append(_footnote(ctx, m["mark"] if m else "", j, m.end() if m else 0, end))
        j = end
    return j


def _take_footnote(ctx: _Ctx, i: int) -> int | None:
    text, prof = ctx.lines[i].text, ctx.prof
    if m := cl.footnote_mark(text, prof):
        mark, begin = re.sub(r"\s", "", m["mark"]), m.end()
    elif prof.wrapped and len(text) > 1.5 * prof.width and cl.BIB_CUE.search(text):
        mark, begin = "", 0  # a page-wide citation line in a column layout
    else:
        return None
    end = _note_end(ctx, i, always=prof.wide(len(text)))
    ctx.notes.append(_footnote(ctx, mark, i, begin, end))
    return end


def _note_end(ctx: _Ctx, i: int, always: bool) -> int:
    """Index after the last continuation line of the note starting at line ``i``."""
    j = i + 1
    while j < len(ctx.lines) and j - i < 4:
        prev, text = ctx.lines[j - 1].text, ctx.lines[j].text
        done = cl.ends_sentence(prev) or prev.endswith((".", "．"))
        if done or ctx.lines[j].tab or cl.FOOTNOTE_START.match(text) or cl.REFERENCE_ITEM.match(text):
            break
        if not (always or cl.ends_clause(prev)) or cl.HEADING_START.match(text):
            break
        j += 1
    return j


def _footnote(ctx: _Ctx, mark: str, i: int, begin: int, end: int) -> Footnote:
    lines = ctx.lines[i:end]
    text = cl.join_texts([lines[0].text[begin:], *(line.text for line in lines[1:])])
    return Footnote(mark, re.sub(f"{cl.SPACE}+", " ", text), lines[0].start + begin, lines[-1].end)


def _take_english(ctx: _Ctx, i: int) -> int | None:
    if not cl.is_english(ctx.lines[i].text):
        return None
    j = i + 1  # then short tails too: "development."
    while j < len(ctx.lines) and not ctx.lines[j].tab and cl.is_english(ctx.lines[j].text, min_letters=1):
        j += 1
    texts = [line.text for line in ctx.lines[i:j] if not re.match(r"(?i)key\s*words", line.text)]
    labelled = [n for n, text in enumerate(texts) if cl.ENGLISH_LABEL.match(text)]
    # English title and authors stand before "Abstract:"; keep the abstract only.
    text = " ".join(texts[labelled[0] :] if labelled else texts)
    if text := re.sub(r"\s+", " ", cl.ENGLISH_LABEL.sub("", text, 1).lstrip(" :：")):
        ctx.english.append(text)
    return j


def _take_single(ctx: _Ctx, i: int) -> int | None:
    """Captions, running headers, page numbers, reprint lines, a closing dateline."""
    text = ctx.lines[i].text
    if cl.is_caption(text) or text in ctx.repeated or _meta_line(ctx, text):
        return i + 1
    if cl.DATELINE.match(text) and i >= len(ctx.lines) - 3:
        ctx.date("end", text)
        return i + 1
    return None


# Order matters: a table cell or an abstract label wins over everything else.
_TAKERS: tuple[Taker, ...] = (
    _take_table, _take_abstract, _take_keywords, _take_toc, _take_references, _take_footnote, _take_english, _take_single,
)


# --- joining lines into paragraphs -----------------------------------------


def _units(ctx: _Ctx) -> list[tuple[Kind, list[int]]]:
    """Group kept lines into output lines (paragraphs, headings, table cells)."""
    units: list[tuple[Kind, list[int]]] = []
    prev = -1
    for i, kind in enumerate(ctx.kinds):
        if kind is Kind.DROP:
            continue
        if units and _joins(ctx, prev, i):
            units[-1][1].append(i)
        else:
            units.append((kind, [i]))
        prev = i
    return units


def _joins(ctx: _Ctx, a: int, b: int) -> bool:
    """Does kept line ``b`` continue kept line ``a`` (a PDF wrap or a page break)?"""
    ka, kb, prof = ctx.kinds[a], ctx.kinds[b], ctx.prof
    left, right = ctx.lines[a].text, ctx.lines[b].text
    if Kind.TABLE in (ka, kb):
        return False
    if ka is Kind.HEADING:  # a heading wrapped at the column width: "…和未" + "来产业"
        full_then_short = prof.full(len(left)) and prof.short(len(right))
        return kb is Kind.HEADING and full_then_short and not cl.HEADING_START.match(right)
    if kb is Kind.HEADING or cl.HEADING_START.match(right):
        return False
    if cl.OPENS_WITH_CLOSER.match(right):
        return True
    if cl.ends_sentence(left) or cl.ENDS_COLON.search(left):
        return prof.full(len(left))  # a wrapped line that happens to end a sentence
    return True


def _unit_text(ctx: _Ctx, kind: Kind, idxs: list[int]) -> tuple[str, list[int]]:
    first = ctx.lines[idxs[0]]
    parts, offs = [first.text], list(range(first.start, first.end))
    for a, b in zip(idxs, idxs[1:]):
        left, right = ctx.lines[a], ctx.lines[b]
        if sep := cl.join_sep(left.text, right.text):
            parts.append(sep)
            offs.append(left.nl)
        start = right.start + (kind is Kind.BODY and cl.page_break_echo(ctx.prof, left.text, right.text))
        parts.append(ctx.raw[start : right.end])
        offs.extend(range(start, right.end))
    return "".join(parts), offs


def _assemble(ctx: _Ctx, units: list[tuple[Kind, list[int]]]) -> tuple[str, list[int]]:
    """Normalise each unit and join them with the original newline after each."""
    parts: list[str] = []
    offs: list[int] = []
    last = -1
    for kind, idxs in units:
        text, o = cl.normalise(*_unit_text(ctx, kind, idxs), heading=kind is not Kind.BODY)
        lead = len(text) - len(text.lstrip())
        text, o = text.strip(), o[lead : lead + len(text.strip())]
        if not text:
            continue
        if parts:
            parts.append("\n")
            offs.append(ctx.lines[last].nl)
        parts.append(text)
        offs.extend(o)
        last = idxs[-1]
    return "".join(parts), offs


# --- metadata ---------------------------------------------------------------


def _tidy(text: str, heading: bool = False) -> str:
    return cl.normalise(text, list(range(len(text))), heading)[0].strip()


def _meta(ctx: _Ctx) -> DocMeta:
    return DocMeta(
        title=_tidy(" ".join(ctx.title), heading=True),
        subtitle=_tidy(ctx.subtitle, heading=True),
        author_line=re.sub(f"{cl.SPACE}+", " ", " ".join(ctx.authors)),
        abstract="\n".join(cl.distinct_texts(ctx.abstracts)),
        abstract_en=" ".join(ctx.english),
        reprint="；".join(ctx.reprints),
        toc=tuple(ctx.toc),
        footnotes=tuple(ctx.notes),
        date=ctx.dates.get("front") or ctx.dates.get("reprint") or ctx.dates.get("end", ""),
        keywords=tuple(ctx.keywords),
    )
