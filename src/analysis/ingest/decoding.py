"""Decoding: a document's bytes → text, or a clear refusal.

UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK and the Big5 family; refused:
binary content, control characters, empty or invisible-only text, mixed encodings and
mojibake (a share of common hanzi too low, suspect characters, double-encoded UTF-8).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from analysis.errors import InputError
from analysis.ingest.script import _code_points, _gb2312_hanzi, _hanzi_count, to_simplified

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
SUSPECT_SHARE = (
    0.02  # of those, in a UTF-8 text: this many suspect characters make low plausibility mojibake
)


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
MIXED_UTF8_SHARE = (
    0.2  # of the non-ASCII bytes: this much UTF-8 in a file that is not UTF-8 = mixed
)


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
        raise InputError(
            source_file,
            "is empty: it holds only spaces, line ends or invisible characters "
            "(ideographic or zero-width spaces, NBSP)",
            "the download may have failed; fetch the text again or remove the file",
        )
    return text


def _double_encoded(text: str) -> str:
    """The codec a UTF-8 text was wrongly read with and saved again (æ²³å\x8d\x97 for 河南), or ""."""
    if text.isascii() or _hanzi_count(_code_points(text)):
        return ""
    for codec in ("latin-1", "cp1252"):
        # each character back to the byte it came from (cp1252 leaves five bytes undefined: those as latin-1)
        data = bytes(
            _byte_of(ch, codec) for ch in text if ord(ch) < 0x100 or _byte_of(ch, codec) >= 0
        )
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
        raise InputError(
            source_file,
            f"holds mojibake: UTF-8 text that was once read as {codec} and saved again (e.g. {text.strip()[:12]!r})",
            "fetch or re-save the original text as UTF-8",
        )
    codes = _code_points(text)
    suspect = int(np.count_nonzero(_suspect_table()[codes]))
    if not chosen and suspect < SUSPECT_SHARE * max(1, _hanzi_count(codes) + suspect):
        return text  # a Unicode text without suspect characters: rare hanzi are still hanzi
    share, letters = _plausibility(text)
    if letters >= PLAUSIBLE_MIN_LETTERS and share < PLAUSIBLE_SHARE:
        raise InputError(
            source_file,
            f"does not read as Chinese as {encoding}: only {share:.0%} of its {letters} "
            "CJK-like characters are common hanzi (mojibake from a wrong encoding?)",
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
                raise InputError(
                    source_file,
                    f"starts with a {encoding} byte-order mark but is not valid {encoding} (byte {error.start})",
                    "re-save the file as UTF-8",
                ) from None
            return _checked_plausible(
                _checked_text(text, source_file), source_file, encoding
            ), encoding
    for magic, kind in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            raise InputError(
                source_file, f"is {kind}, not a text file", "convert it to plain text (.txt) first"
            )
    if not raw.strip():
        raise InputError(
            source_file,
            "is empty",
            "the download may have failed; fetch the text again or remove the file",
        )
    if _CONTROL_BYTES.search(raw[:65536]) and raw.count(b"\x00") > len(raw) // 8:
        raise InputError(
            source_file,
            "contains binary (control) bytes, not text",
            "convert it to plain text (.txt) first (UTF-16 needs a byte-order mark)",
        )
    if _is_utf8(raw):
        text = _checked_plausible(raw.decode("utf-8"), source_file, "utf-8")
        return _checked_text(text, source_file), "utf-8"
    valid, total = _utf8_bytes(raw)
    if valid and valid >= MIXED_UTF8_SHARE * total:
        line = raw.count(b"\n", 0, _first_non_utf8(raw)) + 1
        raise InputError(
            source_file,
            f"mixes encodings: {valid} of its {total} non-ASCII bytes are UTF-8, "
            f"the others are not (first at line {line})",
            "re-save the whole file in one encoding (UTF-8)",
        )
    candidates = []
    for rank, encoding in enumerate(LEGACY_ENCODINGS):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text)[0], -rank, encoding, text))
    if not candidates:
        raise InputError(
            source_file,
            "cannot be decoded as UTF-8, GB18030/GBK or Big5 (big5, cp950, big5hkscs)",
            "re-save it as UTF-8 text",
        )
    _, _, encoding, text = max(candidates)
    text = _checked_text(text, source_file)
    return _checked_plausible(text, source_file, encoding, chosen=True), encoding
