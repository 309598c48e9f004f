from __future__ import annotations

import json
from dataclasses import dataclass
from typing import IO, Any


class CommandError(Exception):
    """A problem the user can fix: printed without a traceback, non-zero exit."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


@dataclass
class Output:
    stdout: IO[str]
    stderr: IO[str]
    stdin: IO[str] | None = None

    def line(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def json(self, document: Any) -> None:
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")

    def error(self, text: str) -> None:
        self.stderr.write(f"nocontact: {text}\n")

    @property
    def interactive(self) -> bool:
        """Questions are asked only of a person at a terminal, never of a pipe."""
        try:
            return self.stdin is not None and self.stdin.isatty()
        except (OSError, ValueError):  # a closed or detached stream
            return False

    def ask(self, question: str) -> str:
        """One answer from the terminal; end of input counts as an interruption."""
        assert self.stdin is not None
        self.stdout.write(question + " ")
        self.stdout.flush()
        answer = self.stdin.readline()
        if not answer:
            raise KeyboardInterrupt
        return answer.strip()
