"""Units: the one table of unit words (raw unit → canonical unit, exact factor, kind).

Changing a conversion is one line of `UNIT_TABLE` (亩 → hectare at 1/15). `UNITS` maps
each raw word to its `Unit`; `UNIT_ALTERNATION` is the regex alternation of the words
(longest first) that quantities matches after a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from analysis.figures.numbers import Exact

# measure words of counts (unit_raw keeps the word). Left out on purpose:
# 类 (其他三类), 位 (三位一体), 篇 (三篇大文章), 部 (五部门), 期, 届, 级, 大, 步, 年, 月, 日.
COUNT_WORDS = (
    "个 家 座 所 户 人 名 套 条 项 处 台 辆 批 栋 间 只 头 张 支 块 艘 架 宗 件 次".split()
    + "对 双".split()  # pairs: 19对 (mine pairs, couples), 26亿双 (socks, shoes)
)
# administrative units counted (支持4市, 覆盖3县, 12个县(市、区), 5县区): counts, unit_raw
# keeps the word; a place name (十堰市) or a compound (市场, 县域, 区域) is filtered by
# quantities (ADMIN_UNIT_NOT_AFTER)
ADMIN_UNIT_WORDS = (
    "市 县 区 镇 乡 村 县区 县市区 乡镇 县(市、区) 县（市、区） 县(市,区) 市(县、区) 市（县、区）"
    " 市(州) 市（州） 市州"
).split()
# compound units kept as written, value unconverted (unit other): a concentration or a
# flow per unit (36微克/立方米, 0.5毫克/升); the contract has no canonical unit for them
COMPOUND_UNIT_WORDS = (
    "微克/立方米 毫克/立方米 微克/升 毫克/升 毫克/千克 克/立方米 立方米/秒 立方米/日"
    " 微克／立方米 毫克／立方米 毫克／升 μg/m³ μg/m3 mg/m³ mg/m3 mg/L"
).split()

# raw unit word → (canonical unit, exact factor to it, default kind)
UNIT_TABLE: dict[str, tuple[str, Exact, str]] = {
    "元": ("yuan", 1, "money"),
    "美元": ("other", 1, "money"),
    "亩": ("hectare", Fraction(1, 15), "area"),
    "公顷": ("hectare", 1, "area"),
    "平方米": ("hectare", Fraction(1, 10_000), "area"),
    "平方公里": ("km2", 1, "area"),
    "平方千米": ("km2", 1, "area"),
    "公里": ("km", 1, "other"),
    "千米": ("km", 1, "other"),
    "米": ("km", Fraction(1, 1000), "other"),
    "千瓦": ("kW", 1, "capacity"),
    "兆瓦": ("kW", 1000, "capacity"),
    "吉瓦": ("kW", 1_000_000, "capacity"),
    "千瓦时": ("kWh", 1, "energy"),
    "度": ("kWh", 1, "energy"),  # only next to 电 (see quantities)
    "吨标准煤": ("tonne", 1, "mass"),
    "吨": ("tonne", 1, "mass"),
    "公斤": ("tonne", Fraction(1, 1000), "mass"),
    "千克": ("tonne", Fraction(1, 1000), "mass"),
    "立方米": ("other", 1, "other"),
    "%": ("percent", 1, "share"),
    "％": ("percent", 1, "share"),
    # a difference of two percentages (提高2.3个百分点) is not a percentage of anything
    "个百分点": ("percentage_point", 1, "share"),
    "百分点": ("percentage_point", 1, "share"),
    "人次": ("count", 1, "count"),
    **{word: ("count", 1, "count") for word in COUNT_WORDS},
    **{word: ("count", 1, "count") for word in ADMIN_UNIT_WORDS},
    **{word: ("other", 1, "other") for word in COMPOUND_UNIT_WORDS},
}


@dataclass(frozen=True)
class Unit:
    """A unit word: its canonical unit, the exact factor to that unit and the default kind."""

    word: str
    unit: str
    factor: Exact
    kind: str


UNITS = {word: Unit(word, unit, factor, kind) for word, (unit, factor, kind) in UNIT_TABLE.items()}
# matches any unit word, the longest first (千瓦时 before 千瓦, 个百分点 before 个)
UNIT_ALTERNATION = "|".join(re.escape(w) for w in sorted(UNITS, key=len, reverse=True))
