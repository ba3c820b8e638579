"""Shared helpers: paths, statistics, result rows and child processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
MARK = "BENCH_RESULT "


def percentile(samples: list[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100), as numpy's default."""
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(samples: list[float]) -> float:
    return percentile(samples, 50)


def summary_ms(samples: list[float]) -> dict[str, float]:
    """Seconds in, milliseconds out: the figures the report keeps per series."""
    return {
        "n": len(samples),
        "p50_ms": percentile(samples, 50) * 1000,
        "p99_ms": percentile(samples, 99) * 1000,
        "max_ms": max(samples) * 1000 if samples else float("nan"),
        "mean_ms": sum(samples) / len(samples) * 1000 if samples else float("nan"),
    }


@dataclass
class Row:
    """One line of the results table.

    ``target_kind`` is "ratio" (figure / floor must be <= target), "max"
    (the figure itself must be <= target, in ``unit``), "min" (the figure
    must be >= target: a rate) or "" (information only, no target).
    """

    name: str
    figure: float
    floor: float
    unit: str
    target_kind: str = ""
    target: float = 0.0
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.figure / self.floor if self.floor else float("nan")

    @property
    def target_text(self) -> str:
        if self.target_kind == "ratio":
            return f"<= {self.target:g}x floor"
        if self.target_kind == "max":
            return f"<= {self.target:g} {self.unit}"
        if self.target_kind == "min":
            return f">= {self.target:g} {self.unit}"
        return "-"

    @property
    def verdict(self) -> str:
        if self.target_kind == "ratio":
            return "meets" if self.ratio <= self.target else "misses"
        if self.target_kind == "max":
            return "meets" if self.figure <= self.target else "misses"
        if self.target_kind == "min":
            return "meets" if self.figure >= self.target else "misses"
        return "info"

    def as_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "ratio": self.ratio,
            "target_text": self.target_text,
            "verdict": self.verdict,
        }


def child_env() -> dict[str, str]:
    """The environment for benchmark children: offscreen Qt, this checkout importable."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.pop("PYTHONSTARTUP", None)
    return env


def run_child(args: list[str], timeout: float = 600) -> dict[str, Any]:
    """Run `python ARGS`; return the JSON after the last BENCH_RESULT line it printed."""
    proc = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    found = [ln for ln in proc.stdout.splitlines() if ln.startswith(MARK)]
    if proc.returncode != 0 or not found:
        raise RuntimeError(
            f"benchmark child failed (exit {proc.returncode}): {' '.join(args)[:120]}\n"
            f"{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
        )
    result: dict[str, Any] = json.loads(found[-1][len(MARK) :])
    return result


def emit(result: dict[str, Any]) -> None:
    """The child side of `run_child`."""
    print(MARK + json.dumps(result), flush=True)


def max_rss_mb() -> float:
    """Peak resident set of this process (ru_maxrss is KiB on Linux)."""
    import resource

    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there
        kib //= 1024
    return kib / 1024
