"""How often each extraction rule fires (relations kept), per 100 articles, on two corpora.

A rule that fires on the development articles and nowhere else was probably
written for them. This counts the relations each rule (the ``rule`` field of
``kg extract``) produces per 100 articles of the development gold and of the
CASIE development texts, and marks the rules that fire on only one side.

Usage::

    .venv/bin/python benchmarks/rule_yield.py [--dev ../shared/eval/dev]
        [--casie ../shared/eval/casie-dev] [--json]

The CASIE texts are written by ``casie.py text`` (next to the CASIE folder)
into a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from kg.extract.extractor import Extractor
from kg.models import Article

DEFAULT_EVAL = Path("..") / "shared" / "eval"
"""Where the evaluation data lives, seen from a checkout (as in the README)."""


def gold_articles(directory: Path) -> list[Article]:
    """The articles of a gold directory (one JSON file each, with ``id`` and ``text``)."""
    out = []
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out.append(Article(data.get("id", path.stem), data["text"]))
    return out


def casie_articles(directory: Path) -> list[Article]:
    """The CASIE articles with an attack event, as ``casie.py text`` writes them."""
    script = directory.parent / "casie.py"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, str(script), "text", str(directory), tmp],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return [
            Article(path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(Path(tmp).glob("*.txt"))
        ]


def rule_counts(extractor: Extractor, articles: list[Article]) -> Counter[str]:
    """Relations per rule over ``articles``."""
    counts: Counter[str] = Counter()
    for extraction in extractor.pipe(articles):
        counts.update(rel.rule for rel in extraction.relations)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_EVAL / "dev")
    parser.add_argument("--casie", type=Path, default=DEFAULT_EVAL / "casie-dev")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    extractor = Extractor()
    corpora = {"dev": gold_articles(args.dev), "casie": casie_articles(args.casie)}
    rates: dict[str, dict[str, float]] = {}
    for name, articles in corpora.items():
        counts = rule_counts(extractor, articles)
        per = 100 / max(1, len(articles))
        rates[name] = {rule: round(n * per, 1) for rule, n in counts.items()}
    rules = sorted(
        set(rates["dev"]) | set(rates["casie"]),
        key=lambda r: (-rates["dev"].get(r, 0), -rates["casie"].get(r, 0), r),
    )
    rows = []
    for rule in rules:
        dev, casie = rates["dev"].get(rule, 0.0), rates["casie"].get(rule, 0.0)
        note = "dev only" if casie == 0 else ("casie only" if dev == 0 else "")
        rows.append({"rule": rule, "dev": dev, "casie": casie, "note": note})
    if args.json:
        sizes = {name: len(a) for name, a in corpora.items()}
        print(json.dumps({"articles": sizes, "rules": rows}, indent=2))
        return 0
    print(f"articles: dev {len(corpora['dev'])}, casie {len(corpora['casie'])}")
    print(f"{'rule':32} {'dev/100':>8} {'casie/100':>9}")
    for row in rows:
        print(f"{row['rule']:32} {row['dev']:8.1f} {row['casie']:9.1f}  {row['note']}")
    dev_only = [r for r in rows if r["note"] == "dev only"]
    print(f"{len(dev_only)} of {len(rows)} rules fire on dev and not on the CASIE texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
