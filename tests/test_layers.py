"""The layer rules of DESIGN.md, checked on the source itself.

ui -> operations -> domain/db; domain has no Qt, SQL or I/O; db has no Qt;
ui never talks to SQLite directly.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "otop_pos"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _violations(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in _files(layer):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        (
            "domain",
            (
                "PySide6",
                "sqlite3",
                "sqlite_utils",
                "otop_pos.db",
                "otop_pos.operations",
                "otop_pos.ui",
                "otop_pos.printing",
            ),
        ),
        ("db", ("PySide6", "otop_pos.operations", "otop_pos.ui", "otop_pos.printing")),
        ("operations", ("PySide6", "sqlite3", "sqlite_utils", "otop_pos.ui")),
        ("ui", ("sqlite3", "sqlite_utils", "otop_pos.db")),
        (
            "printing",
            ("sqlite3", "sqlite_utils", "otop_pos.db", "otop_pos.operations", "otop_pos.ui"),
        ),
    ],
)
def test_layer_imports(layer: str, forbidden: tuple[str, ...]) -> None:
    assert _files(layer), f"no modules found in {layer}/"
    assert _violations(layer, forbidden) == []


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlite3\nfrom PySide6.QtWidgets import QWidget\n")
    assert {"sqlite3", "PySide6.QtWidgets"} <= _imports(bad)


def test_no_sql_in_widgets() -> None:
    """No SQL keywords in UI source: queries belong in db/."""
    for path in _files("ui"):
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM"):
            assert keyword not in text, f"{path.name} contains SQL ({keyword.strip()})"
