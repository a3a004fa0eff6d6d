"""The database: typed models, the engine with its SQLite pragmas, and the Alembic migrations."""
