"""The journal as a declared contract, on real files.

An entry that does not match its declaration is refused before anything is
written; every entry a day at the till writes matches its current version;
docs/journal.md lists exactly what is declared; and a database written
before the declarations (schema 5, by the code of 3cd1fd3) opens, reads
every entry through its declaration and replays to the same tables.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest
from books_helpers import mixed_day
from shift_helpers import TEA, sell

from otop_pos.db import journal
from otop_pos.db.projections import record, replay_check
from otop_pos.db.store import open_store
from otop_pos.domain.journal import kinds, staff
from otop_pos.domain.journal.contract import ContractError, problems
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations import auth
from otop_pos.operations.session import Session

ROOT = Path(__file__).resolve().parents[2]
OLD_CENTRE = Path(__file__).with_name("schema5_centre.sqlite.gz")


def test_every_kind_the_dispatcher_applies_is_declared() -> None:
    assert set(kinds.ALL) == set(record.HANDLERS)


def test_a_mismatching_entry_is_refused_before_it_is_written(manager: Session) -> None:
    store = manager.store
    sale = sell(manager, TEA)
    stored = journal.entries(store, "T01", sale.seq - 1)[0].payload
    bad = dict(stored, total=str(stored["total"]), receipt_no="POS01-69999999")
    counts = [store.scalar(f"SELECT count(*) FROM {t}") for t in ("journal", "sales")]
    refused = pytest.raises(ContractError, match="total is '8550', not an integer")
    with refused, store.transaction():
        record.record(store, "T01", "sale", to_iso(utc_now()), 2, bad)
    assert [store.scalar(f"SELECT count(*) FROM {t}") for t in ("journal", "sales")] == counts
    assert journal.verify(store).ok


def test_a_day_at_the_till_writes_only_current_declared_entries(manager: Session) -> None:
    mixed_day(manager, "P01", "P02")
    entries = journal.entries(manager.store, "T01")
    assert {e.kind for e in entries} == set(kinds.ALL) - {"books_acknowledged"}  # test_books.py
    for e in entries:
        assert problems(kinds.ALL[e.kind], e.payload) == [], (e.seq, e.kind)
        assert e.payload["v"] == kinds.ALL[e.kind].version


def test_the_journal_page_lists_every_kind_as_declared() -> None:
    page = (ROOT / "docs" / "journal.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- kinds: [^\n]*-->\n\n(.*)\n<!-- end of kinds -->", page, re.S)
    assert found, "docs/journal.md has lost its generated section"
    assert found.group(1) == kinds.reference(), "run: python tools/journal_doc.py"
    for name, kind in kinds.ALL.items():
        assert f"### `{name}` (version {kind.version})" in page


def test_the_page_check_bites() -> None:
    reference = kinds.reference()
    assert '| `lines[].unit` | text: piece, kg, g, l, m |  | no (default "piece")' in reference
    assert "| `exempt` | integer | satang | no (default 0)" in reference
    assert "`lines[].producer_code` | text or null |  | from version 2" in reference


@pytest.fixture
def old_centre(tmp_path: Path) -> Path:
    """A centre's file from before the contract: a mixed day, a Z and a sale after it."""
    path = tmp_path / "old.sqlite"
    with gzip.open(OLD_CENTRE) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def test_a_schema_5_database_opens_reads_and_replays(old_centre: Path) -> None:
    store = open_store(old_centre)
    try:
        entries = journal.entries(store, "T01")
        assert len(entries) == 28 and all("v" not in e.payload for e in entries)
        later = {"books_acknowledged", "settings_changed", *(k.name for k in staff.KINDS)}
        assert {e.kind for e in entries} == set(kinds.ALL) - later
        for e in entries:
            kinds.to_read(e.kind, e.payload)  # every old entry reads through its declaration
        assert journal.verify(store).ok
        assert replay_check.check(store) is None
        session = Session.open(store)
        auth.login(session, 1, "9999")
        sell(session, TEA)  # a new, declared entry on top of the old chain
        assert journal.entries(store, "T01")[-1].payload["v"] == 2
        assert journal.verify(store).ok and replay_check.check(store) is None
    finally:
        store.close()
