"""Benchmark: peak memory of ``kg build --workers 1`` against article length.

Writes one long article per size (the paragraphs of ``corpus.py``'s synthetic
articles, concatenated until the size is reached) into a JSON-lines file, with
one short article after it (issue 18's case: a long article must not cost its
neighbours), builds it into a fresh store with ``kg build --workers 1
--no-exports`` in a child process, and prints its peak RSS (``getrusage`` of the
child), its CPU time (user + system; the cores are shared, so wall time is only
shown), CPU seconds per MB, the ratios of peak and CPU time to the smallest size
measured in the same run, and how many of the 2 articles the store holds.
``--extract`` measures ``kg extract`` (the extractor alone) the same way.

The last lines check issue 18's targets against the sizes measured: 2 MB at most
1.5 GB and at most 1.3x the 200 kB figure; 10 MB built to the end; time linear
(with three sizes or more: the CPU seconds per added MB between the two largest
within 1.3x of those between the two smallest, so the start-up cancels out).

The child runs under an address-space cap (``--cap-gb``, default 6) so that a
build whose memory grows with length fails with ``MemoryError`` instead of
taking the machine down; such a run is reported with its exit code.

Usage::

    python benchmarks/bench_memory.py [--sizes 200k,1m,2m] [--cap-gb 6] [--extract]
    python benchmarks/bench_memory.py --sizes 200k,2m,10m --cap-gb 4
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


SHORT = (
    "The FBI blamed North Korea for the attack on Sony Pictures Entertainment. "
    "North Korea denied any role in the hack."
)
"""The short article stored after the long one."""


def measure(
    size: int, cap: int, folder: Path, extract: bool = False
) -> tuple[int, float, float, int, str]:
    """(peak RSS in bytes, CPU seconds, wall seconds, exit code, last stderr line) of one
    build (or extract); CPU time, not wall time, is compared: the cores are shared."""
    source = folder / f"article-{size}.jsonl"
    lines = [{"id": f"long-{size}", "text": long_article(size)}, {"id": "short", "text": SHORT}]
    source.write_text("".join(json.dumps(line) + "\n" for line in lines))
    store = folder / f"store-{size}"
    script = (
        "import resource, subprocess, sys\n"
        "def cap():\n"
        f"    resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))\n"
        "run = subprocess.run(sys.argv[1:], preexec_fn=cap, capture_output=True, text=True)\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "peak, cpu = usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime\n"
        "last = (run.stderr.strip().splitlines() or [''])[-1]\n"
        "print(peak, cpu, run.returncode, last, sep='\\t')\n"
    )
    kg = [
        sys.executable,
        "-m",
        "kg",
        "-q",
        "build",
        str(source),
        "--store",
        str(store),
        "--workers",
        "1",
        "--no-exports",
    ]
    if extract:
        kg = [sys.executable, "-m", "kg", "-q", "extract", str(source), "-o", str(store)]
    began = time.monotonic()
    out = subprocess.run([sys.executable, "-c", script, *kg], capture_output=True, text=True)
    wall = time.monotonic() - began
    peak, cpu, code, last = out.stdout.rstrip("\n").split("\t", 3)
    return int(peak), float(cpu), wall, int(code), last


def stored_articles(store: Path) -> int | None:
    """Articles in the store built by :func:`measure` (None when there is no store)."""
    if not (store / "kg-store.json").exists():
        return None
    out = subprocess.run(
        [sys.executable, "-m", "kg", "stats", "--store", str(store), "--json"],
        capture_output=True,
        text=True,
    )
    try:
        return int(json.loads(out.stdout)["articles"])
    except (ValueError, KeyError, TypeError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200k,1m,2m")
    parser.add_argument("--cap-gb", type=float, default=6.0)
    parser.add_argument("--extract", action="store_true", help="measure kg extract instead")
    args = parser.parse_args(argv)
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    cap = int(args.cap_gb * (1 << 30))
    command = "kg extract" if args.extract else "kg build --workers 1"
    print(
        f"{command}, one long + one short article per run, address space capped at "
        f"{args.cap_gb:g} GB; {os.cpu_count()} cores"
    )
    print(
        f"{'chars':>11}{'peak RSS MB':>13}{'x first':>9}{'CPU s':>9}{'x first':>9}"
        f"{'CPU s/MB':>9}{'wall s':>8}  stored  result"
    )
    rows: dict[int, tuple[int, float, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            peak, seconds, wall, code, last = measure(size, cap, Path(tmp), args.extract)
            first = rows.get(sizes[0], (peak, seconds, code))
            rows[size] = (peak, seconds, code)
            stored = None if args.extract else stored_articles(Path(tmp) / f"store-{size}")
            result = "ok" if code == 0 else f"exit {code}: {last[:80]}"
            print(
                f"{size:>11,}{peak / 2**20:>13,.0f}{peak / first[0]:>9.2f}"
                f"{seconds:>9.1f}{seconds / first[1]:>9.2f}{seconds / size * 1e6:>9.0f}{wall:>8.0f}"
                f"  {'-' if stored is None else f'{stored}/2':>6}  {result}"
            )
    for line in targets(rows):
        print(line)
    return 0


def targets(rows: dict[int, tuple[int, float, int]]) -> list[str]:
    """Issue 18's targets, checked against the sizes measured (those present)."""
    out = []
    small, big = rows.get(200_000), rows.get(2_000_000)
    if big is not None:
        ok = big[2] == 0 and big[0] <= 1.5e9
        out.append(f"target 2 MB peak <= 1.5 GB: {big[0] / 1e9:.2f} GB {'met' if ok else 'MISSED'}")
    if small is not None and big is not None:
        ratio = big[0] / small[0]
        met = "met" if ratio <= 1.3 else "MISSED"
        out.append(f"target 2 MB <= 1.3x 200 kB: {ratio:.2f}x {met}")
    if 10_000_000 in rows:
        code = rows[10_000_000][2]
        met = "met" if code == 0 else f"MISSED (exit {code})"
        out.append(f"target 10 MB builds to the end: {met}")
    points = sorted((size, row[1]) for size, row in rows.items() if row[2] == 0)
    if len(points) >= 3:  # marginal seconds per MB: the start-up cancels out
        (a, ta), (b, tb), (c, tc) = points[0], points[-2], points[-1]
        first, last = (tb - ta) / (b - a) * 1e6, (tc - tb) / (c - b) * 1e6
        ratio = last / first
        out.append(
            f"time per added MB: {first:.0f} s from {a / 1e6:g} to {b / 1e6:g} MB, {last:.0f} s "
            f"from {b / 1e6:g} to {c / 1e6:g} MB: {ratio:.2f}x "
            f"({'linear' if ratio <= 1.3 else 'MORE THAN LINEAR'})"
        )
    return out
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
