"""server-side log-in sessions; a message is known by its bytes and the kind of input

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

SQLITE_NAMES = {"uq": "uq_%(table_name)s_%(column_0_name)s"}
"""SQLite keeps the old unique constraint unnamed; batch mode finds it under this name."""


def _old_unique(dialect: str) -> str:
    return "uq_messages_raw_sha256" if dialect == "sqlite" else "messages_raw_sha256_key"


def upgrade() -> None:
    op.create_table(
        'web_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('client', sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_sessions_user_id'), ['user_id'], unique=False)

    dialect = op.get_bind().dialect.name
    with op.batch_alter_table('messages', schema=None,
                              naming_convention=SQLITE_NAMES if dialect == 'sqlite' else None
                              ) as batch_op:
        batch_op.add_column(sa.Column('input_kind', sa.String(length=10), nullable=False,
                                      server_default='eml'))
    op.execute("UPDATE messages SET input_kind = 'file' WHERE source_kind IN ('pdf', 'image')")
    with op.batch_alter_table('messages', schema=None,
                              naming_convention=SQLITE_NAMES if dialect == 'sqlite' else None
                              ) as batch_op:
        batch_op.drop_constraint(_old_unique(dialect), type_='unique')
        batch_op.create_unique_constraint('uq_messages_raw_sha256_input_kind',
                                          ['raw_sha256', 'input_kind'])


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint('uq_messages_raw_sha256_input_kind', type_='unique')
        batch_op.drop_column('input_kind')
        batch_op.create_unique_constraint(_old_unique(dialect), ['raw_sha256'])
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_sessions_user_id'))
    op.drop_table('web_sessions')
