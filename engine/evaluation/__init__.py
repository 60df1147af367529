"""Precision evaluation: the frozen evaluation split and interval estimates."""
