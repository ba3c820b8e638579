"""`python -m bench`: run the benchmarks and print figure, floor, ratio, target.

Benchmarks print; they never fail on timing (exit 0 unless something broke).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import time
from pathlib import Path
from typing import Any

from bench import (
    catalogue,
    cold_start,
    commit,
    day_close,
    documents,
    history,
    report,
    scan,
    search,
    settlement,
    sync_drain,
    sync_ingest,
    sync_steady,
    sync_storm,
)
from bench.common import Row

TILL_NAMES = ("cold_start", "scan", "search", "commit", "documents", "day_close", "settlement")
SYNC_NAMES = ("sync_ingest", "sync_steady", "sync_storm", "sync_drain")
NAMES = TILL_NAMES + SYNC_NAMES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--products", type=int, default=200_000, help="catalogue size (200000)")
    p.add_argument("--only", choices=NAMES, action="append", help="run only this (repeatable)")
    p.add_argument(
        "--sales",
        type=int,
        default=1_500_000,
        help="past sales in the day-close and settlement history (1500000)",
    )
    p.add_argument(
        "--rebuild", action="store_true", help="regenerate the cached catalogue and history"
    )
    p.add_argument(
        "--settlement-products",
        type=int,
        default=10_000,
        help="catalogue of the settlement figures (10000; the --products one is the stress case)",
    )
    p.add_argument("--keep", action="store_true", help="keep this run's database copies")
    sync = p.add_argument_group("sync benchmarks (the provincial server)")
    sync.add_argument(
        "--sync-engines",
        default="sqlite,postgresql",
        help="the server's databases, comma-separated (sqlite,postgresql)",
    )
    sync.add_argument(
        "--sync-ingest-entries", type=int, default=100_000, help="entries ingested (100000)"
    )
    sync.add_argument(
        "--sync-ingest-terminals", type=int, default=10, help="terminals of the ingest (10)"
    )
    sync.add_argument(
        "--sync-tills", type=int, default=1000, help="simulated tills, steady and storm (1000)"
    )
    sync.add_argument("--sync-duration", type=float, default=60, help="seconds of steady load (60)")
    sync.add_argument(
        "--sync-storm-entries", type=int, default=500, help="unsent entries per till (500)"
    )
    sync.add_argument(
        "--sync-pg-workers", type=int, default=2, help="uvicorn workers on PostgreSQL (2)"
    )
    sync.add_argument(
        "--sync-backlog", type=int, default=100_000, help="the till's backlog drained (100000)"
    )
    sync.add_argument(
        "--sync-drain-engine",
        default="sqlite",
        choices=("sqlite", "postgresql"),
        help="the server's database for the drain (sqlite)",
    )
    return p


def run_sync(args: argparse.Namespace, selected: list[str], folder: Path,
             details: dict[str, Any], source: Path | None, samples: Any) -> list[Row]:  # fmt: skip
    """The provincial server's benchmarks; one embedded PostgreSQL for all, stopped at the end."""
    from bench.sync_common import postgres

    engines = [e.strip() for e in args.sync_engines.split(",") if e.strip()]
    rows: list[Row] = []
    with contextlib.ExitStack() as stack:
        wants_pg = "postgresql" in engines or (
            "sync_drain" in selected and args.sync_drain_engine == "postgresql"
        )
        pg = stack.enter_context(postgres(folder / "pg")) if wants_pg else None
        if "sync_ingest" in selected:
            log(f"sync 1: ingest, {args.sync_ingest_entries:,} entries in batches of 500 ...")
            r, details["sync_ingest"] = sync_ingest.run(
                folder,
                args.sync_ingest_terminals,
                args.sync_ingest_entries,
                log,
                pg="postgresql" in engines,
                sqlite="sqlite" in engines,
            )
            rows += r
        if "sync_steady" in selected:
            log(f"sync 2: steady load, {args.sync_tills} tills for {args.sync_duration:.0f} s ...")
            r, details["sync_steady"] = sync_steady.run(
                folder, engines, args.sync_tills, args.sync_duration, args.sync_pg_workers, pg, log
            )
            rows += r
        if "sync_storm" in selected:
            log(f"sync 3: reconnect storm, {args.sync_tills} tills at once ...")
            r, details["sync_storm"] = sync_storm.run(
                folder,
                engines,
                args.sync_tills,
                args.sync_storm_entries,
                args.sync_pg_workers,
                pg,
                log,
            )
            rows += r
        if "sync_drain" in selected:
            assert source is not None and samples is not None
            log(f"sync 4: a {args.sync_backlog:,}-entry backlog through the till's uploader ...")
            r, details["sync_drain"] = sync_drain.run(
                source,
                folder,
                args.sync_backlog,
                args.sync_drain_engine,
                pg,
                samples.barcodes,
                samples.cashier_id,
                log,
            )
            rows += r
    return rows


