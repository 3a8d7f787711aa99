"""Alembic environment for frontlines: runs on the connection `Database.migrate` hands over.

`frontlines.store.db.Database` builds the alembic `Config` in code and passes an open
connection in `config.attributes["connection"]`; for developers, `alembic -c
src/frontlines/store/migrations/alembic.ini revision --autogenerate -m "..."` uses the URL of
that file instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from frontlines.store.db import foreign_keys_off
from frontlines.store.schema import metadata

config = context.config
target_metadata = metadata


def run_on(connection: Connection) -> None:
    """Run the migrations on an open connection (batch mode, so SQLite can alter tables)."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    """Emit the SQL to standard output (`alembic upgrade head --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///frontlines.db")
    with engine.connect() as conn:
        with foreign_keys_off(conn):
            with conn.begin():
                run_on(conn)
    engine.dispose()



if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
