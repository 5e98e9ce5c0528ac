"""Entity stage: find the entity mentions of each sentence.

Candidates come from the lexicons (Aho-Corasick on characters), regex rules
(meetings, sessions, organisations, quoted terms), 《…》 titles classified by
their head word, recurring meetings qualified by year, dates (:mod:`kg.dates`)
and spaCy token patterns over jieba POS tags (persons, organisations).
Overlaps are resolved longest-first; generic words are dropped.

>>> ex = default_extractor()
>>> [(m.label, m.type) for m in ex.sentence_mentions("以科技创新推动产业创新", DateAnchor())[0]]
[('科技创新', 'Concept'), ('产业创新', 'Concept')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.matcher import Matcher

from kg.dates import DateAnchor, find_dates
from kg.localref import home_pattern
from kg.lexicon import BLOCKER, LexEntry, Lexicon, load_word_list, normalize_surface
from kg.model import Mention
from kg.rules import EntityRule, RecurringName, alternation, load_entity_rules, load_jsonl, load_recurring
from kg.tokens import Segmenter

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

POLICY_HEADS = ("法", "法案", "条例", "规划", "纲要", "决定", "意见", "方案", "计划", "报告", "通知", "办法", "规定",
                "决议", "公报", "建议", "纲领", "宪法", "章程", "战略", "指南", "目录", "清单", "政策", "细则", "措施",
                "倡议", "行动计划", "实施方案")
SOURCE_HEADS = ("报", "日报", "杂志", "学报", "文集", "选集", "论", "宣言", "全集", "文选", "年鉴", "摘编", "选编",
                "读本", "时报", "周刊", "评论", "研究", "世界", "科学")
_TITLE = re.compile(r"《([^《》\n]{1,80})》")
_PERSON_CUES = re.compile(r"指出|强调|认为|表示|写道|提出|说|称|谈到|同志|创始人|CEO|董事长|总裁|院士|教授|主席|总理|部长|"
                          r"省长|市长|书记|哲学家|经济学家|思想家|科学家|研究员|主任|局长|行长|学者|译|：|\s|"
                          r"公司|集团|大学|学院|研究院|研究所|出版社|银行|协会|学会|实验室")
_RANK = {"main": 0, "nested": 1}


def classify_title(title: str) -> str:
    """Type of a 《…》 title by its head word: Policy for laws and plans, else Source.

    >>> classify_title("中共中央关于进一步全面深化改革、推进中国式现代化的决定"), classify_title("资本论")
    ('Policy', 'Source')
    """
    head = re.sub(r"（[^（）]*）$|\([^()]*\)$", "", title)
    if head.endswith(POLICY_HEADS) and not head.endswith(("学报", "日报", "时报")):
        return "Policy"
    return "Source"


@dataclass(frozen=True)
class EntityExtractor:
    """Everything needed to find mentions: lexicon, rules, token patterns, word lists."""

    lexicon: Lexicon
    rules: tuple[EntityRule, ...]
    recurring: tuple[RecurringName, ...]
    recurring_regex: re.Pattern
    segmenter: Segmenter
    matcher: Matcher
    token_rules: dict[str, tuple[str, tuple[int, int]]]
    generic: frozenset[str]

    def sentence_mentions(self, text: str, anchor: DateAnchor) -> tuple[tuple[Mention, ...], DateAnchor]:
        """Resolved mentions of one sentence, and the date anchor for the next one."""
        dates, next_anchor = find_dates(text, anchor)
        candidates = [*self.lexicon.find(text), *self._rule_mentions(text), *self._titles(text),
                      *self._recurring(text, dates, anchor), *dates, *self._token_mentions(text)]
        kept = [m for m in candidates if m.type == BLOCKER or self._acceptable(m)]
        resolved = resolve_overlaps(kept, self.rules_layer)
        return tuple(m for m in resolved if m.type != BLOCKER), next_anchor

    @cached_property
    def home_regex(self) -> re.Pattern:
        """Finds ``X省``/``X市`` for the lexicon's places: a document's home place (see kg.localref)."""
        return home_pattern(sorted({e.label for e in self.lexicon.entries if e.type == "Place"}))

    @cached_property
    def rules_layer(self) -> dict[str, str]:
        """Rule id -> layer ("nested" mentions may overlap others), built once."""
        return {"date.in-name": "nested", **{r.id: r.layer for r in self.rules}}

    def _acceptable(self, mention: Mention) -> bool:
        label = mention.label
        return len(label) >= 2 and label not in self.generic and (mention.type == "Date" or not label.isdigit())

    def _rule_mentions(self, text: str) -> list[Mention]:
        found = []
        for rule in self.rules:
            for mention in rule.find(text):
                found.append(self._retype(mention) if rule.classify else self._canonical(mention))
        return found

    def _canonical(self, mention: Mention) -> Mention:
        """Use the lexicon's label and type when a rule finds a known name."""
        entry = self.lexicon.lookup(mention.label)
        if entry and entry.type == mention.type:
            return replace(mention, label=entry.label)
        return mention

    def _retype(self, mention: Mention) -> Mention:
        entry = self.lexicon.lookup(mention.label)
        if entry:
            return replace(mention, type=entry.type, label=entry.label)
        if mention.label.endswith(("计划", "工程", "战略", "行动", "政策", "改革", "机制", "制")):
            return replace(mention, type="Policy")
        return mention

    def _titles(self, text: str) -> list[Mention]:
        found = []
        for match in _TITLE.finditer(text):
            title = normalize_surface(match.group(1))
            entry = self.lexicon.lookup(title)
            type_, label = (entry.type, entry.label) if entry else (classify_title(title), title)
            found.append(Mention(match.group(0), type_, label, match.start(), match.end(), "title.book"))
        return found

    def _recurring(self, text: str, dates: tuple[Mention, ...], anchor: DateAnchor) -> list[Mention]:
        found = []
        for match in self.recurring_regex.finditer(text):
            name = next(r for r in self.recurring if normalize_surface(match.group("name")) in
                        {normalize_surface(s) for s in r.surfaces})
            year = match.group("year") or recurring_year(text, match.end(), dates, anchor)
            label = f"{year}年{name.name}" if year else name.name
            found.append(Mention(match.group(0), name.type, label, match.start(), match.end(), "event.recurring"))
            if match.group("year"):  # the year written in the name is also a Date of the text
                found.append(Mention(f"{year}年", "Date", year, match.start("year"), match.start("year") + 5,
                                     "date.in-name", year))
        return found

    def _token_mentions(self, text: str) -> list[Mention]:
        if not _PERSON_CUES.search(text):
            return []  # POS tagging with HMM is the slow step; only run it where a cue is present
        doc = self.segmenter.doc(text)
        found = []
        for match_id, start, end in self.matcher(doc):
            rule_id = doc.vocab.strings[match_id]
            type_, (first, last) = self.token_rules[rule_id]
            span = doc[start + first:min(start + last, end)]  # an optional token may be absent
            label = token_label(span.text, type_)
            found.append(self._canonical(Mention(span.text, type_, label, span.start_char, span.end_char, rule_id)))
        return found


