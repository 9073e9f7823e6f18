"""corrections as a layer over evidence; runs of the checks over every document

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'value_corrections',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_pk', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=60), nullable=False),
        sa.Column('typed', sa.Text(), nullable=False),
        sa.Column('value_text', sa.Text(), nullable=True),
        sa.Column('actor', sa.String(length=100), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['document_pk'], ['documents.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_value_corrections_document_pk', 'value_corrections', ['document_pk'])
    # Corrections made before this layer overwrote the evidence; keep who, when and what.
    op.execute(
        "INSERT INTO value_corrections (document_pk, field, typed, value_text, actor, at) "
        "SELECT document_pk, field, text, text, corrected_by, corrected_at "
        "FROM extracted_values WHERE corrected_by IS NOT NULL AND corrected_at IS NOT NULL")
    with op.batch_alter_table('extracted_values', schema=None) as batch_op:
        batch_op.drop_column('corrected_at')
        batch_op.drop_column('corrected_by')
    op.create_table(
        'recheck_runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reason', sa.String(length=40), nullable=False),
        sa.Column('actor', sa.String(length=100), nullable=False),
        sa.Column('programs_hash', sa.String(length=64), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('changed', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_recheck_runs_started_at', 'recheck_runs', ['started_at'])


def downgrade() -> None:
    op.drop_index('ix_recheck_runs_started_at', table_name='recheck_runs')
    op.drop_table('recheck_runs')
    with op.batch_alter_table('extracted_values', schema=None) as batch_op:
        batch_op.add_column(sa.Column('corrected_by', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=True))
    op.drop_index('ix_value_corrections_document_pk', table_name='value_corrections')
    op.drop_table('value_corrections')
