"""The server's routes: each reads the body within its limit, hands it to an operation, answers JSON.

Blocking work (the database, hashing a batch) runs in Starlette's thread
pool so one slow batch never stalls the event loop. Every refusal is the
protocol's error body; anything unexpected is logged and answered 500
without details, and a database that is away is a 503 with Retry-After.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from otop_pos.sync import checkpoints
from otop_server.db import keys, migrations
from otop_server.db.engine import Database
from otop_server.operations import access, batches, enrolment, figures, terminals
from otop_server.operations.errors import ApiError
from otop_server.operations.wire import MAX_BODY, read_json
from otop_server.web.openapi import SPEC

log = logging.getLogger("otop_server")

BATCH_SLOTS = 16  # batches read and stored at once; the rest wait unread (bounded memory)
ADMIT_WAIT_S = 8.0  # a batch waits this long for a slot (a till waits 10 s for an answer)


class Server:
    """What every request shares: the database, the signing key, the clock."""

    def __init__(self, database: str, clock: Callable[[], float] = time.time) -> None:
        self.db = Database(database)
        migrations.migrate(self.db)
        self.key = keys.signing_key(self.db)
        self.public_key = checkpoints.public_key_text(self.key)
        self.clock = clock
        self.wrong_codes = enrolment.WrongCodes()
        self._nonces_forgotten = 0.0
        self.slots = asyncio.Semaphore(BATCH_SLOTS)
        self.waiting = 0  # batches waiting for a slot (the event loop's own count)
        self.per_batch_s = 0.05  # how long a batch takes here, a moving average
        self.projecting = figures.Projecting(self.db)

    def tidy(self, now: float) -> None:
        """Old nonces go once a minute (they can no longer be replayed)."""
        if now - self._nonces_forgotten > 60:
            self._nonces_forgotten = now
            with self.db.write() as conn:
                access.forget_old_nonces(conn, now)


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise ApiError(413, "too_large")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise ApiError(413, "too_large")
        chunks.append(chunk)
    return b"".join(chunks)


async def _discard(request: Request) -> None:
    """Read a refused body to its end (chunk by chunk, kept nowhere) before answering.

    Closing a connection with the till's body still unread resets it (TCP
    RST), and the till would see a broken connection instead of the 503 and
    its Retry-After. Past MAX_BODY the rest is left: that till gets 413 anyway.
    """
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            break


def retry_after(waiting: int, per_batch_s: float) -> int:
    """Seconds until a refused till should try again: about what the line ahead of it takes
    at the pace batches are going now, 1 to 60."""
    return max(1, min(60, math.ceil(waiting * per_batch_s)))


def _server(request: Request) -> Server:
    server: Server = request.app.state.server
    return server


async def enrol(request: Request) -> Response:
    s = _server(request)
    body = await _body(request)
    address = request.client.host if request.client else ""
    data = read_json(body)
    answer = await run_in_threadpool(
        enrolment.redeem, s.db, data, address, s.clock(), s.wrong_codes, s.public_key
    )
    return JSONResponse(answer, status_code=201)


async def upload(request: Request) -> Response:
    """A batch, once one of BATCH_SLOTS is free; after ADMIT_WAIT_S, a 503 saying when.

    A reconnect storm (a province's tills back online at once) waits in line
    with its bodies unread, so memory stays bounded and the server works at
    full speed rather than refusing; a till that waited too long is told to
    come back after about the time the line ahead of it takes.
    """
    s = _server(request)
    s.waiting += 1
    try:
        await asyncio.wait_for(s.slots.acquire(), ADMIT_WAIT_S)
    except TimeoutError:
        await _discard(request)
        raise ApiError(503, "unavailable", "too many batches at once",
                       retry_after=retry_after(s.waiting, s.per_batch_s)) from None  # fmt: skip
    finally:
        s.waiting -= 1
    started = time.perf_counter()
    try:
        body = await _body(request)
        now = s.clock()
        answer = await run_in_threadpool(
            batches.receive, s.db, request.path_params["terminal_id"], request.url.path,
            request.headers, body, now, s.key,
        )  # fmt: skip
    finally:
        s.slots.release()
        took = (time.perf_counter() - started) / BATCH_SLOTS  # slots share the process
        s.per_batch_s = 0.9 * s.per_batch_s + 0.1 * took
    s.projecting.wake()
    await run_in_threadpool(s.tidy, now)
    return JSONResponse(answer)


async def checkpoint(request: Request) -> Response:
    s = _server(request)
    await _body(request)
    answer = await run_in_threadpool(
        terminals.checkpoint, s.db, request.path_params["terminal_id"], request.url.path,
        request.headers, s.clock(), s.key,
    )  # fmt: skip
    return JSONResponse(answer)


async def status(request: Request) -> Response:
    s = _server(request)
    await _body(request)
    answer = await run_in_threadpool(
        terminals.status, s.db, request.path_params["terminal_id"], request.url.path,
        request.headers, s.clock(),
    )  # fmt: skip
    return JSONResponse(answer)


async def health(request: Request) -> Response:
    return JSONResponse({"ok": True, "server_time": int(_server(request).clock())})


async def openapi(request: Request) -> Response:
    return JSONResponse(SPEC)


def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    headers = {}
    if "retry_after" in exc.fields:
        headers["Retry-After"] = str(exc.fields["retry_after"])
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "bad_request")
    return _refused(request, ApiError(exc.status_code, code))


def _gone(request: Request, exc: Exception) -> Response:
    """The till hung up before its body arrived: nothing was stored, nobody to answer."""
    log.info("client gone during %s %s", request.method, request.url.path)
    return Response(status_code=400)


def _database_away(request: Request, exc: Exception) -> Response:
    log.warning("database unavailable: %s", exc)
    return _refused(request, ApiError(503, "unavailable", retry_after=5))


def _bug(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    body = {"error": "internal", "message_th": "เกิดข้อผิดพลาดในเซิร์ฟเวอร์",
            "message_en": "unexpected server error"}  # fmt: skip
    return JSONResponse(body, status_code=500)


def create_app(database: str, clock: Callable[[], float] = time.time) -> Starlette:
    """The ASGI app over one database (a SQLite path or a postgresql:// URL)."""
    routes = [
        Route("/v1/enrol", enrol, methods=["POST"]),
        Route("/v1/terminals/{terminal_id}/batches", upload, methods=["POST"]),
        Route("/v1/terminals/{terminal_id}/checkpoint", checkpoint, methods=["GET"]),
        Route("/v1/terminals/{terminal_id}/status", status, methods=["GET"]),
        Route("/v1/health", health, methods=["GET"]),
        Route("/v1/openapi.json", openapi, methods=["GET"]),
    ]
    handlers: dict[Any, Any] = {
        ApiError: _refused,
        ClientDisconnect: _gone,
        HTTPException: _http,
        OperationalError: _database_away,
        InterfaceError: _database_away,
        Exception: _bug,
    }
    server = Server(database, clock)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        server.projecting.start()
        try:
            yield
        finally:
            server.projecting.stop()

    app = Starlette(routes=routes, exception_handlers=handlers, lifespan=lifespan)
    app.state.server = server
    return app
