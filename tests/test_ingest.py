"""Tests of kg.ingest through the Python API: every input kind and every bad-input case.

URLs are tested in test_ingest_urls.py, the CLI in test_ingest_cli.py and random
input in test_ingest_properties.py. Fixtures are in tests/data/ingest/ (see its README).
"""

from __future__ import annotations

import doctest
import gzip
import io
import json
import shutil
import sys
import time
from pathlib import Path

import pytest

import kg.ingest.dates
import kg.ingest.decode
import kg.ingest.feeds
import kg.ingest.html
import kg.ingest.ids
import kg.ingest.jsonl
import kg.ingest.markup
import kg.ingest.reader
import kg.ingest.report
import kg.ingest.text
import kg.ingest.urls
from kg.ingest import IngestReport, read_articles, url_id
from kg.ingest.dates import normalise_date
from kg.ingest.text import split_title

DATA = Path(__file__).parent / "data" / "ingest"
BAD = DATA / "bad"
BAD_CASES = [  # file name, and what its warning says after the path
    tuple(line.split("\t")) for line in (BAD / "expected-warnings.tsv").read_text().splitlines()
]
GOLD_DEV = Path(__file__).parents[2] / "shared" / "eval" / "dev"


def read(*inputs: str | Path, **options) -> tuple[list, IngestReport]:
    """Read ``inputs`` and return (articles, report)."""
    report = IngestReport()
    return list(read_articles(list(inputs), report=report, **options)), report


# --- every input kind ---------------------------------------------------------------------


