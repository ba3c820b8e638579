"""docs/architecture.md checked against the package, so the map cannot go stale.

The module map names every module of otop_pos/ as a list item that starts
with its path in backticks, relative to otop_pos/. A module added without a
line there, or a line left behind by a module moved or removed, fails here;
so does a folder that grows past fifteen modules. The checker is plain
functions over (package_dir, doc_text), and the last tests run them on a
small made-up package to show they bite.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "otop_pos"
SERVER = ROOT / "otop_server"  # its modules are named in the map as otop_server/...
DOC = ROOT / "docs" / "architecture.md"
MAX_MODULES = 15

_ITEM = re.compile(r"^\s*[-*]\s+`([^`\s]+\.py)`", re.MULTILINE)
_PATH = re.compile(r"`([^`\s]+\.py)`")
_DOTTED = re.compile(r"\botop_pos(?:\.\w+)+")
_CODE = re.compile(r"`([^`\n]+)`")


def module_map(doc_text: str) -> str:
    """The text of the "Module map" section, up to the next level-2 heading."""
    match = re.search(r"^## Module map[ \t]*\n(.*?)(?=^## |\Z)", doc_text, re.M | re.S)
    assert match, 'the architecture page has no "## Module map" section'
    return match.group(1)


def documented_modules(doc_text: str) -> list[str]:
    """Modules with a line of their own in the map, in the order they appear."""
    return _ITEM.findall(module_map(doc_text))


def named_modules(doc_text: str) -> set[str]:
    """Every module path the map names, at the start of an item or in its text."""
    return set(_PATH.findall(module_map(doc_text)))


def package_modules(package_dir: Path) -> set[str]:
    """Every module of the package, relative to it, except the __init__.py files."""
    return {
        p.relative_to(package_dir).as_posix()
        for p in package_dir.rglob("*.py")
        if p.name != "__init__.py"
    }


def missing_modules(package_dir: Path, doc_text: str) -> list[str]:
    """Modules the map names that do not exist."""
    return sorted(named_modules(doc_text) - package_modules(package_dir))


def undocumented_modules(package_dir: Path, doc_text: str) -> list[str]:
    """Modules of the package without a line of their own in the map."""
    return sorted(package_modules(package_dir) - set(documented_modules(doc_text)))


def twice_documented(doc_text: str) -> list[str]:
    """Modules with more than one line of their own in the map."""
    counts = Counter(documented_modules(doc_text))
    return sorted(m for m, n in counts.items() if n > 1)


def crowded_folders(package_dir: Path, limit: int = MAX_MODULES) -> dict[str, int]:
    """Folders holding more than `limit` modules, not counting __init__.py."""
    crowded = {}
    for folder in [package_dir, *sorted(p for p in package_dir.rglob("*") if p.is_dir())]:
        n = sum(1 for p in folder.glob("*.py") if p.name != "__init__.py")
        if n > limit:
            crowded[f"{folder.relative_to(package_dir).as_posix()}/"] = n
    return crowded


def stale_references(package_dir: Path, doc_text: str) -> list[str]:
    """Paths and dotted names in backticks that point at nothing.

    A backticked path ending in .py with a folder in it must exist under the
    package or under the repository; a dotted `otop_pos.x.y` name must lead
    through packages to a module (what follows the module is not checked).
    """
    root = package_dir.parent
    stale = []
    for code in _CODE.findall(doc_text):
        for path in _PATH.findall(f"`{code}`"):
            if "/" in path and not ((package_dir / path).is_file() or (root / path).is_file()):
                stale.append(path)
        for dotted in _DOTTED.findall(code):
            where = package_dir
            for part in dotted.split(".")[1:]:
                if (where / f"{part}.py").is_file():
                    break
                where = where / part
                if not (where / "__init__.py").is_file():
                    stale.append(dotted)
                    break
    return sorted(set(stale))


# The real package and page ------------------------------------------------------


def _server_modules() -> set[str]:
    return {f"otop_server/{m}" for m in package_modules(SERVER)}


def test_every_module_named_in_the_map_exists() -> None:
    doc = DOC.read_text(encoding="utf-8")
    named = named_modules(doc) - _server_modules()
    assert sorted(named - package_modules(PACKAGE)) == []


def test_every_module_has_a_line_in_the_map() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert undocumented_modules(PACKAGE, doc) == []
    assert sorted(_server_modules() - set(documented_modules(doc))) == []


def test_no_module_has_two_lines() -> None:
    assert twice_documented(DOC.read_text(encoding="utf-8")) == []


def test_no_folder_holds_more_than_fifteen_modules() -> None:
    assert crowded_folders(PACKAGE) == {}
    assert crowded_folders(SERVER) == {}


def test_the_docs_name_only_what_exists() -> None:
    """Every page (this one, README, docs/*.md) names real files and modules."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    stale = {
        page.relative_to(ROOT).as_posix(): found
        for page in pages
        if (found := stale_references(PACKAGE, page.read_text(encoding="utf-8")))
    }
    assert stale == {}


def test_the_page_cites_nothing_outside_the_repository() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "DESIGN.md" not in text
    assert "../" not in text
    assert "/work/" not in text


# The checker itself, on a made-up package -------------------------------------

FAKE_DOC = """\
# Architecture

Here `db/extra.py` is mentioned in passing, which is not a line of the map.

## Module map

### db/

- `db/store.py`: the store.
- `db/gone.py`: a module that was moved away.

### ui/

- `ui/app.py`: the app, which uses `db/store.py` through operations.

## Decisions

- `db/extra.py` again, outside the map.
"""


def _fake_package(tmp_path: Path) -> Path:
    package = tmp_path / "otop_pos"
    for path in ("__init__.py", "db/__init__.py", "db/store.py", "db/extra.py",
                 "ui/__init__.py", "ui/app.py"):  # fmt: skip
        (package / path).parent.mkdir(parents=True, exist_ok=True)
        (package / path).write_text("")
    return package


def test_the_checker_finds_an_undocumented_and_a_missing_module(tmp_path: Path) -> None:
    package = _fake_package(tmp_path)
    assert documented_modules(FAKE_DOC) == ["db/store.py", "db/gone.py", "ui/app.py"]
    assert undocumented_modules(package, FAKE_DOC) == ["db/extra.py"]
    assert missing_modules(package, FAKE_DOC) == ["db/gone.py"]


def test_the_checker_passes_a_true_map(tmp_path: Path) -> None:
    package = _fake_package(tmp_path)
    (package / "db" / "gone.py").write_text("")
    doc = FAKE_DOC.replace("- `db/gone.py`:", "- `db/extra.py`: the extra.\n- `db/gone.py`:")
    assert undocumented_modules(package, doc) == []
    assert missing_modules(package, doc) == []
    assert twice_documented(doc) == []
    again = doc.replace("- `ui/app.py`:", "- `db/store.py`: again.\n- `ui/app.py`:")
    assert twice_documented(again) == ["db/store.py"]


def test_the_checker_finds_a_crowded_folder(tmp_path: Path) -> None:
    package = _fake_package(tmp_path)
    for n in range(MAX_MODULES - 1):
        (package / "ui" / f"screen_{n}.py").write_text("")
    assert crowded_folders(package) == {}
    (package / "ui" / "one_too_many.py").write_text("")
    assert crowded_folders(package) == {"ui/": MAX_MODULES + 1}


def test_the_checker_finds_stale_references(tmp_path: Path) -> None:
    package = _fake_package(tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_store.py").write_text("")
    page = (
        "`db/store.py` and `otop_pos/ui/app.py`, `tests/test_store.py`, `pdf.py`,"
        " `otop_pos.db.store.open_store(path)` and `otop_pos.ui`; but `db/catalog.py`,"
        " `tests/operations/test_gone.py` and `otop_pos.db.catalog.search(q)`.\n"
        "```python\nfrom otop_pos.old import thing\n```\n"
    )
    assert stale_references(package, page) == [
        "db/catalog.py",
        "otop_pos.db.catalog.search",
        "tests/operations/test_gone.py",
    ]
