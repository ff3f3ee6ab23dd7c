"""The README is a true quick start: every command is in it, and its two set-up commands."""

import contextlib
import re
from pathlib import Path

from bot import main

ROOT = Path(__file__).resolve().parent.parent


def test_every_command_is_documented(capsys):
    with contextlib.suppress(SystemExit):
        main(["--help"])
    commands = re.search(r"\{([a-z,]+)\}", capsys.readouterr().out).group(1).split(",")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert commands == ["build", "ingest", "pages", "remove", "articles", "follows", "ask"]
    for command in commands:
        assert f"python bot.py {command}" in readme, command


def test_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
