"""Helpers run as separate processes by the tests (kill harness and the like)."""
