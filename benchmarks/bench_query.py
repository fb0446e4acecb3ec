"""Benchmark: presets, kg serve and kg push on a synthetic store of the real graph shape.

Builds a store from the synthetic articles of ``bench_store.py`` (``--articles`` of
them, or with ``--quads N`` a store of N quads made once by ``bench_store.make_store``
and kept in ``--store-cache``) and prints

* the time of every preset on the embedded store (CPU seconds, median of ``--repeat``;
  target < 0.1 s at 1 M quads, issue 16);
* ``kg serve``: median latency of a small query over HTTP, and how long the next
  client waits after a pathological query was stopped by the time limit;
* with ``--virtuoso URL`` (or ``KG_TEST_VIRTUOSO``): ``kg push`` throughput through
  the Graph Store Protocol and through SPARQL Update (``INSERT DATA`` batches), their
  ratio, and the preset times on Virtuoso next to the embedded store's.

Usage::

    python benchmarks/bench_query.py [--articles 2000] [--repeat 3] [--virtuoso URL]
    python benchmarks/bench_query.py --quads 1000000 --store-cache /tmp/kg --skip-serve
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import best_of, make_actors, make_extractions, make_store, timed  # noqa: E402

from kg.query.presets import list_presets  # noqa: E402
from kg.query.push import push_store  # noqa: E402
from kg.query.runner import run_query  # noqa: E402
from kg.query.server import ServeConfig, make_server  # noqa: E402
from kg.rdf.graph import ExtractionRun, build_time  # noqa: E402
from kg.rdf.server_store import Target  # noqa: E402
from kg.rdf.store import KGStore, open_store  # noqa: E402

PARAMS = {
    "actor": {"name": "Russia"},
    "timeline": {"name": "Russia"},
    "new-since": {"since": "2024-06-01"},
    "sources": {"outlet": "Example Wire"},
}
SLOW = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def comparable(rows: list[dict]) -> Counter:
    """Rows as a multiset, GROUP_CONCAT lists as sets (their order is up to the server)."""
    return Counter(
        tuple(
            sorted(
                (key, frozenset(value.split(", ")) if value and ", " in value else value or None)
                for key, value in row.items()
            )
        )
        for row in rows
    )


def median_cpu(repeat: int, func: Callable[[], Any]) -> tuple[float, Any]:
    """(median CPU seconds of ``repeat`` calls, the first call's result)."""
    times, result = [], None
    for i in range(repeat):
        started = time.process_time()
        value = func()
        times.append(time.process_time() - started)
        result = value if i == 0 else result
    return statistics.median(times), result


def post(url: str, query: str) -> int:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--virtuoso", default=os.environ.get("KG_TEST_VIRTUOSO"))
    parser.add_argument("--quads", type=int, default=None, help="a store of this many quads")
    parser.add_argument("--store-cache", type=Path, default=None, help="where it is kept")
    parser.add_argument("--skip-serve", action="store_true", help="presets only")
    parser.add_argument("--only", default=None, help="comma-separated presets to time")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.quads:
            cache = args.store_cache or Path(tmp)
            path = cache / f"store-{args.quads}" / "kg.store"
            articles = make_store(path, args.quads)
        else:
            path, articles = Path(tmp) / "kg.store", args.articles
            rng = random.Random(7)
            actors = make_actors(rng, 500)
            extractions = list(make_extractions(rng, actors, args.articles))
            run = ExtractionRun("synthetic", build_time())
            with KGStore(path) as store:
                for i in range(0, len(extractions), 64):
                    store.add_extractions(extractions[i : i + 64], run)
        with KGStore(path) as store:  # writable: brings an older store's layout up to date
            quads = len(store.oxigraph)
            graphs = sum(1 for _ in store.oxigraph.named_graphs())
        print(f"store: {articles:,} articles, {graphs:,} graphs, {quads:,} quads ({path})")
        print()

        local: dict[str, float] = {}
        print(f"{'preset (embedded store)':<28}{'rows':>8}{'CPU s':>10}  (median of {args.repeat})")
        chosen = set(args.only.split(",")) if args.only else None
        for preset in list_presets():
            if chosen is not None and preset.name not in chosen:
                continue
            text = preset.bind(PARAMS.get(preset.name, {}))
            seconds, result = median_cpu(args.repeat, lambda t=text: run_query(t, store=path))
            local[preset.name] = seconds
            flag = "" if seconds < 0.1 else "  (over 0.1 s)"
            print(f"{preset.name:<28}{len(result):>8,}{seconds:>10.3f}{flag}")
        print()
        if args.skip_serve:
            return 0

        server = make_server(ServeConfig(path, port=0, timeout=2.0, workers=2))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            small = "SELECT ?a WHERE { GRAPH ?g { ?a a kg:Assertion } } LIMIT 10"
            latencies = [timed(lambda: post(server.url, small))[0] for _ in range(50)]
            median_ms = statistics.median(latencies) * 1000
            print(f"kg serve: median latency of a small query {median_ms:.1f} ms")
            stopped, status = timed(lambda: post(server.url, SLOW))
            after, status_after = timed(lambda: post(server.url, small))
            print(
                f"kg serve: pathological query answered {status} after {stopped:.2f} s "
                f"(limit 2 s); the next query answered {status_after} in {after * 1000:.0f} ms"
            )
        finally:
            server.shutdown()
            server.server_close()
        print()

        if not args.virtuoso:
            print("no --virtuoso URL (or KG_TEST_VIRTUOSO): push not measured")
            return 0
        gsp = args.virtuoso.removesuffix("sparql") + "sparql-graph-crud"
        rates = {}
        for name, target in (
            ("Graph Store Protocol PUT", Target(args.virtuoso, graph_store=gsp)),
            ("SPARQL Update INSERT DATA", Target(args.virtuoso)),
        ):
            progress = Path(tmp) / f"{name[:5]}.jsonl"
            seconds, report = timed(
                lambda t=target, p=progress: push_store(
                    open_store(path, read_only=True), t, progress_file=p
                )
            )
            assert report.ok, report.summary()
            rates[name] = report.triples / seconds
            print(
                f"push via {name:<28}{report.triples:>10,} triples {seconds:>7.2f} s"
                f"{rates[name]:>10,.0f} triples/s"
            )
        ratio = rates["Graph Store Protocol PUT"] / rates["SPARQL Update INSERT DATA"]
        print(f"Graph Store Protocol / SPARQL Update throughput: {ratio:.1f}x")
        print()
        print(f"{'preset':<28}{'embedded s':>12}{'virtuoso s':>12}{'ratio':>8}  same rows")
        for preset in list_presets():
            text = preset.bind(PARAMS.get(preset.name, {}))
            seconds, remote = best_of(
                args.repeat, lambda t=text: run_query(t, endpoint=args.virtuoso)
            )
            same = comparable(remote.dicts()) == comparable(run_query(text, store=path).dicts())
            print(
                f"{preset.name:<28}{local[preset.name]:>12.3f}{seconds:>12.3f}"
                f"{seconds / local[preset.name]:>8.1f}  {'yes' if same else 'NO'}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
