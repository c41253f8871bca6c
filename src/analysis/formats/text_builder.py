"""Build a text layer line by line while keeping the offsets of what was written."""

from __future__ import annotations

import re

# Runs of collapsible white space inside a line: ASCII white space and NBSP (the ideographic
# space U+3000 is kept: it is a character of the text, used to indent paragraphs).
_COLLAPSIBLE = re.compile(r"[ \t\r\n\f\v\xa0]+")


class TextBuilder:
    """Text written piece by piece: white space collapsed, one `\\n` between non-empty lines.

    `offset` is the length written so far, so a caller can note where a region or a
    heading starts and ends in the finished text.
    """

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._length = 0
        self._line_has_text = False
        self._pending_space = False

    @property
    def offset(self) -> int:
        """Characters written so far (a pending space is not counted until text follows it)."""
        return self._length

    def write(self, text: str, collapse: bool = True) -> None:
        """Append inline text; runs of white space become one space, none at a line's start."""
        if collapse:
            text = _COLLAPSIBLE.sub(" ", text)
        if not text:
            return
        if text.startswith(" ") and collapse:
            self._pending_space = self._pending_space or self._line_has_text
            text = text.lstrip(" ")
            if not text:
                return
        if self._pending_space and self._line_has_text:
            self._append(" ")
        self._pending_space = False
        if collapse and text.endswith(" "):
            text = text.rstrip(" ")
            self._pending_space = True
        self._append(text)
        self._line_has_text = True

    def space(self) -> None:
        """A separator between cells of a row: one space before the next text on the line."""
        self._pending_space = self._line_has_text

    def newline(self) -> None:
        """End the current line (nothing happens on an empty line: no blank lines are written)."""
        if self._line_has_text:
            self._append("\n")
        self._line_has_text = False
        self._pending_space = False

    def line_start(self) -> int:
        """Offset where the next text will start once the current line is ended."""
        return self._length + 1 if self._line_has_text else self._length

    def _append(self, text: str) -> None:
        self._pieces.append(text)
        self._length += len(text)

    def text(self) -> str:
        """The finished text, without a trailing newline."""
        joined = "".join(self._pieces)
        return joined[:-1] if joined.endswith("\n") else joined
