"""Schema migrations (Alembic): the scripts ship in ``migrations/`` as package data and every
``Record`` upgrades the database to the newest revision when it opens it."""

from __future__ import annotations

from importlib import resources

from sqlalchemy import Engine


def alembic_config(connection=None):  # noqa: ANN001, ANN201 - alembic types stay lazy
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("oefensense.record") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database at ``engine`` to the newest schema (no-op when it is current)."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
