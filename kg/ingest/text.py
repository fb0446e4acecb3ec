"""Plain text and Markdown articles: the first line is the title when it reads like a headline."""

from __future__ import annotations

from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.decode import clean_text
from kg.models import Article

MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30


def looks_like_headline(line: str) -> bool:
    """True if ``line`` could be a headline: short, and not a sentence ending in a full stop.

    >>> looks_like_headline("Kremlin denies cyber attacks on vaccine researchers")
    True
    >>> looks_like_headline("The Kremlin on Thursday denied the accusations.")
    False
    """
    line = line.strip()
    if not line or len(line) > MAX_HEADLINE_CHARS or len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    return not line.endswith((".", ",", ";", ":")) or line.endswith("...")


def split_title(text: str) -> tuple[str | None, str]:
    """Split ``text`` into (title, body) when its first line looks like a headline.

    Markdown heading marks (``# Title``) are removed from the title. A text of one
    line has no title: the line is the body.

    >>> split_title("# NSA tapped Merkel's phone\\n\\nThe report said ...")
    ("NSA tapped Merkel's phone", 'The report said ...')
    """
    stripped = text.strip()
    first, sep, rest = stripped.partition("\n")
    title = first.strip().lstrip("#").strip()
    body = rest.strip()
    if sep and body and looks_like_headline(title):
        return title, body
    return None, stripped


def read_text(text: str, *, article_id: str, origin: str) -> Iterator[Article]:
    """Yield the one article of a ``.txt`` or ``.md`` file.

    Raises:
        InputError: the text is blank.
    """
    title, body = split_title(clean_text(text))
    if not body:
        raise InputError("no text")
    yield Article(id=article_id, text=body, title=title, origin=origin)
