"""Rule files under ``ontology/rules/``: regex entity rules, token patterns, recurring events.

Rules are data, not code. Each has an ``id`` that follows every mention (and
so every triple) it produces. Patterns may use the macro ``{CN}`` (a run of
Chinese numerals), ``{CNC}`` (one numeral character, for character classes)
and ``{PLACE}`` (any place name of the lexicons).

>>> rule = EntityRule.from_json({"id": "event.plenum", "type": "Event",
...     "pattern": "(?P<j>{CN})届(?P<m>[一二三])中全会", "label": "党的{j}届{m}中全会"}, "x:1")
>>> [(m.label, m.rule) for m in rule.find("二十届三中全会")]
[('党的二十届三中全会', 'event.plenum')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kg.errors import PatternError
from kg.model import ENTITY_TYPES, Mention

CN_NUMERALS = "一二三四五六七八九十百零〇两"
MACROS = {"{CN}": f"[{CN_NUMERALS}]+", "{CNC}": CN_NUMERALS}


def expand_macros(pattern: str, extra: dict[str, str] | None = None) -> str:
    """Replace ``{CN}``/``{CNC}`` (and caller-given macros such as ``{PLACE}``) by regex text.

    >>> expand_macros("第{CN}次")
    '第[一二三四五六七八九十百零〇两]+次'
    """
    for macro, text in {**MACROS, **(extra or {})}.items():
        pattern = pattern.replace(macro, text)
    return pattern


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words``, longest first.

    >>> alternation(["北京", "北京市"])
    '(?:北京市|北京)'
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")" if ordered else "(?!)"


def fill_template(template: str, groups: dict[str, str | None]) -> str:
    """Fill ``{name}`` placeholders; a group that did not take part counts as empty.

    A leading ``届`` left by an empty session number is dropped.

    >>> fill_template("{j}届中央政治局第{n}次集体学习", {"j": None, "n": "十一"})
    '中央政治局第十一次集体学习'
    """
    label = re.sub(r"\{(\w+)\}", lambda m: groups.get(m.group(1)) or "", template)
    return label[1:] if label.startswith("届") else label


def normalize_label(label: str) -> str:
    """A rule label without quotes, book-title marks or spaces (SPEC: labels drop them).

    >>> normalize_label("第三届“一带一路”国际合作高峰论坛")
    '第三届一带一路国际合作高峰论坛'
    """
    return re.sub(r"[“”‘’\"'《》〈〉「」\s]", "", label)


@dataclass(frozen=True)
class EntityRule:
    """A regex that proposes entities, with a label template and constraints."""

    id: str
    type: str
    regex: re.Pattern
    label: str
    layer: str = "main"  # "nested" mentions may overlap others (an event name containing a place)
    second_group: str = ""  # a group that names a second entity of the same type (X、Y：《…》)
    span_group: str = ""  # the group whose span is the mention (default: the whole match)
    classify: bool = False  # re-type the label by its head word (quoted terms)

    @classmethod
    def from_json(cls, data: dict, where: str, macros: dict[str, str] | None = None) -> "EntityRule":
        """Validate and compile one rule object."""
        missing = {"id", "type", "pattern", "label"} - data.keys()
        if missing:
            raise PatternError(f"{where}: rule lacks {', '.join(sorted(missing))}")
        if data["type"] not in ENTITY_TYPES:
            raise PatternError(f"{where}: rule {data['id']} has unknown type {data['type']!r}")
        try:
            regex = re.compile(expand_macros(data["pattern"], macros))
        except re.error as exc:
            raise PatternError(f"{where}: rule {data['id']} has a bad pattern: {exc}") from None
        second = data.get("second", {}).get("group", "")
        return cls(data["id"], data["type"], regex, data["label"], layer=data.get("layer", "main"),
                   second_group=second, span_group=data.get("span", ""), classify=bool(data.get("classify")))

    def find(self, text: str) -> list[Mention]:
        """Mentions of this rule in ``text``."""
        found = []
        for match in self.regex.finditer(text):
            label = normalize_label(fill_template(self.label, match.groupdict()))
            g = self.span_group or 0
            found.append(Mention(match.group(g), self.type, label, match.start(g), match.end(g), self.id))
            if self.second_group and match.group(self.second_group):
                g = self.second_group
                found.append(Mention(match.group(g), self.type, match.group(g), match.start(g), match.end(g), self.id))
        return found


def load_jsonl(path: Path) -> list[tuple[dict, str]]:
    """Read a JSONL rule file as (object, "file:line") pairs."""
    if not path.is_file():
        raise PatternError(f"{path}: rule file not found")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("//"):
            try:
                rows.append((json.loads(line), f"{path}:{number}"))
            except json.JSONDecodeError as exc:
                raise PatternError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
    return rows


def load_entity_rules(path: Path, macros: dict[str, str] | None = None) -> tuple[EntityRule, ...]:
    """Load ``entity_rules.jsonl``; ids must be unique. ``macros`` adds e.g. ``{PLACE}``."""
    rules = tuple(EntityRule.from_json(data, where, macros) for data, where in load_jsonl(path))
    ids = [r.id for r in rules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise PatternError(f"{path}: duplicate rule ids {', '.join(duplicates)}")
    return rules


@dataclass(frozen=True)
class RecurringName:
    """A meeting or annual document that recurs every year."""

    name: str
    type: str
    surfaces: tuple[str, ...]


def load_recurring(path: Path) -> tuple[RecurringName, ...]:
    """Load ``recurring.tsv`` (name, type, aliases separated by ``|``)."""
    names = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + ["", ""])[:3]
        if cells[1] not in ENTITY_TYPES:
            raise PatternError(f"{path}:{number}: unknown type {cells[1]!r}")
        surfaces = tuple(sorted({cells[0], *filter(None, cells[2].split("|"))}, key=lambda s: (-len(s), s)))
        names.append(RecurringName(cells[0], cells[1], surfaces))
    return tuple(names)
