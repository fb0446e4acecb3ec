"""Hand-built parsed Docs for rule tests: the parse is given, so no model is involved.

Each token is one line ``word lemma POS TAG dep head ENT`` (head is the absolute index
of the head token; ENT an IOB tag such as ``B-GPE`` or ``O``). A word ending in ``~``
has no space after it ("China~ -~ backed" is "China-backed"); the word ``<NL>~`` is a
line break. Blank lines are ignored.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kg.extract.actors import ActorIndex

VOCAB = spacy.blank("en").vocab
NER_ONLY = ActorIndex(None)
"""Actors from the entities alone (no gazetteer), so that tests exercise the rules only."""


def make_doc(spec: str) -> Doc:
    """Build a parsed Doc from one token per line: word lemma POS TAG dep head ENT."""
    rows = [line.split() for line in spec.strip().splitlines() if line.strip()]
    words, lemmas, pos, tags, deps, heads, ents = zip(*rows, strict=True)
    return Doc(
        VOCAB,
        words=["\n" if w == "<NL>~" else w.rstrip("~") for w in words],
        spaces=[not w.endswith("~") for w in words],
        lemmas=list(lemmas),
        pos=list(pos),
        tags=list(tags),
        deps=list(deps),
        heads=[int(h) for h in heads],
        ents=list(ents),
    )
