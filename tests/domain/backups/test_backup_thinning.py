"""Thinning backups: property tests of what is kept, and the names it reads."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from otop_pos.domain.backups.thinning import (
    Policy,
    backup_name,
    is_partial,
    parse,
    partial_name,
    to_delete,
)
from otop_pos.domain.thai.thaidate import BANGKOK

NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)

instants = st.integers(min_value=0, max_value=3 * 365 * 24 * 3600).map(
    lambda s: NOW - timedelta(seconds=s)
)
backup = st.tuples(st.sampled_from(["T01", "T02"]), instants, st.sampled_from(["z", "daily"]))
strangers = st.sampled_from([
    "centre.sqlite", "notes.txt", "centre-T01-2026-12-01T100000-z.sqlite.partial",
    ".centre-T01-2026-12-01T100000-z.sqlite.partial", "centre-T01-garbage.sqlite",
    "centre-T01-2026-13-45T999999-z.sqlite", "photo.jpg",
])  # fmt: skip


def _names(items: list[tuple[str, datetime, str]]) -> list[str]:
    return sorted({backup_name(t, when, reason) for t, when, reason in items})


@settings(max_examples=300)
@given(st.lists(backup, max_size=80), st.lists(strangers, max_size=5))
def test_thinning_keeps_the_newest_and_never_touches_other_files(
    items: list[tuple[str, datetime, str]], others: list[str]
) -> None:
    names = _names(items)
    gone = set(to_delete(names + others, NOW))
    assert gone <= set(names), "only our own backups are ever deleted"
    for terminal in ("T01", "T02"):
        mine = [n for n in names if parse(n).terminal_id == terminal]  # type: ignore[union-attr]
        if mine:
            newest = max(mine, key=lambda n: (parse(n).taken_at, n))  # type: ignore[union-attr]
            assert newest not in gone


@settings(max_examples=300)
@given(st.lists(backup, max_size=80))
def test_thinning_keeps_the_last_day_and_one_a_day_for_twelve_days(
    items: list[tuple[str, datetime, str]],
) -> None:
    names = _names(items)
    kept = [parse(n) for n in names if n not in set(to_delete(names, NOW))]
    for terminal in ("T01", "T02"):
        mine = [b for n in names if (b := parse(n)) and b.terminal_id == terminal]
        kept_mine = [b for b in kept if b and b.terminal_id == terminal]
        recent = {b.name for b in mine if b.taken_at >= NOW - timedelta(hours=24)}
        assert recent <= {b.name for b in kept_mine}, "everything of the last 24 h stays"
        days = sorted({b.taken_at.date() for b in mine}, reverse=True)[:12]
        assert days == sorted({b.taken_at.date() for b in kept_mine}, reverse=True)[:12]
        months = sorted({(b.taken_at.year, b.taken_at.month) for b in mine}, reverse=True)[:9]
        assert set(months) <= {(b.taken_at.year, b.taken_at.month) for b in kept_mine}


@settings(max_examples=200)
@given(st.lists(backup, max_size=120))
def test_thinning_is_bounded_and_settles(items: list[tuple[str, datetime, str]]) -> None:
    names = _names(items)
    kept = sorted(set(names) - set(to_delete(names, NOW)))
    policy = Policy()
    for terminal in ("T01", "T02"):
        mine = [n for n in kept if parse(n).terminal_id == terminal]  # type: ignore[union-attr]
        recent = [n for n in mine if parse(n).taken_at >= NOW - policy.recent]  # type: ignore[union-attr]
        assert len(mine) <= 1 + len(recent) + policy.daily + policy.weekly + policy.monthly
    assert to_delete(kept, NOW) == [], "thinning what it kept removes nothing more"


def test_a_year_of_daily_backups_thins_to_the_policy() -> None:
    names = [backup_name("T01", NOW - timedelta(days=d), "daily") for d in range(365)]
    kept = set(names) - set(to_delete(names, NOW))
    assert names[0] in kept and names[1] in kept  # today, and yesterday (inside 24 h)
    assert 12 <= len(kept) <= 12 + 10 + 9 + 1
    assert names[364] not in kept


def test_names_are_bangkok_time_and_partials_never_parse() -> None:
    when = datetime(2026, 12, 6, 18, 30, 5, tzinfo=UTC)  # 01:30 on the 7th in Bangkok
    name = backup_name("T01", when, "z")
    assert name == "centre-T01-2026-12-07T013005-z.sqlite"
    parsed = parse(name)
    assert parsed is not None and parsed.taken_at == when.astimezone(BANGKOK)
    assert parsed.terminal_id == "T01" and parsed.reason == "z"
    temp = partial_name(name)
    assert is_partial(temp) and parse(temp) is None
    assert parse("centre-T-01-2026-12-07T013005-z.sqlite") is None
    assert backup_name("T-01", when, "z").startswith("centre-T_01-")


def test_the_side_files_of_a_copy_in_progress_are_partial_too() -> None:
    temp = partial_name("centre-T01-2026-12-07T013005-z.sqlite")
    for extra in ("", "-journal", "-wal", "-shm"):
        assert is_partial(temp + extra) and parse(temp + extra) is None
    assert not is_partial("centre-T01-2026-12-07T013005-z.sqlite")
    assert not is_partial(".backup.lock")
