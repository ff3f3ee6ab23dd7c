"""Benchmarks: scripts that print tables, never assertions in the test suite."""
