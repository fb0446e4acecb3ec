"""Ingestion throughput per input kind, on a synthetic corpus written to a temporary folder.

Prints articles per second and MB per second for JSON lines (plain and gzipped), text
files, HTML pages (trafilatura) and an RSS feed (feedparser), and the ratio of each to
JSON lines. Run: ``python benchmarks/ingest_throughput.py [--n 2000]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from kg.ingest import IngestReport, read_articles

PARAGRAPH = (
    "Officials in {city} said on {day} that a group linked to a foreign intelligence service "
    "had broken into the network of a regional utility, number {i}, and copied engineering "
    "files before the intrusion was noticed by an operator."
)
CITIES = ("Oslo", "Lisbon", "Tallinn", "Kyiv", "Santiago", "Nairobi", "Seoul", "Ottawa")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def text(i: int) -> str:
    para = PARAGRAPH.format(city=CITIES[i % len(CITIES)], day=DAYS[i % len(DAYS)], i=i)
    return "\n\n".join([para] * 4)


def write_corpus(root: Path, n: int) -> dict[str, Path]:
    kinds = {name: root / name for name in ("jsonl", "jsonl.gz", "txt", "html", "rss")}
    lines = [
        json.dumps({"id": f"a{i}", "title": f"Utility {i} breached", "text": text(i),
                    "published": "2023-03-14"})
        for i in range(n)
    ]
    kinds["jsonl"].mkdir()
    (kinds["jsonl"] / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    kinds["jsonl.gz"].mkdir()
    with gzip.open(kinds["jsonl.gz"] / "corpus.jsonl.gz", "wt", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    kinds["txt"].mkdir()
    for i in range(n):
        (kinds["txt"] / f"t{i}.txt").write_text(f"Utility {i} breached\n\n{text(i)}")
    kinds["html"].mkdir()
    for i in range(n // 4):  # HTML is the slowest kind: a quarter as many pages
        paras = "".join(f"<p>{p}</p>" for p in text(i).split("\n\n"))
        (kinds["html"] / f"p{i}.html").write_text(
            f"<html><head><title>Utility {i} breached</title></head><body><nav>Home | World"
            f"</nav><article><h1>Utility {i} breached</h1>{paras}</article>"
            "<footer>Copyright</footer></body></html>"
        )
    kinds["rss"].mkdir()
    items = "".join(
        f"<item><title>Utility {i} breached</title><link>https://example.org/{i}</link>"
        f"<description>{escape(text(i))}</description></item>"
        for i in range(n)
    )
    (kinds["rss"] / "feed.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>{items}</channel></rss>'
    )
    return kinds


def measure(path: Path) -> tuple[int, float, int]:
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    report = IngestReport()
    start = time.perf_counter()
    count = sum(1 for _ in read_articles([path], report=report))
    return count, time.perf_counter() - start, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="articles per kind (HTML: n/4)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        kinds = write_corpus(Path(folder), args.n)
        results = {name: measure(path) for name, path in kinds.items()}
    base = results["jsonl"][0] / results["jsonl"][1]
    print(f"{'kind':10} {'articles':>8} {'seconds':>8} {'art/s':>9} {'MB/s':>7} {'vs jsonl':>8}")
    for name, (count, seconds, size) in results.items():
        rate = count / seconds
        print(f"{name:10} {count:8d} {seconds:8.2f} {rate:9.0f} {size / seconds / 1e6:7.1f} "
              f"{rate / base:8.3f}")


if __name__ == "__main__":
    main()
