from sqlalchemy import inspect

from storage.db import migrate


def test_migrations_create_every_table_and_are_idempotent(session_factory):
    engine = session_factory.kw["bind"]
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"messages", "documents", "extracted_values", "flags", "allocations", "audit_log",
            "users", "source_state", "report_deliveries", "allocation_uploads",
            "expectations"} <= tables


def test_migration_0004_keeps_messages_and_tells_inputs_apart_by_kind(db_url):
    """A message stored before 0004 keeps its identity; the same bytes as a bare file are new."""
    from alembic import command
    from sqlalchemy import text

    from storage.db import alembic_config, make_engine

    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0002")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO messages (source_kind, raw_sha256, raw_size, created_at) VALUES "
            "('eml', 'e3b0', 0, '2024-01-01 00:00:00'), ('pdf', 'abcd', 0, '2024-01-01 00:00:00')"))
    migrate(engine)
    assert {"web_sessions"} <= set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        kinds = dict(conn.execute(text("SELECT raw_sha256, input_kind FROM messages")).all())
        assert kinds == {"e3b0": "eml", "abcd": "file"}
        conn.execute(text("INSERT INTO messages (source_kind, raw_sha256, input_kind, raw_size, "
                          "created_at) VALUES ('pdf', 'e3b0', 'file', 0, '2024-01-01 00:00:00')"))
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO messages (source_kind, raw_sha256, input_kind, raw_size, "
                          "created_at) VALUES ('eml', 'e3b0', 'eml', 0, '2024-01-01 00:00:00')"))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM messages WHERE input_kind = 'file' AND raw_sha256 = 'e3b0'"))
    command.downgrade(alembic_config(engine), "0004@0002")
    migrate(engine)
    engine.dispose()


def test_a_sqlite_uri_makes_no_directory(tmp_path, monkeypatch):
    from storage.db import normalise_url

    monkeypatch.chdir(tmp_path)
    normalise_url(f"sqlite:///file:{tmp_path}/x.db?mode=ro&uri=true")
    assert list(tmp_path.iterdir()) == []
