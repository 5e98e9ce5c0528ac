"""Validate the unseen evaluation set (tests/unseen/*.jsonl) against its texts and the gold format.

Run:  python tests/unseen/validate_unseen.py      (exit 0 = valid, 1 = problems found)

Checks: every line parses; required fields present; entity types and relation names are the ones
of SPEC sections 2 and 3; Date labels are EDTF; every alias occurs in the text (compared the way the
scorer compares strings: NFKC, white space and the marks 《》〈〉“”‘’"'「」 removed); every relation's
head and tail are labels of the same document's entity file (the doc id for a cites head); every
evidence occurs in the text under the same normalisation; no duplicate entity or relation lines.
Importing this module does nothing (pytest runs with --doctest-modules).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"Concept", "Industry", "Policy", "Event", "Date", "Source", "Person", "Organization", "Place"}
RELS = {"includes", "promotes", "definedAs", "proposedBy", "proposedAt", "occurredOn", "hasDate",
        "writtenInto", "cites"}
_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
EDTF = re.compile(rf"^(?:{_DAY}|\d{{3}}X|\d{{2}}XX)(?:/{_DAY})?$")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"\s+", "", s)
    return re.sub("[《》〈〉“”‘’\"'「」]", "", s)


def check(doc: str) -> list[str]:
    errs: list[str] = []
    text = norm((HERE / f"{doc}.txt").read_text(encoding="utf-8"))
    labels: dict[str, set[str]] = {}
    seen_e = set()
    for n, line in enumerate((HERE / f"{doc}.entities.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        where = f"{doc}.entities.jsonl:{n}"
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            errs.append(f"{where}: does not parse ({e})")
            continue
        tys = [o["type"]] if "type" in o else o.get("types", [])
        if o.get("doc") != doc:
            errs.append(f"{where}: doc is {o.get('doc')!r}")
        if not tys or set(tys) - TYPES:
            errs.append(f"{where}: bad type(s) {tys}")
        if not isinstance(o.get("required"), bool):
            errs.append(f"{where}: required must be true/false")
        label = o.get("label", "")
        if "Date" in tys and not EDTF.match(label):
            errs.append(f"{where}: Date label {label!r} is not EDTF")
        if (label, tuple(tys)) in seen_e:
            errs.append(f"{where}: duplicate entity {label}")
        seen_e.add((label, tuple(tys)))
        labels.setdefault(label, set()).update(tys)
        for a in o.get("aliases") or [None]:
            if not a or re.search(r"\s", a) or norm(a) not in text:
                errs.append(f"{where}: alias {a!r} of {label} not found in the text")
    seen_r = set()
    for n, line in enumerate((HERE / f"{doc}.relations.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        where = f"{doc}.relations.jsonl:{n}"
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            errs.append(f"{where}: does not parse ({e})")
            continue
        h, r, t = o.get("head"), o.get("rel"), o.get("tail")
        if o.get("doc") != doc:
            errs.append(f"{where}: doc is {o.get('doc')!r}")
        if r not in RELS:
            errs.append(f"{where}: unknown relation {r!r}")
        if r == "cites" and h != doc:
            errs.append(f"{where}: cites head must be the doc id")
        if r != "cites" and h not in labels:
            errs.append(f"{where}: head {h!r} is not an entity label")
        if t not in labels:
            errs.append(f"{where}: tail {t!r} is not an entity label")
        if r in ("occurredOn", "hasDate") and "Date" not in labels.get(t, set()):
            errs.append(f"{where}: {r} tail {t!r} is not a Date")
        if r == "occurredOn" and "Event" not in labels.get(h, set()):
            errs.append(f"{where}: occurredOn head {h!r} is not an Event")
        if not o.get("evidence") or norm(o["evidence"]) not in text:
            errs.append(f"{where}: evidence not found in the text")
        if not isinstance(o.get("required"), bool):
            errs.append(f"{where}: required must be true/false")
        if (h, r, t) in seen_r:
            errs.append(f"{where}: duplicate relation {h} {r} {t}")
        seen_r.add((h, r, t))
    return errs


def main() -> int:
    docs = sorted(p.stem for p in HERE.glob("*.txt"))
    problems = 0
    for doc in docs:
        errs = check(doc)
        problems += len(errs)
        ents = len((HERE / f"{doc}.entities.jsonl").read_text(encoding="utf-8").splitlines())
        rels = len((HERE / f"{doc}.relations.jsonl").read_text(encoding="utf-8").splitlines())
        print(f"{doc}: {ents} entities, {rels} relations, {len(errs)} problems")
        for e in errs:
            print("   ", e)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
