"""No word list, lemma literal or predicate literal in kg/extract outside the loader (issue 12).

The scan reads every module under ``kg/extract`` with :mod:`ast` and reports, per module and
top-level scope (a function, a class, or the name a module-level value is assigned to):

* ``predicate``: a string literal that is a predicate of relations.json (docstrings aside);
* ``words``: a set, tuple, list or dict (or a ``wordset("...")`` string) of two or more
  lower-case English words (spaCy
  dependency labels and tags, rule names and the internal kinds below are not words);
* ``lemma``: a comparison with a word (``tok.lemma_ == "hold"``, ``lemma == "pay"``,
  ``"both" in words``), or a word given to ``prep_objects``/``prep_actors`` (``"of"``).

What may remain is listed below. ``MUST_REMAIN`` is what is not rule vocabulary, with the
reason. ``NOT_YET_MOVED`` was what issue 12 had still to move into lexicon.yaml or
relations.json, a count per scope that could only go down; it is empty now, and stays so. A
new word list or literal fails here; put the words in kg/data/lexicon.yaml (read them with
``LEXICON.words(...)``) or the property in relations.json (``kg.inventory.with_rule``).
"""

from __future__ import annotations

import ast
import json
from collections import Counter
from importlib import resources
from pathlib import Path

from spacy.glossary import GLOSSARY

from kg.extract.arguments import RULE_CONFIDENCE

EXTRACT = Path(__file__).resolve().parent.parent / "kg" / "extract"

MUST_REMAIN: dict[str, str] = {
    "lexicon.py": "the lexicon loader: the field names and choices of lexicon.yaml entries",
    "gazetteer/files.py": "the gazetteer loader: the keys and columns of gazetteer files",
    "dates.py": "month and weekday names of the date parser: calendar data, not rule words",
}
"""Modules left out of the scan, with the reason."""

INTERNAL = frozenset(RULE_CONFIDENCE) | {
    # mention kinds of kg.extract.actors.Ref and coref
    "name", "group", "people", "description", "age", "plural", "numbered", "coref",
    "demonym", "seed", "pronoun", "set",
    # modalities of kg.models.Relation, and a rule name with the default confidence
    "asserted", "alleged", "attempted", "accusation-denied",
    # choices of a lexicon field (relational_nouns: described)
    "subject",
    # claim kinds: the names of lexicon lists that attribution reads
    "speech", "alleging", "factive", "accusation", "allegation", "reporting",
    # spaCy pipes and gazetteer entry keys
    "parser", "ner", "label", "type", "aliases",
    # a dependency label that spaCy's glossary does not list
    "predet",
}  # fmt: skip
"""Internal names that are not English words of a rule."""

NOT_YET_MOVED: dict[tuple[str, str, str], int] = {}
"""(module, scope, kind) -> how many may remain: none. Every word list, lemma test and
predicate literal of kg/extract has moved to lexicon.yaml or relations.json (issue 12)."""


def _words(node: ast.AST) -> list[str] | None:
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("set", "frozenset"):
        return _words(node.args[0]) if node.args else None
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "wordset" and node.args:
        text = node.args[0]  # wordset("a b c"): a word list written as one string
        return text.value.split() if isinstance(text, ast.Constant) else None
    if isinstance(node, ast.Dict):
        elts = [k for k in node.keys if k is not None]
    elif isinstance(node, ast.Set | ast.Tuple | ast.List):
        elts = node.elts
    else:
        return None
    if not elts or not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elts):
        return None
    return [e.value for e in elts]  # type: ignore[attr-defined]


def _is_word(text: str) -> bool:
    letters = text.replace(" ", "").replace("-", "").replace("'", "")
    return letters.isalpha() and text.islower() and text not in GLOSSARY and text not in INTERNAL


_WORD_TAKERS = ("prep_objects", "prep_actors")
"""Helpers of kg.extract.arguments that take a preposition word."""


