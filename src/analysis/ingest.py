"""Ingest: raw bytes → decoded text → normalised text (same length) → document metadata.

Normalisation keeps every character position of the decoded text, so a span in
any table points into the normalised text and into the decoded raw text alike:
traditional → simplified one character at a time (OpenCC `tw2s`), full-width
digits and Latin letters → half-width, markup remnants blanked with spaces.
"""

from __future__ import annotations

import csv
import hashlib
import html.entities
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np
import opencc

from analysis.errors import InputError
from analysis.figures.numbers import chinese_number
from analysis.formats import TextLayer, format_of, read_text_layer, refuse_unreadable
from analysis.formats.ocr import ocr_requested
from analysis.places import find_places, normalise_province
from analysis.schema import DOC_TYPES
from analysis.text import halfwidth_table

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("source_file", "province", "title", "issuer", "doc_type", "published", "url")
TEXT_SUFFIXES = (".txt",)
#: Every file ending read as a document: .txt here, .html/.htm, .docx and .pdf by analysis.formats.
DOCUMENT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
#: `encoding` of a document whose text comes from a file format, not from decoding bytes:
#: a .docx package's XML is UTF-8; a PDF's text comes through its fonts' Unicode maps.
LAYER_ENCODINGS = {"docx": "utf-8", "pdf": "unicode"}  # a scanned PDF read by OCR: "ocr" (formats.ocr)

# ---------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Magic numbers of binary formats often saved under a .txt name.
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx or .xlsx)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file (.doc/.xls)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"{\\rtf": "an RTF file",
}
# C0 control bytes other than tab, LF, CR, form feed: their presence means binary content.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


@lru_cache(maxsize=2)
def _gb2312_hanzi(last_row: int = 0xD8) -> frozenset[str]:
    """GB2312 hanzi read off the codec: rows B0–D7 are the 3,755 most common, B0–F7 all 6,763."""
    chars = set()
    for high in range(0xB0, last_row):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


@lru_cache(maxsize=1)
def _common_hanzi_table() -> np.ndarray:
    """Lookup table over all code points: True for the 3,755 common GB2312 hanzi (rows B0–D7)."""
    table = np.zeros(0x110000, dtype=bool)
    table[[ord(ch) for ch in _gb2312_hanzi()]] = True
    return table


# Characters a wrong codec produces from Chinese bytes, and real Chinese text almost never holds
# (first, last code point): Greek and Cyrillic, box drawing, kana, hangul, rare CJK blocks
# (extension A, compatibility ideographs, vertical and small forms, the supplementary planes),
# private-use areas and U+FFFD (a replacement character left by an earlier failed decoding).
SUSPECT_RANGES = (
    (0x0370, 0x052F), (0x2500, 0x257F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0xAC00, 0xD7AF),
    (0xE000, 0xF8FF), (0xF900, 0xFAFF), (0xFE10, 0xFE6F), (0xFFFD, 0xFFFD), (0x20000, 0x3FFFF),
    (0xF0000, 0x10FFFF),
)  # fmt: skip
PLAUSIBLE_SHARE = 0.5  # of hanzi and suspect characters, at least this share must be common hanzi
PLAUSIBLE_MIN_LETTERS = 12  # below this many, a text is too short to judge
SUSPECT_SHARE = 0.02  # of those, in a UTF-8 text: this many suspect characters make low plausibility mojibake


@lru_cache(maxsize=1)
def _suspect_table() -> np.ndarray:
    table = np.zeros(0x110000, dtype=bool)
    for low, high in SUSPECT_RANGES:
        table[low : high + 1] = True
    return table


def _plausibility(text: str) -> tuple[float, int]:
    """(share of common hanzi among hanzi and suspect characters, how many of those there are)."""
    codes = _code_points(text)
    hanzi = codes[(codes >= 0x4E00) & (codes <= 0x9FFF)]
    letters = len(hanzi) + int(np.count_nonzero(_suspect_table()[codes]))
    if not letters:
        return 0.0, 0
    common = int(np.count_nonzero(_common_hanzi_table()[hanzi]))
    if len(hanzi) and common < PLAUSIBLE_SHARE * letters:  # traditional forms count once simplified
        simplified = to_simplified(hanzi.tobytes().decode("utf-32-le"))
        common = int(np.count_nonzero(_common_hanzi_table()[_code_points(simplified)]))
    return common / letters, letters


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# Two or more well-formed UTF-8 multi-byte characters in a row (6 bytes for two hanzi): UTF-8
# text, which GBK or Big5 bytes form only by rare chance.
_UTF8_RUN = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}){2,}"
)
UTF8_RUN_MIN_BYTES = 6  # shorter runs (two 2-byte characters) are too often GBK by chance
MIXED_UTF8_SHARE = 0.2  # of the non-ASCII bytes: this much UTF-8 in a file that is not UTF-8 = mixed


def _utf8_bytes(raw: bytes) -> tuple[int, int]:
    """(non-ASCII bytes in runs of well-formed UTF-8 characters, all non-ASCII bytes)."""
    valid = sum(len(run) for run in _UTF8_RUN.findall(raw) if len(run) >= UTF8_RUN_MIN_BYTES)
    return valid, len(raw) - len(raw.translate(None, bytes(range(0x80, 0x100))))


