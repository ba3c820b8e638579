"""Copies of the centre's file: written whole or not at all, checked before they count."""
