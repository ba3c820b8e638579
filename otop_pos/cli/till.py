"""`otop-pos run` and `otop-pos demo`: the till's window.

`run` on a file that does not exist yet opens the first-run wizard
(`ui/setup/wizard.py`); on a file that is not a centre's it refuses, untouched.
"""

from __future__ import annotations

import argparse


def cmd_gui(args: argparse.Namespace, demo: bool) -> int:
    if demo:
        from otop_pos.db.store import open_store
        from otop_pos.demo.seed import ensure_demo_centre

        store = open_store(args.db)
        if ensure_demo_centre(store, products=args.products):
            print(f"สร้างศูนย์ตัวอย่างแล้ว: {args.db}")
        store.close()
        if args.no_window:
            return 0
    from otop_pos.ui.app import run_app

    return run_app(args.db, printer=args.printer, lang=args.lang)
