"""nudge schedules and the nudge outbox

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from companion.db.types import UTCDateTime


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

STILL_TO_SEND = "status IN ('pending', 'claimed', 'sending')"


def upgrade() -> None:
    op.create_table(
        'nudge_schedules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('local_time', sa.Time(), nullable=False),
        sa.Column('weekdays', sa.SmallInteger(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_nudge_schedules_client_id_clients'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], name=op.f('fk_nudge_schedules_plan_id_action_plans'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_nudge_schedules')),
    )
    op.create_index(op.f('ix_nudge_schedules_client_id'), 'nudge_schedules', ['client_id'])
    op.create_index(op.f('ix_nudge_schedules_plan_id'), 'nudge_schedules', ['plan_id'])
    op.create_table(
        'nudges',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('chat_id', sa.BigInteger(), nullable=False),
        sa.Column('schedule_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=True),
        sa.Column('body', sa.Text(), nullable=True),
        sa.Column('local_date', sa.Date(), nullable=True),
        sa.Column('due_at', UTCDateTime(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('lease_until', UTCDateTime(), nullable=True),
        sa.Column('claimed_by', sa.String(length=64), nullable=True),
        sa.Column('attempts', sa.SmallInteger(), nullable=False),
        sa.Column('sending_at', UTCDateTime(), nullable=True),
        sa.Column('sent_at', UTCDateTime(), nullable=True),
        sa.Column('telegram_message_id', sa.BigInteger(), nullable=True),
        sa.Column('skip_reason', sa.String(length=32), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_nudges_client_id_clients'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['schedule_id'], ['nudge_schedules.id'], name=op.f('fk_nudges_schedule_id_nudge_schedules'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_nudges')),
        sa.UniqueConstraint('schedule_id', 'local_date', name='uq_nudges_schedule_local_date'),
    )
    op.create_index(op.f('ix_nudges_client_id'), 'nudges', ['client_id'])
    op.create_index(
        'ix_nudges_due', 'nudges', ['due_at'],
        postgresql_where=sa.text(STILL_TO_SEND), sqlite_where=sa.text(STILL_TO_SEND),
    )


def downgrade() -> None:
    op.drop_index('ix_nudges_due', table_name='nudges')
    op.drop_index(op.f('ix_nudges_client_id'), table_name='nudges')
    op.drop_table('nudges')
    op.drop_index(op.f('ix_nudge_schedules_plan_id'), table_name='nudge_schedules')
    op.drop_index(op.f('ix_nudge_schedules_client_id'), table_name='nudge_schedules')
    op.drop_table('nudge_schedules')
