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


def test_export_litter_named_after_a_reused_pid_is_removed(tmp_path):
    out = tmp_path / "graph.gexf"
    # a killed writer's file whose pid now belongs to a live process (here our parent)
    litter = tmp_path / f".graph.gexf.{os.getppid()}.k1ll3d.tmp"
    litter.write_text("x" * 1000)
    with atomic_write(out, force=True) as handle:
        handle.write("<gexf/>")
    assert _hidden(tmp_path) == []


WRITING = """
import sys, time
from kg.fsutil import atomic_write
with atomic_write(sys.argv[1], force=True) as out:
    out.write("x")
    out.flush()
    print("writing", flush=True)
    time.sleep(60)
"""


def test_export_a_live_writer_whose_pid_we_cannot_see_keeps_its_file(tmp_path):
    out = tmp_path / "graph.gexf"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITING, str(out)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        (live,) = [tmp_path / name for name in _hidden(tmp_path)]
        # as seen from another pid namespace (a container sharing the folder): a pid
        # that is not alive here
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout.strip()
        foreign = live.with_name(f".graph.gexf.{dead}.{live.name.split('.')[-2]}.tmp")
        live.rename(foreign)
        with atomic_write(out, force=True) as handle:
            handle.write("<gexf/>")
        assert foreign.exists(), "the live writer's file was removed"
    finally:
        writer.kill()
        writer.wait()
    with atomic_write(out, force=True) as handle:  # its writer is gone now: litter
        handle.write("<gexf/>")
    assert _hidden(tmp_path) == []
