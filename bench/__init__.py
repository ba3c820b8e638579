"""Benchmarks that print each figure next to a floor measured in the same run.

Run with ``python -m bench`` (or ``make bench``). Figures are printed, never
asserted: a slow CI machine must not fail the build, but the ratio to the
floor shows whether the product, not the machine, got slower.
"""
