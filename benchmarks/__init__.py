"""Benchmarks: `python -m benchmarks` prints each measured figure beside its target."""
