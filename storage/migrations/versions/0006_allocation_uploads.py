"""allocation uploads: a checked list kept on the server between preview and confirmation

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'allocation_uploads',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=500), nullable=False),
        sa.Column('rows', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('allocation_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocation_uploads_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_allocation_uploads_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('allocation_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocation_uploads_user_id'))
        batch_op.drop_index(batch_op.f('ix_allocation_uploads_created_at'))
    op.drop_table('allocation_uploads')
