"""Lexicons: curated term lists under ``ontology/lexicon/*.tsv``, matched on characters.

Each TSV line is ``label<TAB>type<TAB>aliases<TAB>broader<TAB>origin`` (aliases
separated by ``|``). Matching uses an Aho-Corasick automaton over the raw
characters, so a segmentation choice can never hide a term, and returns every
occurrence; overlaps are resolved later (longest match wins).

>>> lex = Lexicon.from_entries([LexEntry("新质生产力", "Concept", ("新质生产力",), "", "concepts")])
>>> [(m.surface, m.label, m.rule) for m in lex.find("发展新质生产力")]
[('新质生产力', '新质生产力', 'lexicon.concepts')]
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from kg.errors import DictionaryError
from kg.model import ENTITY_TYPES, Mention

COLUMNS = ("label", "type", "aliases", "broader", "origin")


@dataclass(frozen=True, order=True)
class LexEntry:
    """One lexicon entry: canonical label, type, all surface forms, broader term, source file."""

    label: str
    type: str
    surfaces: tuple[str, ...]
    broader: str
    source: str  # lexicon file stem, e.g. "industries"
    origin: str = "std"


def normalize_surface(text: str) -> str:
    """NFKC-normalise a surface form and drop quotes, book-title marks and spaces.

    >>> normalize_surface("《资本论》")
    '资本论'
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in "《》〈〉“”‘’\"'「」 \t")


def parse_lexicon_line(line: str, where: str, source: str) -> LexEntry | None:
    """Parse one TSV line (``None`` for comments and blank lines).

    >>> parse_lexicon_line("双碳\\tPolicy\\t\\t\\tstd", "x:1", "p") is None
    False
    """
    if not line.strip() or line.startswith("#"):
        return None
    cells = line.rstrip("\n").split("\t")
    if len(cells) < 2:
        raise DictionaryError(f"{where}: expected tab-separated {', '.join(COLUMNS)}; got {line.strip()!r}")
    cells += [""] * (len(COLUMNS) - len(cells))
    label, type_, aliases, broader, origin = (c.strip() for c in cells[:5])
    if type_ not in ENTITY_TYPES:
        raise DictionaryError(f"{where}: unknown type {type_!r}; use one of {', '.join(ENTITY_TYPES)}")
    label = normalize_surface(label)
    if not label:
        raise DictionaryError(f"{where}: empty label")
    surfaces = {label} | {normalize_surface(a) for a in aliases.split("|") if normalize_surface(a)}
    return LexEntry(label, type_, tuple(sorted(surfaces)), normalize_surface(broader), source, origin or "std")


def read_lexicon_file(path: Path) -> list[LexEntry]:
    """Read the entries of one TSV lexicon file."""
    entries = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            entry = parse_lexicon_line(line, f"{path}:{number}", path.stem)
            if entry:
                entries.append(entry)
    return entries


@dataclass(frozen=True)
class Lexicon:
    """All lexicon entries plus the automaton that finds their surfaces."""

    entries: tuple[LexEntry, ...]
    by_surface: dict[str, LexEntry] = field(repr=False)
    automaton: ahocorasick.Automaton = field(repr=False, compare=False)

    @classmethod
    def from_entries(cls, entries: list[LexEntry] | tuple[LexEntry, ...]) -> "Lexicon":
        """Index entries; the first entry that claims a surface keeps it."""
        by_surface: dict[str, LexEntry] = {}
        for entry in sorted(entries, key=lambda e: (e.source, e.label)):
            for surface in entry.surfaces:
                by_surface.setdefault(surface, entry)
        automaton = ahocorasick.Automaton()
        for surface in by_surface:
            automaton.add_word(surface, surface)
        if by_surface:
            automaton.make_automaton()
        return cls(tuple(entries), by_surface, automaton)

    @classmethod
    def load(cls, folder: Path) -> "Lexicon":
        """Load every ``*.tsv`` under ``folder`` (sorted, so the result is deterministic)."""
        if not folder.is_dir():
            raise DictionaryError(f"{folder}: lexicon folder not found")
        entries: list[LexEntry] = []
        for path in sorted(folder.glob("*.tsv")):
            entries.extend(read_lexicon_file(path))
        return cls.from_entries(entries)

    def find(self, text: str) -> list[Mention]:
        """Every occurrence of every surface in ``text`` (overlaps included).

        Latin surfaces (AI, 5G) must not touch other Latin letters (MAIN, 5GHz is fine).
        """
        if not self.by_surface:
            return []
        view, positions = _without_quotes(text)
        found = []
        for end, surface in self.automaton.iter(view):
            entry = self.by_surface[surface]
            start, stop = positions[end - len(surface) + 1], positions[end] + 1
            if surface.isascii() and not _latin_bounded(text, start, stop):
                continue
            found.append(Mention(text[start:stop], entry.type, entry.label, start, stop, f"lexicon.{entry.source}"))
        return found

    def lookup(self, surface: str) -> LexEntry | None:
        """The entry whose label or alias equals ``surface`` (after normalisation)."""
        return self.by_surface.get(normalize_surface(surface))


_QUOTES = frozenset("“”‘’\"'")
# Lexicon surfaces are NFKC-normalised, which turns （） into (); the text is matched the same way.
_FULLWIDTH = str.maketrans("（）：，", "():,")


def _without_quotes(text: str) -> tuple[str, list[int]]:
    """The text without quote marks, and each kept character's position in ``text``.

    Policy texts quote parts of names (“十四五”规划, “双碳”目标); matching on this view finds them.

    >>> _without_quotes("“十四五”规划")
    ('十四五规划', [1, 2, 3, 5, 6])
    """
    text = text.translate(_FULLWIDTH)  # one character for one, so positions stay valid
    if not any(ch in _QUOTES for ch in text):
        return text, list(range(len(text)))
    positions = [i for i, ch in enumerate(text) if ch not in _QUOTES]
    return "".join(text[i] for i in positions), positions


def _latin_bounded(text: str, start: int, end: int) -> bool:
    """True when the span is not glued to other ASCII letters.

    >>> _latin_bounded("MAIN", 1, 3), _latin_bounded("发展AI产业", 2, 4)
    (False, True)
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalpha()) and not (after.isascii() and after.isalpha())


BLOCKER = "Blocker"  # type of generic-word entries: they win overlaps, then are dropped


def load_word_list(path: Path) -> frozenset[str]:
    """Read a one-word-per-line list (``#`` comments allowed).

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "w.txt"
    >>> _ = p.write_text("# generic\\n发展\\n问题\\n", encoding="utf-8")
    >>> sorted(load_word_list(p))
    ['发展', '问题']
    """
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
