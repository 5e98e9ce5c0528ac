"""Ingest: encodings, bad files, folders."""

from __future__ import annotations

import codecs

import pytest

from kg.errors import InputError
from kg.ingest import decode_bytes, ingest

TEXT = "加快发展新质生产力，扎实推进高质量发展。"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
)
def test_ingest_decodes_supported_encodings(data, encoding):
    assert decode_bytes(data, "x.txt") == (TEXT, encoding)


def test_ingest_warns_on_gb18030_and_names_the_file(tmp_path):
    (tmp_path / "gb.txt").write_bytes(TEXT.encode("gb18030"))
    result = ingest([tmp_path])
    assert [d.text for d in result.documents] == [TEXT]
    assert len(result.warnings) == 1 and "gb.txt" in result.warnings[0] and "gb18030" in result.warnings[0]


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n ", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
    ],
)
def test_ingest_reports_bad_files_and_keeps_good_ones(tmp_path, name, data, problem):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    result = ingest([tmp_path])
    assert [d.doc_id for d in result.documents] == ["good"]
    assert len(result.problems) == 1
    assert name in str(result.problems[0]) and problem in str(result.problems[0])


def test_ingest_missing_path_and_folder_without_text(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    result = ingest([tmp_path / "missing", tmp_path])
    messages = [str(p) for p in result.problems]
    assert any("missing" in m and "no such file" in m for m in messages)
    assert any("no .txt or .md" in m for m in messages)
    assert result.documents == ()


def test_ingest_document_id_is_file_stem_and_hash_is_of_bytes(tmp_path):
    (tmp_path / "003_report.md").write_text(TEXT, encoding="utf-8")
    (doc,) = ingest([tmp_path]).documents
    import hashlib

    assert doc.doc_id == "003_report"
    assert doc.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()


def test_ingest_error_names_file():
    with pytest.raises(InputError, match="x.txt: the file is empty"):
        decode_bytes(b"", "x.txt")
