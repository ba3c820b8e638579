"""The till's side of the wire to the provincial server (docs/sync-protocol.md)."""
