"""The archive: pages in, dated articles and answers out. Pure Python, no Telegram here."""