def _first_non_utf8(raw: bytes) -> int:
    """Offset of the first byte that is not UTF-8 (len(raw) when all of it is)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start
    return len(raw)


# Candidate legacy encodings, preferred first on a tie: GB18030 (a superset of GBK and GB2312),
# then the Big5 family from the narrowest: Big5, Microsoft's cp950 (Big5 with the ETEN
# additions, e.g. 碁 銹 裏 and €) and Big5-HKSCS (Hong Kong characters such as 嘅 啲 咗).
LEGACY_ENCODINGS = ("gb18030", "big5", "cp950", "big5hkscs")

# Control characters that are never text: C0 except tab, LF, CR and form feed; DEL; C1.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {0x00: "NUL", 0x1A: "SUB (^Z)", 0x1B: "ESC", 0x7F: "DEL"}
# Characters that show nothing: white space (ideographic space, NBSP included), zero-width
# spaces and joiners, word joiner, BOM, soft hyphen.
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2060-\u2064\ufeff\u00ad]+")


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _checked_text(text: str, source_file: str) -> str:
    """The decoded text, once it holds no control characters and something visible (else InputError)."""
    control = _CONTROL_CHARS.search(text)
    if control:
        code = ord(control.group())
        name = _CONTROL_NAMES.get(code, "a control character")
        raise InputError(
            source_file,
            f"contains U+{code:04X} ({name}) at {_line_column(text, control.start())}, which is not text",
            "remove the control characters (a copy from a terminal or a binary file?); they never reach the tables",
        )
    if not _INVISIBLE.sub("", text):
        raise InputError(source_file, "is empty: it holds only spaces, line ends or invisible characters (ideographic or zero-width spaces, NBSP)", "the download may have failed; fetch the text again or remove the file")
    return text


def _double_encoded(text: str) -> str:
    """The codec a UTF-8 text was wrongly read with and saved again (æ²³å\x8d\x97 for 河南), or ""."""
    if text.isascii() or _hanzi_count(_code_points(text)):
        return ""
    for codec in ("latin-1", "cp1252"):
        # each character back to the byte it came from (cp1252 leaves five bytes undefined: those as latin-1)
        data = bytes(_byte_of(ch, codec) for ch in text if ord(ch) < 0x100 or _byte_of(ch, codec) >= 0)
        again = data.decode("utf-8", errors="ignore")
        high_bytes = sum(byte >= 0x80 for byte in data)
        read_back = len(again.encode("utf-8")) - sum(ch.isascii() for ch in again)
        if _hanzi_count(_code_points(again)) >= 2 and read_back >= 0.8 * high_bytes:
            return codec
    return ""


def _byte_of(char: str, codec: str) -> int:
    """The byte `char` stands for in `codec` (latin-1 as a fallback below U+0100), or -1."""
    try:
        return char.encode(codec)[0]
    except UnicodeEncodeError:
        return ord(char) if ord(char) < 0x100 else -1


def _checked_plausible(text: str, source_file: str, encoding: str, chosen: bool = False) -> str:
    """InputError when the decoded text reads as mojibake rather than Chinese.

    `chosen`: the encoding was picked among candidates (GB18030, Big5 …), so a low share of
    common hanzi alone refuses it; a text in a Unicode encoding also needs suspect characters
    (kana, box drawing, private use, U+FFFD …), so that rare but real hanzi are never refused.
    """
    codec = _double_encoded(text)
    if codec:
        raise InputError(source_file, f"holds mojibake: UTF-8 text that was once read as {codec} and saved again (e.g. {text.strip()[:12]!r})", "fetch or re-save the original text as UTF-8")
    codes = _code_points(text)
    suspect = int(np.count_nonzero(_suspect_table()[codes]))
    if not chosen and suspect < SUSPECT_SHARE * max(1, _hanzi_count(codes) + suspect):
        return text  # a Unicode text without suspect characters: rare hanzi are still hanzi
    share, letters = _plausibility(text)
    if letters >= PLAUSIBLE_MIN_LETTERS and share < PLAUSIBLE_SHARE:
        raise InputError(
            source_file,
            f"does not read as Chinese as {encoding}: only {share:.0%} of its {letters} CJK-like characters are common hanzi (mojibake from a wrong encoding?)",
            "re-save it as UTF-8 text",
        )
    return text


def decode_bytes(raw: bytes, source_file: str) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding name).

    Accepts UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and the Big5 family
    (big5, cp950, big5hkscs: the narrowest that reads best is named). Raises InputError
    naming `source_file` for empty or invisible-only, binary, control characters (NUL,
    ESC …), undecodable, mixed-encoding or implausible (mojibake) input.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as error:
                raise InputError(source_file, f"starts with a {encoding} byte-order mark but is not valid {encoding} (byte {error.start})", "re-save the file as UTF-8") from None
            return _checked_plausible(_checked_text(text, source_file), source_file, encoding), encoding
    for magic, kind in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise InputError(source_file, f"is {kind}, not a text file", "convert it to plain text (.txt) first")
    if not raw.strip():
        raise InputError(source_file, "is empty", "the download may have failed; fetch the text again or remove the file")
    if _CONTROL_BYTES.search(raw[:65536]) and raw.count(b"\x00") > len(raw) // 8:
        raise InputError(source_file, "contains binary (control) bytes, not text", "convert it to plain text (.txt) first (UTF-16 needs a byte-order mark)")
    if _is_utf8(raw):
        text = _checked_plausible(raw.decode("utf-8"), source_file, "utf-8")
        return _checked_text(text, source_file), "utf-8"
    valid, total = _utf8_bytes(raw)
    if valid and valid >= MIXED_UTF8_SHARE * total:
        line = raw.count(b"\n", 0, _first_non_utf8(raw)) + 1
        raise InputError(source_file, f"mixes encodings: {valid} of its {total} non-ASCII bytes are UTF-8, the others are not (first at line {line})", "re-save the whole file in one encoding (UTF-8)")
    candidates = []
    for rank, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text)[0], -rank, encoding, text))
    if not candidates:
        raise InputError(source_file, "cannot be decoded as UTF-8, GB18030/GBK or Big5 (big5, cp950, big5hkscs)", "re-save it as UTF-8 text")
    _, _, encoding, text = max(candidates)
    text = _checked_text(text, source_file)
    return _checked_plausible(text, source_file, encoding, chosen=True), encoding


# ---------------------------------------------------------------- normalisation

# Variants OpenCC tw2s leaves alone but mainland texts write otherwise.
EXTRA_SIMPLIFICATIONS = str.maketrans({"堿": "碱", "磚": "砖", "綫": "线", "峯": "峰", "衞": "卫"})
# Full-width ASCII block: ０-９ Ａ-Ｚ ａ-ｚ → 0-9 A-Z a-z (punctuation kept as written).
FULLWIDTH_ALNUM = halfwidth_table(str.isalnum)
# Markup remnants copied from web pages: <p>, </p>, <br/>, <div class="x">
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,200})?/?>")
# What a page never shows, blanked with its content: <script …>…</script>, <style>…</style>, <!-- … -->
HIDDEN_MARKUP = re.compile(r"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->", re.S | re.I)
# A run of character references: &lt; &nbsp; &#20013;&#22269; &#x4e2d;
ENTITY_RUN = re.compile(r"(?:&(?:[A-Za-z][A-Za-z0-9]{1,7}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});)+")


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("tw2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC tw2s, never changing the length.

    tw2s works on phrases (著力 → 着力, but 著名 stays); when a phrase rule would
    change the length of a line, that line is converted one character at a time.
    """
    converted = _converter().convert(text).translate(EXTRA_SIMPLIFICATIONS)
    if len(converted) == len(text):
        return converted
    lines = text.split("\n")
    out = []
    for line in lines:
        new = _converter().convert(line).translate(EXTRA_SIMPLIFICATIONS)
        if len(new) != len(line):
            new = "".join(
                c if len(c) == 1 else ch
                for ch, c in ((ch, _converter().convert(ch).translate(EXTRA_SIMPLIFICATIONS)) for ch in line)
            )
        out.append(new)
    return "\n".join(out)


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
PINYIN_ANNOTATION = re.compile(r"(?<=[\u3400-\u9fff])[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,6})[)）]")
# One pinyin syllable once tone marks are dropped: an optional initial and a final (zhuang, ge, er, lü → lu).
_PINYIN_SYLLABLE = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ue|ui|a|o|e|i|u)"
)
#: Toneless syllables accepted as annotations (neutral-tone particles); any other needs a tone mark,
#: so a lowercase abbreviation after a character (平台(app), 智能(ai)) is never blanked.
NEUTRAL_TONE_SYLLABLES = frozenset({"de", "le", "me", "men", "ma", "ne", "ba", "zi", "zhe", "guo", "la", "ya", "wa"})


