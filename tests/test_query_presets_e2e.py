"""Presets end to end: ``kg build`` with the real extractor on small JSON-lines corpora
written here, then ``kg query --preset ...`` through the CLI.

The articles are our own sentences. Copies of a story differ from it by one closing
line (so ingestion does not drop them as the same text) and are found by the build's
near-duplicate detection, not declared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

STORY = (
    "Israel hacked Kaspersky Lab in 2015, officials said on Tuesday. The operation gave "
    "Israeli intelligence a view into the networks of the Russian company for many months, "
    "and the officers watched as Russian government hackers searched computers around the "
    "world for the code names of American intelligence programs. The intrusion was "
    "discovered in 2015 by the company itself, which described it in a technical report "
    "without naming the country behind it. The officials spoke on the condition of "
    "anonymity because the matter remains classified, and declined to say how long the "
    "access lasted or what else was taken from the servers of the security firm."
)
OTHER = (
    "Israel hacked Kaspersky Lab, according to a former intelligence analyst who spoke "
    "to Tech Ledger this week about a separate inquiry into the antivirus maker."
)


def build(tmp: Path, articles: list[dict]) -> Path:
    """Build ``articles`` (as one JSON-lines file) into a store under ``tmp``."""
    corpus = tmp / "news.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    store = tmp / "kg.store"
    result = CliRunner().invoke(
        main, ["-q", "build", str(corpus), "--store", str(store), "--workers", "1", "--no-exports"]
    )
    assert result.exit_code == 0, result.output
    return store


def preset(store: Path, name: str, *params: str) -> list[dict[str, str]]:
    """Run a preset through ``kg query``; the rows as dicts of strings."""
    args = ["query", "--store", str(store), "--preset", name, "--format", "json"]
    for param in params:
        args += ["--param", param]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]


def article(aid: str, text: str, published: str, outlet: str) -> dict:
    return {
        "id": aid,
        "title": f"Report {aid}",
        "text": text,
        "published": published,
        "source": outlet,
        "url": f"https://news.example/{aid}",
    }


@pytest.mark.parametrize("copies", [1, 2, 3, 5])
def test_query_presets_e2e_corroboration_counts_a_story_once(tmp_path: Path, copies: int) -> None:
    # the copies are built newest first; the earliest ones share a date, and the first
    # of those by id is the original
    dates = ["2017-10-14", "2017-10-13", "2017-10-12", "2017-10-10", "2017-10-10"][-copies:]
    ids = [f"copy-{chr(ord('e') - i)}" for i in range(copies)]  # copy-e, copy-d, ...
    outlets = [f"Outlet {aid[-1].upper()}" for aid in ids]
    articles = [
        article(aid, f"{STORY} Published by {outlet}.", day, outlet)
        for aid, day, outlet in zip(ids, dates, outlets, strict=True)
    ]
    articles.append(article("ledger", OTHER, "2017-10-20", "Tech Ledger"))
    rows = preset(build(tmp_path, articles), "corroboration", "predicate=hacked")
    hacked = [r for r in rows if (r["subject"], r["object"]) == ("Israel", "Kaspersky Lab")]
    assert len(hacked) == 1, rows
    row = hacked[0]
    original = outlets[-1]  # the last built: the earliest date, then the first by id
    assert (row["outlets"], row["stories"], row["articles"]) == ("2", "2", str(copies + 1))
    assert set(row["independent_outlets"].split(", ")) == {original, "Tech Ledger"}
    clusters = {c.split(" + ")[0]: set(c.split(" + ")) for c in row["clusters"].split("; ")}
    assert clusters == {original: set(outlets), "Tech Ledger": {"Tech Ledger"}}


DISPUTES = [
    article(
        "uk-1",
        "The British government blamed the Russian armed forces for the cyber attack on "
        "Ukrainian banks. The Kremlin denied the accusation on Friday.",
        "2022-02-18",
        "Wire Agency",
    ),
    article(
        "uk-2",
        "The United Kingdom accused the Russian military of the attack on Monday. Kremlin "
        "spokesman Dmitry Peskov rejected the claims made by the United Kingdom.",
        "2022-02-19",
        "Daily Echo",
    ),
    article(
        "us-1",
        "The United States accused Fancy Bear of hacking the Democratic National Committee. "
        "Alexei Navalny denied the claims made by the United States. Kaspersky Lab dismissed "
        "the claims made by the United States.",
        "2022-02-20",
        "Metro Post",
    ),
]


def test_query_presets_e2e_disputes_climb_the_organisation_graph(tmp_path: Path) -> None:
    store = build(tmp_path, DISPUTES)
    rows = preset(store, "disputes")
    found = {(r["accuser"], r["accused"], r["denier"], r["denied"]): r for r in rows}
    # the Kremlin answers for the Russian armed forces (both belong to Russia), and so
    # does the Kremlin's spokesman; a Russian citizen and a Russian company do not
    assert set(found) == {
        ("United Kingdom", "Russian armed forces", "Kremlin", "United Kingdom"),
        ("United Kingdom", "Russian armed forces", "Dmitry Peskov", "United Kingdom"),
    }
    kremlin = found[("United Kingdom", "Russian armed forces", "Kremlin", "United Kingdom")]
    assert kremlin["accused_link"] == (
        "Russian armed forces -affiliatedCountry-> Russia <-affiliatedCountry- Kremlin"
    )
    assert (kremlin["accusations"], kremlin["denials"]) == ("2", "1")
    assert (kremlin["first_accused"], kremlin["first_denied"]) == ("2022-02-18", "2022-02-18")
    peskov = found[("United Kingdom", "Russian armed forces", "Dmitry Peskov", "United Kingdom")]
    assert peskov["accused_link"].endswith(
        "<-affiliatedCountry- Kremlin <-affiliatedCountry- Dmitry Peskov"
    )
    assert peskov["denying_outlets"] == "Daily Echo"
    assert preset(store, "disputes", "actor=Peskov") == [peskov]


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("examples") / "kg.store"
    args = ["-q", "build", str(EXAMPLES), "--store", str(store), "--workers", "1", "--no-exports"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        # the README's example: the seed article has no date
        (
            ["timeline", "name=Israel"],
            "no rows: no dated relations for Israel: its 4 relation(s) come from articles "
            "without a publication date, and their sentences give no date "
            "(kg query --preset actor --param name=Israel lists them undated)",
        ),
        (
            ["actor", "name=Isreal"],
            "no rows: no actor called 'Isreal' takes part in a relation; did you mean Israel?",
        ),
        (
            ["who-did-what", "predicate=hacks"],
            "no rows: 'hacks' is not one of the 25 predicates; did you mean hacked?",
        ),
        (
            ["new-since", "since=2030-01-01"],
            "no rows: nothing first reported after 2030-01-01: the latest article is dated "
            "2014-12-19",
        ),
        (["sources", "outlet=Nowhere Times"], "no rows: no articles from an outlet called"),
        (["disputes", "actor=Israel"], "no rows: no accusation involving Israel is met by"),
    ],
)
def test_query_presets_e2e_an_empty_answer_says_why(
    examples_store: Path, args: list[str], reason: str
) -> None:
    name, param = args
    result = CliRunner().invoke(
        main, ["query", "--store", str(examples_store), "--preset", name, "-p", param]
    )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(reason), result.stderr


def test_query_presets_e2e_rows_come_without_a_reason(examples_store: Path) -> None:
    result = CliRunner().invoke(
        main, ["query", "--store", str(examples_store), "--preset", "actor", "-p", "name=Israel"]
    )
    assert result.exit_code == 0 and "hacked" in result.stdout
    assert result.stderr == ""
