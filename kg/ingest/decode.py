"""Bytes to clean text: charset detection, binary refusal, control-character removal."""

from __future__ import annotations

import codecs
import re

from kg.errors import InputError

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x7fELF",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
)
_PREFERRED = ("utf_8", "cp1252", "latin_1", "cp1251", "iso8859_15")
# C0/C1 controls other than tab, newline, carriage return and form feed; lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Drop control characters and replace lone surrogates, leaving ordinary text unchanged.

    >>> clean_text("a\\x00b\\ud800")
    'ab\\ufffd'
    """
    text = _CONTROL.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def decode_bytes(data: bytes, hint: str | None = None) -> str:
    """Decode ``data`` as UTF-8, else as the encoding ``hint``, else by detection.

    Raises:
        InputError: the bytes are empty, binary, or in no encoding we can detect.

    >>> decode_bytes("Le ministère a déclaré que des pirates ont visé Genève.".encode("cp1252"))
    'Le ministère a déclaré que des pirates ont visé Genève.'
    """
    if not data.strip():
        raise InputError("empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable: not valid {encoding} ({exc.reason})") from None
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise InputError("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if hint:
        try:
            return data.decode(hint)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("undecodable: not text in any encoding that could be detected")
    # Short texts often fit several code pages equally well: prefer the commonest on the web.
    score = (best.chaos, best.coherence)
    tied = {m.encoding: m for m in matches if (m.chaos, m.coherence) == score}
    for encoding in _PREFERRED:
        if encoding in tied:
            return str(tied[encoding])
    return str(best)
