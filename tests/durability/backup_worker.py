"""A backup slowed down between its steps of pages, to be killed with SIGKILL by
test_backup_kill9.

    python backup_worker.py DB_PATH

Protocol on stdout, one flushed line per event:

    STEP <done> <total>   a step of pages is copied (the worker then sleeps a little)
    DONE <name>           the backup is checked and renamed into place
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this tree's otop_pos, whatever is installed

from otop_pos.db.store import open_store  # noqa: E402
from otop_pos.operations.backups.snapshots import take_backup  # noqa: E402


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(db_path: str) -> None:
    store = open_store(db_path, migrate=False)

    def slowly(done: int, total: int) -> None:
        say(f"STEP {done} {total}")
        if done < total:
            time.sleep(0.15)

    result = take_backup(store, "manual", progress=slowly)
    say(f"DONE {result.path.name}")


if __name__ == "__main__":
    main(sys.argv[1])
