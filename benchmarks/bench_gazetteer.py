"""Cost of the actor gazetteer: loading, pattern compilation, lookups, descriptive groups.

Prints the time to build the shipped gazetteer (YAML files + ATT&CK groups with
their derived affiliations), the number of PhraseMatcher surfaces and the time
to list them, and the throughput of :meth:`Gazetteer.lookup` (hits and misses)
and :meth:`Gazetteer.descriptive_group`. Each figure is the best of three runs.

Usage::

    .venv/bin/python benchmarks/bench_gazetteer.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kg.extract import gazetteer as gazetteer_module
from kg.extract.gazetteer import Gazetteer

SURFACES = ["the U.S.", "Kaspersky’s", "NSA", "Moscow", "Fancy Bear", "the weather", "us", "Foo"]
PHRASES = ["Russian government hackers", "US officials", "China's Foreign Ministry", "hackers"]


def best_of(runs: int, func: Callable[[], object]) -> float:
    """Best wall-clock seconds of ``runs`` calls of ``func``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    def fresh_load() -> Gazetteer:
        gazetteer_module._shipped.cache_clear()
        return Gazetteer.load()

    load = best_of(3, fresh_load)
    gaz = Gazetteer.load()
    patterns = list(gaz.patterns())
    listing = best_of(3, lambda: list(gaz.patterns()))
    n = 20_000
    lookups = best_of(3, lambda: [gaz.lookup(SURFACES[i % len(SURFACES)]) for i in range(n)])
    group = gaz.descriptive_group
    groups = best_of(3, lambda: [group(PHRASES[i % len(PHRASES)]) for i in range(n)])
    print(f"actors               {len(gaz.actors)}")
    print(f"load (shipped data)  {load:.3f} s")
    print(f"patterns             {len(patterns)} surfaces listed in {listing:.3f} s")
    print(f"lookup               {n / lookups:,.0f} per second")
    print(f"descriptive_group    {n / groups:,.0f} per second")


if __name__ == "__main__":
    main()
