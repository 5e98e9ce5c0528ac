"""Ingest stage: find input files and decode them into :class:`RawDocument`.

Reads every ``.txt``/``.md`` file under the given paths. Encodings: UTF-8,
UTF-8 with BOM, UTF-16 with BOM, and GB18030 (with a warning, since a
non-UTF-8 file is worth knowing about). Problems are reported per file and
never stop the other files.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("发展新质生产力。", encoding="utf-8")
>>> result = ingest([folder])
>>> [d.doc_id for d in result.documents], result.problems
(['a'], ())
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kg.errors import InputError
from kg.model import RawDocument

TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class IngestResult:
    """Documents read, problems found (one per bad file) and warnings."""

    documents: tuple[RawDocument, ...]
    problems: tuple[InputError, ...]
    warnings: tuple[str, ...]


def find_input_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into a sorted list of text files.

    >>> find_input_files(["/nonexistent/folder"])[1][0].problem
    'no such file or folder'
    """
    files: list[Path] = []
    problems: list[InputError] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                problems.append(InputError(str(path), "folder holds no .txt or .md files"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(InputError(str(path), "no such file or folder"))
    return sorted(set(files)), problems


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode file bytes, returning ``(text, encoding)``.

    >>> decode_bytes("新质".encode("gb18030"), "x.txt")
    ('新质', 'gb18030')
    >>> decode_bytes(codecs.BOM_UTF8 + "新质".encode(), "x.txt")
    ('新质', 'utf-8-sig')
    """
    if not data.strip():
        raise InputError(path, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data, "utf-8-sig", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path), "utf-16"
    if b"\x00" in data:
        raise InputError(path, "looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _decode(data, "gb18030", path)
    if not _looks_like_text(text):
        raise InputError(path, "cannot be decoded as UTF-8, UTF-16 or GB18030 text")
    return text, "gb18030"


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid {encoding} at byte {exc.start}") from None


def _looks_like_text(text: str) -> bool:
    # GB18030 decodes almost any byte string; reject results full of control characters.
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(text) // 100


def read_document(path: Path) -> tuple[RawDocument, str | None]:
    """Read one file; return the document and a warning (or ``None``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})") from None
    text, encoding = decode_bytes(data, str(path))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(str(path), "the file holds only white space")
    warning = None if encoding.startswith("utf-8") else f"{path}: decoded as {encoding}, not UTF-8"
    doc = RawDocument(path.stem, str(path), text, hashlib.sha256(data).hexdigest(), encoding)
    return doc, warning


def ingest(paths: Iterable[Path | str]) -> IngestResult:
    """Read all text files under ``paths``; collect per-file problems instead of stopping."""
    files, problems = find_input_files(paths)
    documents: list[RawDocument] = []
    warnings: list[str] = []
    seen: dict[str, Path] = {}
    for path in files:
        try:
            doc, warning = read_document(path)
        except InputError as exc:
            problems.append(exc)
            continue
        if doc.doc_id in seen:
            problems.append(InputError(str(path), f"document id {doc.doc_id!r} already used by {seen[doc.doc_id]}"))
            continue
        seen[doc.doc_id] = path
        documents.append(doc)
        if warning:
            warnings.append(warning)
    return IngestResult(tuple(documents), tuple(problems), tuple(warnings))
