"""The plan database schema (SQLAlchemy Core). Migrations in ``migrations/versions`` create it;
a test checks that they and this module agree."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(300), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),  # UTC, stored without zone
    Column("updated_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
)

plan_measures = Table(
    "plan_measures",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("measure", String(40), nullable=False),
    Column("procedure_code", String(100), nullable=False),
    Column("procedure_name", Text, nullable=False),
    Column("target", JSON, nullable=True),
    Column("related_codes", JSON, nullable=False),
    Column("finding_key", String(400), nullable=True),
    Column("severity", String(10), nullable=True),
    Column("message", Text, nullable=False),
    Column("legal_references", JSON, nullable=False),
    Column("saving", JSON, nullable=False),
    Column("status", String(20), nullable=False),
    Column("reviewer", String(200), nullable=True),
    Column("comment", Text, nullable=True),
    Column("updated_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    UniqueConstraint("plan_id", "finding_key", name="uq_plan_measures_finding"),
)

plan_audit = Table(
    "plan_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("measure_id", Integer, nullable=True),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("field", String(40), nullable=False),
    Column("old", Text, nullable=True),
    Column("new", Text, nullable=True),
)