_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "公司")


def token_label(surface: str, type_: str) -> str:
    """Canonical label for a token-pattern mention (company suffixes dropped).

    >>> token_label("华为公司", "Organization")
    '华为'
    """
    for suffix in _COMPANY_SUFFIXES if type_ == "Organization" else ():
        if surface.endswith(suffix) and len(surface) - len(suffix) >= 2:
            return surface[:-len(suffix)]
    return surface.strip()


def recurring_year(text: str, end: int, dates: tuple[Mention, ...], anchor: DateAnchor) -> str:
    """The year of a recurring meeting mentioned without one.

    A following ``部署2024年…工作`` names the plan year, so the meeting is the year before.

    >>> recurring_year("中央经济工作会议部署2024年经济工作", 8, (), DateAnchor())
    '2023'
    """
    plan = re.match(r"(?:上)?(?:部署|研究|安排)(\d{4})年", text[end:])
    if plan:
        return str(int(plan.group(1)) - 1)
    for date in dates:
        if date.start < end and date.edtf[:4].isdigit():
            return date.edtf[:4]
    year = anchor.last_year or anchor.doc_year
    return str(year) if year else ""


def resolve_overlaps(candidates: list[Mention], layers: dict[str, str]) -> tuple[Mention, ...]:
    """Longest match wins among main-layer mentions; nested-layer ones may overlap.

    >>> a = Mention("新兴产业", "Industry", "新兴产业", 3, 7, "lexicon.x")
    >>> b = Mention("战略性新兴产业", "Industry", "战略性新兴产业", 0, 7, "lexicon.x")
    >>> [m.label for m in resolve_overlaps([a, b], {})]
    ['战略性新兴产业']
    """
    ordered = sorted(candidates, key=lambda m: (_RANK.get(layers.get(m.rule, "main"), 0), m.start - m.end,
                                                not m.rule.startswith(("lexicon.", "title.")), m.start, m.rule))
    taken = [False] * (max((m.end for m in candidates), default=0) + 1)
    kept: dict[tuple[int, int], Mention] = {}
    for mention in ordered:
        nested = layers.get(mention.rule) == "nested"
        if (mention.start, mention.end) in kept:
            continue
        if not nested and any(taken[mention.start:mention.end]):
            continue
        kept[(mention.start, mention.end)] = mention
        if not nested:
            taken[mention.start:mention.end] = [True] * (mention.end - mention.start)
    return tuple(sorted(kept.values(), key=lambda m: (m.start, m.end)))


