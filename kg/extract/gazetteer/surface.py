"""Surface forms: the normalisation under which gazetteer names are stored and matched."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:'s|'S|(?<=s)')$")
_EDGE_PUNCT = " \t\n\"'()[]{},;:!?*"
_ACRONYM_DOTS = re.compile(r"(?<=\b[A-Za-z])\.")


def normalize_surface(surface: str, *, article: bool = False) -> str:
    """Return the form of a surface string used for matching, case preserved.

    Unicode is NFKC-normalised, curly quotes become straight, whitespace is
    collapsed, a leading "the" (unless ``article``) and a trailing possessive are
    removed, and dots between single letters ("U.S.") are dropped.

    >>> normalize_surface("the U.S.’s")
    'US'
    >>> normalize_surface("  Kaspersky Lab's ")
    'Kaspersky Lab'
    """
    text = unicodedata.normalize("NFKC", surface).translate(_QUOTES)
    text = " ".join(text.split()).strip(_EDGE_PUNCT)
    if not article:
        text = _LEADING_ARTICLE.sub("", text)
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCT)
    text = _ACRONYM_DOTS.sub("", text)
    return text.rstrip(".") if re.fullmatch(r"[A-Z]{2,}\.", text) else text


def _claim_form(surface: str) -> str:
    """The normal form under which a gazetteer name is stored (see ``Gazetteer._claim``)."""
    normal = normalize_surface(surface)
    full = normalize_surface(surface, article=True)
    return full if full != normal and " " not in normal else normal


def _is_strict(normal: str) -> bool:
    """True for acronym-like forms that only match in their own case ("US", "NSA", "GCHQ").

    Upper-case forms longer than five letters ("NOBELIUM", "BRONZE BUTLER") are
    vendor spellings of names and match in any case.
    """
    return len(normal) <= 5 and not any(c.islower() or c.isdigit() for c in normal)


def _fold(normal: str) -> str:
    return normal.casefold().replace("-", " ")
