"""Text helpers shared by the figures and targets code: full-width folding, segment and
sentence marks, 《title》 masking and the text of a run of clauses.

Offsets are character offsets into the normalised text; nothing here changes a length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

# The one full-width → half-width table: every character of the full-width ASCII block
# (U+FF01 ！ … U+FF5E ～) mapped to what NFKC makes of it (one ASCII character each, so
# folding keeps lengths). Callers take the part they need with `halfwidth_table`.
FULLWIDTH_TO_HALFWIDTH: dict[str, str] = {
    chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF01, 0xFF5F)
}


def halfwidth_table(keep: Callable[[str], bool]) -> dict[int, str]:
    """A str.translate table of the FULLWIDTH_TO_HALFWIDTH pairs whose half-width
    character passes `keep` (str.isalnum: ０ → 0, Ａ → A; punctuation left as written)."""
    return {ord(wide): narrow for wide, narrow in FULLWIDTH_TO_HALFWIDTH.items() if keep(narrow)}


def nfkc_chars(text: str) -> str:
    """NFKC per character where it keeps the length (full-width → half-width), else as is."""
    out = []
    for ch in text:
        mapped = FULLWIDTH_TO_HALFWIDTH.get(ch) or unicodedata.normalize("NFKC", ch)
        out.append(mapped if len(mapped) == 1 else ch)
    return "".join(out)


# matches a text up to and including its last mark ending a comma segment (used with
# .match(text, low, pos)). The marks: the comma, semicolon, full stop, colon and
# enumeration comma (, ， ; ； 。 : ： 、) that end a segment of a sentence, and the line
# break, which ends a paragraph (figures reads windows of several paragraphs; a clause's
# own text holds no line break, so targets reads the same segments)
UP_TO_LAST_SEGMENT_MARK_RE = re.compile(r".*[,，;；。:：、\n]", re.DOTALL)
# matches a text up to and including its last mark ending a sentence (。 ; ； ! ！ ? ？) or
# a paragraph (line break)
UP_TO_LAST_SENTENCE_MARK_RE = re.compile(r".*[。;；!！?？\n]", re.DOTALL)
# matches the first segment mark (the end of a comma segment): , ， ; ； 。 : ： 、
SEGMENT_MARK_RE = re.compile(r"[,，;；。:：、]")
# matches book-title marks 《...》 (plan names and document titles: masked from context)
TITLE_RE = re.compile(r"《[^《》\n]{0,120}》")


def after_last_mark(mark_re: re.Pattern[str], text: str, low: int, pos: int) -> str:
    """text[low:pos] after its last mark matched by `mark_re` (all of it when it has none)."""
    head = mark_re.match(text, low, pos)
    return text[head.end() if head else low : pos]


def segment_after(text: str) -> str:
    """`text` up to its first segment mark (the rest of a comma segment)."""
    mark = SEGMENT_MARK_RE.search(text)
    return text[: mark.start()] if mark else text


def masked_titles(text: str) -> str:
    """`text` with every 《...》 blanked (same length): titles are not context."""
    return TITLE_RE.sub(lambda m: " " * len(m.group()), text)


def text_of(starts: Sequence[int], texts: Sequence[str]) -> tuple[int, str]:
    """Start offset and text of a run of clauses in text order (`starts`: their offsets,
    `texts`: their texts); gaps between clauses become spaces, overlaps are skipped."""
    base = cursor = starts[0]
    chunks: list[str] = []
    for start, text in zip(starts, texts, strict=True):
        if start >= cursor:
            chunks.append(" " * (start - cursor))
            chunks.append(text)
            cursor = start + len(text)
    return base, "".join(chunks)
