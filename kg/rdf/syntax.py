"""Just enough SPARQL lexing to classify a request before it reaches a store.

The server must refuse ``SERVICE`` (the store would fetch any URL named in it)
and ``LOAD`` before running anything, and the remote runner must know whether a
query returns bindings or triples to ask for the right media type. Both need the
keywords of a query *outside* its strings, IRIs and comments, and nothing more:
the store's own parser still has the last word on syntax.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.rdf.namespace import PREFIXES

# Order matters: long strings before short ones; a backslash escape (legal in
# prefixed local names, ``ex:a\#b``) before comments, so ``\#`` never opens one.
_TOKEN = re.compile(
    r"""
      (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'
               |"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<escape>\\.)
    | (?P<comment>\#[^\n\r]*)
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD")


def keywords(text: str) -> Iterator[str]:
    """Yield the bare words of a SPARQL text, upper-cased, outside strings, IRIs and comments.

    Words directly after ``?``, ``$`` or ``:`` (variables, local names) are skipped.

    >>> list(keywords('SELECT ?service { ?s ex:load "SERVICE" } # LOAD'))
    ['SELECT', 'EX']
    """
    previous = ""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "word" and previous not in ("?", "$", ":"):
            yield match.group().upper()
        if kind != "comment":
            previous = match.group()[-1:]


def query_form(text: str) -> str | None:
    """Return SELECT, ASK, CONSTRUCT or DESCRIBE for a query, ``"UPDATE"`` for an update, else None.

    >>> query_form("PREFIX x: <http://x/> # SELECT\\nCONSTRUCT WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    for word in keywords(text):
        if word in QUERY_FORMS:
            return word
        if word in UPDATE_KEYWORDS or word == "WITH":
            return "UPDATE"
    return None


def has_dataset_clause(text: str) -> bool:
    """True when a query has ``FROM`` or ``FROM NAMED`` (its own dataset).

    >>> has_dataset_clause("SELECT * FROM <urn:g> { ?s ?p ?o }"), has_dataset_clause(
    ...     "SELECT ?from { ?s ex:from '<FROM>' } # FROM")
    (True, False)
    """
    return "FROM" in keywords(text)


def forbidden_keywords(text: str, forbidden: tuple[str, ...] = ("SERVICE", "LOAD")) -> set[str]:
    """Return which of ``forbidden`` occur as keywords of ``text``.

    Codepoint escapes (``\\u0053ERVICE``) are decoded first, so they cannot hide a keyword.

    >>> sorted(forbidden_keywords('SELECT * { SERVICE <http://evil/> { ?s ?p "LOAD" } }'))
    ['SERVICE']
    """
    decoded = re.sub(
        r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
        lambda m: (
            chr(int(m.group(1) or m.group(2), 16))
            if int(m.group(1) or m.group(2), 16) < 0x110000
            else m.group()
        ),
        text,
    )
    found = set()
    for source in {text, decoded}:
        found.update(word for word in keywords(source) if word in forbidden)
    return found


_POSITION = re.compile(r"error at (\d+):(\d+)")
_CHAR_CLASSES = re.compile(r"(, )?\[[^\]]*\](?=,|$)", re.MULTILINE)


def syntax_message(error: str, query: str) -> str:
    """One line for a parser error: an unknown prefix named, character-class lists dropped.

    >>> syntax_message("error at 1:9: expected one of Prefix not found, ['%']", "ASK { x:y }")[:58]
    "invalid SPARQL: error at 1:9: unknown prefix 'x:' (declare"
    """
    position = _POSITION.search(error)
    where = position.group(0) if position else "error"
    if "Prefix not found" in error:
        prefix = ""
        if position:
            lines = query.splitlines() or [""]
            line = lines[min(int(position.group(1)), len(lines)) - 1]
            names = re.findall(r"([A-Za-z][\w.-]*)?:", line[: int(position.group(2))])
            prefix = names[-1] if names else ""
        declared = ", ".join(PREFIXES)
        return (
            f"invalid SPARQL: {where}: unknown prefix '{prefix}:' (declare it with "
            f"PREFIX {prefix}: <...>; predeclared: {declared})"
        )
    text = " ".join(_CHAR_CLASSES.sub("", error).split()).rstrip(", ")
    if re.search(r"expected( one of)?$", text):
        text = re.sub(r"expected( one of)?$", "unexpected text here", text)
    return f"invalid SPARQL: {text}"
