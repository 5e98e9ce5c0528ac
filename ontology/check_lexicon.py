"""Check the invariants of ontology/lexicon/*.tsv (see lexicon/README.md, "Checking").

Run from the repository root:  .venv/bin/python ontology/check_lexicon.py
Prints one line per problem and exits with status 1 if there is any.

Checked: a `# source:` line among the first comment lines; exactly 5 tab-separated columns;
valid type and origin; every label and alias has at least 2 characters and no quotes or 《》;
labels unique across all files; an alias belongs to one entry only and is never another
entry's label; no alias repeats its own label; every `broader` names an existing label;
no `broader` cycles; no label or alias equals a word of ../generic_terms.txt.
Surfaces are compared after the loader's normalisation (NFKC, quotes and spaces removed).
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

TYPES = {"Concept", "Industry", "Policy", "Event", "Source", "Person", "Organization", "Place"}
ORIGINS = {"std", "seed"}
BAD_CHARS = set("《》〈〉“”‘’\"'「」")
HERE = Path(__file__).resolve().parent


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in "《》〈〉“”‘’\"'「」 \t")


def main(folder: Path = HERE / "lexicon", generic_path: Path = HERE / "generic_terms.txt") -> int:
    problems: list[str] = []
    labels: dict[str, str] = {}  # label -> where
    aliases: dict[str, str] = {}  # alias -> where (label)
    broader: dict[str, str] = {}
    generic = set()
    if generic_path.is_file():
        generic = {norm(w) for w in generic_path.read_text(encoding="utf-8").splitlines()
                   if w.strip() and not w.startswith("#")}
    rows = []
    for path in sorted(folder.glob("*.tsv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        head = [line for line in lines[:6] if line.startswith("#")]
        if not any(line.startswith("# source:") for line in head):
            problems.append(f"{path.name}: no '# source:' line at the top")
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{path.name}:{number}"
            cells = line.split("\t")
            if len(cells) != 5:
                problems.append(f"{where}: {len(cells)} columns, expected 5: {line!r}")
                continue
            label, type_, alias_cell, broad, origin = (c.strip() for c in cells)
            if type_ not in TYPES:
                problems.append(f"{where}: unknown type {type_!r}")
            if origin not in ORIGINS:
                problems.append(f"{where}: unknown origin {origin!r}")
            surfaces = [label] + [a for a in alias_cell.split("|") if a.strip()]
            for s in surfaces:
                if BAD_CHARS & set(s):
                    problems.append(f"{where}: quote or book-title mark in {s!r}")
                if len(norm(s)) < 2:
                    problems.append(f"{where}: surface shorter than 2 characters: {s!r}")
                if s != s.strip():
                    problems.append(f"{where}: surrounding space in {s!r}")
            rows.append((where, norm(label), [norm(a) for a in surfaces[1:]], norm(broad)))
    for where, label, _, broad in rows:
        if label in labels:
            problems.append(f"{where}: label {label!r} already at {labels[label]}")
        labels.setdefault(label, where)
        if broad:
            broader[label] = broad
    for where, label, alias_list, _ in rows:
        seen = set()
        for alias in alias_list:
            if alias == label or alias in seen:
                problems.append(f"{where}: alias {alias!r} repeats the entry's own label or alias")
                continue
            seen.add(alias)
            if alias in labels:
                problems.append(f"{where}: alias {alias!r} is the label of {labels[alias]}")
            if alias in aliases:
                problems.append(f"{where}: alias {alias!r} also an alias at {aliases[alias]}")
            aliases.setdefault(alias, where)
    for where, label, alias_list, broad in rows:
        if broad and broad not in labels:
            problems.append(f"{where}: broader {broad!r} is not a label")
        for s in [label, *alias_list]:
            if s in generic:
                problems.append(f"{where}: {s!r} is a generic term (generic_terms.txt)")
    for start in broader:
        seen, node = [start], broader.get(start)
        while node:
            if node in seen:
                problems.append(f"broader cycle: {' -> '.join(seen + [node])}")
                break
            seen.append(node)
            node = broader.get(node)
    for problem in problems:
        print(problem)
    print(f"{len(rows)} entries, {len(aliases)} aliases, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
