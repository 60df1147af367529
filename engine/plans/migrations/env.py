"""Alembic environment: migrate the connection ``engine.plans.migrate`` hands over, in its transaction."""

from alembic import context

from engine.plans.tables import metadata

if context.is_offline_mode():
    raise RuntimeError("the plan database is migrated online, by opening it with PlanRepository")

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
