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


def _marked_as(data: bytes, encoding: str) -> bool:
    """True when ``data``, which begins with ``encoding``'s byte-order mark, reads as it.

    A UTF-16 decode of 8-bit text almost always succeeds, as CJK nonsense; the
    detector, which weighs how plausible each reading is, tells the two apart.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best is not None and best.encoding.replace("_", "-").startswith(encoding)


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """The text and encoding of UTF-16 bytes without a byte-order mark (Latin text has a 0
    byte in every other place), or None when ``data`` does not look like that."""
    if len(data) % 2:
        return None
    for zeros, encoding in ((data[1::2], "utf-16-le"), (data[0::2], "utf-16-be")):
        if zeros.count(b"\x00") * 10 >= len(zeros) * 9:  # 90% of one half are zeros
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return None if _CONTROL.search(text) else (text, encoding.upper())
    return None


MAX_STRAY_NULS = 16
"""NUL bytes a text may hold and still be read as text (with them removed)."""
_BINARY_CONTROLS = bytes(c for c in range(1, 32) if c not in (9, 10, 12, 13))


def decode_bytes(data: bytes, hint: str | None = None, notes: list[str] | None = None) -> str:
    """Decode ``data`` as UTF-8 (strictly), else as the encoding ``hint``, else by detection.

    A few stray NUL bytes in otherwise textual data are removed; more make it binary.
    What was done beyond a plain UTF-8 decode (NULs removed, the encoding detected)
    is appended to ``notes``, one line each, for the caller to warn about.

    Raises:
        InputError: the bytes are empty, binary, or in no encoding we can detect.

    >>> decode_bytes("Le ministère a déclaré que des pirates ont visé Genève.".encode("cp1252"))
    'Le ministère a déclaré que des pirates ont visé Genève.'
    """
    if not data.strip():
        raise InputError("empty")
    stray_mark = ""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8-sig" or _marked_as(data, encoding):
                try:
                    return data.decode(encoding)
                except UnicodeDecodeError as exc:
                    raise InputError(f"undecodable: not valid {encoding} ({exc.reason})") from None
            # Bytes that merely begin like a UTF-16/32 byte-order mark (0xff 0xfe is also
            # "яю" in cp1251, "ÿþ" in cp1252): detect the encoding like any other text.
            stray_mark = f", nor {encoding.upper()} despite its byte-order mark"
            break
    if data.startswith(_BINARY_MAGIC):
        raise InputError("binary data, not text")
    nuls = data.count(b"\x00")
    if nuls:
        if nuls > MAX_STRAY_NULS:
            found = _utf16_without_mark(data)
            if found is None:
                raise InputError("binary data, not text")
            if notes is not None:
                notes.append(f"every other byte is 0 (no byte-order mark): decoded as {found[1]}")
            return found[0]
        data = data.replace(b"\x00", b"")
        controls = sum(data.count(bytes([c])) for c in _BINARY_CONTROLS)
        if controls * 20 > len(data):  # more than 5% control bytes besides: binary
            raise InputError("binary data, not text")
        if notes is not None:
            notes.append(f"{nuls} stray NUL byte{'s' if nuls > 1 else ''} removed")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start}){stray_mark}"
    if hint:
        try:
            text = data.decode(hint)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            return text  # the charset the server or the page declared: no surprise
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("undecodable: not text in any encoding that could be detected")
    # Short texts often fit several code pages equally well: prefer the commonest on the web.
    score = (best.chaos, best.coherence)
    tied = {m.encoding: m for m in matches if (m.chaos, m.coherence) == score}
    chosen = next((tied[e] for e in _PREFERRED if e in tied), best)
    if notes is not None:
        notes.append(f"{reason}: decoded as {chosen.encoding} (detected by charset-normalizer)")
    return str(chosen)
