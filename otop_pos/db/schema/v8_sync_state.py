"""Schema 8: the till's side of sync with the provincial server, outside the journal.

One row (or none, before enrolment): where the server is, the terminal id
it gave, the secret and the server's public key from enrolment, how far the
server has acknowledged this till's chain and its latest signed checkpoint,
and what the uploader is doing. This is the terminal's own state, like
`settings`: a journal rebuild never touches it, and nothing in it is a
business event (a till restored from a backup brings back the state it had
then, which is how the server's checkpoint catches the rollback).

`generation` grows with every enrolment, so an upload that was under way
when the manager enrolled again cannot write its answer over the new row.
Created only if missing, like schema 7's columns: tests downgrade a file's
version number and upgrade it again.
"""

from __future__ import annotations

SCRIPT = """
CREATE TABLE IF NOT EXISTS sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL,
    server_url TEXT NOT NULL,
    terminal_id TEXT NOT NULL,
    chain_id TEXT NOT NULL,
    secret TEXT NOT NULL,
    server_key TEXT NOT NULL,
    centre TEXT NOT NULL DEFAULT '{}',
    enrolled_at TEXT NOT NULL,
    acked_seq INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
    acked_hash TEXT NOT NULL,
    last_ack_at TEXT,
    checkpoint TEXT,
    state TEXT NOT NULL DEFAULT 'idle'
        CHECK (state IN ('idle', 'sending', 'waiting', 'stopped')),
    error_code TEXT,
    message_th TEXT,
    message_en TEXT,
    changed_at TEXT NOT NULL
);
"""
