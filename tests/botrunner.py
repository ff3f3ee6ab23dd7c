"""Run the real bot (handlers.telegram.build_application, run_polling) in a thread against a fake server."""

from __future__ import annotations

import asyncio
import threading

import bot
from handlers.telegram import ALLOWED_UPDATES, build_application


class RunningBot:
    def __init__(self, settings: bot.Settings, fake):
        self.fake = fake
        self.application = build_application(settings)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.error: BaseException | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.application.run_polling(
                stop_signals=None, close_loop=False, allowed_updates=ALLOWED_UPDATES, timeout=2
            )
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            self.error = exc

    def start(self) -> RunningBot:
        self.thread.start()
        self.fake.wait_for("setMyCommands", timeout=60)
        self.fake.wait_for("getUpdates", timeout=30)
        return self

    def stop(self) -> None:
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.application.stop_running)
        self.thread.join(timeout=20)
        assert not self.thread.is_alive(), "the bot did not stop"
