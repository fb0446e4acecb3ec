"""Regression floor for extraction quality on a small gold fixture written for this suite."""

from __future__ import annotations

import json
import re
from pathlib import Path

from kg.cli.extract_cmds import shared_extractor
from kg.models import Article, Relation

GOLD = Path(__file__).parent / "gold"
F1_FLOOR = 0.8
UNSCORED = {"people", "thing"}


def norm(surface: str | None) -> str:
    """Normalise a surface form: case, possessive, punctuation, leading article."""
    text = (surface or "").lower().replace("’", "'")
    text = re.sub(r"'s\b|'$", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return " ".join(text.split())


def gold_actor(mention, index: dict[str, str]) -> str:  # noqa: ANN001 - a Mention
    for name in (mention.label, mention.text):
        if norm(name) in index:
            return index[norm(name)]
    return "?" + norm(mention.label)


def score(gold_docs: list[dict], system: dict[str, list[Relation]]) -> tuple[float, float, float]:
    """Strict precision, recall and F1 of (subject, predicate, object, negated) keys."""
    tp = n_system = n_gold = 0
    for doc in gold_docs:
        index = {}
        for actor in doc["actors"]:
            for name in [actor["label"], *actor.get("aliases", [])]:
                index.setdefault(norm(name), actor["label"])
        gold = {(r["s"], r["p"], r["o"], bool(r.get("negated"))) for r in doc["relations"]}
        found = {
            (gold_actor(r.subject, index), r.predicate, gold_actor(r.object, index), r.negated)
            for r in system.get(doc["id"], [])
            if r.subject.type.lower() not in UNSCORED and r.object.type.lower() not in UNSCORED
        }
        tp += len(gold & found)
        n_system += len(found)
        n_gold += len(gold)
    precision = tp / n_system if n_system else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def test_score_counts_aliases_and_negation() -> None:
    from kg.models import Mention

    doc = {
        "id": "d",
        "actors": [{"label": "Russia", "aliases": ["Moscow"]}, {"label": "Estonia"}],
        "relations": [{"s": "Russia", "p": "attacked", "o": "Estonia", "negated": True}],
    }
    moscow = Mention("Moscow", "Place", "kg:actor/moscow", "Moscow", 0, 6)
    estonia = Mention("Estonia", "Country", "kg:actor/estonia", "Estonia", 10, 17)
    hit = Relation("d", moscow, "attacked", estonia, "s", "active", negated=True)
    miss = Relation("d", moscow, "attacked", estonia, "s", "active", negated=False)
    assert score([doc], {"d": [hit]}) == (1.0, 1.0, 1.0)
    assert score([doc], {"d": [miss]}) == (0.0, 0.0, 0.0)


def test_extract_quality_f1_floor() -> None:
    gold_docs = [json.loads(p.read_text()) for p in sorted(GOLD.glob("*.json"))]
    extractor = shared_extractor(None, None)
    articles = [
        Article(d["id"], d["text"], title=d.get("title"), published=d.get("published"))
        for d in gold_docs
    ]
    system = {e.article.id: list(e.relations) for e in extractor.pipe(articles)}
    precision, recall, f1 = score(gold_docs, system)
    assert f1 >= F1_FLOOR, f"F1 {f1:.3f} (P {precision:.3f} R {recall:.3f}) < floor {F1_FLOOR}"
