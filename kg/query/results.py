"""Serializations of query results, whatever store they came from.

A :class:`~kg.rdf.results.QueryResult` holds pyoxigraph terms, so the embedded
store, a SPARQL 1.1 server and ``kg serve`` all feed the same writers: SPARQL 1.1 Query Results
JSON, XML, CSV and TSV, Markdown and a rich table for people, and Turtle,
N-Triples or RDF/XML for ``CONSTRUCT``/``DESCRIBE``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import QueryError
from kg.rdf.results import QueryResult, Term, plain

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


# --- terms -----------------------------------------------------------------------------------


def compact(term: Term, prefixes: dict[str, str]) -> str:
    """A short display form: ``kg:hacked`` for IRIs under a known prefix, else :func:`plain`."""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in prefixes.items():
            if term.value.startswith(namespace) and len(term.value) > len(namespace):
                return f"{prefix}:{term.value[len(namespace) :]}"
    return plain(term)


def _term_json(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _term_json(term.subject),
            "predicate": _term_json(term.predicate),
            "object": _term_json(term.object),
        },
    }


# --- writers ---------------------------------------------------------------------------------


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.kind == "boolean":
        return json.dumps({"head": {}, "boolean": result.boolean})
    _need_bindings(result)
    bindings = [
        {
            var: _term_json(term)
            for var, term in zip(result.variables, row, strict=False)
            if term is not None
        }
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": bindings}},
        ensure_ascii=False,
    )


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "boolean":
        out += ["<head/>", f"<boolean>{str(result.boolean).lower()}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    _need_bindings(result)
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables))
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for var, term in zip(result.variables, row, strict=False):
            if term is not None:
                out.append(f"<binding name={quoteattr(var)}>{_term_xml(term)}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _term_xml(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_term_xml(term.subject)}</subject>"
        f"<predicate>{_term_xml(term.predicate)}</predicate>"
        f"<object>{_term_xml(term.object)}</object></triple>"
    )


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends (ASK: one ``boolean`` cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in _plain_rows(result):
        writer.writerow(row)
    return buffer.getvalue()


def _plain_rows(result: QueryResult) -> Iterator[list[str]]:
    if result.kind == "boolean":
        yield ["boolean"]
        yield [str(result.boolean).lower()]
        return
    _need_bindings(result)
    yield result.variables
    for row in result.rows:
        yield ["" if term is None else plain(term) for term in row]


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: terms in N-Triples form, ``?var`` header."""
    if result.kind == "boolean":
        return f"?boolean\n{str(result.boolean).lower()}\n"
    _need_bindings(result)
    lines = ["\t".join("?" + var for var in result.variables)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_markdown(result: QueryResult, prefixes: dict[str, str] | None = None) -> str:
    """A GitHub-flavoured Markdown table, IRIs compacted with ``prefixes``."""
    prefixes = prefixes or {}

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    rows = list(_display_rows(result, prefixes))
    lines = ["| " + " | ".join(cell(h) for h in rows[0]) + " |"]
    lines.append("| " + " | ".join("---" for _ in rows[0]) + " |")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows[1:]]
    return "\n".join(lines) + "\n"


def _display_rows(result: QueryResult, prefixes: dict[str, str]) -> Iterator[list[str]]:
    if result.kind != "bindings":
        yield from _plain_rows(result)
        return
    yield result.variables
    for row in result.rows:
        yield ["" if term is None else compact(term, prefixes) for term in row]


def rich_table(result: QueryResult, prefixes: dict[str, str] | None = None) -> Any:
    """A ``rich.table.Table`` of the bindings (or the ASK answer), IRIs compacted."""
    from rich.table import Table

    rows = list(_display_rows(result, prefixes or {}))
    table = Table(show_lines=False, header_style="bold")
    for header in rows[0]:
        table.add_column(header, overflow="fold")
    for row in rows[1:]:
        table.add_row(*row)
    if result.kind == "bindings":
        count = f"{len(result.rows)} row" + ("" if len(result.rows) == 1 else "s")
        table.caption = count + (" (truncated)" if result.truncated else "")
    return table


def to_graph(
    result: QueryResult, fmt: str = "turtle", prefixes: dict[str, str] | None = None
) -> bytes:
    """Serialize CONSTRUCT/DESCRIBE triples as ``turtle``, ``ntriples`` or ``rdfxml``."""
    if result.kind != "graph":
        raise QueryError("only CONSTRUCT and DESCRIBE queries return triples")
    rdf_format = GRAPH_FORMATS[fmt]
    used = (
        _used_prefixes(result.triples, prefixes or {})
        if rdf_format != GRAPH_FORMATS["ntriples"]
        else None
    )
    return ox.serialize(result.triples, format=rdf_format, prefixes=used) or b""


def _used_prefixes(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> dict[str, str]:
    iris = {
        term.value
        for triple in triples
        for term in (triple.subject, triple.predicate, triple.object)
        if isinstance(term, ox.NamedNode)
    }
    return {p: ns for p, ns in prefixes.items() if any(iri.startswith(ns) for iri in iris)}


def _need_bindings(result: QueryResult) -> None:
    if result.kind == "graph":
        raise QueryError(
            "CONSTRUCT and DESCRIBE return triples: use --format turtle (the default for them)"
        )


WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
"""Bindings/boolean writers by format name, for the CLI and the server."""
