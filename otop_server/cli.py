"""The server's commands, reached through `otop-pos server ...` (see otop_pos/cli/server.py)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from otop_server.db import migrations
from otop_server.db.engine import Database


def main(args: argparse.Namespace) -> int:
    command = args.server_command
    if command == "run":
        return _run(args)
    if command == "enrol":
        return _enrol(args)
    if command == "status":
        return _status(args)
    if command == "report":
        return _report(args)
    if command == "rebuild-figures":
        return _rebuild_figures(args)
    return 2


def _database(args: argparse.Namespace) -> Database:
    db = Database(args.database)
    migrations.migrate(db)
    return db


def _run(args: argparse.Namespace) -> int:
    import uvicorn

    if args.workers > 1 and not args.database.startswith("postgres"):
        print("SQLite takes one writer: run one worker, or use PostgreSQL", file=sys.stderr)
        return 2
    _database(args).dispose()  # migrate once, before any worker starts
    import os

    os.environ["OTOP_SERVER_DB"] = args.database
    uvicorn.run(
        "otop_server.web.factory:app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        timeout_graceful_shutdown=5,
        # Longer than any client's idle pool (httpx keeps 5 s): a connection the server closes
        # just as a till reuses it is a failed request (seen in the reconnect storm).
        timeout_keep_alive=75,
    )
    return 0


def _enrol(args: argparse.Namespace) -> int:
    from otop_server.operations.enrolment import make_code

    try:
        code = make_code(
            _database(args), args.centre, args.pos_id, time.time(), name=args.name,
            province=args.province, district=args.district, ttl_s=args.ttl_hours * 3600,
        )  # fmt: skip
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(code)
    print(
        f"ใช้ได้ครั้งเดียวภายใน {args.ttl_hours} ชั่วโมง: ที่เครื่อง {args.pos_id} ของศูนย์"
        f" {args.centre} ให้สั่ง otop-pos sync enrol URL {code}",
        file=sys.stderr,
    )
    return 0


def _status(args: argparse.Namespace) -> int:
    from otop_server.db import reads

    rows: list[dict[str, Any]] = reads.terminals_overview(_database(args))
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0


def _report(args: argparse.Namespace) -> int:
    from otop_server.operations import figures

    report = figures.centre_day(_database(args), args.centre, args.date)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def _rebuild_figures(args: argparse.Namespace) -> int:
    """The figures are a projection of the entries: drop them and sum everything again."""
    from otop_server.db import figures

    started = time.monotonic()
    count = figures.rebuild(_database(args))
    print(f"{count} entries summed again in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0
