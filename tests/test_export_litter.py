"""No litter (issue 18): exports killed mid-write leave temporary files that the next
export of the same target removes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from rdf_fakes import PatternExtractor, corpus

from kg.build import build
from kg.cli import main
from kg.fsutil import STALE_AFTER, atomic_write

KILLED = """
import os, sys
from kg.fsutil import atomic_write
with atomic_write(sys.argv[1], force=True) as out:
    out.write("x" * 100_000)
    out.flush()
    os._exit(9)  # SIGKILLed half way
"""


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_export_killed_four_times_then_one_export_leaves_nothing(tmp_path):
    store = tmp_path / "kg.store"
    build(articles=corpus(4), store=store, extractor=PatternExtractor(), workers=1,
          exports=False)
    out = tmp_path / "graph.gexf"
    for _ in range(4):
        killed = subprocess.run([sys.executable, "-c", KILLED, str(out)])
        assert killed.returncode == 9
    assert len(_hidden(tmp_path)) == 1  # the last killed writer's; each removed the one before
    result = CliRunner().invoke(
        main, ["export", "--format", "gexf", "-o", str(out), "--store", str(store), "--force"]
    )
    assert result.exit_code == 0, result.output
    assert out.exists()
    assert _hidden(tmp_path) == []


def test_export_litter_of_a_live_writer_is_kept(tmp_path):
    out = tmp_path / "nodes.csv"
    with atomic_write(out) as handle:  # this process is writing it right now
        handle.write("a")
        other = tmp_path / "edges.csv"
        with atomic_write(other) as second:
            second.write("b")
        assert len(_hidden(tmp_path)) == 1  # the live one of nodes.csv stays
    assert _hidden(tmp_path) == []


def test_export_old_unnamed_litter_goes_once_stale(tmp_path):
    out = tmp_path / "kg.trig"
    old = tmp_path / ".kg.trig.ab12cd_x.tmp"  # the name an older version gave it
    fresh = tmp_path / ".kg.trig.zz99yy_q.tmp"
    old.write_text("old")
    fresh.write_text("fresh")
    then = time.time() - STALE_AFTER - 10
    os.utime(old, (then, then))
    with atomic_write(out, force=True) as handle:
        handle.write("data")
    assert _hidden(tmp_path) == [fresh.name]