def _is_pinyin(letters: str) -> bool:
    """A single pinyin syllable: tone-marked, or one of the neutral-tone particles."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", letters) if not unicodedata.combining(ch))
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
    return PINYIN_ANNOTATION.sub(lambda m: " " * len(m.group()) if _is_pinyin(m.group(1)) else m.group(), text)


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
TRADITIONAL_SHARE = 0.05  # of the hanzi: above it a text is written in traditional characters
_FULLWIDTH_CHAR = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def _code_points(text: str) -> np.ndarray:
    """The code points of `text` as an array (one element per character)."""
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4")


def _hanzi_count(codes: np.ndarray) -> int:
    return int(np.count_nonzero((codes >= 0x4E00) & (codes <= 0x9FFF)))


@lru_cache(maxsize=1)
def _gb2312_table() -> np.ndarray:
    """Lookup table over all code points: True for the 6,763 GB2312 hanzi."""
    table = np.zeros(0x110000, dtype=bool)
    table[[ord(ch) for ch in _gb2312_hanzi(0xF8)]] = True
    return table


@lru_cache(maxsize=1)
def _non_gb_cjk() -> np.ndarray:
    """True for CJK ideographs (the only characters tw2s changes) that are not GB2312 hanzi."""
    table = np.zeros(0x110000, dtype=bool)
    for low, high in ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF)):
        table[low : high + 1] = True
    return table & ~_gb2312_table()


def detect_script(decoded: str, simplified: str) -> str:
    """`traditional` when over 5% of the hanzi are traditional-only forms, else `simplified`.

    A traditional-only form changes on simplification and is not itself a GB2312
    character (發 and 區 count; 著, which simplified texts also use, does not).
    """
    before, after = _code_points(decoded), _code_points(simplified)
    hanzi = _hanzi_count(before)
    if not hanzi:
        return "simplified"
    traditional = int(np.count_nonzero((before != after) & ~_gb2312_table()[before]))
    return "traditional" if traditional / hanzi > TRADITIONAL_SHARE else "simplified"


# ---------------------------------------------------------------- metadata

# A genre word at the end of a title, nearest the end wins: 关于印发…方案的通知 → notice.
DOC_TYPE_WORDS = (
    ("reply", ("答复", "复函", "回复", "的答复", "批复")),
    ("notice", ("通知", "通告", "公告")),
    ("opinion", ("意见", "指导意见")),
    ("report", ("通报", "报告", "公报", "总结", "汇报")),
    ("plan", ("方案", "规划", "计划", "纲要", "行动计划")),
    ("other", ("办法", "条例", "规定", "决定", "细则", "措施", "政策")),
)
_TITLE_GENRE = re.compile("|".join(sorted({w for _, words in DOC_TYPE_WORDS for w in words}, key=len, reverse=True)))
# Sentence-final punctuation: a line containing one is prose, not a title.
_SENTENCE_END = re.compile(r"[。!?！？;；]")
# An issuing body on a line of its own: 辽宁省发展和改革委员会, 某某市人民政府办公室, 省财政厅, 财政部;
# a decree header 山西省人民政府令 names its issuer too.
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff()（）、]{2,40}(委员会|人民政府|人民政府办公厅|办公厅|办公室|政府|厅|局|委|部|署|院|中心|小组)令?$")
# A 来源 or 发布机构 header field, alone or beside other fields on the line:
# 来源:青海省人民政府 / 发布时间：2022-01-18  来源：内蒙古自治区发展和改革委员会
_SOURCE_FIELD = re.compile(r"(?:^|\s)(?:来源|发布机构|发文机关|发文单位)\s*[:：]\s*(\S+)")
# Dates: 2022年5月15日, 2022-02-24, 2022/2/24, 2022.02.24, 2021年07月23日.
_ARABIC_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?(?!\d)")
# Chinese-numeral dates: 二〇二二年三月八日, 二○二一年十二月二十八日.
_HANZI_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
# A line that is only a date (with optional weekday/time): a header or signature date.
# (a clock time as 08:30 or 10时14分: 2023年06月12日 10时14分)
_DATE_LINE = re.compile(r"^\s*(?:发布时间|发布日期|日期|时间|成文日期)?\s*[:：]?\s*(?:[\d〇○零一二三四五六七八九十年月日时分秒\-/.\s:：]+)\s*$")


def parse_date(text: str) -> str:
    """First valid date in `text` as ISO YYYY-MM-DD, or "" (Arabic, full-width or Chinese numerals)."""
    found: list[tuple[int, date]] = []
    for match in _ARABIC_DATE.finditer(text):
        try:
            found.append((match.start(), date(int(match[1]), int(match[2]), int(match[3]))))
        except ValueError:
            continue
    for match in _HANZI_DATE.finditer(text):
        try:
            year, month, day = (chinese_number(match[i]) for i in (1, 2, 3))  # 二〇二二, 十二, 二十八
            found.append((match.start(), date(year, month, day)))
        except (KeyError, ValueError):
            continue
    return min(found)[1].isoformat() if found else ""


def is_date_line(line: str) -> bool:
    """A line holding only a date (and perhaps a time or a 发布时间: label)."""
    stripped = line.strip()
    return bool(stripped) and bool(_DATE_LINE.match(stripped)) and bool(parse_date(stripped))


# A numbered heading, never an issuer: 二、成立领导小组 / (三)省财政厅
_NUMBERED = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[、.．)）]")


def is_issuer_line(line: str) -> bool:
    """A line naming an issuing body alone (a signature or a letterhead)."""
    name = line.strip().replace(" ", "")
    return bool(_ISSUER_LINE.match(name)) and not _NUMBERED.match(name)


# A page header field holding a title, not a title line: 标题：… / 名称：… / 附件：…
_LABELLED_LINE = re.compile(r"^(?:标\s*题|名\s*称|文件名称|信息名称|原标题|附\s*件|主题分类|索引号|发文字号)\s*[:：]")


# A page's site lines, never a title: a site title of labels joined by _ (精品范文_最新公文_总结大全),
# a breadcrumb (当前位置: 首页>> 政务资讯>> 部门动态 / 首页 > 新闻中心 / 新闻中心 > 部门动态 > 正文)
_SITE_LINE = re.compile(
    r"^[^_＿。；;！？!?]{1,24}(?:[_＿][^_＿。；;！？!?]{1,24}){2,}$"  # three or more labels joined by _
    r"|^[^_＿。；;！？!?]{1,40}[_＿][^_＿。；;！？!?]{0,12}(?:网|网站|大全|在线阅读|频道|栏目|首页|文库)$"  # …_某某网
    r"|^(?:当前位置|您的位置|您当前的位置|您现在的位置|现在的位置|所在位置)\s*[:：]"  # a breadcrumb's label
    r"|^(?:网站首页|首页|主页)\s*(?:>>?|[＞»›/→]|-{1,2}>?)"  # 首页 / 新闻中心 / 正文
    r"|^[^。，,;；>＞»]{1,12}(?:\s*(?:[>＞»›]+|->|→)\s*[^。，,;；>＞»]{1,16}){1,6}\s*[>＞»]*$"  # 首页>> A>> B
)


def is_site_line(line: str) -> bool:
    """A site title of _-joined labels or a breadcrumb: page boilerplate, never a title or headline."""
    return bool(_SITE_LINE.match(line.strip()))


def is_title_line(line: str) -> bool:
    """A plausible document title: a genre word, no sentence punctuation, not too long, not a
    labelled header field (标题：… is the page's field; its value is read as the header's title),
    not a site title or breadcrumb (`is_site_line`)."""
    stripped = line.strip()
    return (
        4 <= len(stripped) <= 90
        and not _SENTENCE_END.search(stripped)
        and not stripped.endswith((":", "："))
        and "如下" not in stripped
        and bool(_TITLE_GENRE.search(stripped))
        and not re.match(r"^[(（]?[一二三四五六七八九十\d]+[、.)）]", stripped)
        and not _LABELLED_LINE.match(stripped)
        and not is_site_line(stripped)
    )


def clean_title(line: str) -> str:
    """Title as written, with inner runs of spaces removed (发展 "十四五" → 发展"十四五")."""
    return re.sub(r"\s+", "", line.strip())


def doc_type_from_title(title: str) -> str:
    """plan/opinion/notice/reply/report/other from the genre word nearest the end of the title."""
    matches = list(_TITLE_GENRE.finditer(title))
    if not matches:
        return ""
    word = matches[-1].group()
    for doc_type, words in DOC_TYPE_WORDS:
        if word in words:
            return doc_type
    return "other"


def province_in(text: str) -> str:
    """The province named first in `text` (full or short form), or ""."""
    for place in find_places(text):
        return place.province
    return ""


PLACES_MIN_MENTIONS = 3  # place mentions needed before they may decide a document's province
PLACES_MIN_SHARE = 0.6  # of those mentions in one province: a clear majority, not a plurality


def province_from_places(text: str) -> str:
    """The province at least 60% of ≥ 3 place mentions in `text` belong to, or "" (never a guess)."""
    counts: dict[str, int] = {}
    for place in find_places(text):
        counts[place.province] = counts.get(place.province, 0) + 1
    total = sum(counts.values())
    if total < PLACES_MIN_MENTIONS:
        return ""
    province, best = max(counts.items(), key=lambda item: item[1])
    return province if best >= PLACES_MIN_SHARE * total else ""


# A national body as issuer or at the head of a title: 国务院办公厅, 国家发展改革委, 财政部, 中共中央办公厅
_NATIONAL_BODY = re.compile(r"^(?:关于)?(?:国务院|中共中央|全国人大|中华人民共和国|国家[\u4e00-\u9fff]{1,12}(?:委员会|委|局|署|院)|[\u4e00-\u9fff]{1,10}部(?:办公厅)?(?=$|关于|等|印发))")


def is_national(issuer: str, title: str) -> bool:
    """True for a document issued by a national body (its province stays blank: it is not a province's)."""
    for name in (issuer, title):
        if name and _NATIONAL_BODY.match(name) and not province_in(name):
            return True
    return False


def doc_id_for(source_file: str) -> str:
    """Stable, readable, file-name-safe id from the file name: 000_1d2e.txt → 000_1d2e, 山西规划.txt → 山西规划.

    Letters (Chinese included), digits, _ and - are kept; a name with anything else
    (spaces, punctuation) has those replaced by - and gains a short hash of the full
    name, so two files never share an id.
    """
    stem = unicodedata.normalize("NFC", Path(source_file).stem)
    slug = re.sub(r"[^\w-]+", "-", stem).strip("-")
    if slug == stem and slug:
        return slug
    digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"doc-{digest}"


#: Metadata fields with a `{field}_source` column in documents.csv.
METADATA_FIELDS = (
    "province", "title", "issuer", "doc_type", "published",
    "posted", "doc_number", "issuer_level", "review_year",
)  # fmt: skip


@dataclass
class Document:
    """One input document: decoded and normalised text, and its metadata."""

    doc_id: str
    source_file: str
    sha256: str
    encoding: str
    script: str
    raw_text: str
    text: str
    province: str = ""
    title: str = ""
    issuer: str = ""
    doc_type: str = ""
    published: str = ""
    url: str = ""
    posted: str = ""  # a page's 发布日期 (ISO); `published` is the document's own date
    doc_number: str = ""  # 发文字号
    issuer_level: str = ""  # schema.ISSUER_LEVELS, from the issuer
    review_year: int | None = None  # a work report: the year its review part reports on
    sources: dict[str, str] = field(default_factory=dict)
    duplicate_of: str = ""
    warnings: list[str] = field(default_factory=list)
    format: str = "txt"  # txt, html, docx or pdf
    layout: TextLayer | None = None  # what an .html, .docx or .pdf file says of its structure (None for .txt)

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def text_sha256(self) -> str:
        """SHA-256 of the text layer as written to interim/{doc_id}.txt (UTF-8)."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


# 正文 starts after a news lead: 政策原文如下: / 全文如下: / 原文如下
LEAD_END = re.compile(r"(?:政策)?(?:原文|全文)如下\s*[:：]?\s*$")
# First top-level heading: 一、 or 第一章 / 第一部分.
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十\d]{1,3}[章部编])")


def infer_title(text: str) -> str:
    """The document's own title (`title_index`), a title broken over two lines joined; else
    the first title-like line of the first five."""
    lines = _lines(text)
    index = title_index(lines)
    if index is not None:
        return _joined_title(lines, index)
    return next((clean_title(line) for line in lines[:5] if is_title_line(line)), "")


def title_index(lines: list[str]) -> int | None:
    """Index of the document's title line: the last title-like line of the head (the lines before
    the first sentence), or the title right above the first top-level heading when a wrapper's
    prose precedes it; None if neither.

    A notice that wraps a plan (关于印发…的通知 …现将…印发给你们。 then the plan's title) yields the
    plan's title; a news lead before 原文如下 is skipped. Without a top-level heading, a title-like
    line after the first sentence (an annex name, a cut-off line) is never the title.
    """
    heading = next((i for i, line in enumerate(lines) if _TOP_HEADING.match(line)), None)
    first_heading = min(len(lines), 15) if heading is None else heading
    lead_end = next((i for i, line in enumerate(lines[:first_heading]) if LEAD_END.search(line)), -1)
    first_prose = next((i for i in range(lead_end + 1, first_heading) if _SENTENCE_END.search(lines[i])), first_heading)
    above_heading = range(max(first_prose, first_heading - WRAPPED_TITLE_LINES), first_heading) if heading is not None else ()
    candidates = [i for i in above_heading if is_title_line(lines[i])]
    candidates = candidates or [i for i in range(lead_end + 1, first_prose) if is_title_line(lines[i])]
    return candidates[-1] if candidates else None


WRAPPED_TITLE_LINES = 3  # lines above the first heading where a wrapped document's title stands


def _joined_title(lines: list[str], index: int) -> str:
    """The title at `index`, joined with the line above when the title was broken after 关于…."""
    title, above = lines[index], lines[index - 1] if index > 0 else ""
    if (
        above
        and "关于" in above
        and "关于" not in title
        and not is_title_line(above)
        and not _SENTENCE_END.search(above)
        and len(above) <= 40
    ):
        return clean_title(above + title)
    return clean_title(title)


def _issuer_name(line: str) -> str:
    """An issuer line as a name: spaces removed, a decree's 令 dropped (山西省人民政府令 → 山西省人民政府)."""
    return line.replace(" ", "").removesuffix("令")


def _issuer_run_ending_at(lines: list[str], last: int) -> list[str]:
    """The run of issuer lines ending at index `last` (a joint signature has several)."""
    first = last
    while first > 0 and is_issuer_line(lines[first - 1]):
        first -= 1
    return [_issuer_name(line) for line in lines[first : last + 1]]


def signature_issuers(text: str) -> list[str]:
    """The issuing bodies signing at the end, in text order.

    A signature is the run of issuer lines right above a date line (the last such run);
    without one, the last issuer lines before any 附件 line (an annex listing 省发展改革委 /
    省财政厅 names bodies that did not sign).
    """
    non_empty = [line for line in _lines(text) if line]
    tail = non_empty[-12:]
    for index in range(len(tail) - 1, 0, -1):
        if is_date_line(tail[index]) and is_issuer_line(tail[index - 1]):
            return _issuer_run_ending_at(tail, index - 1)
    annex = next((i for i, line in enumerate(tail) if line.startswith("附件")), len(tail))
    last = max((i for i, line in enumerate(tail[:annex]) if is_issuer_line(line)), default=None)
    return [] if last is None else _issuer_run_ending_at(tail, last)


def infer_issuer(text: str, letterhead: bool = True) -> str:
    """Issuing body: the signature (joint signatures joined with 、), else a 来源: field, else a letterhead line.

    The signature comes first because a web page's 来源 field often abbreviates (省发展改革委).
    `letterhead=False` for a news page, whose short lines above the headline are menus (新闻中心).
    """
    signed = signature_issuers(text)
    if signed:
        return "、".join(signed)
    lines = _lines(text)
    for line in lines[:20]:
        source = _SOURCE_FIELD.search(line)
        if source and is_issuer_line(source.group(1)):
            return _issuer_name(source.group(1))
    for line in [line for line in lines if line][:15] if letterhead else ():
        if _TOP_HEADING.match(line):
            break
        if is_issuer_line(line):
            return _issuer_name(line)
    return ""


def infer_published(text: str) -> tuple[str, str]:
    """(ISO date, where found): the signature date near the end, else a date in the header."""
    non_empty = [line for line in _lines(text) if line]
    tail = non_empty[-8:]
    for line in reversed(tail):
        if is_date_line(line):
            return parse_date(line), "signature"
    for line in non_empty[:12]:
        if _TOP_HEADING.match(line):
            break
        if is_date_line(line) or re.match(r"^(发布时间|发布日期|成文日期|日期)\s*[:：]", line):
            found = parse_date(line)
            if found:
                return found, "header"
    return "", ""


def infer_metadata(doc: Document) -> None:
    """Fill what the manifest left blank from the text; record where each value came from.

    The genre shapes (work report, news, a page's header block) come from `analysis.genre`;
    the title, signature and date rules below cover the rest.
    """
    from analysis import genre  # builds on this module's line and date rules

    text = reading_text(doc)
    lines = [line for line in _lines(text) if line]
    header = genre.header_fields(lines)
    page = header.fields if header.labels >= HEADER_BLOCK_MIN_LABELS else {}
    shape = "report" if genre.is_work_report(lines) else "news" if genre.is_news(lines) else ""
    if not doc.title:
        headline = genre.news_headline(lines) if shape == "news" else ""
        doc.title, source = (headline, "text") if headline else (infer_title(text), "text")
        if not doc.title and page.get("title"):
            doc.title, source = page["title"], "header"
        if not doc.title:  # the headline above a portal dateline (… 2023年06月12日 10时14分 来源：…)
            doc.title, source = genre.dated_headline(lines), "text"
        doc.sources["title"] = source if doc.title else ""
    if not doc.issuer:
        doc.issuer, doc.sources["issuer"] = _inferred_issuer(doc, lines, page, shape, genre)
    if not doc.doc_type:
        doc.doc_type = shape or doc_type_from_title(doc.title) or ("other" if doc.title else "")
        doc.sources["doc_type"] = ("text" if shape else "title") if doc.doc_type else ""
    if not doc.posted and header.fields.get("posted"):
        doc.posted, doc.sources["posted"] = header.fields["posted"], "header"
    if not doc.published:
        doc.published, doc.sources["published"] = _inferred_published(doc, lines, header.fields, shape, genre)
    if not doc.doc_number:
        number, source = header.fields.get("doc_number", ""), "header"
        if not number:
            number, source = genre.doc_number_line(lines), "text"
        doc.doc_number, doc.sources["doc_number"] = number, source if number else ""
    if not doc.province and is_national(doc.issuer, doc.title):
        doc.sources["province"] = ""
        doc.warnings.append(f"{doc.source_file}: issued by a national body; province left blank")
    elif not doc.province:
        for source, value in _province_guesses(doc, lines, genre):
            if value:
                doc.province, doc.sources["province"] = value, source
                break
        else:
            doc.sources["province"] = ""
    if not doc.issuer_level:
        doc.issuer_level = genre.issuer_level(doc.issuer)
        doc.sources["issuer_level"] = "issuer" if doc.issuer else ""
    if doc.review_year is None and doc.doc_type == "report":
        doc.review_year, doc.sources["review_year"] = genre.review_year(lines, doc.title, doc.published)


HEADER_BLOCK_MIN_LABELS = 3  # distinct labels (索引号, 发文机关, 成文日期 …) that make a page's header block


def _inferred_issuer(doc: Document, lines: list[str], page: dict[str, str], shape: str, genre) -> tuple[str, str]:
    """(issuer, source): the header block's 发文机关, a work report's government, a news outlet, the text's."""
    if page.get("issuer"):
        return page["issuer"], "header"
    if shape == "report":
        issuer = genre.work_report_issuer(lines, doc.title)
        if issuer:
            return issuer, "text"
    issuer = genre.news_outlet(lines) if shape == "news" else ""
    issuer = issuer or infer_issuer(reading_text(doc), letterhead=shape != "news")
    return issuer, "text" if issuer else ""


def _inferred_published(doc: Document, lines: list[str], fields: dict[str, str], shape: str, genre) -> tuple[str, str]:
    """(ISO date, source): 成文日期, a congress or news dateline, the signature, the page's posted date."""
    if fields.get("published"):
        return fields["published"], "header"
    if shape == "report":
        dated = genre.congress_date(lines)
        if dated:
            return dated, "header"
    if shape == "news":
        dated = genre.portal_date(lines) or genre.agency_date(lines, doc.posted)
        if dated:
            return dated, "header"
    published, source = infer_published(reading_text(doc))
    if published:
        return published, source
    dated = genre.portal_date(lines) or doc.posted  # a page's date when the document gives none
    return (dated, "header") if dated else ("", "")


def _province_guesses(doc: Document, lines: list[str], genre) -> Iterator[tuple[str, str]]:
    """(source, province) from the issuer, the title, the opening lines, then the places named in the text.

    A generator: the scan of the whole text for places runs only when the others find nothing.
    """
    yield "issuer", province_in(doc.issuer)
    yield "title", province_in(doc.title)
    yield "places", genre.opening_province(lines)
    yield "places", province_from_places(reading_text(doc))


# ---------------------------------------------------------------- manifest


def _manifest_error(row_no: int, problem: str) -> InputError:
    return InputError(f"{MANIFEST_NAME} row {row_no}", problem, "fix the manifest row or leave the cell blank")


def _simplified_cell(value: str) -> str:
    """A manifest cell in simplified characters when written in traditional ones (kept as written otherwise)."""
    simplified = to_simplified(value)
    return simplified if detect_script(value, simplified) == "traditional" else value


def read_manifest(raw_dir: Path, text_files: list[str]) -> dict[str, dict[str, str]]:
    """Manifest rows keyed by source_file (empty when there is no manifest).

    Errors name the row: unknown column, a file that is not in the folder, a bad
    date, an unknown province or doc_type.
    """
    path = raw_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    text, _ = decode_bytes(path.read_bytes(), MANIFEST_NAME)
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip() for name in reader.fieldnames or [] if name.strip()]  # Excel adds empty trailing cells
    unknown = [name for name in header if name not in MANIFEST_COLUMNS]
    if unknown:
        raise InputError(MANIFEST_NAME, f"unknown column(s) {', '.join(unknown)}", f"allowed columns: {', '.join(MANIFEST_COLUMNS)}")
    if "source_file" not in header:
        raise InputError(MANIFEST_NAME, "has no source_file column", f"columns: {', '.join(MANIFEST_COLUMNS)}")
    rows: dict[str, dict[str, str]] = {}
    for row_no, row in enumerate(reader, start=2):
        extra = [value for value in row.get(None) or [] if value.strip()]
        extra += [value for key, value in row.items() if key is not None and not key.strip() and (value or "").strip()]
        if extra:
            raise _manifest_error(row_no, f"has more cells than the header ({len(extra)} extra: {', '.join(extra)}); quote a cell that contains a comma")
        clean = {key.strip(): (value or "").strip() for key, value in row.items() if key is not None and key.strip()}
        for key in ("province", "title", "issuer"):  # 廣西, a traditional title → simplified, as the texts are
            if clean.get(key):
                clean[key] = _simplified_cell(clean[key])
        source = clean.get("source_file", "")
        if not source:
            raise _manifest_error(row_no, "has no source_file")
        if source not in text_files:
            raise _manifest_error(row_no, f"names {source}, which is not a document (.txt, .html, .docx, .pdf) in {raw_dir.name}/")
        if source in rows:
            raise _manifest_error(row_no, f"repeats {source}")
        if clean.get("published"):
            iso = parse_date(clean["published"])
            if not iso or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", clean["published"]):
                raise _manifest_error(row_no, f"published date {clean['published']!r} is not a valid YYYY-MM-DD date")
        if clean.get("province"):
            full = normalise_province(clean["province"])
            if not full:
                raise _manifest_error(row_no, f"province {clean['province']!r} is not a Chinese province-level name (e.g. 河南省)")
            clean["province"] = full
        if clean.get("doc_type") and clean["doc_type"] not in DOC_TYPES:
            raise _manifest_error(row_no, f"doc_type {clean['doc_type']!r} is not one of {', '.join(DOC_TYPES)}")
        rows[source] = clean
    return rows


