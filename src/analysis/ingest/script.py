"""Characters and scripts: code points, the GB2312 hanzi, traditional → simplified (OpenCC).

Simplification never changes a text's length (spans stay valid); a text counts as written
in traditional characters when over 5% of its hanzi are traditional-only forms.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import opencc


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


# Variants OpenCC tw2s leaves alone but mainland texts write otherwise.
EXTRA_SIMPLIFICATIONS = str.maketrans({"堿": "碱", "磚": "砖", "綫": "线", "峯": "峰", "衞": "卫"})


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
                for ch, c in (
                    (ch, _converter().convert(ch).translate(EXTRA_SIMPLIFICATIONS)) for ch in line
                )
            )
        out.append(new)
    return "\n".join(out)


TRADITIONAL_SHARE = 0.05  # of the hanzi: above it a text is written in traditional characters


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


def _simplified_cell(value: str) -> str:
    """A manifest cell in simplified characters when written in traditional ones (kept as written otherwise)."""
    simplified = to_simplified(value)
    return simplified if detect_script(value, simplified) == "traditional" else value
