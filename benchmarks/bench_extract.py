"""Throughput of ``kg extract`` against the bare spaCy pipeline on the same ~1 MB of text.

Both runs use the same model, ``nlp.pipe`` and batch size, in one process, so the
ratio measures what the extractor adds after the parse (gazetteer matching,
descriptive groups, coreference, rules, attribution, dates). Times are CPU seconds
of this process, with the two passes interleaved over slices of the corpus, so a
busy machine does not skew the ratio. The target is a ratio of at least 0.75.

Usage::

    .venv/bin/python benchmarks/bench_extract.py            # ~1 MB synthetic news
    .venv/bin/python benchmarks/bench_extract.py --mb 0.3   # quicker
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles  # noqa: E402  (benchmarks/corpus.py: our own synthetic news)

from kg.extract import Extractor  # noqa: E402
from kg.extract.pipeline import load_model  # noqa: E402
from kg.models import Article  # noqa: E402

TARGET_RATIO = 0.75


def corpus(megabytes: float) -> list[Article]:
    """Synthetic articles totalling about ``megabytes`` MB of text."""
    out: list[Article] = []
    size = 0
    for record in articles(100_000, seed=11):
        article = Article(id=record["id"], text=record["text"], published=record.get("published"))
        out.append(article)
        size += len(article.text.encode("utf-8"))
        if size >= megabytes * 1_000_000:
            break
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="megabytes of text (default 1)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--slices", type=int, default=4, help="interleaved slices (default 4)")
    args = parser.parse_args(argv)

    docs = corpus(args.mb)
    texts = [a.text for a in docs]
    chars = sum(len(t) for t in texts)
    print(f"corpus: {len(docs)} articles, {chars / 1e6:.2f} M characters")

    nlp = load_model()
    extractor = Extractor()
    list(nlp.pipe(texts[:20], batch_size=args.batch_size))  # warm-up
    list(extractor.pipe(docs[:20], batch_size=args.batch_size))
    # CPU time of this process, interleaved in slices: other load on the machine and
    # drift between the two passes then hardly move the ratio.
    bare = full = 0.0
    relations = 0
    step = max(1, len(docs) // args.slices)
    for start in range(0, len(docs), step):
        part = docs[start : start + step]
        began = time.process_time()
        for _ in nlp.pipe([a.text for a in part], batch_size=args.batch_size):
            pass
        bare += time.process_time() - began
        began = time.process_time()
        for extraction in extractor.pipe(part, batch_size=args.batch_size):
            relations += len(extraction.relations)
        full += time.process_time() - began

    ratio = bare / full
    rate = chars / bare / 1e3
    print(f"bare spaCy ({extractor.model_name}): {bare:7.2f} CPU s  {rate:8.1f} k chars/s")
    print(
        f"kg extract:                  {full:7.2f} CPU s  {chars / full / 1e3:8.1f} k chars/s"
        f"  ({relations} relations)"
    )
    verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
    print(
        f"throughput ratio (kg extract / bare spaCy): {ratio:.3f}  target >= {TARGET_RATIO}"
        f"  {verdict}"
    )


if __name__ == "__main__":
    main()
