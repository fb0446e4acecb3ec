"""The rewritten presets give the same rows as the queries they replaced (issue 16).

``tests/data/presets_before/`` holds the preset files as they were before they were
reshaped for speed (aggregate by IRI first, label after). Each preset is run in both
versions, with the same parameters, on the hand-made corpus of ``query_graphs`` and
on a synthetic store of ``benchmarks/bench_store.py``'s generator, and the rows are
compared as multisets (lists joined by GROUP_CONCAT as sets: their order is the
store's choice).
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.query.presets import get_preset, parse_preset
from kg.query.runner import run_query

TESTS = Path(__file__).resolve().parent
BEFORE = TESTS / "data" / "presets_before"
sys.path.insert(0, str(TESTS.parent / "benchmarks"))

CASES = [
    ("who-did-what", {}),
    ("who-did-what", {"predicate": "hacked"}),
    ("new-since", {"since": "2017-06-01"}),
    ("new-since", {"since": "2020-01-01"}),
    ("top-actors", {}),
    ("top-actors", {"family": "cyber"}),
    ("actor", {"name": "kaspersky"}),
    ("actor", {"name": "Russia"}),
    ("actor", {"name": "APT28"}),
    ("timeline", {"name": "Israel"}),
    ("timeline", {"name": "Russia"}),
    ("who-did-what", {"predicate": "accused"}),
    ("actor", {"name": "RUSSIA"}),
    ("disputes", {}),
    ("disputes", {"actor": "russia"}),
    ("corroboration", {}),
    ("corroboration", {"predicate": "hacked"}),
    ("sources", {}),
    ("sources", {"outlet": "Example Wire"}),
]

EMPTY = {
    "query_store": [
        ("new-since", {"since": "2020-01-01"}),
        ("who-did-what", {"predicate": "accused"}),
        ("actor", {"name": "RUSSIA"}),
        ("disputes", {"actor": "russia"}),
        ("sources", {"outlet": "Example Wire"}),
    ],
    "synthetic_store": [("actor", {"name": "kaspersky"}), ("actor", {"name": "APT28"})],
    "edited_store": [("actor", {"name": "kaspersky"}), ("actor", {"name": "APT28"})],
}
"""The cases without rows (every other case must have some, so the comparison says something)."""


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 synthetic articles among 60 actors (many repeated relations)."""
    from bench_store import make_actors, make_extractions

    from kg.rdf.graph import ExtractionRun, build_time
    from kg.rdf.store import KGStore

    rng = random.Random(3)
    extractions = list(make_extractions(rng, make_actors(rng, 40), 200))
    path = tmp_path_factory.mktemp("synthetic") / "kg.store"
    with KGStore(path) as store:
        for i in range(0, len(extractions), 64):
            store.add_extractions(extractions[i : i + 64], ExtractionRun("s", build_time()))
    return path


@pytest.fixture(scope="module")
def edited_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic articles written in batches, then 30 of them changed (their first
    relation dropped) and 5 removed: the summary graph follows every step."""
    import dataclasses

    from bench_store import make_actors, make_extractions

    from kg.rdf.graph import ExtractionRun, build_time
    from kg.rdf.store import KGStore

    rng = random.Random(3)
    extractions = list(make_extractions(rng, make_actors(rng, 40), 200))
    changed = [
        dataclasses.replace(
            e,
            article=dataclasses.replace(e.article, text=e.article.text + " Changed."),
            relations=e.relations[1:],
        )
        for e in extractions[50:80]
    ]
    path = tmp_path_factory.mktemp("edited") / "kg.store"
    run = ExtractionRun("s", build_time())
    with KGStore(path) as store:
        for i in range(0, len(extractions), 64):
            store.add_extractions(extractions[i : i + 64], run)
        store.add_extractions(changed, run)
        for extraction in extractions[100:105]:
            assert store.remove_article(extraction.article.id)
    return path


def as_set(value: str | None) -> str | frozenset | None:
    """A GROUP_CONCAT list (", " or disputes' " | ") as a set; other values as they are."""
    for separator in (" | ", ", "):
        if value and separator in value:
            return frozenset(value.split(separator))
    return value or None


def comparable(rows: list[dict]) -> Counter:
    return Counter(
        tuple(sorted((key, as_set(value)) for key, value in row.items())) for row in rows
    )


@pytest.mark.parametrize("store_name", ["query_store", "synthetic_store", "edited_store"])
@pytest.mark.parametrize(("name", "params"), CASES)
def test_query_presets_same_rows_as_before(request, store_name, name, params):
    store = request.getfixturevalue(store_name)
    before = parse_preset(name, (BEFORE / f"{name}.rq").read_text(encoding="utf-8"))
    old = run_query(before.bind(params), store=store)
    new = run_query(get_preset(name).bind(params), store=store)
    assert new.variables == old.variables
    assert len(old) > 0 or (name, params) in EMPTY.get(store_name, ())
    assert comparable(new.dicts()) == comparable(old.dicts())
