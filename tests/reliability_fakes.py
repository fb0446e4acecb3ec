"""A light deterministic extractor and the build process that the reliability tests kill.

No spaCy: :class:`NameExtractor` takes the capitalised names of an article as its
actors and draws a few relations between them from a generator seeded with the
article's content hash, so the same article always gives the same relations and
a test knows how many assertions each article graph must hold
(:func:`expected_assertions`). What the crash tests exercise is the store
writing path, not the extractor.

Run as a script, this module is the process the tests start and kill::

    python tests/reliability_fakes.py build STORE DELAY BATCH CORPUS...
        kg.build.build with NameExtractor (DELAY seconds per article), printing
        "ready", one "batch N" line per transaction, "exports T" and "done T"
        (T: time.monotonic) on stdout; with
        FAKE_BUILD_GATE=FILE in the environment it stops before article 40
        until FILE exists
    python tests/reliability_fakes.py zygote
        imports once, then for each JSON line [STORE, DELAY, BATCH, LOG, CORPUS...] on stdin
        forks a process that runs that build with its output in LOG; prints
        "pid N" when it starts and "exit N CODE" when it has ended (-9: killed)
    python tests/reliability_fakes.py pool STORE
        a build through kg.parallel.ProcessExtractor (two worker processes)
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from typing import Any

from kg.inventory import predicates
from kg.models import (
    ACTOR_TYPES,
    MODALITIES,
    Actor,
    ActorMention,
    Article,
    Extraction,
    Mention,
    Relation,
)
from kg.rdf.namespace import actor_id

_NAME = re.compile(r"\b[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)*")
MAX_RELATIONS = 6
GATE = "FAKE_BUILD_GATE"
"""Environment variable: a file the ``build`` command waits for before article GATE_AFTER."""
GATE_AFTER = 40


def _actor(label: str) -> Actor:
    kind = ACTOR_TYPES[sum(label.encode()) % len(ACTOR_TYPES)]
    return Actor(actor_id(label), label, kind)


def extract(article: Article) -> Extraction:
    """The relations of ``article``: a seeded draw among its capitalised names."""
    first: dict[str, re.Match[str]] = {}
    for match in _NAME.finditer(article.text):
        first.setdefault(match.group(0), match)
    names = sorted(first)
    if len(names) < 2:
        return Extraction(article)
    rng = random.Random(article.content_hash)
    relations = []
    for _ in range(rng.randint(0, MAX_RELATIONS)):
        subject, obj = (first[name] for name in rng.sample(names, 2))
        relations.append(
            Relation(
                doc=article.id,
                subject=_mention(subject),
                predicate=rng.choice(sorted(predicates())),
                object=_mention(obj),
                sentence=article.text[:120],
                rule="fake-names",
                negated=rng.random() < 0.15,
                modality=rng.choice(MODALITIES),
                confidence=round(rng.uniform(0.3, 0.9), 2),
            )
        )
    actors = tuple(ActorMention(_actor(name)) for name in names)
    return Extraction(article, tuple(relations), actors)


def _mention(match: re.Match[str]) -> Mention:
    actor = _actor(match.group(0))
    return Mention(actor.label, actor.type, actor.id, match.group(0), match.start(), match.end())


def expected_assertions(article: Article) -> int:
    """How many kg:Assertion nodes the article graph of ``article`` holds."""
    return len({relation.key for relation in extract(article).relations})


class NameExtractor:
    """A stand-in for ``kg.extract.Extractor`` with the same ``pipe`` interface.

    Args:
        delay: seconds spent on each article.
        gate: a file; from article ``gate_after`` on, wait until it exists.
        gate_after: how many articles go through before the gate.
    """

    model_name = "fake-names-0"

    def __init__(self, delay: float = 0.0, gate: str | None = None, gate_after: int = 0) -> None:
        self.delay = delay
        self.gate = gate
        self.gate_after = gate_after

    def pipe(self, articles: Iterable[Article], **_: Any) -> Iterator[Extraction]:
        for i, article in enumerate(articles):
            while self.gate and i >= self.gate_after and not os.path.exists(self.gate):
                time.sleep(0.01)
            if self.delay:
                time.sleep(self.delay)
            yield extract(article)


def name_loader(model: str | None, gazetteer: str | None) -> NameExtractor:
    """A ``kg.parallel`` loader: every worker process extracts with a slow NameExtractor."""
    return NameExtractor(delay=0.05)


def _say(text: str) -> None:
    print(text, flush=True)


def _say_when(text: str) -> None:
    """Print ``text`` and the time (``time.monotonic``, the same clock in every process)."""
    _say(f"{text} {time.monotonic():.3f}")


def _run_build(store: str, delay: str, batch: str, *corpus: str) -> None:
    from kg import build as build_module
    from kg.build import build

    write_exports = build_module._write_exports

    def announced(*args: Any) -> None:
        _say_when("exports")
        write_exports(*args)

    build_module._write_exports = announced  # type: ignore[assignment]
    _say("ready")
    report = build(
        corpus,
        store,
        extractor=NameExtractor(float(delay), os.environ.get(GATE), GATE_AFTER),
        batch_size=int(batch),
        workers=1,
        progress=lambda report: _say(f"batch {report.written}"),
    )
    _say_when("done")
    _say(report.summary())


def _run_zygote() -> None:
    import kg.build  # noqa: F401  (the slow imports, done once for every build forked)

    for line in sys.stdin:
        store, delay, batch, log, *corpus = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the build process
            code = 1
            try:
                with open(log, "w") as out:
                    os.dup2(out.fileno(), sys.stdout.fileno())
                _run_build(store, delay, batch, *corpus)
                code = 0
            except BaseException:
                traceback.print_exc(file=sys.stdout)
            finally:
                sys.stdout.flush()
                os._exit(code)
        _say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        _say(f"exit {pid} {os.waitstatus_to_exitcode(status)}")


def _run_pool(store: str) -> None:
    from kg.build import build
    from kg.parallel import ProcessExtractor

    def pool() -> ProcessExtractor:
        return ProcessExtractor(workers=2, partition_size=2, loader=name_loader)

    articles = [Article(f"pool-{i}", f"Alpha Group hit Beta Corp, case {i}.") for i in range(400)]
    build(
        articles=articles,
        store=store,
        batch_size=2,
        exports=False,
        extractor_factory=pool,
        progress=lambda report: _say(f"batch {report.written}"),
    )


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    commands = {"build": _run_build, "zygote": _run_zygote, "pool": _run_pool}
    commands[command](*arguments)