def build_matcher(segmenter: Segmenter, path: Path) -> tuple[Matcher, dict[str, tuple[str, tuple[int, int]]]]:
    """A spaCy Matcher over jieba tokens from ``token_patterns.jsonl``.

    Each pattern names the tokens of the match that form the entity: ``entity_token`` (one) or
    ``entity_tokens`` ``[first, last)``.
    """
    matcher = Matcher(segmenter.nlp.vocab, validate=True)
    token_rules = {}
    for data, _where in load_jsonl(path):
        matcher.add(data["id"], [data["pattern"]], greedy="LONGEST")
        first = int(data.get("entity_token", 0))
        token_rules[data["id"]] = (data["type"], tuple(data.get("entity_tokens", (first, first + 1))))
    return matcher, token_rules


def with_blockers(lexicon: Lexicon, generic: frozenset[str]) -> Lexicon:
    """Add generic words as blockers: in 发展中国家 the blocker beats 中国, then is dropped."""
    blockers = [LexEntry(w, BLOCKER, (w,), "", "generic_terms") for w in sorted(generic)
                if w not in lexicon.by_surface]
    return Lexicon.from_entries([*lexicon.entries, *blockers])


def load_extractor(ontology: Path = ONTOLOGY_DIR) -> EntityExtractor:
    """Load lexicons and rules from an ``ontology/`` folder."""
    generic = load_word_list(ontology / "generic_terms.txt")
    lexicon = with_blockers(Lexicon.load(ontology / "lexicon"), generic)
    places = [s for s, e in lexicon.by_surface.items() if e.type == "Place" and len(s) >= 2]
    rules = load_entity_rules(ontology / "rules" / "entity_rules.jsonl", {"{PLACE}": alternation(places)})
    recurring = load_recurring(ontology / "rules" / "recurring.tsv")
    names = alternation(s for r in recurring for s in r.surfaces)
    regex = re.compile(rf"(?:(?P<year>\d{{4}})年(?:的)?)?(?P<name>{names})")
    terms = [s for s, e in lexicon.by_surface.items() if len(s) >= 2 and e.type != BLOCKER]
    segmenter = Segmenter.create(terms)
    matcher, token_rules = build_matcher(segmenter, ontology / "rules" / "token_patterns.jsonl")
    return EntityExtractor(lexicon, rules, recurring, regex, segmenter, matcher, token_rules, generic)


@lru_cache(maxsize=1)
def default_extractor() -> EntityExtractor:
    """The extractor for the project's own ``ontology/`` folder (loaded once per process)."""
    return load_extractor()