# ---------------------------------------------------------------- corpus


@dataclass
class Corpus:
    """The documents of a raw folder, in file-name order, and what was noticed on the way."""

    documents: list[Document]
    warnings: list[str]
    skipped: list[str]


def read_document(path: Path, manifest_row: dict[str, str] | None = None, ocr: bool = False) -> Document:
    """Read, decode, normalise one file and infer its metadata (manifest values win)."""
    return document_from_bytes(path.name, path.read_bytes(), manifest_row, ocr=ocr)


def document_from_bytes(source_file: str, raw: bytes, manifest_row: dict[str, str] | None = None, ocr: bool = False) -> Document:
    """`read_document` on the bytes of a file called `source_file` (e.g. generated in memory)."""
    kind = format_of(Path(source_file)) or "txt"
    layout = None
    if kind == "txt":
        decoded, encoding = decode_bytes(raw, source_file)
    else:  # the text layer of a page, a Word file or a PDF: spans index it
        layout = read_text_layer(Path(source_file), raw, ocr=ocr)  # ocr: a scanned PDF is read by Tesseract
        decoded, encoding = layout.text, layout.encoding or LAYER_ENCODINGS[kind]
    normalised, script = normalise_text(decoded)
    row = manifest_row or {}
    doc = Document(
        doc_id=doc_id_for(source_file),
        source_file=source_file,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        script=script,
        raw_text=decoded,
        text=normalised,
        url=row.get("url", ""),
        format=kind,
        layout=layout,
    )
    for key in ("province", "title", "issuer", "doc_type", "published"):
        if row.get(key):
            setattr(doc, key, row[key])
            doc.sources[key] = "manifest"
    if layout is not None:  # the file's own metadata (header table, <meta>) before the text's
        apply_hints(doc, layout.meta)
    infer_metadata(doc)
    if layout is not None and apply_hints(doc, layout.fallback) and not doc.doc_type:
        doc.doc_type = doc_type_from_title(doc.title) or ("other" if doc.title else "")
        doc.sources["doc_type"] = "title" if doc.doc_type else ""
    return doc


