"""Errors about the user's input: each names the file (or manifest row) and the problem."""

from __future__ import annotations


class InputError(Exception):
    """Bad input that stops the run (exit code 2): names the file, the problem and what to do."""

    def __init__(self, file: str, problem: str, hint: str = "") -> None:
        self.file = file
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        text = f"{self.file}: {self.problem}"
        return f"{text}. {self.hint}" if self.hint else text
