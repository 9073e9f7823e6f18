"""Autogenerate an Alembic migration from the models: python scripts/new_migration.py "message" 0002"""
import sys

from alembic import command

from storage.db import alembic_config, make_engine

engine = make_engine("sqlite:////tmp/autogen.db")
cfg = alembic_config(engine)
command.revision(cfg, message=sys.argv[1], autogenerate=True, rev_id=sys.argv[2])