@pytest.mark.skipif(not GOLD_DEV.is_dir(), reason="shared gold set not present")
def test_ingest_reads_gold_dev_articles_with_their_ids_and_texts():
    articles, report = read(GOLD_DEV)
    expected = {}
    for path in sorted(GOLD_DEV.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        expected[record["id"]] = record
    assert {a.id for a in articles} == set(expected)
    for article in articles:
        assert article.text == expected[article.id]["text"]  # unchanged: gold offsets
        assert article.title == expected[article.id]["title"]
    assert report.read == len(expected) and report.skipped == 0 and not report.warnings


def test_ingest_txt_first_line_headline_is_title():
    [article], report = read(DATA / "plain.txt")
    assert article.id == "plain"
    assert article.title == "Norwegian parliament says hackers read officials' email"
    assert article.text.startswith("OSLO - Norway's parliament said on Wednesday")
    assert article.origin == str(DATA / "plain.txt")
    assert report.summary() == "read 1 article, skipped 0"


def test_ingest_txt_first_sentence_is_not_a_title():
    [article], _ = read(DATA / "notitle.txt")
    assert article.title is None
    assert article.text.startswith("The Dutch intelligence service said on Monday")


def test_ingest_markdown_heading_is_title():
    [article], _ = read(DATA / "story.md")
    assert article.id == "story"
    assert article.title == (
        "Police in Lisbon arrest suspect in ransomware attack on port operator"
    )
    assert "* Investigators seized laptops" in article.text


@pytest.mark.parametrize(
    ("name", "title", "phrase"),
    [
        ("latin1.txt", "Le ministère suisse de la défense piraté", "établi à Genève"),
        ("utf16.txt", "Японские власти сообщили о взломе", "Министерство обороны Японии"),
    ],
)
def test_ingest_non_utf8_text_is_decoded_not_dropped(name, title, phrase):
    [article], report = read(DATA / name)
    assert article.title == title
    assert phrase in article.text
    if name == "utf16.txt":  # a byte-order mark says the encoding: nothing to warn about
        assert not report.warnings
    else:  # detected: the warning names the encoding chosen
        assert len(report.warnings) == 1
        assert "not valid UTF-8" in report.warnings[0] and "decoded as cp1252" in report.warnings[0]


def test_ingest_html_main_text_and_metadata():
    [article], _ = read(DATA / "page.html")
    assert article.id == "page"
    assert article.title == "Water utility says intruders changed chemical settings"
    assert article.published == "2021-02-09"
    assert article.author == "Dana Whitfield"
    assert article.source == "Harbor Courier"
    assert article.text.startswith("A small water utility in the Pacific Northwest")
    assert "changed every password" in article.text
    for boilerplate in ("Subscribe", "Most read", "Copyright", "Privacy policy"):
        assert boilerplate not in article.text


def test_ingest_html_declared_charset_is_used(tmp_path):
    # Without the declaration these bytes read as windows-1252 ("Atak hakerów na £ódŸ");
    # charset-normalizer weighs a declared charset, and checks it against the bytes.
    page = (DATA / "page.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1250">').replace(
        "A small water utility", "Atak hakerów na Łódź. A small water utility"
    )
    target = tmp_path / "cp1250.html"
    target.write_bytes(page.encode("cp1250"))
    [article], _ = read(target)
    assert article.text.startswith("Atak hakerów na Łódź. A small water utility")


def test_ingest_json_object_with_all_fields():
    [article], _ = read(DATA / "one.json")
    assert article.id == "fixture-finland-ddos"
    assert article.title == "Finnish government websites hit by denial-of-service attack"
    assert article.published == "2022-04-08"
    assert article.url == "https://news.example.org/finland-ddos"
    assert article.source == "Example Wire"
    assert article.text.startswith("Several Finnish government websites")


def test_ingest_json_list_skips_bad_item_and_numbers_the_rest():
    articles, report = read(DATA / "list.json")
    assert [a.id for a in articles] == ["fixture-chile-army", "list-3"]
    assert articles[1].published == "2022-08-18"
    assert report.read == 2 and report.skipped == 1
    assert report.warnings == [f"{DATA / 'list.json'}: item 2: no 'text' field"]


def test_ingest_jsonl_reports_malformed_line_with_its_number():
    articles, report = read(DATA / "news.jsonl")
    assert [a.id for a in articles] == ["fixture-canada-rcmp", "news-3"]
    assert articles[1].published == "2021-06-20"
    assert articles[1].url == "https://news.example.org/hse"
    assert report.skipped == 1
    [warning] = report.warnings
    assert warning.startswith(f"{DATA / 'news.jsonl'}:2: malformed JSON at column ")


def test_ingest_jsonl_gz_is_streamed_like_jsonl(tmp_path):
    target = tmp_path / "news.jsonl.gz"
    with gzip.open(target, "wb") as out:
        out.write((DATA / "news.jsonl").read_bytes())
    articles, report = read(target)
    assert [a.id for a in articles] == ["fixture-canada-rcmp", "news-3"]
    assert report.warnings[0].startswith(f"{target}:2: malformed JSON")


def test_ingest_rss_one_article_per_entry_with_content_or_summary():
    articles, report = read(DATA / "feed.rss")
    first, second = articles
    assert first.id == url_id("https://desk.example.org/2023/ukraine-phishing-raid")
    assert first.title == "Ukrainian police raid suspected phishing ring"
    assert first.text == (
        "Ukrainian cyber police said on Tuesday they had searched the homes of eleven "
        "suspects in Kyiv and Lviv who are accused of running phishing sites that imitated "
        "banks.\nOfficers seized computers, phones and cash."
    )  # content, not the shorter description; HTML stripped
    assert first.published == "2023-03-14"
    assert first.author == "Olena Marchuk"
    assert first.source == "Example Security Desk"
    assert first.url == "https://desk.example.org/2023/ukraine-phishing-raid"
    assert second.text.startswith("A Singapore health group said on Wednesday")
    assert "<p>" not in second.text
    assert second.published == "2023-03-14"  # 02:00 +0800 is the 14th in UTC
    assert report.read == 2 and report.skipped == 1
    assert report.warnings == [f"{DATA / 'feed.rss'}: entry 3: no content or summary"]


def test_ingest_atom_entries_with_and_without_link():
    articles, report = read(DATA / "feed.atom")
    brazil, kenya = articles
    assert brazil.id == url_id("urn:example:policy-notes:brazil-agency")  # no link: guid
    assert brazil.published == "2023-05-01"
    assert brazil.author == "Rafael Souza"
    assert brazil.text.startswith("Brazil's president signed a decree")
    assert kenya.id == url_id("https://notes.example.org/kenya-fine")
    assert kenya.published == "2023-05-03"  # no published date: updated
    assert kenya.source == "Example Policy Notes"
    assert report.skipped == 0


def test_ingest_directory_is_recursive_sorted_and_by_extension(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    shutil.copy(DATA / "plain.txt", tmp_path / "sub" / "deeper" / "b.txt")
    shutil.copy(DATA / "one.json", tmp_path / "a.json")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4 not read")
    (tmp_path / ".hidden.txt").write_text("Hidden file\n\nNot read because it is hidden.")
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["fixture-finland-ddos", "b"]
    assert report.skipped == 0 and not report.warnings


def test_ingest_stdin_text_and_jsonl_are_detected(monkeypatch):
    text = (DATA / "plain.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    [article], _ = read("-")
    assert (article.id, article.origin) == ("stdin", "-")
    assert article.title == "Norwegian parliament says hackers read officials' email"

    lines = (DATA / "news.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    articles, report = read("-")
    assert [a.id for a in articles] == ["fixture-canada-rcmp", "stdin-3"]
    assert report.warnings[0].startswith("-:2: malformed JSON")


@pytest.mark.parametrize("name", ["one.json", "page.html", "feed.rss"])
def test_ingest_stdin_json_html_and_feed_are_detected(monkeypatch, name):
    expected, _ = read(DATA / name)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((DATA / name).read_bytes())))
    articles, _ = read("-")
    assert [(a.title, a.text) for a in articles] == [(a.title, a.text) for a in expected]


def test_ingest_stdin_over_the_size_cap_is_skipped(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 100)))
    articles, report = read("-", max_bytes=10)
    assert articles == []
    assert report.warnings == ["-: standard input is larger than 10 bytes"]


