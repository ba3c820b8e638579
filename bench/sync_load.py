"""The simulated province: one asyncio process, one httpx connection pool, many tills.

`python -m bench.sync_load SPEC.json` runs the phases the spec names
against a server on 127.0.0.1 and prints a BENCH_RESULT:

- ``enrol``: every till redeems its one-time code over HTTP (20 at a time);
- ``health``: the steady schedule, each till calling GET /v1/health instead
  of uploading (the floor: the same process and rate, no database);
- ``steady``: each till sends a signed batch of ``batch`` new entries every
  ``period`` seconds for ``duration`` seconds, starts staggered evenly over
  the first period; the latency is from just before the request is sent to
  its 200 (retries after a 503 included);
- ``storm``: every till at once sends ``storm_entries`` unsent entries in
  batches of at most ``storm_batch``; a 503 or 429 with Retry-After is
  honoured (the header's seconds plus 0-1 s of jitter) and tried again.

Every loop is bounded: a till gives up after ``max_attempts`` tries and the
whole phase after ``deadline`` seconds. Only 127.0.0.1 is ever called.
"""

from __future__ import annotations

import asyncio
import base64
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.common import summary_ms
from bench.sync_common import Chain, Till, batch_body, batch_path, sale_template


def _loopback(url: str) -> str:
    host = urlsplit(url).hostname
    if host != "127.0.0.1":
        raise SystemExit(f"load goes to 127.0.0.1 only, not {host}")
    return url.rstrip("/")


async def enrol(client: Any, url: str, codes: list[list[str]], template: str) -> list[Till]:
    gate = asyncio.Semaphore(20)
    tills: list[Till | None] = [None] * len(codes)

    async def one(i: int, pos_id: str, code: str) -> None:
        body = {"code": code, "pos_id": pos_id, "chain_id": f"T{pos_id}",
                "first_entry_hash": None, "client": "bench-load"}  # fmt: skip
        async with gate:
            r = await client.post(f"{url}/v1/enrol", json=body)
        if r.status_code != 201:
            raise RuntimeError(f"enrol {pos_id}: {r.status_code} {r.text[:200]}")
        answer = r.json()
        tills[i] = Till(answer["terminal_id"], base64.b64decode(answer["secret"]),
                        Chain(f"T{pos_id}", pos_id, template))  # fmt: skip

    await asyncio.gather(*(one(i, p, c) for i, (p, c) in enumerate(codes)))
    return [t for t in tills if t is not None]


class Tally:
    """What the server answered, over a phase."""

    def __init__(self) -> None:
        self.latency: list[float] = []
        self.statuses: Counter[str] = Counter()
        self.retry_after_missing = 0
        self.failures: list[str] = []
        self.entries_acked = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "latency": summary_ms(self.latency),
            "statuses": dict(self.statuses),
            "retry_after_missing": self.retry_after_missing,
            "failures": self.failures[:20],
            "failure_count": len(self.failures),
            "entries_acked": self.entries_acked,
        }


async def upload(client: Any, url: str, till: Till, entries: list[dict[str, Any]], tally: Tally,
                 max_attempts: int, give_up_at: float) -> bool:  # fmt: skip
    """One batch until it is acknowledged: True, or False after a refusal or the bounds."""
    body = batch_body(till.terminal_id, entries)
    path = batch_path(till.terminal_id)
    t0 = time.perf_counter()
    for _ in range(max_attempts):
        try:
            r = await client.post(url + path, content=body, headers=till.signed(body, time.time()))
        except Exception as exc:  # a broken connection: counted, and retried as a till would
            tally.statuses[type(exc).__name__] += 1
            tally.failures.append(f"{till.terminal_id}: {type(exc).__name__} {exc}"[:300])
            if time.monotonic() + 1 > give_up_at:
                return False
            await asyncio.sleep(random.uniform(0.1, 1.0))
            continue
        tally.statuses[str(r.status_code)] += 1
        if r.status_code == 200:
            acked = r.json()["acknowledged"]["seq"]
            if acked != entries[-1]["seq"]:
                tally.failures.append(f"{till.terminal_id}: acknowledged {acked}")
                return False
            tally.latency.append(time.perf_counter() - t0)
            tally.entries_acked += len(entries)
            return True
        retry = r.headers.get("retry-after", "")
        if r.status_code in (429, 503) and retry.isdigit():
            wait = int(retry) + random.uniform(0, 1)
            if time.monotonic() + wait > give_up_at:
                break
            await asyncio.sleep(wait)
            continue
        if r.status_code in (429, 503):
            tally.retry_after_missing += 1
        tally.failures.append(f"{till.terminal_id}: {r.status_code} {r.text[:200]}")
        return False
    tally.failures.append(f"{till.terminal_id}: not acknowledged within the bounds")
    return False


