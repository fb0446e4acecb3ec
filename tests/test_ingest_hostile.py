"""Ingestion of hostile input (issue 18): IPv4 hidden inside IPv6 addresses is refused.

NAT64, 6to4, IPv4-compatible and Teredo addresses carry an IPv4 address that a
connection can reach; the private-address rule applies to it, and no connection
is attempted.
"""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import InputError
from kg.ingest.urls import check_address

HIDDEN_LOOPBACK = [
    "::127.0.0.1",  # IPv4-compatible
    "64:ff9b::7f00:1",  # NAT64 well-known prefix
    "64:ff9b:1:7f00:0:100::",  # NAT64 local-use prefix (RFC 8215), RFC 6052 /48 layout
    "2002:7f00:1::",  # 6to4
    "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254 (cloud metadata)
    "64:ff9b:1::7f00:1",  # NAT64 local-use prefix, /96 layout
    "::ffff:0:7f00:1",  # IPv4-translated (SIIT, RFC 2765)
]


@pytest.mark.parametrize("address", HIDDEN_LOOPBACK)
def test_ingest_hostile_embedded_private_ipv4_is_refused(address):
    with pytest.raises(InputError, match=r"non-public address .* \(IPv4 "):
        check_address("host.example", address)


@pytest.mark.parametrize(
    "address", ["64:ff9b::808:808", "2002:808:808::1", "::ffff:0:808:808", "64:ff9b:1::808:808"]
)
def test_ingest_hostile_embedded_public_ipv4_is_allowed(address):
    check_address("host.example", address)


def test_ingest_hostile_teredo_is_refused():
    with pytest.raises(InputError, match="non-public address"):
        check_address("host.example", "2001:0:4136:e378:8000:63bf:3fff:fdd2")


@pytest.mark.parametrize("address", ["::127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::"])
def test_ingest_hostile_cli_never_connects(address, monkeypatch):
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def connect(self: socket.socket, target: object) -> None:
        attempts.append(target)
        return real_connect(self, target)

    monkeypatch.setattr(socket.socket, "connect", connect)
    result = CliRunner().invoke(main, ["articles", f"http://[{address}]:9/story.html"])
    assert result.exit_code == 1
    assert "refused:" in result.stderr and "(IPv4 127.0.0.1)" in result.stderr
    assert attempts == []


def _articles(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["articles", "--format", "jsonl", *args])
    return result.exit_code, result.stdout, result.stderr


def _texts(out: str) -> list[str]:
    import json

    return [json.loads(line)["text"] for line in out.splitlines() if line.strip()]


def test_ingest_hostile_invalid_utf8_is_detected_and_said(tmp_path):
    story = "Le ministère a déclaré que des pirates ont visé Genève et Zürich en été."
    path = tmp_path / "story.txt"
    path.write_bytes(story.encode("cp1252"))
    code, out, err = _articles(str(path))
    assert code == 0, err
    assert _texts(out) == [story]
    assert "not valid UTF-8 (byte 0xe8 at offset 9): decoded as cp1252" in err
    assert "(detected by charset-normalizer)" in err


def test_ingest_hostile_invalid_utf8_behind_a_stray_utf16_mark_is_not_read_as_utf16(tmp_path):
    # 0xff 0xfe 0xc3 0x28 is "яюГ(" in cp1251, and a UTF-16 LE byte-order mark to a naive reader
    story = "Russian hackers from APT28 attacked the German parliament, officials said."
    path = tmp_path / "story.txt"
    path.write_bytes(b"\xff\xfe\xc3(" + story.encode() + b" caf\xe9.")
    code, out, err = _articles(str(path))
    assert code == 0, err
    (text,) = _texts(out)
    assert story in text  # not CJK nonsense
    assert "not valid UTF-8 (byte 0xff at offset 0), nor UTF-16 despite its byte-order mark" in err
    assert "(detected by charset-normalizer)" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize(
    "story",
    ["Russian hackers attacked NATO in 2016, officials said.", "中国黑客攻击了德国议会。"],
)
def test_ingest_hostile_a_real_utf16_or_utf32_file_is_read_silently(tmp_path, encoding, story):
    data = story.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    code, out, err = _articles(str(path))
    assert code == 0 and "WARNING" not in err, err
    assert _texts(out) == [story]


def test_ingest_hostile_invalid_utf8_in_a_jsonl_line_is_said(tmp_path):
    story = "Le ministère a déclaré que des pirates ont visé Genève et Zürich."
    path = tmp_path / "wire.jsonl"
    path.write_bytes(('{"id": "a", "text": "' + story + '"}\n').encode("cp1252"))
    code, out, err = _articles(str(path))
    assert code == 0, err
    assert _texts(out) == [story]
    assert f"{path}:1: not valid UTF-8 (byte 0xe8 at offset 30): decoded as cp1252" in err


