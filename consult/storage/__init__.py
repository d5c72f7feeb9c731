"""SQLite storage: the connection and its pragmas, the one write path, migrations, bodies."""

from consult.storage.connection import APPLICATION_ID, open_database, write_txn

__all__ = ["APPLICATION_ID", "open_database", "write_txn"]
