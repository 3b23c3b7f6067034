"""Rasa custom actions, one module per feature, over the shared `companion` package."""
