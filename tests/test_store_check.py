"""``kg check`` finds damage that ``kg stats`` and ``kg query`` do not (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_fakes import PatternExtractor, corpus

from kg.build import build
from kg.cli import main
from kg.rdf.integrity import CHECKSUMS_FILE
from kg.rdf.store import KGStore


def _check(store: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", "--store", str(store)])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "kg.store"
    build(articles=corpus(20), store=path, extractor=PatternExtractor(), workers=1,
          exports=False)
    return path


def test_store_check_a_sound_store_passes(store):
    assert (store / CHECKSUMS_FILE).exists()
    code, out, err = _check(store)
    assert code == 0, err
    assert out.startswith(f"store {store}: no damage found: ")
    assert "match their checksums" in out


def test_store_check_zero_bytes_inside_a_table_file_are_found(store):
    table = max(store.glob("*.sst"), key=lambda p: p.stat().st_size)
    size = table.stat().st_size
    with table.open("r+b") as handle:
        handle.seek(size // 3)
        handle.write(b"\0" * min(3000, size // 3))
    code, out, err = _check(store)
    assert code == 1, out
    assert f"damaged: {table.name}: its content differs from the checksum recorded" in err
    assert err.strip().splitlines()[-1].startswith(f"Error: store {store} is damaged (")
    assert err.strip().endswith("kg build --rebuild to build it afresh")


def test_store_check_a_missing_table_file_is_found(store):
    table = min(store.glob("*.sst"))
    table.unlink()
    code, _, err = _check(store)
    assert code == 1
    assert f"damaged: {table.name}: the table file is missing" in err


def test_store_check_checksums_follow_later_builds(store):
    build(articles=corpus(30), store=store, extractor=PatternExtractor(), workers=1,
          exports=False)
    code, out, err = _check(store)
    assert code == 0, err
    assert "without a recorded checksum" not in out


def test_store_check_refuses_while_a_build_writes(store):
    with KGStore(store):
        code, _, err = _check(store)
    assert code == 1
    assert "is being written by another kg process" in err
    assert "run kg check when it has finished" in err
