"""Relation stage: typed relations found by rules over entity-marked sentences.

Each mention of a sentence is replaced by a three-character placeholder
(a private-use character naming the entity type, one naming the mention,
and ``\\ue00f``), so
rules in ``ontology/rules/relations.jsonl`` are plain regexes over text where
``{A}`` is one entity and ``{LIST:B}`` a coordinated list of entities
(新能源、新材料和先进制造). Every relation keeps the id of its rule.

>>> from kg.model import Mention
>>> ms = (Mention("科技创新", "Concept", "科技创新", 1, 5, "lex"), Mention("产业创新", "Concept", "产业创新", 7, 11, "lex"))
>>> rule = RelationRule.from_json({"id": "promotes.yi", "predicate": "promotes",
...     "pattern": "以{A}推动{LIST:B}", "head": "A", "tail": "B"}, "x:1")
>>> [(h.label, t.label) for h, t, _ in find_relations("以科技创新推动产业创新", ms, (rule,))]
[('科技创新', '产业创新')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import PatternError
from kg.model import ENTITY_TYPES, RELATIONS, Mention
from kg.rules import load_jsonl

# Placeholder: an opening character that names the entity type, one naming the mention, a closing one.
OPENS = {t: chr(0xE000 + i) for i, t in enumerate(ENTITY_TYPES)}
CLOSE, BASE = "\ue00f", 0xE100
ENTITY = f"[\ue000-\ue009][\ue100-\uf8ff]{CLOSE}"
LIST_SEP = r"(?:、|和|与|及|以及|或|“|”|\"|及其)*"
# After a list: "not the first part of a list that 等 closes" (X、Y等Z relates to Z, not to X and Y).
_NOT_LIST_END = "(?![、和与及以\ue000-\ue00f\ue100-\uf8ff]*等)"
_GROUP = re.compile(r"\{(LIST:)?(\w+)\}")


def entity_regex(types: tuple[str, ...] = ()) -> str:
    """Regex of one placeholder, limited to entities of ``types`` (any type when empty)."""
    if not types:
        return ENTITY
    return "[" + "".join(OPENS[t] for t in types) + "][\ue100-\uf8ff]" + CLOSE


def compile_pattern(pattern: str, group_types: dict[str, tuple[str, ...]] | None = None) -> re.Pattern:
    """Expand ``{A}``, ``{LIST:B}`` and ``{E}`` (an unnamed entity) into a regex.

    ``group_types`` limits a group to entity types, so a lazy gap never stops at the wrong
    entity; ``{NE}`` inside a character class excludes placeholders.

    >>> masked = mask("科技创新推动产业创新", _EXAMPLE)  # two Concepts
    >>> bool(compile_pattern("{A}推动{B}", {"B": ("Concept",)}).fullmatch(masked))
    True
    >>> bool(compile_pattern("{A}推动{B}", {"B": ("Industry",)}).fullmatch(masked))
    False
    """
    group_types = group_types or {}

    def expand(match: re.Match) -> str:
        is_list, name = match.group(1), match.group(2)
        if name == "E":
            return ENTITY
        one = entity_regex(group_types.get(name, ()))
        body = f"{one}(?:{LIST_SEP}{one})*" if is_list else one
        return f"(?P<{name}>{body})"
    pattern = pattern.replace("{NOT_LIST_END}", _NOT_LIST_END).replace("{NE}", "\ue000-\ue009")
    return re.compile(_GROUP.sub(expand, pattern))


@dataclass(frozen=True)
class RelationRule:
    """A relation pattern with the groups that give head and tail and their allowed types."""

    id: str
    predicate: str
    regex: re.Pattern
    head: str
    tail: str
    head_types: tuple[str, ...] = ()
    tail_types: tuple[str, ...] = ()
    head_label: re.Pattern | None = None  # the head's canonical label must match (三大先导产业)

    @classmethod
    def from_json(cls, data: dict, where: str) -> "RelationRule":
        """Validate and compile one rule object."""
        missing = {"id", "predicate", "pattern", "head", "tail"} - data.keys()
        if missing:
            raise PatternError(f"{where}: relation rule lacks {', '.join(sorted(missing))}")
        if data["predicate"] not in RELATIONS:
            raise PatternError(f"{where}: unknown predicate {data['predicate']!r}; use one of {', '.join(RELATIONS)}")
        for key in ("head_types", "tail_types"):
            bad = set(data.get(key, ())) - set(ENTITY_TYPES)
            if bad:
                raise PatternError(f"{where}: {key} has unknown types {sorted(bad)}")
        try:
            regex = compile_pattern(data["pattern"], {data["head"]: tuple(data.get("head_types", ())),
                                                      data["tail"]: tuple(data.get("tail_types", ()))})
        except re.error as exc:
            raise PatternError(f"{where}: rule {data['id']} has a bad pattern: {exc}") from None
        head_label = re.compile(data["head_label"]) if data.get("head_label") else None
        return cls(data["id"], data["predicate"], regex, data["head"], data["tail"],
                   tuple(data.get("head_types", ())), tuple(data.get("tail_types", ())), head_label)


def load_relation_rules(path: Path) -> tuple[RelationRule, ...]:
    """Load ``relations.jsonl``."""
    return tuple(RelationRule.from_json(data, where) for data, where in load_jsonl(path))


_EXAMPLE = (Mention("科技创新", "Concept", "科技创新", 0, 4, "lex"), Mention("产业创新", "Concept", "产业创新", 6, 10, "lex"))


def mask(text: str, mentions: tuple[Mention, ...]) -> str:
    """Replace each (non-overlapping) mention by its placeholder.

    >>> m = Mention("新能源", "Industry", "新能源", 0, 3, "lex")
    >>> mask("新能源等", (m,)) == OPENS["Industry"] + chr(BASE) + CLOSE + "等"
    True
    """
    parts, pos = [], 0
    # At one start the longest mention wins (an event name over the place inside it);
    # mentions inside an already masked one stay out of the masked text.
    for index, mention in sorted(enumerate(mentions), key=lambda im: (im[1].start, -im[1].end)):
        if mention.start < pos:
            continue
        parts += [text[pos:mention.start], OPENS.get(mention.type, OPENS["Concept"]), chr(BASE + index), CLOSE]
        pos = mention.end
    parts.append(text[pos:])
    return "".join(parts)


def mentions_in(group_text: str, mentions: tuple[Mention, ...]) -> list[Mention]:
    """The mentions whose placeholders occur in a matched group."""
    return [mentions[ord(ch) - BASE] for ch in group_text if BASE <= ord(ch) <= 0xF8FF]


def find_relations(text: str, mentions: tuple[Mention, ...],
                   rules: tuple[RelationRule, ...]) -> list[tuple[Mention, Mention, RelationRule]]:
    """(head mention, tail mention, rule) triples stated by one sentence."""
    masked = mask(text, mentions)
    found: dict[tuple, tuple[Mention, Mention, RelationRule]] = {}
    for rule in rules:  # earlier rules in the file win when two state the same relation
        for match in rule.regex.finditer(masked):
            heads = [m for m in mentions_in(match.group(rule.head), mentions) if _allowed(m, rule.head_types)
                     and (rule.head_label is None or rule.head_label.match(m.label))]
            tails = [m for m in mentions_in(match.group(rule.tail), mentions) if _allowed(m, rule.tail_types)]
            for h, t in ((h, t) for h in heads for t in tails if (h.type, h.label) != (t.type, t.label)):
                found.setdefault((h.type, h.label, rule.predicate, t.type, t.label), (h, t, rule))
    return list(found.values())


def _allowed(mention: Mention, types: tuple[str, ...]) -> bool:
    return not types or mention.type in types
