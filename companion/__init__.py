"""Shared core: settings, database, pure logic. Imports neither telegram nor rasa_sdk."""
