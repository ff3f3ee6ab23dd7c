"""Telegram only: read the update, call index/, render, reply."""
