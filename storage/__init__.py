"""Database models, migrations, and the content-addressed store of originals."""