def test_ingest_stdin_jsonl_streams_past_the_size_cap(monkeypatch):
    lines = "".join(
        json.dumps({"id": f"s{i}", "text": f"Hackers struck target number {i}."}) + "\n"
        for i in range(200)
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\n" + lines.encode())))
    articles, report = read("-", max_bytes=1000)
    assert len(articles) == 200 and report.skipped == 0
    assert len(lines) > 1000


def test_ingest_unknown_extension_named_explicitly_is_sniffed(tmp_path):
    target = tmp_path / "download.dat"
    shutil.copy(DATA / "one.json", target)
    [article], _ = read(target)
    assert article.id == "fixture-finland-ddos"


# --- ids and duplicates -------------------------------------------------------------------


def test_ingest_same_text_twice_is_ingested_once(tmp_path):
    shutil.copy(DATA / "plain.txt", tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(
        "Another headline for the same story\n\n"
        + (DATA / "plain.txt").read_text().split("\n", 2)[2].replace("\n", "\n\n  "),
        encoding="utf-8",
    )
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert (report.read, report.skipped, report.duplicates) == (1, 1, 1)
    assert report.warnings == [f"{tmp_path / 'b.txt'}: b: same text as a, ingested once"]
    assert report.summary() == "read 1 article, skipped 1 (1 duplicate)"


def test_ingest_ids_are_stable_across_runs_and_unique(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "report.txt").write_text("Story one\n\nGermany said hackers struck.")
    (tmp_path / "y" / "report.txt").write_text("Story two\n\nFrance said hackers struck.")
    first, report = read(tmp_path)
    second, _ = read(tmp_path)
    assert [a.id for a in first] == [a.id for a in second]
    assert first[0].id == "report" and first[1].id.startswith("report-")
    assert len({a.id for a in first}) == 2
    assert "already used" in report.warnings[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("v1.2-report.txt", "v1.2-report"), ("news.jsonl.gz", "news-1"), ("a.b.md", "a.b")],
)
def test_ingest_id_is_the_file_name_without_its_extensions(tmp_path, name, expected):
    data = b"Headline here\n\nBody text about an intrusion."
    if name.endswith(".jsonl.gz"):
        data = gzip.compress(json.dumps({"text": "Body text about an intrusion."}).encode())
    (tmp_path / name).write_bytes(data)
    [article], _ = read(tmp_path / name)
    assert article.id == expected


def test_ingest_url_id_is_a_stable_hash():
    assert url_id("https://example.org/a") == url_id("https://example.org/a")
    assert url_id("https://example.org/a") != url_id("https://example.org/b")
    assert url_id("https://example.org/a").startswith("url-")


# --- bad input: reported and skipped, never stopping the batch ----------------------------


@pytest.mark.parametrize(("name", "reason"), BAD_CASES)
def test_ingest_bad_file_is_reported_and_skipped(name, reason):
    articles, report = read(BAD / name, DATA / "plain.txt")
    assert [a.id for a in articles] == ["plain"]  # the batch goes on
    assert report.warnings == [f"{BAD / name}{reason}"]
    assert report.summary() == "read 1 article, skipped 1"


def test_ingest_bad_files_are_logged_on_the_kg_ingest_logger(caplog):
    with caplog.at_level("WARNING", logger="kg.ingest"):
        _, report = read(BAD / "empty.txt")
    assert [r.getMessage() for r in caplog.records] == report.warnings


def test_ingest_truncated_feed_is_reported():
    articles, report = read(BAD / "truncated.rss")
    assert articles == []
    assert report.warnings[0].startswith(f"{BAD / 'truncated.rss'}: feed is not well-formed")
    assert report.warnings[1] == f"{BAD / 'truncated.rss'}: entry 1: no content or summary"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<rss version='2.0'><channel><title>t</title>", "feed does not parse"),
        (b"<?xml version='1.0'?><note><to>Tove</to></note>", "not an RSS or Atom feed"),
        (b"<rss version='2.0'><channel><title>No items</title></channel></rss>", "no entries"),
    ],
)
def test_ingest_feed_without_entries_is_skipped(tmp_path, content, reason):
    target = tmp_path / "f.xml"
    target.write_bytes(content)
    articles, report = read(target)
    assert articles == [] and report.skipped == 1
    assert reason in report.warnings[0]