def apply_hints(doc: Document, hints: dict[str, tuple[str, str]]) -> bool:
    """Fill blank metadata fields from a file's own (value, source) hints; True when any was filled.

    Values are normalised as the text is (traditional → simplified, full-width digits);
    hints for fields a document does not have (keywords) are left out.
    """
    filled = False
    for key, (value, source) in sorted(hints.items()):
        if not value or not isinstance(getattr(doc, key, None), str) or getattr(doc, key):
            continue
        setattr(doc, key, _simplified_cell(value).translate(FULLWIDTH_ALNUM))
        doc.sources[key] = source
        filled = True
    return filled


NAME_MAX_BYTES = 255  # longest file name (in UTF-8 bytes) common file systems allow


def checked_entries(raw_dir: Path) -> tuple[list[Path], list[str]]:
    """(entries of the raw folder to consider, sorted; names of hidden entries, skipped).

    A symbolic link is followed only when it resolves inside the raw folder; one pointing
    outside it (or nowhere) is refused (InputError), so no outside file is ever published.
    """
    root = raw_dir.resolve()
    entries, hidden = [], []
    for path in sorted(raw_dir.iterdir()):
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:  # bytes the file system gave that are not UTF-8 (surrogate escapes)
            raise InputError(ascii(path.name), "has a file name that is not valid UTF-8", "rename the file (e.g. with convmv) to a UTF-8 name") from None
        if path.name.startswith("."):
            hidden.append(path.name)
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.exists():
                raise InputError(path.name, f"is a symbolic link to {target}, which does not exist", "remove the link or copy the file into the folder")
            if root not in target.parents:
                raise InputError(path.name, f"is a symbolic link to {target}, outside {raw_dir.name}/", "copy the file into the folder instead of linking to it")
        entries.append(path)
    return entries, hidden


