"""Plans, their measures and the audit trail.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "plan_measures",
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("measure", sa.String(40), nullable=False),
        sa.Column("procedure_code", sa.String(100), nullable=False),
        sa.Column("procedure_name", sa.Text, nullable=False),
        sa.Column("target", sa.JSON, nullable=True),
        sa.Column("related_codes", sa.JSON, nullable=False),
        sa.Column("finding_key", sa.String(400), nullable=True),
        sa.Column("severity", sa.String(10), nullable=True),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("legal_references", sa.JSON, nullable=False),
        sa.Column("saving", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=True),
        sa.Column("comment", sa.Text, nullable=True),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("plan_id", "finding_key", name="uq_plan_measures_finding"),
    )
    op.create_table(
        "plan_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("measure_id", sa.Integer, nullable=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("old", sa.Text, nullable=True),
        sa.Column("new", sa.Text, nullable=True),
    )
    op.create_index("ix_plan_audit_plan_id", "plan_audit", ["plan_id"])


def downgrade() -> None:
    op.drop_table("plan_audit")
    op.drop_table("plan_measures")
    op.drop_table("plans")
