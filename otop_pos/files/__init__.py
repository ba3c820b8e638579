"""Catalogue files (products, producers) read from CSV or Excel, and the checks forms share.

Pure parsing and validation, no database: the operations layer checks the
rows against the store and writes them as journal entries.
"""
