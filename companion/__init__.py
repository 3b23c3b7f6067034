"""Shared core of the companion: settings, database, pure logic. Imports neither telegram nor rasa_sdk."""
