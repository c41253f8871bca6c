"""Word's automatic numbering as the text it shows: 一、 (一) 1. ① before a numbered paragraph.

A paragraph numbered by Word (its own `w:numPr`, or its style's) carries no number in its
text; the reader sees one, and a text copied from Word has it. The number is rebuilt from
`numbering.xml`: the level's format (decimal, chineseCounting, decimalEnclosedCircle …),
its text pattern (`%1、`, `（%1）`, `%1.%2`), its start, and counters that restart when a
coarser level moves on. Bullets are left out (they are not numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_DIGITS_CN = "零一二三四五六七八九"
_CAPITAL_CN = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = [chr(code) for code in range(0x2460, 0x2474)]  # ① … ⑳
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CLOSING = "、.．)）:："  # a number pattern ending in one of these is followed directly by the text


def chinese_counting(n: int, digits: str = _DIGITS_CN, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting, n < 10000)."""
    if n <= 0 or n >= 10000:
        return str(n)
    parts, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        digit, n = divmod(n, power)
        if digit:
            if zero:
                parts.append(digits[0])
                zero = False
            if not (power == 10 and digit == 1 and not parts):  # 十二, not 一十二
                parts.append(digits[digit])
            parts.append(unit)
        elif parts:
            zero = True
    return "".join(parts)


def _roman(n: int) -> str:
    numerals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, num_fmt: str) -> str:
    """A counter in a Word number format; "" for bullets and `none`."""
    if num_fmt in ("bullet", "none"):
        return ""
    if num_fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_counting(n)
    if num_fmt in ("chineseLegalSimplified",):
        return chinese_counting(n, _CAPITAL_CN, "拾佰仟")
    if num_fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(
        _CIRCLED
    ):
        return _CIRCLED[n - 1]
    if num_fmt == "ideographTraditional" and 1 <= n <= len(_TIANGAN):
        return _TIANGAN[n - 1]
    if num_fmt == "lowerLetter":
        return _letters(n)
    if num_fmt == "upperLetter":
        return _letters(n).upper()
    if num_fmt == "lowerRoman":
        return _roman(n).lower()
    if num_fmt == "upperRoman":
        return _roman(n)
    if num_fmt == "decimalZero":
        return f"{n:02d}"
    if num_fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    return str(n)  # decimal and anything unknown


@dataclass(frozen=True)
class Level:
    """One level of a list: its number format, text pattern (%1、) and first number."""

    num_fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """The lists of a Word file and the counters met so far while reading it in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId → ilvl → Level
    abstract_of: dict[str, str] = field(
        default_factory=dict
    )  # numId → abstractNumId (counters are shared)
    counters: dict[str, dict[int, int]] = field(
        default_factory=dict
    )  # abstractNumId → ilvl → last number

    def label(self, num_id: str, ilvl: int) -> str:
        """The number shown before the next paragraph of list `num_id` at level `ilvl` ("" if none)."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for finer in [level for level in counters if level > ilvl]:
            del counters[finer]
        text = levels[ilvl].text
        if levels[ilvl].num_fmt in ("bullet", "none"):
            return ""
        for level in range(
            ilvl, -1, -1
        ):  # %1 … %9: the counters of this level and the coarser ones
            value = counters.get(level, levels.get(level, Level()).start)
            text = text.replace(
                f"%{level + 1}", format_number(value, levels.get(level, Level()).num_fmt)
            )
        # Word puts a tab after the number; a pattern ending in punctuation (一、 (一) 1.) needs no space
        return text if not text or text[-1] in _CLOSING else text + " "


def _val(element, name: str) -> str | None:
    child = element.find(f"{_W}{name}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


def read_numbering(document) -> Numbering:
    """The lists defined in a python-docx Document's numbering part (empty when it has none)."""
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    abstract: dict[str, dict[int, Level]] = {}
    for definition in root.iter(f"{_W}abstractNum"):
        levels = {}
        for lvl in definition.iter(f"{_W}lvl"):
            start = _val(lvl, "start")
            levels[int(lvl.get(f"{_W}ilvl", "0"))] = Level(
                _val(lvl, "numFmt") or "decimal",
                _val(lvl, "lvlText") or "",
                int(start) if start and start.isdigit() else 1,
            )
        abstract[definition.get(f"{_W}abstractNumId")] = levels
    for num in root.iter(f"{_W}num"):
        num_id, abstract_id = num.get(f"{_W}numId"), _val(num, "abstractNumId")
        levels = dict(abstract.get(abstract_id, {}))
        for override in num.iter(f"{_W}lvlOverride"):
            ilvl = int(override.get(f"{_W}ilvl", "0"))
            start = _val(override, "startOverride")
            if start and start.isdigit() and ilvl in levels:
                level = levels[ilvl]
                levels[ilvl] = Level(level.num_fmt, level.text, int(start))
        numbering.levels[num_id] = levels
        numbering.abstract_of[num_id] = (
            f"{abstract_id}:{num_id}" if num.find(f"{_W}lvlOverride") is not None else abstract_id
        )
    return numbering


def paragraph_number(paragraph, numbering: Numbering) -> str:
    """The automatic number Word shows before `paragraph` ("" when it is not numbered)."""
    for p_pr in _numbering_sources(paragraph):
        num_pr = p_pr.find(f"{_W}numPr")
        if num_pr is None:
            continue
        num_id = _val(num_pr, "numId")
        ilvl = _val(num_pr, "ilvl")
        if num_id is None:
            continue
        return numbering.label(num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0)
    return ""


def _numbering_sources(paragraph):
    """The paragraph's own properties, then its style's and the styles it is based on."""
    own = paragraph._p.pPr
    if own is not None:
        yield own
    style = paragraph.style
    while style is not None:
        p_pr = style.element.find(f"{_W}pPr")
        if p_pr is not None:
            yield p_pr
        style = style.base_style
