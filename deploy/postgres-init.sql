-- Rasa keeps its tracker store in its own database, never in the app's Alembic-managed tables.
CREATE DATABASE rasa;