def test_ingest_hostile_utf8_is_silent(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Le ministère a déclaré que des pirates ont visé Genève.", encoding="utf-8")
    code, _, err = _articles(str(path))
    assert code == 0 and "WARNING" not in err, err


def test_ingest_hostile_a_few_stray_nuls_are_removed_with_a_warning(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes(b"Russian hackers attacked\x00 NATO networks in 2016, officials said.\n")
    code, out, err = _articles(str(path))
    assert code == 0, err
    assert _texts(out) == ["Russian hackers attacked NATO networks in 2016, officials said."]
    assert f"{path}: 1 stray NUL byte removed" in err


def test_ingest_hostile_binary_stays_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 40)
    code, _, err = _articles(str(path))
    assert code == 1
    assert f"{path}: binary data, not text" in err


def test_ingest_hostile_deeply_nested_html_falls_back_to_visible_text(tmp_path):
    depth = 100_000
    text = "Iranian hackers attacked Saudi Aramco in 2012, the company said."
    page = ("<html><head><title>T</title><script>var x = 1;</script></head><body>"
            + "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page)
    code, out, err = _articles(str(path))
    assert code == 0, err
    assert _texts(out) == [text]
    assert "read the page's visible text instead" in err


def test_ingest_hostile_repeated_warnings_are_summarised(tmp_path):
    import json

    feed = tmp_path / "wire.jsonl"
    with feed.open("w") as out:
        for i in range(50):
            record = {"id": f"copy-{i}", "text": "Russian hackers attacked NATO in 2016."}
            out.write(json.dumps(record) + "\n")
    code, out, err = _articles(str(feed))
    assert code == 0, err
    assert err.count("ingested once") == 3
    assert "... and 46 more warnings like these (same text as an earlier article)" in err
    result = CliRunner().invoke(main, ["-v", "articles", "--format", "jsonl", str(feed)])
    assert result.stderr.count("ingested once") == 49


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_ingest_hostile_utf16_without_a_mark_is_text_with_a_warning(tmp_path, encoding):
    story = "Russian hackers attacked NATO networks in 2016, officials said."
    path = tmp_path / "story.txt"
    path.write_bytes(story.encode(encoding))  # 63 NUL bytes: 'binary data' on main
    code, out, err = _articles(str(path))
    assert code == 0, err
    assert _texts(out) == [story]
    assert f"every other byte is 0 (no byte-order mark): decoded as {encoding.upper()}" in err


def test_ingest_hostile_many_nuls_in_one_place_stay_binary(tmp_path):
    path = tmp_path / "padded.txt"
    path.write_bytes(b"Russian hackers attacked NATO networks in 2016." + b"\x00" * 40)
    code, _, err = _articles(str(path))
    assert code == 1
    assert f"{path}: binary data, not text" in err


INTRO = "Officials in Berlin said on Monday that the parliament network had been breached."
DEEP = "Russian hackers from APT28 attacked the German parliament, the officials said."
END = "The Bundestag said the attackers stole emails of lawmakers over several weeks."


def test_ingest_hostile_html_nested_past_the_parser_limit_loses_nothing(tmp_path):
    depth = 1000  # libxml2 stops at 255: on main only the first paragraph was kept, silently
    page = (f"<html><head><title>T</title></head><body><article><p>{INTRO}</p>"
            + "<div>" * depth + f"<p>{DEEP}</p>" + "</div>" * depth
            + f"<p>{END}</p></article></body></html>")
    path = tmp_path / "deep.html"
    path.write_text(page)
    code, out, err = _articles(str(path))
    assert code == 0, err
    assert _texts(out) == [f"{INTRO}\n{DEEP}\n{END}"]
    assert "elements nested more than 200 deep, which the HTML parser cuts off" in err


def test_ingest_hostile_feed_entry_nested_past_the_parser_limit_keeps_its_text(tmp_path):
    content = f"<p>{INTRO}</p>" + "<div>" * 300 + f"<p>{DEEP}</p>" + "</div>" * 300
    feed = tmp_path / "feed.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
        f"<title>Breach</title><link>https://example.org/a</link>"
        f"<description><![CDATA[{content}]]></description></item></channel></rss>"
    )
    code, out, err = _articles(str(feed))
    assert code == 0, err
    (text,) = _texts(out)
    assert INTRO in text and DEEP in text
