"""Backups of the centre's file as values: their names and which of them to keep."""
