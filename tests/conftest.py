"""Shared fixtures: the spaCy-backed extractor is loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def extractor():
    """The real ``kg.extract.Extractor`` (default model), loaded once for the whole session."""
    from kg.extract import Extractor

    return Extractor()
