"""assessments.details: a guided test's phases, flags and settings (JSON, NULL for entered scores)

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-10
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('assessments') as batch:
        batch.add_column(sa.Column('details', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('assessments') as batch:
        batch.drop_column('details')
