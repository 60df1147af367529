"""Adapters at the edges: files on disk in, model objects out (and back)."""
