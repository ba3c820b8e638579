"""The chaos tests run on SQLite and on a real PostgreSQL (tests/server_fixtures.py)."""

from server_fixtures import database, postgres_server, postgres_url  # noqa: F401
