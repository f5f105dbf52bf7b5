"""The SQLite library: connection, schema migrations, documents, collections."""
