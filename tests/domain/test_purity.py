"""The domain layer stays pure: no Qt, no SQL, no files, no network."""

import ast
from pathlib import Path

import pytest

import otop_pos.domain

DOMAIN = Path(otop_pos.domain.__file__).parent
FORBIDDEN = {
    "PySide6",
    "sqlite3",
    "sqlite_utils",
    "os",
    "io",
    "pathlib",
    "shutil",
    "socket",
    "subprocess",
    "urllib",
    "http",
    "requests",
}
MODULES = sorted(DOMAIN.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_found_modules() -> None:
    assert {p.stem for p in MODULES} >= {"money", "vat", "cart", "barcode", "pins"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_no_forbidden_imports(path: Path) -> None:
    assert not (_imports(path) & FORBIDDEN)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_no_open_or_print(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not (calls & {"open", "print", "input"})


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.stem)
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) < 300
