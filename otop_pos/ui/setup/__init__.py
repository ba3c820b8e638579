"""The first-run wizard: a new centre and its first manager, before the till opens."""