def log(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    selected = args.only or list(NAMES)
    needs_catalogue = any(n in TILL_NAMES or n == "sync_drain" for n in selected)
    source = (
        catalogue.ensure_catalogue(args.products, args.rebuild, log) if needs_catalogue else None
    )
    folder = catalogue.run_folder()
    rows: list[Row] = []
    details: dict[str, Any] = {}
    samples = None
    try:
        details["load_average_at_start"] = os.getloadavg()
        one, five, fifteen = os.getloadavg()
        log(f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs")
        if source is not None:
            app_db = catalogue.copy_db(source, folder, "till.sqlite")
            samples = catalogue.read_samples(app_db, 500)
            cold_start.open_a_shift(app_db, samples.cashier_id)
            log(f"catalogue: {samples.product_count:,} products; run folder {folder}")
        if "cold_start" in selected:
            log("1/4 cold start (5 + 5 fresh processes) ...")
            r, details["cold_start"] = cold_start.run(app_db, samples.cashier_id)
            rows += r
        if "scan" in selected:
            log("2/4 scan -> line shown (500 scans) ...")
            r, details["scan"] = scan.run(app_db, samples.barcodes, samples.cashier_id, folder)
            details["scan"].pop("scan_samples_ms", None)
            rows += r
        if "search" in selected:
            log("3/4 search top-50 (200 per class) ...")
            r, details["search"] = search.run(app_db, samples.skus, samples.product_ids)
            rows += r
        if "commit" in selected:
            log("4/4 sale commit (200 sales + 200 floor transactions) ...")
            product_db = catalogue.copy_db(source, folder, "commit.sqlite")
            floor_db = catalogue.copy_db(source, folder, "floor.sqlite")
            cold_start.open_a_shift(product_db, samples.cashier_id)
            r, details["commit"] = commit.run(
                product_db, floor_db, samples.product_ids, samples.cashier_id
            )
            rows += r
        if "documents" in selected:
            log("5/5 receipt to ESC/POS, tax invoice to PDF ...")
            r, details["documents"] = documents.run()
            rows += r
        past = None
        if "day_close" in selected:
            log(f"6/6 day close: Z and manager report over {args.sales:,} past sales ...")
            past = history.ensure_history(source, args.sales, args.products, args.rebuild, log)
            r, details["day_close"] = day_close.run(past, folder, log)
            rows += r
        if "settlement" in selected:
            log(
                f"7/7 settlement: 500 producers' month-end and their view ({args.sales:,} sales) ..."
            )
            size = min(args.settlement_products, args.products)
            if size < args.products:  # a realistic catalogue; the big one as the stress case
                small = catalogue.ensure_catalogue(size, args.rebuild, log)
                own = history.ensure_history(small, args.sales, size, args.rebuild, log)
            if past is None:
                past = history.ensure_history(source, args.sales, args.products, args.rebuild, log)
            if size == args.products:
                own, stress = past, None
            else:
                stress = past
            r, details["settlement"] = settlement.run(own, folder, log, stress)
            rows += r
        if any(n in selected for n in SYNC_NAMES):
            rows += run_sync(args, selected, folder, details, source, samples)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    order = ["cold start", "scan", "search", "sale commit", "receipt", "tax invoice", "peak RSS"]
    order += ["Z ", "manager report", "settle", "producer view", "sync"]
    rows.sort(key=lambda r: next(i for i, k in enumerate(order) if r.name.startswith(k)))
    print()
    start = details.get("load_average_at_start", (0.0,))[0]
    size = f"{samples.product_count:,}-product catalogue, " if samples else ""
    print(
        f"OTOP POS benchmarks, {size}"
        f"{os.cpu_count()} CPUs, load average {start:.2f} at start, {os.getloadavg()[0]:.2f} at end"
    )
    print(report.table(rows))
    breakdown = report.search_breakdown(details)
    if breakdown:
        print()
        print(breakdown)
    path = report.write_json(rows, details, vars(args))
    print(f"\nresults written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
