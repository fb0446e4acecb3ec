"""Near-duplicates link linearly (issue 18): one ``kg:duplicateOf`` per article, to the
representative of its cluster, whatever the cluster size."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.rdf.dedup import DuplicateIndex
from kg.rdf.namespace import KG
from kg.rdf.store import KGStore

STORY = (
    "Microsoft said on Tuesday that Russian military hackers attacked the networks of "
    "NATO in a campaign that lasted for months, and that the company had warned the "
    "governments affected before it published its findings in a detailed report. "
    "Officials in Brussels said the intrusions began in the spring, when the hackers "
    "sent messages to staff that looked like invitations to a conference, and that the "
    "alliance had since replaced the passwords of thousands of accounts. Analysts at "
    "several security firms said the tools used in the attacks resembled those seen in "
    "earlier operations against ministries in eastern Europe over the past three years."
)


def test_dedup_copies_link_to_one_representative():
    index = DuplicateIndex()
    assert index.add("c000", STORY) == []
    for i in range(1, 200):
        assert index.add(f"c{i:03d}", f"{STORY} Copy {i}.") == ["c000"]
    assert {index.canonical(f"c{i:03d}") for i in range(200)} == {"c000"}
    # only the representative is in the LSH index: a lookup sees one article, not 199
    assert len(index._lsh.query(index._signatures["c150"])) == 1


def test_dedup_clusters_survive_reopening(tmp_path):
    path = tmp_path / "kg-minhash.sqlite"
    index = DuplicateIndex(path)
    index.add("first", STORY)
    index.add("second", STORY + " Reprinted.")
    index.close()
    again = DuplicateIndex(path)
    assert again.canonical("second") == "first"
    assert again.add("third", STORY + " Again.") == ["first"]


@pytest.fixture(scope="module")
def syndicated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("syndicated")
    feed = folder / "wire.jsonl"
    with feed.open("w") as out:
        for i in range(200):
            record = {"id": f"copy-{i:03d}", "text": f"{STORY} Filed by outlet {i}.",
                      "source": f"Outlet {i}",
                      "title": "Russian hackers hit NATO", "published": "2024-05-01"}
            out.write(json.dumps(record) + "\n")
    store = folder / "kg.store"
    result = CliRunner().invoke(
        main, ["-q", "build", str(feed), "--store", str(store), "--no-exports"]
    )
    assert result.exit_code == 0, result.output
    return store, result.output


def test_dedup_cli_200_copies_give_at_most_200_links(syndicated):
    store, output = syndicated
    assert "199 near-duplicates" in output
    with KGStore(store, read_only=True) as kg:
        links = [(s, o) for s, p, o, _ in kg.quads() if p == KG.duplicateOf]
    assert len(links) == 199
    assert len({s for s, _ in links}) == 199  # at most one link per article
    assert len({o for _, o in links}) == 1  # all to the one representative


def test_dedup_cli_corroboration_counts_the_cluster_as_one_story(syndicated):
    store, _ = syndicated
    result = CliRunner().invoke(
        main, ["query", "--store", str(store), "--preset", "corroboration", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]["bindings"]
    assert rows, "no relation found in the story"
    for row in rows:
        assert row["stories"]["value"] == "1", row
