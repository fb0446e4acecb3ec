"""Near-duplicate detection (kg.rdf.dedup): MinHash over word shingles, persisted."""

from __future__ import annotations

import pytest

from kg.rdf.dedup import DuplicateIndex, shingles

STORY = (
    "Security researchers said on Tuesday that a group tied to a foreign intelligence service "
    "broke into the networks of three regional power companies and stayed for months before "
    "anyone noticed the intrusion, according to a report shared with reporters."
)


def test_rdf_dedup_shingles_are_lowercased_word_windows():
    assert shingles("A B c d", size=3) == {"a b c", "b c d"}
    assert shingles("short", size=5) == {"short"}
    assert shingles("!!!") == set()


@pytest.mark.parametrize(
    ("other", "duplicate"),
    [
        (STORY, True),
        (STORY + " The agency declined to comment.", True),
        ("Reuters Wire — " + STORY.replace("Tuesday", "Wednesday"), False),
        ("A completely different story about elections and courts in another country.", False),
    ],
)
def test_rdf_dedup_finds_syndicated_copies_only(other, duplicate):
    index = DuplicateIndex()
    assert index.add("original", STORY) == []
    assert (index.add("copy", other) == ["original"]) is duplicate


def test_rdf_dedup_index_persists_between_builds(tmp_path):
    index = DuplicateIndex(tmp_path / "mh.sqlite")
    index.add("original", STORY)
    index.close()
    again = DuplicateIndex(tmp_path / "mh.sqlite")
    assert len(again) == 1
    assert again.add("copy", STORY) == ["original"]


def test_rdf_dedup_readding_an_article_does_not_match_itself():
    index = DuplicateIndex()
    index.add("a", STORY)
    assert index.add("a", STORY) == []
    assert len(index) == 1
