"""The parse step is pure: the wire readers import no database or write-layer module."""

import ast
from pathlib import Path

import pytest

WIRE = Path(__file__).parents[1] / "wire"
FORBIDDEN = (
    "django.db",
    "newsdesk.ingest.services",
    "newsdesk.ingest.wire_services",
    "newsdesk.ingest.models",
    "newsdesk.articles",
    "wagtail",
)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(WIRE.glob("*.py")), ids=lambda p: p.name)
def test_wire_readers_import_nothing_that_writes(path):
    assert [n for n in _imports(path) if n.startswith(FORBIDDEN)] == []
