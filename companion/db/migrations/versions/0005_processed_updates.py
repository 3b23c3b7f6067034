"""processed Telegram updates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 16:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from companion.db.types import UTCDateTime


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'processed_updates',
        sa.Column('bot_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('update_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('received_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('bot_id', 'update_id', name=op.f('pk_processed_updates')),
    )
    op.create_index(op.f('ix_processed_updates_received_at'), 'processed_updates', ['received_at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_processed_updates_received_at'), table_name='processed_updates')
    op.drop_table('processed_updates')
