"""The app uvicorn builds in each worker, over the database named in OTOP_SERVER_DB."""

from __future__ import annotations

import os

from starlette.applications import Starlette

from otop_server.web.app import create_app


def app() -> Starlette:
    return create_app(os.environ["OTOP_SERVER_DB"])
