"""Normalisation: decoded text → normalised text of the same length.

Markup remnants and entities blanked or decoded in place, pinyin annotations blanked,
old Mac line ends read as LF, full-width digits and Latin letters made half-width,
traditional → simplified in documents written in traditional characters.
"""

from __future__ import annotations

import html.entities
import re
import unicodedata

import numpy as np

from analysis.ingest.document import Document
from analysis.ingest.script import (
    TRADITIONAL_SHARE,
    _code_points,
    _hanzi_count,
    _non_gb_cjk,
    detect_script,
    to_simplified,
)
from analysis.text import halfwidth_table

# Full-width ASCII block: ０-９ Ａ-Ｚ ａ-ｚ → 0-9 A-Z a-z (punctuation kept as written).
FULLWIDTH_ALNUM = halfwidth_table(str.isalnum)
# Markup remnants copied from web pages: <p>, </p>, <br/>, <div class="x">
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,200})?/?>")
# What a page never shows, blanked with its content: <script …>…</script>, <style>…</style>, <!-- … -->
HIDDEN_MARKUP = re.compile(
    r"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->", re.S | re.I
)
# A run of character references: &lt; &nbsp; &#20013;&#22269; &#x4e2d;
ENTITY_RUN = re.compile(r"(?:&(?:[A-Za-z][A-Za-z0-9]{1,7}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)+")


def _blanked_keeping_lines(match: re.Match[str]) -> str:
    """A script, style or comment as spaces, its line ends kept (so the lines around it stay lines)."""
    return re.sub(r"[^\r\n]", " ", match.group())


def _decoded_entities(match: re.Match[str]) -> str:
    """A run of entities as the characters they stand for, right-aligned in spaces to the run's length.

    `&lt;5%` reads `   <5%` (the sign stays next to what it qualifies), `&#20013;&#22269;`
    reads as 14 spaces and 中国; white space (&nbsp;), control characters and unknown
    names become spaces.
    """
    run = match.group()
    decoded = "".join(_entity_char(entity) for entity in re.findall(r"&[^;]+;", run))
    return " " * (len(run) - len(decoded)) + decoded


def _entity_char(entity: str) -> str:
    """One entity as the text it stands for: "" for white space, controls and unknown names."""
    body = entity[1:-1]
    if body.startswith(("#x", "#X")):
        code = int(body[2:], 16)
    elif body.startswith("#"):
        code = int(body[1:])
    else:
        named = html.entities.html5.get(f"{body};", "")
        return "" if not named or named.isspace() or len(named) > len(entity) else named
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or code < 0x20 or 0x7F <= code < 0xA0:
        return ""
    char = chr(code)
    return "" if char.isspace() and char != "\u3000" else char


def blank_markup(text: str) -> str:
    """Markup remnants out of the text, keeping its length.

    Scripts, styles and comments are blanked with their content (a figure in them is no
    figure); tags (<p>, <br/>) become spaces; entities keep their meaning (&lt; → <,
    &#20013; → 中), right-aligned in spaces.
    """
    if "<" in text:
        text = HIDDEN_MARKUP.sub(_blanked_keeping_lines, text)
        text = MARKUP.sub(lambda m: " " * len(m.group()), text)
    if "&" in text:
        text = ENTITY_RUN.sub(_decoded_entities, text)
    return text


# Pinyin a mirror site writes after a character, in ASCII or full-width brackets: 發(fā)展, 号（hào）, 的(de)
PINYIN_ANNOTATION = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6})[)）]"
)
# One pinyin syllable once tone marks are dropped: an optional initial and a final (zhuang, ge, er, lü → lu).
_PINYIN_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ue|ui|a|o|e|i|u)"
)
#: Toneless syllables accepted as annotations (neutral-tone particles); any other needs a tone mark,
#: so a lowercase abbreviation after a character (平台(app), 智能(ai)) is never blanked.
NEUTRAL_TONE_SYLLABLES = frozenset(
    {"de", "le", "me", "men", "ma", "ne", "ba", "zi", "zhe", "guo", "la", "ya", "wa"}
)


def _is_pinyin(letters: str) -> bool:
    """A single pinyin syllable: tone-marked, or one of the neutral-tone particles."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFD", letters) if not unicodedata.combining(ch)
    )
    if not _PINYIN_SYLLABLE.fullmatch(plain):
        return False
    return plain != letters.replace("ü", "u") or plain in NEUTRAL_TONE_SYLLABLES


def pinyin_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pinyin annotations `blank_pinyin` blanks in `text`."""
    return [m.span() for m in PINYIN_ANNOTATION.finditer(text) if _is_pinyin(m.group(1))]


def reading_text(doc: Document) -> str:
    """The normalised text with the blanked pinyin annotations cut out (發(fā)展 → 发展), to read
    metadata from; spans never index it (tables use `doc.text`)."""
    if "(" not in doc.raw_text and "（" not in doc.raw_text:
        return doc.text
    pieces, last = [], 0
    for start, end in pinyin_spans(doc.raw_text):
        if doc.text[start:end].strip():  # not blanked in the normalised text
            continue
        pieces.append(doc.text[last:start])
        last = end
    return "".join(pieces) + doc.text[last:]


def blank_pinyin(text: str) -> str:
    """Pinyin annotations after characters (發(fā)展 → 發    展) replaced by as many spaces (positions kept)."""
    return PINYIN_ANNOTATION.sub(
        lambda m: " " * len(m.group()) if _is_pinyin(m.group(1)) else m.group(), text
    )


def normalise_text(text: str) -> tuple[str, str]:
    """Decoded text → (normalised text of the same length, script found).

    Markup is blanked and full-width digits/letters made half-width in every
    document; traditional → simplified only in documents written in traditional
    characters, because tw2s would turn a simplified 显著 into 显着.
    """
    plain = blank_markup(text) if "<" in text or "&" in text else text
    if "\r" in plain:  # old Mac line ends (CR alone) read as LF; CRLF stays
        plain = LONE_CR.sub("\n", plain)
    if "(" in plain or "（" in plain:
        plain = blank_pinyin(plain)
    if _FULLWIDTH_CHAR.search(plain):
        plain = plain.translate(FULLWIDTH_ALNUM)
    codes = _code_points(plain)
    hanzi = _hanzi_count(codes)
    # Fast path: the traditional-only forms are among the CJK characters outside
    # GB2312; when those are at most 5% of the hanzi the text cannot be traditional.
    if not hanzi or int(np.count_nonzero(_non_gb_cjk()[codes])) <= TRADITIONAL_SHARE * hanzi:
        return plain, "simplified"
    simplified = to_simplified(plain)
    script = detect_script(plain, simplified)
    return (simplified if script == "traditional" else plain), script


# A CR that is not the start of a CRLF: an old Mac line end.
LONE_CR = re.compile(r"\r(?!\n)")


_FULLWIDTH_CHAR = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
