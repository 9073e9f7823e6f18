"""expectations: expected documents and repayments per organisation and program-year

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'expectations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('severity', sa.String(length=10), nullable=False),
        sa.Column('program', sa.String(length=40), nullable=False),
        sa.Column('grant_year', sa.Integer(), nullable=False),
        sa.Column('org_code', sa.String(length=4), nullable=False),
        sa.Column('org_kind', sa.String(length=12), nullable=False),
        sa.Column('org_name', sa.String(length=200), nullable=False),
        sa.Column('deadline', sa.Date(), nullable=True),
        sa.Column('amount', sa.Integer(), nullable=True),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('comment', sa.Text(), nullable=True),
        sa.Column('resolved_by', sa.String(length=100), nullable=True),
        sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('repaid_amount', sa.Integer(), nullable=True),
        sa.Column('repaid_on', sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code', 'program', 'grant_year', 'org_code'),
    )
    op.create_index('ix_expectations_status', 'expectations', ['status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_expectations_status', table_name='expectations')
    op.drop_table('expectations')
