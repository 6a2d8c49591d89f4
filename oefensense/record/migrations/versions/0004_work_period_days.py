"""session_days.period: the work / non-work rows of an analysis with --work-hours are kept beside
each day's 'all' row (they were dropped on registration, so no report or export could give
work-time figures across sessions); rows before this revision are 'all' rows

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        batch.add_column(sa.Column('period', sa.String(length=8), server_default='all', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        batch.drop_column('period')
