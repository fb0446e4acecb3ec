"""Refuse hostile XML before any parser that might expand it sees it.

Entity declarations are how the "billion laughs" bomb multiplies text and how an
external entity (XXE) pulls a local file or URL into the document. News pages and
feeds have no use for them, so a document that declares any entity is refused
outright; feeds are then parsed once with defusedxml (entities and external
references forbidden) before feedparser reads them.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from kg.errors import InputError

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)

HOSTILE = "refused: declares XML entities (entity bomb or external-entity attack)"


def refuse_entity_declarations(data: bytes) -> None:
    """Raise :class:`InputError` if ``data`` declares an XML entity, in any ASCII-compatible
    encoding or in UTF-16/32 (NUL bytes are ignored for the check).

    >>> refuse_entity_declarations(b"<rss><channel/></rss>")
    >>> refuse_entity_declarations(b'<!DOCTYPE r [<!ENTITY a "aaa">]><r>&a;</r>')
    Traceback (most recent call last):
    kg.errors.InputError: refused: declares XML entities (entity bomb or external-entity attack)
    """
    if _ENTITY_DECLARATION.search(data) or (
        b"\x00" in data and _ENTITY_DECLARATION.search(data.replace(b"\x00", b""))
    ):
        raise InputError(HOSTILE)


def check_feed_xml(data: bytes) -> bool:
    """Parse ``data`` with defusedxml, entities and external references forbidden.

    Returns True if the document is well-formed XML, False if it is not (feedparser's
    lenient parser may still read it: no entity can be declared in it).

    Raises:
        InputError: the document declares entities or refers to external ones.
    """
    refuse_entity_declarations(data)
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(HOSTILE) from None
    except (ParseError, ValueError, RecursionError):
        return False
    return True
