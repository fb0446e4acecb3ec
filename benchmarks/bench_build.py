"""Throughput, parallel speed-up and memory of ``kg build`` on a generated news corpus.

Prints, for ``kg build`` run as a subprocess on N generated articles
(``benchmarks/corpus.py``):

* articles/s and words/s with 1 and 2 ``--workers`` (2: the process pool of
  ``kg.parallel``) and on a 1- and 2-worker ``--dask local`` cluster, and the
  2-vs-1 speed-up of each;
* the ratio of the 1-worker build to the bare spaCy pipeline (the pretrained
  model alone, in this process, on the same texts);
* peak RSS (the whole process tree: build, spaCy or Dask worker processes) at N
  and 4N articles with ``--workers 1`` and the 4N/N ratio.

Rates are given twice: "raw" over the whole command, and "steady" with the
start-up cost (imports, model loading, cluster start) taken out; the start-up
is measured by the same command on a 1-article corpus. CPU seconds per article
(user + system of the process tree) are printed too: on a shared machine they
move less than wall-clock rates. Targets (issue 7): 2-worker speed-up >= 1.6x
on 2 cores, RSS ratio <= 1.3x.

Default N is 250 (and 4N = 1000) so that a run takes minutes on 2 cores; the
issue's figures are ``--size 10000`` (10k and 40k articles, hours on 2 cores).

Usage::

    .venv/bin/python benchmarks/bench_build.py            # N = 250 and 1000
    .venv/bin/python benchmarks/bench_build.py --size 10000 --workdir /data/bench
    .venv/bin/python benchmarks/bench_build.py --skip dask --skip rss
    .venv/bin/python benchmarks/bench_build.py --incremental 1000000 --store-cache /tmp/kg

``--incremental QUADS`` prints only the cost of one article built into a store of
QUADS synthetic quads (``bench_store.make_store``) against one into an empty store
(target <= 1.3x, issue 16).
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))


@dataclass
class Run:
    """One timed ``kg build``: wall and CPU seconds, peak RSS of the tree, exit status.

    ``cpu`` counts the whole process tree; ``main_cpu`` the ``kg`` process alone
    (reading, the store, the duplicate index; with one worker also extraction).
    """

    command: str
    articles: int
    wall: float
    cpu: float
    main_cpu: float
    peak_rss: int
    returncode: int
    error: str = ""

    def rate(self, startup: Run | None = None) -> float:
        """Articles per second, minus the start-up run's time when given."""
        wall = self.wall - (startup.wall if startup else 0.0)
        return self.articles / wall if wall > 0 else float("nan")


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    try:
        family = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in family:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def timed_build(
    corpus_path: Path,
    articles: int,
    workdir: Path,
    *options: str,
    base: Path | None = None,
    exports: bool = False,
) -> Run:
    """Run ``kg -q build`` on a fresh store (a copy of ``base`` when given); sample the
    tree's RSS every 0.1 s. ``exports``: leave the build its default exports."""
    store = workdir / "store"
    shutil.rmtree(store, ignore_errors=True)
    if base is not None:
        shutil.copytree(base, store / "kg.store")
    argv = [KG, "-q", "build", str(corpus_path), "--store", str(store / "kg.store")]
    argv += [*([] if exports else ["--no-exports"]), *options]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(process.pid)
    peak = 0
    main_cpu = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, main_cpu
        while not done.is_set():
            peak = max(peak, tree_rss(watched))
            try:
                times = watched.cpu_times()
                main_cpu = times.user + times.system
            except psutil.NoSuchProcess:
                pass
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _out, err = process.communicate()
    wall = time.monotonic() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    error = " ".join(err.split())[-300:] if process.returncode else ""
    command = shlex.join(["kg", *argv[1:]])
    return Run(command, articles, wall, cpu, main_cpu, peak, process.returncode, error)


def bare_spacy(corpus_path: Path) -> tuple[float, float]:
    """(articles/s, words/s) of the pretrained pipeline alone, 1 process, loading excluded."""
    from kg.extract.pipeline import load_model
    from kg.ingest import read_articles

    texts = [a.text for a in read_articles([corpus_path])]
    nlp = load_model(None)
    started = time.monotonic()
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
    wall = time.monotonic() - started
    return len(texts) / wall, sum(len(t.split()) for t in texts) / wall


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def report(name: str, run: Run, startup: Run | None, words_per_article: float) -> None:
    """Print one build's figures (or its failure)."""
    print(f"\n{name}\n  $ {run.command}")
    if run.returncode:
        print(f"  FAILED (exit {run.returncode}): {run.error}")
        return
    line = f"  {run.articles} articles in {run.wall:.1f}s: raw {run.rate():.2f} articles/s"
    if startup and not startup.returncode:
        steady = run.rate(startup)
        line += (
            f"; steady {steady:.2f} articles/s, {steady * words_per_article:,.0f} words/s "
            f"(start-up {startup.wall:.1f}s)"
        )
    print(line)
    print(
        f"  CPU {run.cpu / run.articles * 1000:.0f} ms/article (kg process alone "
        f"{run.main_cpu / run.articles * 1000:.0f}); peak RSS {mib(run.peak_rss)}"
    )


