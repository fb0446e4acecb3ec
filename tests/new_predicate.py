"""Run ``kg extract`` in a fresh process with one predicate added the way
docs/extending.md says: an entry in a copy of relations.json and a sense in a copy of the
lexicon, named by ``KG_RELATIONS`` and ``KG_LEXICON``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path


def extract_with_predicate(
    tmp_path: Path, name: str, entry: dict, sense: str, text: str
) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) labels that ``kg extract`` finds in ``text`` once
    ``name`` is in the inventory as ``entry`` and ``sense`` (YAML lines under ``verbs:``)
    is in the lexicon."""
    relations = json.loads(
        resources.files("kg").joinpath("data/relations.json").read_text(encoding="utf-8")
    )
    relations["predicates"][name] = entry
    inventory = tmp_path / "relations.json"
    inventory.write_text(json.dumps(relations), encoding="utf-8")
    shipped = resources.files("kg").joinpath("data/lexicon.yaml").read_text(encoding="utf-8")
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text(shipped.replace("verbs:\n", "verbs:\n" + sense, 1), encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(text, encoding="utf-8")
    env = {**os.environ, "KG_RELATIONS": str(inventory), "KG_LEXICON": str(lexicon)}
    run = subprocess.run(
        [sys.executable, "-m", "kg", "extract", str(article)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return {
        (r["subject"]["label"], r["predicate"], r["object"]["label"])
        for r in map(json.loads, run.stdout.splitlines())
    }
