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
]


@pytest.mark.parametrize("address", HIDDEN_LOOPBACK)
def test_ingest_hostile_embedded_private_ipv4_is_refused(address):
    with pytest.raises(InputError, match=r"non-public address .* \(IPv4 "):
        check_address("host.example", address)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1"])
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
