"""A centre's file from the last release on schema 5 opens and shows the same figures.

tests/fixtures/schema5-centre.sqlite.gz and schema5-figures.json were written by
that release (tests/fixtures/make_schema5.py): sales taxed on every line, a
refund, a void, a Z and a later sale, and the figures it showed then.
"""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from helpers import MANAGER_PIN

from otop_pos.db.schema.migrations import LATEST
from otop_pos.db.store import open_store
from otop_pos.domain.shifts.day_figures import Figures
from otop_pos.operations import auth
from otop_pos.operations.selling import receipts
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close

FIXTURES = Path(__file__).parent.parent / "fixtures"
LATER = datetime(2026, 11, 20, 3, 40, tzinfo=UTC)


def test_a_schema_5_centre_upgrades_and_shows_the_same_figures(tmp_path: Path) -> None:
    path = tmp_path / "centre.sqlite"
    with gzip.open(FIXTURES / "schema5-centre.sqlite.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    shown = json.loads((FIXTURES / "schema5-figures.json").read_text(encoding="utf-8"))
    store = open_store(path)
    try:
        assert int(store.scalar("PRAGMA user_version")) == LATEST
        assert int(store.scalar("SELECT count(*) FROM sales WHERE exempt_satang != 0")) == 0
        session = Session.open(store)
        auth.login(session, 1, MANAGER_PIN)
        z = day_close.stored_z(session, 1)
        assert z.figures == Figures.from_dict(shown["z"])
        assert z.figures.exempt.satang == 0 and z.figures.vat.satang == shown["z"]["vat"]
        x = day_close.x_report(session, LATER)
        assert x.figures == Figures.from_dict(shown["x"])
        for receipt_no, was in shown["receipts"].items():
            data = receipts.receipt_data(session, receipt_no)
            assert data.vat is not None and data.vat_base is not None
            assert (data.vat_base.satang, data.vat.satang) == (was["vat_base"], was["vat"])
            assert not data.exempt
    finally:
        store.close()