def _names_differ(name: str, other: str) -> str:
    """How two file names giving one doc_id differ, for the message: the code points of the
    differing part when they differ only in Unicode normalisation (they look identical), else ""."""
    if name == other or unicodedata.normalize("NFC", name) != unicodedata.normalize("NFC", other):
        return ""
    start = next((i for i, (a, b) in enumerate(zip(name, other, strict=False)) if a != b), 0)
    end = next((i for i, (a, b) in enumerate(zip(name[::-1], other[::-1], strict=False)) if a != b), 0)

    def points(text: str) -> str:
        return " ".join(f"U+{ord(ch):04X}" for ch in text[start : len(text) - end])
    return f" (the two names differ only in Unicode normalisation: {points(name)} in one, {points(other)} in the other)"


def read_corpus(raw_dir: Path, ocr: bool | None = None) -> Corpus:
    """Every document of `raw_dir` (.txt, .html/.htm, .docx, .pdf; sorted by file name), validated.

    `ocr` (default: the ANALYSIS_OCR environment variable, set by `run --ocr`) reads a
    scanned PDF with Tesseract instead of refusing it. Raises InputError on the first
    bad file or manifest row, .doc/.wps/.rtf before any file is read. Other files are
    listed as skipped; a second copy of the same content is a warning and is
    analysed once (the copy keeps a documents row marked duplicate_of).
    """
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise InputError(str(raw_dir), "is not a folder", "pass --raw with the folder holding the .txt files")
    entries, hidden = checked_entries(raw_dir)
    for path in entries:  # .doc, .wps, .rtf: refused with a hint before any file is read
        if path.is_file():
            refuse_unreadable(path)
    text_files = [p for p in entries if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES]
    skipped = [p.name for p in entries if p not in text_files and p.name != MANIFEST_NAME]
    if not text_files:
        raise InputError(str(raw_dir), "holds no documents (.txt, .html, .docx or .pdf)", "put the policy texts there")
    manifest = read_manifest(raw_dir, [p.name for p in text_files])
    documents: list[Document] = []
    warnings = [f"{name}: skipped (not a .txt, .html, .htm, .docx or .pdf file)" for name in skipped]
    warnings += [f"{name}: skipped (a hidden file: its name starts with a dot)" for name in hidden]
    by_hash: dict[str, Document] = {}
    ids: dict[str, str] = {}
    for path in text_files:
        interim_name = f"{doc_id_for(path.name)}.txt"  # interim/{doc_id}.txt must be a legal file name
        if len(interim_name.encode("utf-8")) > NAME_MAX_BYTES:
            raise InputError(path.name, f"is too long a name: its text would be saved as interim/{interim_name[:24]}…, {len(interim_name.encode('utf-8'))} bytes, over the {NAME_MAX_BYTES} bytes a file name may have", "shorten the file name (and its manifest row)")
        doc = read_document(path, manifest.get(path.name), ocr=ocr_requested() if ocr is None else ocr)
        if doc.doc_id in ids:
            raise InputError(path.name, f"gets the same doc_id {doc.doc_id!r} as {ids[doc.doc_id]}{_names_differ(path.name, ids[doc.doc_id])}", "rename one of the files")
        ids[doc.doc_id] = path.name
        first = by_hash.get(doc.sha256) or by_hash.get(_content_key(doc))
        if first is not None:
            doc.duplicate_of = first.doc_id
            message = f"{path.name}: same content as {first.source_file}; analysed once (as {first.doc_id})"
            doc.warnings.append(message)
            warnings.append(message)
        else:
            by_hash[doc.sha256] = doc
            by_hash[_content_key(doc)] = doc
        documents.append(doc)
    return Corpus(documents, warnings, skipped)


def _content_key(doc: Document) -> str:
    """Hash of the normalised text without whitespace: the same document saved in two encodings."""
    return "text:" + hashlib.sha256(re.sub(r"\s+", "", doc.text).encode("utf-8")).hexdigest()


def analysed(documents: list[Document]) -> list[Document]:
    """The documents analysed (second copies of the same content left out)."""
    return [doc for doc in documents if not doc.duplicate_of]
