"""Alembic environment: always run by local_db.migrate with an open connection."""

from __future__ import annotations

from alembic import context

from local_db.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
