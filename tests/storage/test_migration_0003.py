"""Migration 0003: corrections made before the correction layer are kept as corrections."""
from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from storage.db import alembic_config, make_engine


def test_earlier_corrections_become_the_layer(db_url):
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0002")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO messages (id, source_kind, raw_sha256, raw_size, created_at) "
            "VALUES (1, 'eml', 'r', 1, '2024-03-25 08:00:00+00:00')"))
        conn.execute(text(
            "INSERT INTO documents (id, message_pk, sha256, media_type, size, pages, ocr, status,"
            " created_at, document_type, amounts, collaborating_municipalities, tables) VALUES "
            "(1, 1, 's', 'application/pdf', 1, 1, false, 'processed', "
            "'2024-03-25 08:00:00+00:00', 'requisition', '{}', '[]', '[]')"))
        conn.execute(text(
            "INSERT INTO extracted_values (document_pk, field, text, confidence, corrected_by,"
            " corrected_at) VALUES (1, 'amounts.requested', '950 000 kr', 1.0, 'rita', "
            "'2024-03-26 10:00:00+00:00'), (1, 'organisation', 'Region Gotland', 0.9, NULL, NULL)"))
    command.upgrade(cfg, "0003")
    columns = {c["name"] for c in inspect(engine).get_columns("extracted_values")}
    assert "corrected_by" not in columns
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT document_pk, field, typed, value_text, actor FROM value_corrections")).all()
        assert [tuple(r) for r in rows] == [(1, "amounts.requested", "950 000 kr", "950 000 kr",
                                             "rita")]
        assert conn.execute(text("SELECT count(*) FROM extracted_values")).scalar() == 2
    engine.dispose()


def test_a_database_with_documents_upgrades_to_the_newest_schema(db_url):
    """Batch mode rebuilds tables on SQLite; rows that others point at must not stop it."""
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0002")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO messages (id, source_kind, raw_sha256, raw_size, created_at) "
            "VALUES (1, 'pdf', 'r', 1, '2024-03-25 08:00:00+00:00')"))
        conn.execute(text(
            "INSERT INTO documents (id, message_pk, sha256, media_type, size, pages, ocr, status,"
            " created_at, document_type, amounts, collaborating_municipalities, tables) VALUES "
            "(1, 1, 's', 'application/pdf', 1, 1, false, 'processed', "
            "'2024-03-25 08:00:00+00:00', 'requisition', '{}', '[]', '[]')"))
    command.upgrade(cfg, "head")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT input_kind FROM messages")).scalar() == "file"
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 1
    engine.dispose()
