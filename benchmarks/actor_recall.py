"""Actor-mention recall against the gold ``actors`` aliases of an evaluation directory.

Every occurrence in an article's text of a gold alias of one of its actors (word
bounded, the first letter in either case, an occurrence inside a longer alias
occurrence left out) is a gold mention. A gold mention is **covered** when an
actor mention the extractor found (``doc._.kg_refs``: gazetteer names, NER
entities, descriptive groups, resolved pronouns; unspecified groups of people
not counted) overlaps it, and **identified** when that mention also denotes the
gold actor as the scorer would read it (its canonical label, else its text,
normalised, is a name of that actor). Printed: both fractions overall, by actor
type, and with ``--misses`` every uncovered mention with its context and every covered
mention whose actor is wrong.

Usage::

    .venv/bin/python benchmarks/actor_recall.py /work/shared/eval/dev [--misses] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.extract.extractor import Extractor, _prepare
from kg.models import Article


def norm(text: str) -> str:
    """The scorer's normal form of a name (lower case, no article or possessive)."""
    text = (text or "").lower().replace("’", "'")
    text = re.sub(r"'s\b|'$", "", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class GoldMention:
    """One occurrence of a gold alias in an article's text."""

    doc: str
    actor: str
    type: str
    start: int
    end: int
    text: str


def gold_mentions(doc_id: str, text: str, actors: list[dict]) -> list[GoldMention]:
    """Every occurrence of a gold alias not inside a longer occurrence."""
    found: list[GoldMention] = []
    for actor in actors:
        for alias in {actor["label"], *actor.get("aliases", [])}:
            alias = alias.strip()
            if not alias:
                continue
            first = re.escape(alias[0])
            if alias[0].isalpha():
                first = f"[{re.escape(alias[0].lower())}{re.escape(alias[0].upper())}]"
            pattern = rf"(?<![\w-]){first}{re.escape(alias[1:])}(?![\w-])"
            for match in re.finditer(pattern, text):
                found.append(
                    GoldMention(
                        doc_id,
                        actor["label"],
                        actor["type"],
                        match.start(),
                        match.end(),
                        match.group(),
                    )
                )
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[GoldMention] = []
    for mention in found:
        if any(k.start <= mention.start and mention.end <= k.end for k in kept):
            continue
        kept.append(mention)
    return kept


def system_mentions(extractor: Extractor, article: Article) -> list[tuple[int, int, str, str]]:
    """(start, end, label, text) of the actor mentions the extractor finds."""
    chunks, _ = _prepare(article, extractor._is_name)
    out = []
    for offset, text in chunks:
        doc = extractor.nlp(text)
        for ref in doc._.kg_refs or []:
            if ref.is_actor:
                out.append(
                    (ref.start_char + offset, ref.end_char + offset, ref.actor.label, ref.text)
                )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="directory of gold JSON files")
    parser.add_argument("--misses", action="store_true", help="list uncovered gold mentions")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    extractor = Extractor()
    total: Counter[str] = Counter()
    covered: Counter[str] = Counter()
    identified: Counter[str] = Counter()
    misses: list[GoldMention] = []
    for path in sorted(args.gold.glob("*.json")):
        gold = json.loads(path.read_text())
        text = gold["text"]
        index: dict[str, str] = {}
        for a in gold["actors"]:
            for name in [a["label"], *a.get("aliases", [])]:
                index.setdefault(norm(name), a["label"])

        def resolved(hit: tuple[int, int, str, str], index: dict[str, str] = index) -> str | None:
            return index.get(norm(hit[2])) or index.get(norm(hit[3]))

        found = system_mentions(extractor, Article(gold["id"], text))
        for mention in gold_mentions(gold["id"], text, gold["actors"]):
            hits = [f for f in found if f[0] < mention.end and mention.start < f[1]]
            for key in ("all", mention.type):
                total[key] += 1
                covered[key] += bool(hits)
                identified[key] += any(resolved(h) == mention.actor for h in hits)
            if not hits:
                misses.append(mention)
            elif args.misses and not any(resolved(h) == mention.actor for h in hits):
                labels = sorted({h[2] for h in hits})
                where = f"{mention.doc} [{mention.type}] {mention.actor!r} <- {mention.text!r}"
                print(f"WRONG {where}: {labels}")
        if args.misses:
            for m in (m for m in misses if m.doc == gold["id"]):
                context = text[max(0, m.start - 60) : m.end + 60].replace("\n", " ")
                print(f"MISS {m.doc} [{m.type}] {m.actor!r} <- {m.text!r}: ...{context}...")
    figures = {
        key: {
            "mentions": total[key],
            "recall": round(covered[key] / total[key], 3),
            "identity": round(identified[key] / total[key], 3),
        }
        for key in sorted(total, key=lambda k: (k != "all", k))
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, fig in figures.items():
            print(
                f"{key:15} mentions {fig['mentions']:5}  recall {fig['recall']:.3f}"
                f"  identity {fig['identity']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
