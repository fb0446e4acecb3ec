"""Event dates: date expressions resolved against the publication date."""

from __future__ import annotations

import pytest

from kg.extract.dates import parse_date
from kg.extract.extractor import split_text


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("in 2015", None, ("2015", "year")),
        ("2015", "2017-10-11", ("2015", "year")),
        ("last month", "2017-10-11", ("2017-09", "month")),
        ("last month", None, None),
        ("last Wednesday", "2017-10-11", ("2017-10-04", "day")),
        ("Sept. 13", "2017-10-11", ("2017-09-13", "day")),
        ("March 2016", None, ("2016-03", "month")),
        ("on March 15, 2017", None, ("2017-03-15", "day")),
        ("years", "2017-10-11", None),
        ("recent months", "2017-10-11", None),
    ],
)
def test_dates_parse_date(text: str, published: str | None, expected: tuple | None) -> None:
    assert parse_date(text, published) == expected


def test_dates_split_text_keeps_offsets() -> None:
    text = ("One sentence here. " * 30 + "\n\n") * 20
    pieces = list(split_text(text, 500))
    assert len(pieces) > 1
    assert all(len(piece) <= 500 for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece


def test_dates_split_text_pieces_start_at_a_sentence() -> None:
    text = "The agency said so. " * 60
    pieces = list(split_text(text, 300))
    assert len(pieces) > 1
    assert all(piece.startswith("The agency") for _, piece in pieces)


def test_dates_split_text_single_paragraph_without_spaces() -> None:
    text = "x" * 2_500
    assert [len(p) for _, p in split_text(text, 1_000)] == [1_000, 1_000, 500]


def test_dates_headline_sentence_case_keeps_names_and_length() -> None:
    from kg.extract.extractor import sentence_case_headline

    names = {"Israel", "Iran", "NSA"}.__contains__
    text = "Israel Says Iranian Hackers Breached NSA Contractor\n\nBody text stays As Is."
    fixed = sentence_case_headline(text, names)
    assert fixed == "Israel says iranian hackers breached NSA contractor\n\nBody text stays As Is."
    assert len(fixed) == len(text)
    prose = "Officials said the attack began in March.\nMore text."
    assert sentence_case_headline(prose, names) == prose
