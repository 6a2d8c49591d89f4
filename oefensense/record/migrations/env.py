"""Alembic environment: runs on the connection the record hands over (``Record`` opens it)."""

from __future__ import annotations

from alembic import context

from oefensense.record.models import Base, UtcDateTime

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("open the record with oefensense.record.Record: it runs the migrations")


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Autogenerate writes UtcDateTime as its stored type, so migrations never import models."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime()"
    return False


context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  render_item=render_item)
with context.begin_transaction():
    context.run_migrations()
