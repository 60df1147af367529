"""Tinh Gọn: a rules engine and workbench for simplifying Vietnamese administrative procedures."""

__version__ = "0.1.0"
