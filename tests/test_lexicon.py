"""Lexicon files: validation on load and character-level matching."""

from __future__ import annotations

import pytest

from kg.errors import DictionaryError
from kg.lexicon import LexEntry, Lexicon, parse_lexicon_line
from kg.entities import ONTOLOGY_DIR


def test_lexicon_line_with_aliases():
    entry = parse_lexicon_line("碳达峰碳中和\tPolicy\t双碳|“双碳”\t\tstd", "f:1", "policies")
    assert entry.label == "碳达峰碳中和" and set(entry.surfaces) == {"碳达峰碳中和", "双碳"}


@pytest.mark.parametrize("line, problem", [("新质生产力\tIdea\t\t\tstd", "unknown type"), ("单列", "tab-separated")])
def test_lexicon_rejects_bad_lines(line, problem):
    with pytest.raises(DictionaryError, match=problem):
        parse_lexicon_line(line, "concepts.tsv:3", "concepts")


def test_lexicon_matches_on_characters_whatever_the_segmentation():
    lex = Lexicon.from_entries([LexEntry("未来产业", "Industry", ("未来产业",), "", "industries")])
    # jieba segments 面向未来/产业; character matching still finds the term
    assert [(m.start, m.end) for m in lex.find("面向未来产业重点方向")] == [(2, 6)]


def test_lexicon_files_of_the_project_load_and_say_their_source():
    lexicon = Lexicon.load(ONTOLOGY_DIR / "lexicon")
    assert len(lexicon.entries) > 500
    for path in (ONTOLOGY_DIR / "lexicon").glob("*.tsv"):
        head = path.read_text(encoding="utf-8").splitlines()[:5]
        assert any(line.startswith("# source:") for line in head), path.name
    assert lexicon.lookup("我国").label == "中国"


def test_lexicon_files_keep_their_invariants():
    """ontology/check_lexicon.py: unique labels and aliases, broader terms exist, no generic word."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ONTOLOGY_DIR / "check_lexicon.py")], capture_output=True, text=True,
                          cwd=ONTOLOGY_DIR.parent)
    assert done.returncode == 0, done.stdout + done.stderr
