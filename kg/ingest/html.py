"""HTML pages to articles with trafilatura (main text and metadata), and HTML fragments to text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

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
    notes: list[str] | None = None,
) -> Iterator[Article]:
    """Yield the article of an HTML page: main text, title, date, author and site name.

    Boilerplate (navigation, footers, comments) is removed by trafilatura. A title
    repeated as the first line of the main text is dropped from the text. Where
    trafilatura finds no main text (or the page defeats its parser, e.g. 100,000
    nested elements), the page's visible text is used, and ``notes`` says so.

    Raises:
        InputError: the page is empty, binary, hostile (declares XML entities), or has
            no visible text at all.
    """
    refuse_entity_declarations(data)
    html = clean_text(decode_bytes(data, charset, notes))
    if too_deep(html):
        visible = visible_text(html)
        if not visible:
            raise InputError("no visible text in the HTML")
        if notes is not None:
            notes.append(
                f"elements nested more than {MAX_DEPTH} deep, which the HTML parser cuts off: "
                "read the page's visible text instead"
            )
        yield Article(id=article_id, text=visible, url=url, origin=origin)
        return
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
        failure = "no main text found"
    except (ValueError, TypeError, RecursionError) as exc:  # lxml rejects some documents
        doc, failure = None, f"HTML does not parse ({type(exc).__name__})"
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text or doc is None:
        visible = visible_text(html)
        if not visible:
            raise InputError(f"{failure}, and no visible text in the HTML")
        if notes is not None:
            notes.append(f"{failure} by trafilatura: read the page's visible text instead")
        yield Article(id=article_id, text=visible, url=url, origin=origin)
        return
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
    if too_deep(fragment):
        return visible_text(fragment)
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


MAX_DEPTH = 200
"""Element nesting beyond which lxml (libxml2 stops at 255) would silently drop the rest."""
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_NOT_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_UNNESTED = frozenset(  # void elements, and elements a later sibling closes implicitly
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param")
    + ("source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option")
)


def too_deep(html: str, limit: int = MAX_DEPTH) -> bool:
    """True when elements of ``html`` nest more than ``limit`` deep.

    >>> too_deep("<div>" * 300 + "text"), too_deep("<div><p>a<p>b<br></div>" * 300)
    (True, False)
    >>> too_deep("<script>" + "if(a<b&&c>d)x();" * 300 + "</script><p>text</p>")
    False
    """
    depth = 0
    for match in _TAG.finditer(_NOT_MARKUP.sub("", html)):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _UNNESTED:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > limit:
            return True
    return False


_HIDDEN = frozenset(("script", "style", "noscript", "template", "head", "title", "svg"))


class _VisibleText(HTMLParser):
    """Collects the text a browser shows: no tree is built, so any nesting depth is fine."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible text of an HTML page, blocks on their own lines (scripts, styles left out).

    >>> visible_text("<html><head><title>T</title></head><body><div><div>APT28 struck."
    ...              "</div></div><script>x()</script><p>Berlin said so.</p></body></html>")
    'APT28 struck.\\nBerlin said so.'
    """
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
