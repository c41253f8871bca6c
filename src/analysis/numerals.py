"""Chinese numerals and years: the one place they are read.

- `chinese_number(numeral)`: exact integer value of a Chinese numeral (五, 一百二十,
  两千三百万, 一亿五千万, 〇); a string of digits only (二〇二一) reads positionally.
  Used by figures (quantities), structure (heading numbers) and ingest (dates).
- `YEAR_NUMBER`: regex fragment of a year written in Arabic (2025) or Chinese digits
  (二〇二五, 二○二五, 二零二五, 一九九八); `read_year` gives its value.
- `five_year_plan(digit)`: the years of the 十X五 plan (十四五 -> 2021-2025).
  Used by figures (year_mentions) and targets (target_year_of).
"""

from __future__ import annotations

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
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


# regex fragment (no groups) matching a year 1900-2099 in Arabic digits (2025; \d also takes
# full-width digits) or Chinese digits (二〇二五, 二○二五, 二零二五, 一九九八)
YEAR_NUMBER = r"(?:(?:19|20)\d{2}|(?:一九|二[〇○零])[〇○零一二三四五六七八九]{2})"
# characters every YEAR_NUMBER match holds: an ASCII digit, or 〇/○/零 (20xx) or 九 (19xx)
# (for cheap tests before a year regex: normalised text has ASCII digits only)
YEAR_NUMBER_HINT_CHARS = "0-9〇○零九"


def read_year(year_number: str) -> int:
    """Value of a YEAR_NUMBER match: 2025 -> 2025, 二〇二五 -> 2025."""
    return int(year_number) if year_number.isdecimal() else chinese_number(year_number)


FIRST_PLAN_NUMBER, LAST_PLAN_NUMBER = 6, 19  # 六五 (1981-1985) to 十九五 (2046-2050)


def five_year_plan(number: int) -> tuple[int, int]:
    """First and last year of the n-th five-year plan (十三五 = 13 -> 2016-2020)."""
    if not FIRST_PLAN_NUMBER <= number <= LAST_PLAN_NUMBER:
        raise ValueError(f"no five-year plan number {number}")
    first = 1951 + 5 * number  # 六五 1981, 十三五 2016, 十四五 2021
    return first, first + 4


def ten_plus_plan(digit: str) -> tuple[int, int]:
    """Years of the plan 十{digit}五 (the digit as written: 四 -> 十四五 -> 2021-2025)."""
    return five_year_plan(10 + CN_DIGITS[digit])
