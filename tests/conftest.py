"""Shared fixtures: the spaCy-backed extractor is loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """The real ``kg.extract.Extractor`` (default model), loaded once for the whole session.

    It is the instance the CLI commands share, so CLI tests do not load the model again.
    """
    from kg.cli.extract_cmds import shared_extractor

    return shared_extractor(None, None)
