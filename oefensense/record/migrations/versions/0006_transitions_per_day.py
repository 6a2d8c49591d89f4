"""session_days.sit_to_stand_count, stand_to_sit_count: the sit-to-stand and stand-to-sit
movements starting in the day (or its work / non-work part); the record kept only the session's
total, so a therapist could not see standing up per day. Rows before this revision, and rows
registered from a days.csv written before the columns, have NULL (not known)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        batch.add_column(sa.Column('sit_to_stand_count', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('stand_to_sit_count', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('session_days') as batch:
        batch.drop_column('stand_to_sit_count')
        batch.drop_column('sit_to_stand_count')
