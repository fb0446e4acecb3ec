"""Benchmark: peak memory of ``kg build --workers 1`` against article length.

Writes one long article per size (the paragraphs of ``corpus.py``'s synthetic
articles, concatenated until the size is reached), builds each into a fresh
store with ``kg build --workers 1 --no-exports`` in a child process, and prints
its peak RSS (``getrusage`` of the child), the build time, and both as ratios to
the smallest size measured in the same run. Issue 18's target: 2 MB at most
1.5 GB and at most 1.3x the 200 kB figure, time linear in length.

The child runs under an address-space cap (``--cap-gb``, default 6) so that a
build whose memory grows with length fails with ``MemoryError`` instead of
taking the machine down; such a run is reported as over the cap.

Usage::

    python benchmarks/bench_memory.py [--sizes 200k,1m,2m] [--cap-gb 6]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles  # noqa: E402


def parse_size(text: str) -> int:
    """``200k`` -> 200_000, ``2m`` -> 2_000_000."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def long_article(size: int) -> str:
    """Deterministic text of at least ``size`` characters, whole paragraphs."""
    parts: list[str] = []
    total = 0
    for record in articles(1_000_000, seed=11):
        for paragraph in record["text"].split("\n\n"):
            parts.append(paragraph)
            total += len(paragraph) + 2
            if total >= size:
                return "\n\n".join(parts)
    return "\n\n".join(parts)


def measure(size: int, cap: int, folder: Path) -> tuple[int, float, int, str]:
    """(peak RSS in bytes, seconds, exit code, last stderr line) of one build."""
    source = folder / f"article-{size}.jsonl"
    source.write_text(json.dumps({"id": f"long-{size}", "text": long_article(size)}) + "\n")
    store = folder / f"store-{size}"
    script = (
        "import resource, subprocess, sys\n"
        "def cap():\n"
        f"    resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n"
        "run = subprocess.run(sys.argv[1:], preexec_fn=cap, capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
        "last = (run.stderr.strip().splitlines() or [''])[-1]\n"
        "print(peak, run.returncode, last, sep='\\t')\n"
    )
    kg = [sys.executable, "-m", "kg", "-q", "build", str(source), "--store", str(store),
          "--workers", "1", "--no-exports"]
    began = time.monotonic()
    out = subprocess.run([sys.executable, "-c", script, *kg], capture_output=True, text=True)
    seconds = time.monotonic() - began
    peak, code, last = out.stdout.rstrip("\n").split("\t", 2)
    return int(peak), seconds, int(code), last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200k,1m,2m")
    parser.add_argument("--cap-gb", type=float, default=6.0)
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    cap = int(args.cap_gb * (1 << 30))
    print(f"kg build --workers 1, one article per size, address space capped at "
          f"{args.cap_gb:g} GB; {os.cpu_count()} cores")
    print(f"{'chars':>10}{'peak RSS MB':>13}{'x first':>9}{'seconds':>9}{'x first':>9}  result")
    first: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            peak, seconds, code, last = measure(size, cap, Path(tmp))
            if first is None:
                first = (peak, seconds)
            result = "ok" if code == 0 else f"exit {code}: {last[:80]}"
            print(
                f"{size:>10,}{peak / 2**20:>13,.0f}{peak / first[0]:>9.2f}"
                f"{seconds:>9.1f}{seconds / first[1]:>9.2f}  {result}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
