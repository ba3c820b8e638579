"""A real provincial server: uvicorn in a child process on a free loopback port.

The tests and the sync benchmarks (`bench/sync_common.py`) both start it from here.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class RunningServer:
    database: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def enrol_code(self, centre: str = "SSK01", pos_id: str = "POS01", **extra: str) -> str:
        return server_cli("enrol", "--centre", centre, "--pos-id", pos_id,
                          database=self.database, extra=extra).split()[0]  # fmt: skip

    def rss_mb(self) -> float:
        """The resident memory of the server and its workers, now (0 once gone)."""
        import psutil

        try:
            root = psutil.Process(self.process.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return 0.0
        total = 0
        for p in procs:
            with suppress(psutil.NoSuchProcess):
                total += p.memory_info().rss
        return total / 2**20

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(15)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(10)


def server_cli(*args: str, database: str, extra: dict[str, str] | None = None) -> str:
    """One `otop-pos server ...` command; its stdout (fails the test on a non-zero exit)."""
    flags = [f"--{k.replace('_', '-')}={v}" for k, v in (extra or {}).items()]
    done = subprocess.run(
        [sys.executable, "-m", "otop_pos.cli.main", "server", args[0], "--database", database,
         *args[1:], *flags],
        capture_output=True, text=True, timeout=60, cwd=ROOT, env=_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def start_server(
    database: str, log_dir: Path, port: int | None = None, workers: int = 1
) -> RunningServer:
    port = port or free_port()
    log = log_dir / f"server-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "otop_pos.cli.main", "server", "run", "--database", database,
         "--port", str(port), "--workers", str(workers)],
        stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT, env=_env(),
    )  # fmt: skip
    server = RunningServer(database, port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/v1/health", timeout=1) as r:
                if json.load(r).get("ok"):
                    time.sleep(0.5 if workers > 1 else 0)  # let every worker come up
                    return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("the server did not answer within 60 s")


@contextmanager
def running_server(database: str, log_dir: Path, workers: int = 1) -> Iterator[RunningServer]:
    server = start_server(database, log_dir, workers=workers)
    try:
        yield server
    finally:
        server.stop()
