"""session_days: the rest of the days.csv columns (breaks and bends per hour, transition, non-wear,
no-data and upright-still seconds, trunk 0-20° seconds, bend and break counts); they were dropped
on registration, so the record and its exports held 16 of the 25 figures of a day

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

FLOATS = ('sitting_breaks_per_hour', 'bends_per_hour', 'transition_s', 'non_wear_s', 'no_data_s', 'trunk_0_20_s',
          'upright_still_s')
INTS = ('bends', 'sitting_breaks')


def upgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        for name in FLOATS:
            batch.add_column(sa.Column(name, sa.Float(), nullable=True))
        for name in INTS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        for name in FLOATS + INTS:
            batch.drop_column(name)
