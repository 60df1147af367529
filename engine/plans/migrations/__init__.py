"""Alembic migrations of the plan database, run programmatically by ``engine.plans.migrate``."""
