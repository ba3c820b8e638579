"""What the till's uploader reads: the journal itself is its outbox."""
