"""Each preset on the small built graph of ``query_graphs``, with the rows it must give.

Every preset runs twice: on the embedded store, and through ``kg serve`` as a
remote SPARQL endpoint (the path ``kg query --endpoint`` takes to Virtuoso or
Fuseki), and both must give the same rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import QueryError
from kg.query.presets import get_preset, list_presets
from kg.query.runner import run_query
from kg.query.server import SparqlServer

US = "United States government"
KL = "Kaspersky Lab"

PRESET_NAMES = [
    "actor",
    "corroboration",
    "disputes",
    "new-since",
    "sources",
    "timeline",
    "top-actors",
    "who-did-what",
]


@pytest.fixture(params=["store", "endpoint"])
def ask(request: pytest.FixtureRequest, query_store: Path, served: SparqlServer):
    """Run a preset with parameters on one backend; return the rows as dicts."""

    def run(preset: str, /, **params: str) -> list[dict[str, str | None]]:
        text = get_preset(preset).bind(params)
        if request.param == "store":
            return run_query(text, store=query_store).dicts()
        return run_query(text, endpoint=served.url).dicts()

    return run


def pick(rows: list[dict], *columns: str) -> list[tuple]:
    return [tuple(row[c] for c in columns) for row in rows]


def as_set(text: str | None) -> set[str]:
    return set(filter(None, (text or "").split(", ")))


def test_query_presets_all_shipped_and_documented() -> None:
    presets = list_presets()
    assert [p.name for p in presets] == PRESET_NAMES
    for preset in presets:
        assert preset.description, preset.name
        for param in preset.params:
            assert param.help, f"{preset.name}: {param.name}"


def test_query_presets_who_did_what(ask) -> None:
    rows = ask("who-did-what")
    assert pick(rows, "subject", "predicate", "object", "articles", "first_reported") == [
        ("Israel", "hacked", KL, "5", "2017-10-10"),  # the undated report counts, its date not
        (US, "accused", KL, "3", "2017-10-12"),
        ("Fancy Bear", "attacked", US, "1", "2018-03-01"),
        ("Fancy Bear", "hacked", "customers", "1", "2018-03-01"),
        ('Group "Q" {ops}', "leaked", "Russia", "1", "2018-03-01"),
        (KL, "denied", US, "1", "2017-10-12"),
        ("Russia", "spiedOn", US, "1", "2017-10-10"),
        (US, "banned", KL, "1", "2017-10-12"),
    ]
    # the negated relation (Kaspersky Lab did not cooperate with Russia) is left out
    assert all(row["predicate"] != "cooperatedWith" for row in rows)
    modalities = {(r["subject"], r["predicate"]): r["modalities"] for r in rows}
    assert modalities[("Russia", "spiedOn")] == "alleged"
    assert modalities[("Fancy Bear", "attacked")] == "attempted"


def test_query_presets_who_did_what_by_predicate(ask) -> None:
    rows = ask("who-did-what", predicate="hacked")
    assert pick(rows, "subject", "object") == [("Israel", KL), ("Fancy Bear", "customers")]


def test_query_presets_actor_by_alias_both_directions(ask) -> None:
    rows = ask("actor", name="kaspersky")  # an alias, in another case
    assert pick(rows, "actor", "role", "predicate", "other", "negated", "articles") == [
        (KL, "object", "accused", US, "no", "3"),
        (KL, "object", "banned", US, "no", "1"),
        (KL, "object", "hacked", "Israel", "no", "5"),
        (KL, "subject", "cooperatedWith", "Russia", "yes", "1"),
        (KL, "subject", "denied", US, "no", "1"),
    ]
    assert ask("actor", name="Kaspersky Lab") == rows


def test_query_presets_actor_unknown_gives_no_rows(ask) -> None:
    assert ask("actor", name="Nobody At All") == []


def test_query_presets_disputes(ask) -> None:
    rows = ask("disputes")
    assert len(rows) == 1
    row = rows[0]
    assert (row["accuser"], row["accused"], row["denier"], row["denied"]) == (US, KL, KL, US)
    assert (row["accused_link"], row["accuser_link"]) == ("", "")  # the same actors
    assert (row["accusations"], row["first_accused"]) == ("3", "2017-10-12")
    assert (row["denials"], row["first_denied"]) == ("1", "2017-10-12")
    assert as_set(row["accusing_outlets"]) == {"Tech Ledger", "Wire Agency"}
    assert as_set(row["denying_outlets"]) == {"Tech Ledger"}
    assert ask("disputes", actor="Washington") == rows
    assert ask("disputes", actor="Israel") == []


def test_query_presets_corroboration_counts_syndicated_copies_once(ask) -> None:
    rows = ask("corroboration")
    top = rows[0]
    # five articles, but copy-1 and copy-2 are copies of the Wire Agency story (copy-2
    # is linked to copy-1 as well, as the build links it); the article without an
    # outlet counts as one source of its own, named by its id
    assert (top["subject"], top["predicate"], top["object"]) == ("Israel", "hacked", KL)
    assert (top["outlets"], top["stories"], top["articles"]) == ("3", "3", "5")
    assert as_set(top["independent_outlets"]) == {
        "Wire Agency",
        "Tech Ledger",
        "(no outlet: undated-1)",
    }
    clusters = {frozenset(c.split(" + ")): c.split(" + ")[0] for c in top["clusters"].split("; ")}
    assert clusters == {
        frozenset({"Wire Agency", "Daily Echo", "Metro Post"}): "Wire Agency",
        frozenset({"Tech Ledger"}): "Tech Ledger",
        frozenset({"(no outlet: undated-1)"}): "(no outlet: undated-1)",
    }
    assert pick(rows[1:2], "subject", "predicate", "outlets", "articles") == [
        (US, "accused", "3", "3")
    ]
    assert {row["outlets"] for row in rows[2:]} == {"1"}
    assert len(rows) == 8


def test_query_presets_corroboration_by_predicate(ask) -> None:
    rows = ask("corroboration", predicate="accused")
    assert pick(rows, "subject", "object", "outlets") == [(US, KL, "3")]


def test_query_presets_timeline_oldest_first(ask) -> None:
    rows = ask("timeline", name="Kaspersky")
    assert pick(rows, "date", "predicate", "outlet") == [
        ("2017-09", "banned", "Tech Ledger"),  # the event date, before its article's date
        ("2017-10-10", "hacked", "Wire Agency"),
        ("2017-10-11", "hacked", "Daily Echo"),
        ("2017-10-11", "hacked", "Metro Post"),
        ("2017-10-12", "hacked", "Tech Ledger"),
        ("2017-10-12", "cooperatedWith", "Tech Ledger"),
        ("2017-10-12", "denied", "Tech Ledger"),
        ("2017-10-12", "accused", "Tech Ledger"),
        ("2018-03-01", "accused", "Wire Agency"),
    ]
    assert [r["negated"] for r in rows if r["predicate"] == "cooperatedWith"] == ["yes"]


def test_query_presets_sources_with_cited_source(ask) -> None:
    rows = ask("sources", outlet="tech ledger")
    assert pick(rows, "subject", "predicate", "object", "cited_source") == [
        ("Israel", "hacked", KL, "The New York Times"),
        (KL, "cooperatedWith", "Russia", None),
        (KL, "denied", US, None),
        (US, "accused", KL, None),
        (US, "banned", KL, None),
    ]
    assert {row["url"] for row in rows} == {"https://news.example/ledger-1"}
    everything = ask("sources")
    assert {row["outlet"] for row in everything} == {
        "Daily Echo",
        "Metro Post",
        "Tech Ledger",
        "Wire Agency",
        "(unknown outlet)",
    }
    assert len(everything) == 15


def test_query_presets_top_actors_by_family(ask) -> None:
    rows = ask("top-actors", family="cyber")
    assert pick(rows, "actor", "partners", "relations") == [
        ("Fancy Bear", "2", "2"),
        ("Russia", "2", "2"),
        (US, "2", "2"),
        ("Israel", "1", "5"),
        (KL, "1", "5"),
        ('Group "Q" {ops}', "1", "1"),
    ]
    # "customers" is a People argument, not an actor
    assert all(row["actor"] != "customers" for row in rows)
    families = {row["family"] for row in ask("top-actors")}
    assert families == {"coercion", "communication", "cyber"}


def test_query_presets_new_since(ask) -> None:
    rows = ask("new-since", since="2017-10-11")
    assert pick(rows, "subject", "predicate", "object", "first_reported") == [
        (KL, "denied", US, "2017-10-12"),
        (US, "accused", KL, "2017-10-12"),
        (US, "banned", KL, "2017-10-12"),
        ("Fancy Bear", "attacked", US, "2018-03-01"),
        ("Fancy Bear", "hacked", "customers", "2018-03-01"),
        ('Group "Q" {ops}', "leaked", "Russia", "2018-03-01"),
    ]
    assert ask("new-since", since="2018-03-01") == []


@pytest.mark.parametrize(
    "value",
    [
        'Group "Q" {ops}',
        '"} ; DROP ALL ; {',
        'x" } } ; DROP ALL ; INSERT DATA { <a:a> <a:a> <a:a> } #',
        "') UNION { ?x ?y ?z } #",
        "back\\slash\nnew line",
    ],
)
def test_query_presets_values_are_bound_as_literals(ask, query_store: Path, value: str) -> None:
    rows = ask("actor", name=value)
    if value == 'Group "Q" {ops}':
        # quotes and braces in a real label still find it, and only it
        assert pick(rows, "actor", "predicate", "other") == [(value, "leaked", "Russia")]
    else:
        assert rows == []
    text = get_preset("actor").bind({"name": value})
    # the value appears once, as one escaped literal in the VALUES row
    assert text.count("VALUES (?param_name)") == 1
    assert "DROP ALL ;" not in text.replace('"} ; DROP ALL ; {', "").replace(
        "} } ; DROP ALL ; INSERT", ""
    )
    # and the store still holds everything
    total = run_query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", store=query_store)
    assert int(total.dicts()[0]["n"]) > 100


def test_query_presets_unknown_preset_lists_the_valid_ones() -> None:
    with pytest.raises(QueryError) as info:
        get_preset("who-did")
    assert str(info.value) == "no preset 'who-did'; the presets are: " + ", ".join(PRESET_NAMES)


def test_query_presets_missing_and_unknown_parameters_list_the_valid_ones() -> None:
    with pytest.raises(QueryError, match=r"needs --param name=VALUE; its parameters: name \("):
        get_preset("timeline").bind({})
    with pytest.raises(QueryError, match=r"has no parameter colour; its parameters: name \("):
        get_preset("actor").bind({"name": "x", "colour": "red"})
    with pytest.raises(QueryError, match="is not a date"):
        get_preset("new-since").bind({"since": "last week"})


def test_query_presets_run_unbound_as_plain_sparql(query_store: Path) -> None:
    # the .rq files are valid SPARQL on their own: optional parameters just stay unbound
    text = get_preset("who-did-what").text
    assert len(run_query(text, store=query_store)) == 8
