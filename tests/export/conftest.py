"""Knowledge bases for the export tests, built once per session and exported once in every format.

``samples`` is ``samples/`` (ours, in every clone) plus three short articles written for these
tests: one bombing told by two outlets with different tolls and a denial of responsibility (a
contradiction), and an attack whose quoted statement holds straight quotes, commas and accents
(the CSV must keep them). ``seeds`` is ``../shared/seeds``, skipped cleanly when a clone has none.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import REPO, SHARED, write
from newsgraph.export import jsonl
from newsgraph.kb import EXPORT_FORMATS, KnowledgeBase

KHAR_WIRE = """Bomb kills 14 at Khar bus stand

Published April 3, 2024

By Zainab Rauf

KHAR: A bomb hidden in a parked rickshaw exploded at the main bus stand in Khar on Tuesday, killing 14 people and wounding 30, police said.

District police officer Nazir Ahmad said Jamaat-ul-Ahrar, a faction of the Tehrik-i-Taliban Pakistan, was behind the bombing.

A spokesman for Jamaat-ul-Ahrar, Sarbakaf Mohmand, denied that the group had carried out the attack.
"""

KHAR_DAILY = """Khar bus stand toll rises to 19

Published April 4, 2024

By Imran Wazir

KHAR: The death toll from Tuesday's bombing at the Khar bus stand rose to 19 on Wednesday, hospital officials said, as two more of the wounded died.

Police officials in Bajaur said the bomb had been packed with ball bearings and detonated by remote control.

Nazir Ahmad, the district police officer, told reporters that Jamaat-ul-Ahrar was responsible.
"""

CHAMAN = """Gunmen attack clinic in Chaman, killing three health workers

Published May 6, 2024

CHAMAN: Gunmen opened fire on a clinic run by Médecins Sans Frontières in Chaman on Sunday, killing three health workers, police said.

"The clinic was clearly marked, and our staff, all of them unarmed, were there to help," said Zoë Dubé, the charity's coordinator in Quetta.

No group said it had carried out the attack.
"""

FILES = {"extra/khar_wire.txt": KHAR_WIRE, "extra/khar_daily.txt": KHAR_DAILY, "extra/chaman.txt": CHAMAN}


@dataclass
class Built:
    """A knowledge base, its kb-export records, and one export file (csv: a folder) per format."""

    name: str
    db: Path
    records: list[dict]
    files: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def of(self, kind: str) -> list[dict]:
        return [r for r in self.records if r["kind"] == kind]


def _corpus(name: str, root: Path) -> Path:
    if name == "seeds":
        if not (SHARED / "seeds").is_dir():
            pytest.skip(f"{SHARED / 'seeds'} is not here")
        return SHARED / "seeds"
    corpus = root / "corpus"
    shutil.copytree(REPO / "samples", corpus, ignore=shutil.ignore_patterns("*.md"))
    for rel, text in FILES.items():
        write(corpus / rel, text)
    return corpus


@pytest.fixture(scope="session", params=["samples", "seeds"])
def built(request, tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp(f"export_{request.param}")
    corpus = _corpus(request.param, root)
    db = root / "kb.sqlite"
    with KnowledgeBase(db) as kb:
        summary = kb.ingest([str(corpus)], workers=2)
        assert summary.ingested and not summary.rejected, summary
        out = Built(request.param, db, list(jsonl.records(kb.conn)))
        for fmt in EXPORT_FORMATS:
            target = root / ("csv" if fmt == "csv" else f"kb.{fmt}")
            out.counts[fmt] = kb.export(fmt, target)
            out.files[fmt] = target
    return out


SAMPLES_ONLY = pytest.mark.parametrize("built", ["samples"], indirect=True)  # needs our own articles


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