async def steady(client: Any, url: str, tills: list[Till], spec: dict[str, Any],
                 health: bool) -> dict[str, Any]:  # fmt: skip
    period, duration, batch = spec["period"], spec["duration"], spec["batch"]
    rounds = max(1, int(duration // period))
    loop = asyncio.get_running_loop()
    start = loop.time() + 1.0
    give_up_at = time.monotonic() + duration + spec["deadline"]
    tally = Tally()
    lag: list[
        float
    ] = []  # how late each request left against its schedule (the client's own delay)

    async def one(i: int, till: Till) -> None:
        for k in range(rounds):
            at = start + i * period / len(tills) + k * period
            await asyncio.sleep(max(0.0, at - loop.time()))
            lag.append(max(0.0, loop.time() - at))
            if health:
                t0 = time.perf_counter()
                try:
                    r = await client.get(f"{url}/v1/health")
                    tally.statuses[str(r.status_code)] += 1
                    if r.status_code == 200:
                        tally.latency.append(time.perf_counter() - t0)
                except Exception as exc:
                    tally.statuses[type(exc).__name__] += 1
                    tally.failures.append(f"health: {type(exc).__name__} {exc}"[:300])
            else:
                await upload(client, url, till, till.chain.take(batch), tally,
                             spec["max_attempts"], give_up_at)  # fmt: skip

    t0 = time.perf_counter()
    await asyncio.gather(*(one(i, t) for i, t in enumerate(tills)))
    out = tally.as_dict()
    out["seconds"] = time.perf_counter() - t0
    out["requests_per_s"] = len(tills) * rounds / (rounds * period)
    out["schedule_lag"] = summary_ms(lag)
    return out


async def storm(client: Any, url: str, tills: list[Till], spec: dict[str, Any]) -> dict[str, Any]:
    each, size = spec["storm_entries"], spec["storm_batch"]
    give_up_at = time.monotonic() + spec["deadline"]
    tally = Tally()
    # The tills' journals hold their unsent entries before the storm: built before the clock.
    waiting = {t.terminal_id: [t.chain.take(min(size, each - k)) for k in range(0, each, size)]
               for t in tills}  # fmt: skip
    done_at: list[float] = []
    t0 = time.perf_counter()

    async def one(till: Till) -> None:
        for entries in waiting.pop(till.terminal_id):
            if not await upload(client, url, till, entries, tally, spec["max_attempts"],
                                give_up_at):  # fmt: skip
                return
        done_at.append(time.perf_counter() - t0)

    await asyncio.gather(*(one(t) for t in tills))
    out = tally.as_dict()
    out["drained_tills"] = len(done_at)
    out["drain_s"] = max(done_at) if len(done_at) == len(tills) else float("nan")
    out["seconds"] = time.perf_counter() - t0
    return out


async def main_async(spec: dict[str, Any]) -> dict[str, Any]:
    import httpx

    from bench.sync_common import raise_open_files

    raise_open_files()
    url = _loopback(spec["url"])
    n = len(spec["codes"])
    limits = httpx.Limits(max_connections=n + 10, max_keepalive_connections=n + 10)
    timeout = httpx.Timeout(spec.get("timeout", 120.0))
    out: dict[str, Any] = {"tills": n}
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        tills: list[Till] = []
        for phase in spec["phases"]:
            t0 = time.perf_counter()
            if phase == "enrol":
                tills = await enrol(client, url, spec["codes"], sale_template())
                out["enrol"] = {"seconds": time.perf_counter() - t0, "enrolled": len(tills)}
            elif phase == "health":
                out["health"] = await steady(client, url, tills, spec, health=True)
            elif phase == "steady":
                out["steady"] = await steady(client, url, tills, spec, health=False)
            elif phase == "storm":
                out["storm"] = await storm(client, url, tills, spec)
            print(f"phase {phase} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out


def main() -> None:
    from bench.common import emit

    spec = json.loads(Path(sys.argv[1]).read_text())
    emit(asyncio.run(main_async(spec)))


if __name__ == "__main__":
    main()
