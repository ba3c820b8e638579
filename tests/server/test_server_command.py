"""`otop-pos server ...` on a till installed without the [server] extra says how to get it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_WITHOUT_SERVER_LIBS = """
import sys
for name in ("starlette", "uvicorn", "sqlalchemy", "psycopg"):
    sys.modules[name] = None  # as if never installed: importing it raises ImportError
from otop_pos.cli.main import main
sys.exit(main(["server", "status", "--database", sys.argv[1]]))
"""


def test_a_till_without_the_server_extra_is_told_what_to_install(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_SERVER_LIBS, str(tmp_path / "p.sqlite")],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 2
    assert "pip install 'otop-pos[server]'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "p.sqlite").exists()


def test_server_status_lists_an_enrolled_terminal(tmp_path: Path) -> None:
    from server_helpers import server_cli

    database = str(tmp_path / "p.sqlite")
    code = server_cli("enrol", "--centre", "SSK01", "--pos-id", "POS02", database=database)
    assert len(code.split()[0]) == 14  # XXXX-XXXX-XXXX
    assert server_cli("status", database=database).strip() == "[]"  # a code is not a terminal
