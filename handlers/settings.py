"""What the program takes from the environment (read once, into Settings), and the log
formatter that keeps the bot token out of every log line."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclass(frozen=True)
class Settings:
    """Everything the program takes from the environment, read once."""

    archive_dir: Path
    seeds_dir: Path
    token: str | None = None
    base_url: str | None = None  # a self-hosted Bot API server (tests: a fake one on 127.0.0.1)
    allowed_chat_ids: frozenset[int] = frozenset()
    admin_ids: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_port: int = 8443
    webhook_listen: str = "0.0.0.0"
    webhook_secret: str | None = None  # Telegram sends it with every update; made up when not set
    overall_per_second: int = 30  # Telegram's pace across all chats (bench.bot lifts it)

    @classmethod
    def from_env(cls, env: dict[str, str] = os.environ) -> Settings:
        return cls(
            archive_dir=Path(env.get("ARCHIVE_DIR") or ROOT / "data"),
            seeds_dir=ROOT / "seeds",
            token=env.get("TELEGRAM_BOT_TOKEN") or None,
            base_url=env.get("TELEGRAM_BASE_URL") or None,
            allowed_chat_ids=_ids(env, "ALLOWED_CHAT_IDS"),
            admin_ids=_ids(env, "ADMIN_IDS"),
            webhook_url=env.get("WEBHOOK_URL") or None,
            webhook_port=int(env.get("WEBHOOK_PORT") or 8443),
            webhook_listen=env.get("WEBHOOK_LISTEN") or "0.0.0.0",
            webhook_secret=env.get("WEBHOOK_SECRET") or None,
            overall_per_second=int(env.get("BOT_OVERALL_PER_SECOND") or 30),
        )


class SettingsError(ValueError):
    """A setting in the environment cannot be read."""


def _ids(env: dict[str, str], name: str) -> frozenset[int]:
    """Give back the chat or user ids listed in a variable ("123, -100456")."""
    raw = env.get(name) or ""
    try:
        return frozenset(int(part) for part in raw.replace(";", ",").split(",") if part.strip())
    except ValueError:
        raise SettingsError(f"{name} must be a comma-separated list of numeric ids, got {raw!r}") from None


class RedactToken(logging.Formatter):
    """Formats log records with the bot token replaced, tracebacks included, whoever logs it."""

    def __init__(self, token: str, fmt: str):
        super().__init__(fmt)
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace(self.token, "<token>")
