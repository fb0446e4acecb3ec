"""HTML pages to articles with trafilatura (main text and metadata), and HTML fragments to text."""

from __future__ import annotations

from collections.abc import Iterator

from kg.errors import InputError
from kg.ingest.dates import normalise_date
from kg.ingest.decode import clean_text, decode_bytes
from kg.ingest.markup import refuse_entity_declarations
from kg.models import Article

_BLOCKS = frozenset(
    ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr")
    + ("table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt")
)


def read_html(
    data: bytes,
    *,
    article_id: str,
    origin: str,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Article]:
    """Yield the article of an HTML page: main text, title, date, author and site name.

    Boilerplate (navigation, footers, comments) is removed by trafilatura. A title
    repeated as the first line of the main text is dropped from the text.

    Raises:
        InputError: the page is empty, binary, hostile (declares XML entities), or has
            no main text.
    """
    refuse_entity_declarations(data)
    html = clean_text(decode_bytes(data, charset))
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, RecursionError) as exc:  # lxml rejects some documents
        raise InputError(f"HTML does not parse: {exc}") from None
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        raise InputError("no main text found in the HTML")
    title = (doc.title or "").strip() or None
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1].strip() if "\n" in text else text
    yield Article(
        id=article_id,
        text=text,
        title=title,
        published=normalise_date(doc.date),
        url=url or doc.url,
        source=(doc.sitename or doc.hostname or None),
        language=doc.language or "en",
        author=doc.author or None,
        origin=origin,
    )


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content), blocks on their own lines.

    >>> html_to_text("<p>APT28 <b>struck</b>.</p><p>Berlin said so.</p>")
    'APT28 struck.\\nBerlin said so.'
    >>> html_to_text("plain & simple")
    'plain & simple'
    """
    fragment = clean_text(fragment)
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return fragment.strip()
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            element.text = ""  # comments, processing instructions, code
        elif element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
