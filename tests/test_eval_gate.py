"""The eval gate: ``newsgraph eval`` scores the seeds with the shared scorer against pinned floors."""
from __future__ import annotations

import json
import re
from importlib import resources

from click.testing import CliRunner

from support import REPO, run_cli
from newsgraph.cli import main


def test_eval_passes_the_pinned_floors(shared):
    proc = run_cli("eval", "--workers", "1", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    floors = json.loads((resources.files("newsgraph") / "data" / "eval" / "floors.json").read_text())
    gates = [line for line in proc.stdout.splitlines() if line.startswith("gate ")]
    pinned = [k for k in floors if not k.startswith("_") and k != "ceilings"] + list(floors.get("ceilings", {}))
    assert len(gates) == len(pinned)
    assert all(line.startswith("gate ok ") for line in gates), gates
    assert re.search(r"^articles\s+1\.000\s+\(5/5\)", proc.stdout, re.M)
    assert re.search(r"^published\s+1\.000\s+\(4/4\)", proc.stdout, re.M)


def test_eval_floors_cover_the_foundation():
    floors = json.loads((resources.files("newsgraph") / "data" / "eval" / "floors.json").read_text())
    assert floors["articles"] == 1.0 and floors["published"] == 1.0


def test_eval_with_missing_seeds_says_so(tmp_path):
    result = CliRunner().invoke(main, ["eval", "--seeds", str(tmp_path / "none"), "--gold", str(tmp_path / "g.jsonl")])
    assert result.exit_code == 1 and "missing seeds" in result.output


def test_a_figure_below_its_floor_fails_the_gate(tmp_path, shared):
    """The gate refuses a regression: with a floor above what the pipeline reaches, eval fails."""
    from newsgraph import evaluate

    report = evaluate.run(workers=1)
    assert not report.failures
    report.floors = {**report.floors, "entities_ALL": 1.01}
    assert any("LOW" in line for line in report.gate_lines())
