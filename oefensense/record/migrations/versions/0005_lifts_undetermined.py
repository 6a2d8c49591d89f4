"""session_days.lifts_undetermined: the lifts whose technique is undetermined (a slow lift at the
waist, docs/lifting.md); they counted only in ``lifts``, so a day's stoop + squat + mixed fell
short of its lifts with nothing to say why. Rows before this revision have NULL (not known)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        batch.add_column(sa.Column('lifts_undetermined', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        batch.drop_column('lifts_undetermined')
