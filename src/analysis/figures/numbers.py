"""Numbers as written: Arabic digits (1,000  21.96  ４５００), Chinese numerals (五, 一百二十,
两千三百万, 〇) and scale words (万 亿 千万): the one place numerals are read.

- `chinese_number(numeral)`: exact integer value of a Chinese numeral; a string of digits
  only (二〇二一) reads positionally. Used by quantities, years, structure (heading
  numbers) and ingest (dates).
- `number_exact(surface)` / `parse_number(surface)`: value of a bare number with its scale
  words (0.73万 -> 7300, 21.96亿 -> 2196000000, 百分之三十 -> 30), exact or as a float.

Values are exact (`Exact`): an `int` when whole, a `fractions.Fraction` otherwise.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from analysis.text import halfwidth_table

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
CN_SMALL_SCALES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_SCALES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def chinese_number(numeral: str) -> int:
    """Exact value of a Chinese numeral: 十二 -> 12, 一百零五 -> 105, 两千三百万 -> 23000000,
    一亿五千万 -> 150000000, 〇 -> 0; digits only (二〇二一, 一二) read positionally.
    ValueError for any other character (or an empty string)."""
    if not numeral:
        raise ValueError("not a Chinese numeral: ''")
    if len(numeral) > 1 and all(ch in CN_DIGITS for ch in numeral):
        return int("".join(str(CN_DIGITS[ch]) for ch in numeral))
    total = 0  # part already multiplied by 亿
    high = 0  # part multiplied by 万, inside the current 亿 group
    section = 0  # part below 万
    digit = 0
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_SCALES:
            section += (digit or 1) * CN_SMALL_SCALES[ch]
            digit = 0
        elif ch in ("万", "萬"):
            high += ((section + digit) or 1) * 10**4
            section = digit = 0
        elif ch in ("亿", "億"):
            total = ((total + high + section + digit) or 1) * 10**8
            high = section = digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + high + section + digit


ALL_SCALES = {**CN_SMALL_SCALES, **CN_BIG_SCALES}
# matches a numeral made of scale words only that is still a number: 百万 千亿 十万 万亿
# (not 千家万户's 千, 万亩良田's 万, 百千万人才工程's 百千万, 亿万农民's 亿万)
SCALE_ONLY_NUMERAL_RE = re.compile(r"[十百千](?:万|亿|万亿)|万亿")
# characters that carry a digit value (a numeral made only of scale words, such as
# 万 in 万亩 or 千 in 千家万户, is not a number)
CN_VALUE_CHARS = frozenset(CN_DIGITS) | {"十", "拾"}

# full-width digits and number punctuation -> ASCII (０ -> 0, ． -> ., ， -> ,, ％ -> %, － -> -)
FULLWIDTH_TO_ASCII = halfwidth_table(lambda ch: ch.isdigit() or ch in ".,%-")

# matches: 1,000  21.96  0.73  ４５００  (Arabic part of a number, no scale word)
ARABIC_RE = re.compile(r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?")


@lru_cache(maxsize=256)
def scale_factor(scale_words: str) -> int:
    """Product of scale words (万 -> 10^4, 千万 -> 10^7, 亿 -> 10^8); 1 when empty."""
    factor = 1
    for ch in scale_words:
        factor *= ALL_SCALES[ch]
    return factor


Exact = int | Fraction  # an exact number: int when whole, Fraction otherwise


def exact_ratio(numerator: int, denominator: int) -> Exact:
    """numerator / denominator exactly: an int when it divides, else a Fraction."""
    quotient, remainder = divmod(numerator, denominator)
    return quotient if remainder == 0 else Fraction(numerator, denominator)


@lru_cache(maxsize=8192)
def number_exact(surface: str) -> Exact:
    """Exact value of a bare number: Arabic (with 万/亿...), Chinese, or 百分之X (-> X).
    Cached: the same number text recurs (2025, 一, 10); the value is immutable."""
    if surface.isdecimal():  # 2196, ４５００: a whole number in digits (int() reads both)
        return int(surface)
    text = surface.strip().translate(FULLWIDTH_TO_ASCII)
    if text.startswith("百分之"):
        text = text[3:]
    match = ARABIC_RE.match(text)
    if match:  # 21.96亿 = 2196 * 10^8 / 10^2
        whole, _, decimals = match.group().replace(",", "").partition(".")
        scale = scale_factor(text[match.end() :])
        return exact_ratio(int(whole + decimals) * scale, 10 ** len(decimals))
    if "点" in text:  # 零点五亿: integer part, decimal digits, then the scale words
        whole, decimals = text.split("点", 1)
        digits = decimals.rstrip("万亿萬億")
        decimal_digits = chinese_number(digits)  # digits only: read positionally (零五 -> 5)
        numerator = chinese_number(whole) * 10 ** len(digits) + decimal_digits
        scale = scale_factor(decimals[len(digits) :])
        return exact_ratio(numerator * scale, 10 ** len(digits))
    return chinese_number(text)


def parse_number(surface: str) -> float:
    """Value of a bare number (0.73万 -> 7300, 21.96亿 -> 2196000000, 百分之三十 -> 30)."""
    return float(number_exact(surface))


def big_scale_suffix(number_text: str) -> str:
    """The scale words ending a number as written, kept in unit_raw: everything after the
    digits of an Arabic number (0.73万 -> 万, 3千万 -> 千万), the trailing 万/亿 of a Chinese
    numeral (两千三百万 -> 万); '' for a plain number."""
    arabic = ARABIC_RE.match(number_text)
    if arabic:
        return number_text[arabic.end() :]
    end = len(number_text)
    start = end
    while start > 0 and number_text[start - 1] in CN_BIG_SCALES:
        start -= 1
    if start == 0:  # the numeral is only scale words (万亿): keep it as the number
        return ""
    return number_text[start:end]


# characters an ARABIC_RE match starts with (ASCII and full-width digits)
ARABIC_FIRST_CHARS = frozenset("0123456789０１２３４５６７８９")


def is_chinese_numeral(number_text: str) -> bool:
    """True when the number is written in Chinese characters only (ARABIC_RE takes
    full-width digits too): ARABIC_RE matches exactly when the first character is a digit."""
    return not number_text or number_text[0] not in ARABIC_FIRST_CHARS


def chinese_numeral_ok(number_text: str) -> bool:
    """A Chinese numeral that reads as one number: it carries a digit (一..九, 十) but is
    not two bare digits (两三个, 三五家: vague), or it is a scale pair (百万, 千亿, 万亿)."""
    if any(ch in CN_VALUE_CHARS for ch in number_text):
        if len(number_text) == 2 and all(ch in CN_DIGITS for ch in number_text):
            return "〇" in number_text or "零" in number_text
        return True
    return bool(SCALE_ONLY_NUMERAL_RE.fullmatch(number_text))
