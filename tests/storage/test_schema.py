from sqlalchemy import inspect

from storage.db import migrate


def test_migrations_create_every_table_and_are_idempotent(session_factory):
    engine = session_factory.kw["bind"]
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"messages", "documents", "extracted_values", "flags", "allocations", "audit_log",
            "users", "source_state", "report_deliveries", "allocation_uploads",
            "expectations"} <= tables
