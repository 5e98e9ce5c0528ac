"""Plain-text renderings of rows: aligned tables (CJK-aware) and CSV/TSV.

>>> print(text_table(["概念", "n"], [["新质生产力", "3"]]))
概念        n
----------  -
新质生产力  3
(1 rows)
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Sequence

Cell = object


def _cell(value: Cell) -> str:
    return "" if value is None else str(value)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: CJK characters take two.

    >>> width("新质a")
    5
    """
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad_row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()


def text_table(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, count: bool = True) -> str:
    """An aligned table with a dashed rule under the header (and a row count unless ``count=False``)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([width(n)] + [width(r[i]) for r in cells]) for i, n in enumerate(header)]
    lines = [_pad_row(header, widths), "  ".join("-" * w for w in widths)]
    lines += [_pad_row(r, widths) for r in cells]
    return "\n".join(lines + ([f"({len(cells)} rows)"] if count else []))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]], *, delimiter: str = ",",
             lineterminator: str = "\r\n") -> str:
    """CSV (RFC 4180: CRLF line ends unless ``lineterminator`` says otherwise) of a header and rows.

    >>> csv_text(["a", "b"], [["x,y", 1]])
    'a,b\\r\\n"x,y",1\\r\\n'
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return out.getvalue()
