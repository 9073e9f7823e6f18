"""page text of every document, with a full-text index (SQLite FTS5, PostgreSQL 'swedish')

Revision ID: 0005
Revises: 0004

The text of documents stored before this migration is not in the database; the originals
are, so `grant-intake documents reindex` reads them again and fills the table.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

SQLITE_FTS = [
    ("CREATE VIRTUAL TABLE document_pages_fts USING fts5("
     "text, content='document_pages', content_rowid='id', "
     "tokenize='unicode61 remove_diacritics 0')"),
    ("CREATE TRIGGER document_pages_ai AFTER INSERT ON document_pages BEGIN "
     "INSERT INTO document_pages_fts(rowid, text) VALUES (new.id, new.text); END"),
    ("CREATE TRIGGER document_pages_ad AFTER DELETE ON document_pages BEGIN "
     "INSERT INTO document_pages_fts(document_pages_fts, rowid, text) "
     "VALUES ('delete', old.id, old.text); END"),
    ("CREATE TRIGGER document_pages_au AFTER UPDATE ON document_pages BEGIN "
     "INSERT INTO document_pages_fts(document_pages_fts, rowid, text) "
     "VALUES ('delete', old.id, old.text); "
     "INSERT INTO document_pages_fts(rowid, text) VALUES (new.id, new.text); END"),
]


def upgrade() -> None:
    op.create_table(
        'document_pages',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_pk', sa.Integer(), nullable=False),
        sa.Column('page', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['document_pk'], ['documents.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('document_pk', 'page'),
    )
    op.create_index('ix_document_pages_document_pk', 'document_pages', ['document_pk'])
    if op.get_bind().dialect.name == 'sqlite':
        for statement in SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute("CREATE INDEX ix_document_pages_fts ON document_pages "
                   "USING gin (to_tsvector('swedish', text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for name in ('document_pages_ai', 'document_pages_ad', 'document_pages_au'):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS document_pages_fts")
    op.drop_table('document_pages')