def _is_word_constant(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and _is_word(node.value)


def scan(path: Path, predicates: set[str]) -> Counter[tuple[str, str]]:
    """Count (scope, kind) of the rule vocabulary written in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found: Counter[tuple[str, str]] = Counter()

    def visit(node: ast.AST, scope: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if scope == "<module>":
                if isinstance(child, ast.FunctionDef | ast.ClassDef):
                    inner = child.name
                elif isinstance(child, ast.Assign | ast.AnnAssign):
                    target = child.targets[0] if isinstance(child, ast.Assign) else child.target
                    inner = getattr(target, "id", scope)
            if (
                isinstance(child, ast.Constant)
                and child.value in predicates
                and id(child) not in docstrings
            ):
                found[inner, "predicate"] += 1
            words = _words(child)
            if (
                words
                and len(words) >= 2
                and any(_is_word(w) for w in words)
                and all(_is_word(w) or w in GLOSSARY or w in INTERNAL for w in words)
            ):
                found[inner, "words"] += 1
            if (
                isinstance(child, ast.Compare)
                and len(child.comparators) == 1
                and any(_is_word_constant(side) for side in (child.left, *child.comparators))
            ):
                found[inner, "lemma"] += 1  # tok.lemma_ == "hold", "both" in words
            if (
                isinstance(child, ast.Call)
                and getattr(child.func, "id", getattr(child.func, "attr", "")) in _WORD_TAKERS
                and any(_is_word_constant(arg) for arg in child.args)
            ):
                found[inner, "lemma"] += 1  # prep_objects(noun, "of")
            visit(child, inner)

    visit(tree, "<module>")
    return found


def scan_extract() -> dict[tuple[str, str, str], int]:
    """Scan every module of kg/extract but the ones of :data:`MUST_REMAIN`."""
    text = resources.files("kg").joinpath("data/relations.json").read_text(encoding="utf-8")
    predicates = set(json.loads(text)["predicates"])
    counts: dict[tuple[str, str, str], int] = {}
    for path in sorted(EXTRACT.rglob("*.py")):
        module = path.relative_to(EXTRACT).as_posix()
        if module in MUST_REMAIN:
            continue
        for (scope, kind), n in scan(path, predicates).items():
            counts[module, scope, kind] = n
    return counts


def test_rules_as_data_no_new_word_lists_or_predicate_literals():
    grown = {
        key: (n, NOT_YET_MOVED.get(key, 0))
        for key, n in scan_extract().items()
        if n > NOT_YET_MOVED.get(key, 0)
    }
    assert grown == {}, (
        "word lists / lemma or predicate literals in kg/extract (found, allowed): move the words "
        "to kg/data/lexicon.yaml and predicate sets to relations.json 'rules' (docs/extending.md)"
    )


def test_rules_as_data_scan_finds_what_it_looks_for(tmp_path: Path):
    module = tmp_path / "rule.py"
    module.write_text(
        "_HACK_VERBS = {'breach', 'compromise'}\n"
        "_LEAK_VERBS = wordset('leak dump')\n"
        "_TAGS = ('dobj', 'nsubj')\n"
        "def rule(tok):\n"
        '    """hacked in a docstring is not a literal"""\n'
        "    if tok.lemma_ == 'hold' and tok.dep_ == 'dobj':\n"
        "        return 'hacked'\n"
        "def other(tok, lemma, words):\n"
        "    if lemma == 'pay' or 'both' in words or tok.kind == 'demonym':\n"
        "        return list(prep_objects(tok, 'of'))\n",
        encoding="utf-8",
    )
    assert scan(module, {"hacked"}) == Counter(
        {
            ("_HACK_VERBS", "words"): 1,
            ("_LEAK_VERBS", "words"): 1,
            ("rule", "lemma"): 1,
            ("rule", "predicate"): 1,
            ("other", "lemma"): 3,
        }
    )


def test_rules_as_data_must_remain_modules_exist():
    for module in MUST_REMAIN:
        assert (EXTRACT / module).is_file(), module
