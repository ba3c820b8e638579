"""The server's store: SQLAlchemy Core tables on SQLite or PostgreSQL, with its own migrations."""
