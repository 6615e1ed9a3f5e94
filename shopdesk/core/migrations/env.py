"""Alembic environment: runs against the engine handed in by shopdesk.core.db.migrate."""

from alembic import context
from sqlmodel import SQLModel

import shopdesk.core.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from shopdesk.core.db import include_object


def run_migrations() -> None:
    engine = context.config.attributes.get("engine")
    if engine is None:
        from shopdesk.core.db import make_engine

        engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            render_as_batch=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
