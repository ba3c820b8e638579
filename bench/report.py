"""The results table and var/bench/last.json."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import VAR, Row

HEADERS = ("benchmark", "figure", "floor", "ratio", "target", "verdict")


def _num(value: float, unit: str) -> str:
    if value != value:  # NaN
        return "-"
    if unit == "ms":
        return f"{value:.3f} ms" if value < 1 else f"{value:.1f} ms"
    if unit == "s":
        return f"{value:.1f} s"
    return f"{value:.0f} {unit}"


def table(rows: list[Row]) -> str:
    cells = [HEADERS]
    for r in rows:
        ratio = "-" if r.ratio != r.ratio else f"{r.ratio:.2f}x"
        cells.append(
            (r.name, _num(r.figure, r.unit), _num(r.floor, r.unit), ratio, r.target_text, r.verdict)
        )
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADERS))]
    lines = []
    for n, c in enumerate(cells):
        left = c[0].ljust(widths[0])
        rest = [c[i].rjust(widths[i]) for i in range(1, 5)]
        lines.append("  ".join([left, *rest, c[5].ljust(widths[5])]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  note: {r.name}: {r.note}" for r in rows if r.note]
    return "\n".join(lines + notes)


def search_breakdown(details: dict[str, Any]) -> str:
    per = details.get("search", {}).get("per_query", {})
    if not per:
        return ""
    lines = [
        "search per query (ms):",
        f"  {'query':<16} {'class':<8} {'hits':>4} {'p50':>7} {'max':>7}",
    ]
    for q, d in per.items():
        lines.append(
            f"  {q:<16} {d['class']:<8} {d['hits']:>4} {d['p50_ms']:>7.3f} {d['max_ms']:>7.3f}"
        )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    import PySide6

    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "pyside6": PySide6.__version__,
        "platform": platform.platform(),
        "qt_qpa_platform": os.environ.get("QT_QPA_PLATFORM", ""),
        "load_average_at_end": os.getloadavg(),
    }
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            names = [ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")]
        info["cpu_model"] = names[0] if names else platform.processor()
    except OSError:
        info["cpu_model"] = platform.processor()
    return info


def write_json(rows: list[Row], details: dict[str, Any], args: dict[str, Any]) -> Path:
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / "last.json"
    doc = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "args": args,
        "machine": machine(),
        "results": [r.as_dict() for r in rows],
        "details": details,
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
