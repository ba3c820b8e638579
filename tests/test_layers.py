"""The layer rules of docs/architecture.md, checked on the source itself.

ui -> operations -> domain/db; files/, etax/ and printing/ are edges that see
only domain/; domain has no Qt, SQL or I/O; db has no Qt; ui never talks to
SQLite directly. Every top-level package has a rule, or is named as free.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "otop_pos"

QT = ("PySide6",)
SQLITE = ("sqlite3", "sqlite_utils")

# package: (the otop_pos packages it may import, the other modules it may not)
LAYERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "domain": ((), QT + SQLITE),
    "db": (("domain",), QT),
    "files": (("domain",), QT + SQLITE),
    "etax": (("domain",), QT + SQLITE),
    "printing": (("domain",), SQLITE),
    "sync": (("domain", "db"), QT),
    "operations": (("domain", "db", "files", "printing", "etax", "sync"), QT + SQLITE),
    "ui": (("domain", "operations", "files", "printing"), SQLITE),
    "demo": (("domain", "db", "files", "operations"), QT),
}
FREE = {"cli": "the command line wires the layers; Qt only inside the window commands"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _packages(package_dir: Path) -> list[str]:
    return sorted(p.parent.name for p in package_dir.glob("*/__init__.py"))


def _forbidden(package_dir: Path, layer: str) -> tuple[str, ...]:
    allowed, banned = LAYERS[layer]
    others = [p for p in _packages(package_dir) if p != layer and p not in allowed]
    return banned + tuple(f"{package_dir.name}.{p}" for p in others)


def _violations(package_dir: Path, layer: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((package_dir / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(package_dir)} imports {name}")
    return found


def test_every_package_has_a_rule() -> None:
    assert set(_packages(PACKAGE)) == set(LAYERS) | set(FREE)


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_layer_imports(layer: str) -> None:
    assert list((PACKAGE / layer).rglob("*.py")), f"no modules found in {layer}/"
    assert _violations(PACKAGE, layer, _forbidden(PACKAGE, layer)) == []


def test_the_rules_as_written() -> None:
    """Spot checks that the derived lists say what docs/architecture.md says."""
    assert set(_forbidden(PACKAGE, "files")) >= {
        "PySide6",
        "sqlite3",
        "sqlite_utils",
        "otop_pos.db",
        "otop_pos.operations",
        "otop_pos.ui",
        "otop_pos.printing",
    }
    assert set(_forbidden(PACKAGE, "etax")) >= {
        "PySide6",
        "otop_pos.db",
        "otop_pos.operations",
        "otop_pos.ui",
    }
    assert set(_forbidden(PACKAGE, "ui")) >= {"sqlite3", "sqlite_utils", "otop_pos.db"}
    assert "otop_pos.db" not in _forbidden(PACKAGE, "operations")


def test_the_rule_catches_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlite3\nfrom PySide6.QtWidgets import QWidget\n")
    assert {"sqlite3", "PySide6.QtWidgets"} <= _imports(bad)

    package = tmp_path / "otop_pos"
    for layer in ("domain", "files", "db"):
        (package / layer).mkdir(parents=True)
        (package / layer / "__init__.py").write_text("")
    (package / "files" / "reader.py").write_text(
        "def read():\n    from otop_pos.db.store import open_store\n    return open_store\n"
    )
    assert _violations(package, "files", _forbidden(package, "files")) == [
        "files/reader.py imports otop_pos.db.store"
    ]


def test_no_relative_imports() -> None:
    """The rules read absolute imports only, so the package uses nothing else."""
    relative = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.level > 0
    ]
    assert relative == []


SQL_KEYWORDS = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM")


def _sql_in(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(PACKAGE)}: {k.strip()}" for k in SQL_KEYWORDS if k in text]
    return found


@pytest.mark.parametrize("layer", ["ui", "operations"])
def test_no_sql_outside_db(layer: str) -> None:
    """Screens and operations never write SQL: every query has a name in db/."""
    assert _sql_in(layer) == []


SERVER = PACKAGE.parent / "otop_server"
# otop_server's layers: web -> operations -> db; from otop_pos only the shared contract.
SERVER_SHARED = ("otop_pos.domain", "otop_pos.sync", "otop_pos.db.journal")


@pytest.mark.parametrize(
    ("layer", "banned"),
    [
        ("db", ("otop_server.operations", "otop_server.web")),
        ("operations", ("otop_server.web",)),
        ("web", ()),
    ],
)
def test_server_layers(layer: str, banned: tuple[str, ...]) -> None:
    found = []
    for path in sorted((SERVER / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == b or name.startswith(b + ".") for b in banned + QT):
                found.append(f"{path.name} imports {name}")
            if name.startswith("otop_pos") and not name.startswith(SERVER_SHARED):
                found.append(f"{path.name} imports {name} (not the shared contract)")
    assert found == []


def test_the_till_never_imports_the_server() -> None:
    """A till install has no server dependencies: only `otop-pos server` reaches for them."""
    found = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "cli" / "server.py"
        for name in _imports(path)
        if name.split(".")[0] in {"otop_server", "starlette", "uvicorn", "sqlalchemy", "psycopg"}
    ]
    assert found == []