def speedup(name: str, one: Run, two: Run, one_startup: Run, two_startup: Run) -> None:
    if one.returncode or two.returncode:
        print(f"{name} 2-vs-1 speed-up: not measured (a run failed)")
        return
    # On 2 idle cores, 2 workers take at least max(tree CPU / 2, main process CPU),
    # start-up CPU (imports, model loading) left out as for the steady rates.
    one_cpu = one.cpu - one_startup.cpu
    bound = one_cpu / max((two.cpu - two_startup.cpu) / 2, two.main_cpu - two_startup.main_cpu)
    print(
        f"{name} 2-vs-1 speed-up: steady {two.rate(two_startup) / one.rate(one_startup):.2f}x, "
        f"raw {two.rate() / one.rate():.2f}x (target >= 1.6x); CPU-time bound on 2 idle "
        f"cores {bound:.2f}x"
    )


def incremental(one: Path, workdir: Path, quads: int, cache: Path, runs: int = 3) -> None:
    """One article built into a store of ``quads`` quads against one into an empty store.

    Default options (the build decides its exports as a user's build would), one worker,
    medians of ``runs`` interleaved runs; the large store is generated once into
    ``cache`` with ``bench_store.make_store`` and copied before every run.
    """
    from bench_store import make_store

    base = cache / f"store-{quads}" / "kg.store"
    articles = make_store(base, quads)
    print(f"\none article into an empty store and into {articles:,} articles ({base})")
    empty: list[Run] = []
    large: list[Run] = []
    for _ in range(runs):
        empty.append(timed_build(one, 1, workdir, "--workers", "1", exports=True))
        large.append(timed_build(one, 1, workdir, "--workers", "1", base=base, exports=True))
    for name, done in (("empty store", empty), (f"{quads:,}-quad store", large)):
        if any(r.returncode for r in done):
            print(f"  {name}: FAILED: {next(r.error for r in done if r.returncode)}")
            return
        cpu = statistics.median(r.cpu for r in done)
        wall = statistics.median(r.wall for r in done)
        print(f"  {name:<22} CPU {cpu:6.2f} s  wall {wall:6.2f} s   $ {done[0].command}")
    ratio = statistics.median(r.cpu for r in large) / statistics.median(r.cpu for r in empty)
    print(f"one-article build, {quads:,}-quad / empty store: {ratio:.2f}x CPU (target <= 1.3x)")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=250, help="N (the memory run uses 4N)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary dir")
    parser.add_argument(
        "--skip", action="append", default=[], choices=["bare", "workers", "dask", "rss"]
    )
    parser.add_argument(
        "--incremental",
        type=int,
        metavar="QUADS",
        default=None,
        help="only measure one article built into a QUADS-quad store against an empty one",
    )
    parser.add_argument(
        "--store-cache", type=Path, default=None, help="where the QUADS store is kept (workdir)"
    )
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    if args.incremental:
        one = corpus.write(1, workdir / "news-1.jsonl.gz", seed=args.seed)
        incremental(one, workdir, args.incremental, args.store_cache or workdir)
        return
    n = args.size
    small = corpus.write(n, workdir / f"news-{n}.jsonl.gz", seed=args.seed)
    large = corpus.write(4 * n, workdir / f"news-{4 * n}.jsonl.gz", seed=args.seed)
    one = corpus.write(1, workdir / "news-1.jsonl.gz", seed=args.seed)
    words = sum(len(a["text"].split()) for a in corpus.articles(n, args.seed)) / n
    print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()}")
    print(f"corpus: {n} and {4 * n} articles, {words:.0f} words/article (seed {args.seed})")
    print(f"  $ python benchmarks/corpus.py {n} -o {small} --seed {args.seed}")

    bare = None
    if "bare" not in args.skip:
        bare = bare_spacy(small)
        print(
            f"\nbare spaCy pipeline (1 process, load excluded): {bare[0]:.2f} articles/s, "
            f"{bare[1]:,.0f} words/s"
        )

    runs: dict[str, tuple[Run, Run]] = {}
    configs = []
    if "workers" not in args.skip:
        configs += [("--workers 1", ["--workers", "1"]), ("--workers 2", ["--workers", "2"])]
    if "dask" not in args.skip:
        configs += [
            ("--dask local --workers 1", ["--dask", "local", "--workers", "1"]),
            ("--dask local --workers 2", ["--dask", "local", "--workers", "2"]),
        ]
    for name, options in configs:
        startup = timed_build(one, 1, workdir, *options)
        run = timed_build(small, n, workdir, *options)
        runs[name] = (run, startup)
        report(f"kg build, {name}, N = {n}", run, startup, words)

    print()
    if bare and "--workers 1" in runs and not runs["--workers 1"][0].returncode:
        run, startup = runs["--workers 1"]
        print(f"kg build --workers 1 / bare spaCy: {run.rate(startup) / bare[0]:.2f} (steady rate)")
    for a, b in [(f"{p} 1", f"{p} 2") for p in ("--workers", "--dask local --workers")]:
        if a in runs and b in runs:
            speedup(f"kg build {a[:-2]}", runs[a][0], runs[b][0], runs[a][1], runs[b][1])

    if "rss" not in args.skip:
        base, startup = runs.get("--workers 1") or (
            timed_build(small, n, workdir, "--workers", "1"),
            None,
        )
        big = timed_build(large, 4 * n, workdir, "--workers", "1")
        report(f"kg build, --workers 1, 4N = {4 * n}", big, startup, words)
        if not (base.returncode or big.returncode):
            print(
                f"\npeak RSS --workers 1: {mib(base.peak_rss)} at {n}, {mib(big.peak_rss)} at "
                f"{4 * n}: ratio {big.peak_rss / base.peak_rss:.2f}x (target <= 1.3x)"
            )
    print(f"\nload average at end: {os.getloadavg()}; work files in {workdir}")


if __name__ == "__main__":
    main()