def test_ingest_missing_path_is_a_warning_not_an_exception(tmp_path):
    articles, report = read(tmp_path / "nope.txt", DATA / "plain.txt")
    assert len(articles) == 1
    assert report.warnings == [f"{tmp_path / 'nope.txt'}: no such file or directory"]


def test_ingest_unreadable_file_is_skipped(tmp_path, monkeypatch):
    target = tmp_path / "secret.txt"
    target.write_text("Locked\n\nThis file cannot be read.")
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self == target:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    articles, report = read(tmp_path)
    assert articles == []
    assert report.warnings == [f"{target}: cannot read: Permission denied"]


def test_ingest_broken_symlink_in_directory_is_skipped(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    articles, report = read(tmp_path)
    assert articles == []
    assert report.warnings == [f"{tmp_path / 'gone.txt'}: cannot read: No such file or directory"]


def test_ingest_xxe_does_not_read_the_referenced_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN-4242")
    for suffix in (".rss", ".html", ".atom"):
        (tmp_path / f"attack{suffix}").write_text(
            f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY s SYSTEM "file://{secret}">]>'
            '<rss version="2.0"><channel><title>x</title><item><title>t</title>'
            "<description>leak: &s;</description></item></channel></rss>"
        )
    articles, report = read(*(tmp_path / f"attack{s}" for s in (".rss", ".html", ".atom")))
    assert articles == [] and report.skipped == 3
    assert all("refused: declares XML entities" in w for w in report.warnings)
    assert not any("TOP-SECRET" in w for w in report.warnings)


@pytest.mark.parametrize("name", ["bomb.xml", "xxe.rss", "xxe.html"])
def test_ingest_hostile_xml_never_reaches_feedparser_or_trafilatura(monkeypatch, name):
    import feedparser
    import trafilatura

    def must_not_run(*args, **kwargs):
        raise AssertionError("hostile document handed to a parser")

    monkeypatch.setattr(feedparser, "parse", must_not_run)
    monkeypatch.setattr(trafilatura, "bare_extraction", must_not_run)
    articles, report = read(BAD / name)
    assert articles == [] and "refused: declares XML entities" in report.warnings[0]


def test_ingest_entity_bomb_is_refused_quickly(tmp_path):
    # Expanded, this would be 10**9 copies of "lol": refusal must not expand it.
    start = time.perf_counter()
    articles, report = read(BAD / "bomb.xml")
    assert articles == [] and "refused" in report.warnings[0]
    assert time.perf_counter() - start < 5


def test_ingest_utf16_entity_bomb_is_refused(tmp_path):
    target = tmp_path / "bomb16.xml"
    target.write_bytes((BAD / "bomb.xml").read_text().encode("utf-16"))
    _, report = read(target)
    assert "refused: declares XML entities" in report.warnings[0]


def test_ingest_a_single_path_string_is_one_input():
    articles, _ = read(str(DATA / "plain.txt"))
    articles_direct = list(read_articles(str(DATA / "plain.txt")))
    assert [a.id for a in articles] == [a.id for a in articles_direct] == ["plain"]


# --- helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-05-14", "2020-05-14"),
        ("2020-05-14T23:30:00-05:00", "2020-05-14"),
        ("Thu, 14 May 2020 08:00:00 GMT", "2020-05-14"),
        ("May 14, 2020", "2020-05-14"),
        ("14 mai 2020", "2020-05-14"),
        (time.strptime("2020-05-14", "%Y-%m-%d"), "2020-05-14"),
        ("2020", None),
        ("yesterday-ish", None),
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_ingest_dates_normalise_to_iso(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Hackers hit grid\n\nBody.", "Hackers hit grid"),
        ("## Hackers hit grid\nBody.", "Hackers hit grid"),
        ("Why did the grid fail?\n\nBody.", "Why did the grid fail?"),
        ("Officials said the grid failed.\n\nBody.", None),
        ("Only one line, no title", None),
        (("word " * 40) + "\n\nBody.", None),
    ],
)
def test_ingest_text_title_heuristic(text, title):
    assert split_title(text)[0] == title


@pytest.mark.parametrize(
    "module",
    [
        kg.ingest.dates,
        kg.ingest.decode,
        kg.ingest.feeds,
        kg.ingest.html,
        kg.ingest.ids,
        kg.ingest.jsonl,
        kg.ingest.markup,
        kg.ingest.reader,
        kg.ingest.report,
        kg.ingest.text,
        kg.ingest.urls,
    ],
)
def test_ingest_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
