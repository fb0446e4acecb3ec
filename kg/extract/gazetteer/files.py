"""Reading gazetteer files: YAML and CSV entries, validated for shape, with file:line origins."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kg.errors import GazetteerError

_MATCH_LABEL = "_match_label"  # internal entry key: False keeps a generic label out of matching

ENTRY_KEYS = frozenset(
    {"label", "type", "aliases", "affiliation", "code", "demonyms", "adjective", "capitals"}
)
"""Keys allowed in a gazetteer entry (YAML) or column names allowed in a CSV file."""


@dataclass(frozen=True)
class _Raw:
    """One entry as read from a file, before it is applied."""

    fields: dict[str, Any]
    origin: str  # "file:line" for error messages


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that records the line of every mapping as ``__line__``."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def _read_yaml(text: str, name: str) -> list[_Raw]:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GazetteerError(f"{where}: malformed YAML: {problem}") from None
    if data is None:
        return []
    if isinstance(data, dict) and "actors" in data:
        data = data["actors"]
    if not isinstance(data, list):
        raise GazetteerError(
            f"{name}:1: expected a list of actors (or a mapping with an 'actors' list)"
        )
    raws = []
    for item in data:
        if not isinstance(item, dict):
            raise GazetteerError(f"{name}: each actor must be a mapping with a label, got {item!r}")
        line = item.pop("__line__", "?")
        origin = f"{name}:{line}"
        unknown = sorted(str(k) for k in item if k not in ENTRY_KEYS)
        if unknown:
            raise GazetteerError(
                f"{origin}: unknown key {unknown[0]!r} (allowed: {', '.join(sorted(ENTRY_KEYS))})"
            )
        raws.append(_Raw(item, origin))
    return raws


def _read_csv(text: str, name: str) -> list[_Raw]:
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    offset = len(text.splitlines()) - len(lines)  # comments are only allowed on top
    reader = csv.DictReader(lines)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if "label" not in header:
        raise GazetteerError(f"{name}:{1 + offset}: CSV header must name a 'label' column")
    unknown = [h for h in header if h not in ENTRY_KEYS]
    if unknown:
        raise GazetteerError(
            f"{name}:{1 + offset}: unknown column {unknown[0]!r} "
            f"(allowed: label, type, aliases, affiliation, code)"
        )
    raws = []
    for row in reader:
        origin = f"{name}:{reader.line_num + offset}"
        if None in row:
            raise GazetteerError(f"{origin}: more fields than columns in the header")
        fields = {k.strip(): (v or "").strip() for k, v in row.items()}
        if not any(fields.values()):
            continue
        for key in ("aliases", "demonyms", "capitals"):
            if key in fields:
                fields[key] = [a.strip() for a in fields[key].split("|") if a.strip()]
        raws.append(_Raw({k: v for k, v in fields.items() if v not in ("", [])}, origin))
    return raws


def read_gazetteer_file(path: Path | str) -> list[_Raw]:
    """Read a YAML or CSV gazetteer file into raw entries (validated for shape, not applied)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GazetteerError(f"gazetteer file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"cannot read gazetteer file {path}: {exc}") from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _read_yaml(text, str(path))
    if suffix == ".csv":
        return _read_csv(text, str(path))
    raise GazetteerError(f"{path}: unsupported gazetteer format {suffix!r} (use .yaml or .csv)")


def _text(value: Any, key: str, origin: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise GazetteerError(f"{origin}: {key} must be text, got {value!r}")
    return str(value).strip()


def _text_list(value: Any, key: str, origin: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split("|")
    if not isinstance(value, list):
        raise GazetteerError(f"{origin}: {key} must be a list or a '|'-separated string")
    return [t for t in (_text(v, key, origin) for v in value) if t]
