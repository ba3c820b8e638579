"""Every settings change is in the audit log: who, which setting, old and new value."""

from __future__ import annotations

import json

from otop_pos.db import journal
from otop_pos.db.projections import replay_check
from otop_pos.domain.thai.thaidate import bangkok_date, utc_now
from otop_pos.operations import approvals, centre_settings
from otop_pos.operations.session import Session


def settings_entries(session: Session) -> list[journal.Entry]:
    return [e for e in journal.entries(session.store, "T01") if e.kind == "settings_changed"]


def test_a_change_is_journalled_with_old_and_new_values(manager: Session) -> None:
    centre_settings.update(
        manager, {"promptpay_id": "0812345678", "cash_rounding": "baht", "pos_id": "POS01"}
    )
    (entry,) = settings_entries(manager)
    assert entry.user_id == 1
    assert entry.payload["changes"] == [
        {"key": "cash_rounding", "old": "none", "new": "baht"},
        {"key": "promptpay_id", "old": "", "new": "081-234-5678"},
    ]  # pos_id did not change, so it is not listed
    row = manager.store.one("SELECT * FROM audit_log WHERE action = 'settings_changed'")
    assert row is not None and row["asked_by"] == 1
    assert json.loads(row["detail"])["changes"][0]["new"] == "baht"


def test_the_manager_screen_reads_the_change(manager: Session) -> None:
    centre_settings.update(manager, {"blind_close": "1", "centre_name_en": "OTOP Sisaket"})
    today = bangkok_date(utc_now())
    (shown,) = [e for e in approvals.audit_entries(manager, today, today) if "ตั้งค่า" in e.action]
    assert shown.action == "เปลี่ยนการตั้งค่า" and shown.asked_by == "ประเสริฐ"
    assert shown.detail == "centre_name_en: - → OTOP Sisaket; blind_close: 0 → 1"


def test_saving_the_same_values_writes_nothing(manager: Session) -> None:
    centre_settings.update(manager, {"cash_rounding": "none", "lang": "th"})
    assert settings_entries(manager) == []


def test_the_audit_rows_follow_from_the_journal(manager: Session) -> None:
    centre_settings.update(manager, {"receipt_header": "เปิด 8:00-17:00 ทุกวัน"})
    centre_settings.update(manager, {"receipt_header": ""})
    assert len(settings_entries(manager)) == 2
    assert journal.verify(manager.store).ok
    assert replay_check.check(manager.store) is None  # replaying equals the live tables


def test_a_run_only_printer_is_not_saved_with_other_settings(manager: Session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from otop_pos.db import settings as settings_db

    stored = centre_settings.update(
        manager, {"printer_uri": f"file:{tmp_path / 'p.bin'}"}
    ).printer_uri
    manager.settings = replace(manager.settings, printer_uri="preview")  # `run --printer preview`
    new = centre_settings.update(manager, {"promptpay_id": "0812345678"})
    assert new.printer_uri == stored == settings_db.load(manager.store).printer_uri
    assert manager.settings.printer_uri == "preview" and manager.settings.promptpay_id
    assert [c["key"] for c in settings_entries(manager)[-1].payload["changes"]] == ["promptpay_id"]
