"""Place names → province, from the administrative-division table bundled with cpca.

The gazetteer is cpca's `adcodes.csv` (3,500 divisions with 12-digit codes); the
first two digits of a code give the province. Only the data file is read: cpca's
own matcher is not used.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs

PROVINCE_LEVEL = "province"
PREFECTURE_LEVEL = "prefecture"
COUNTY_LEVEL = "county"

# Suffixes stripped to get the short form of a province: 内蒙古自治区 → 内蒙古.
_PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
# Suffixes stripped from prefectures and county-level cities: 平顶山市 → 平顶山, 锡林郭勒盟 → 锡林郭勒.
_PLAIN_SUFFIX = re.compile(r"(地区|盟|市)$")
# Autonomous prefectures and counties: 海西蒙古族藏族自治州 → 海西 + 州, 大通回族土族自治县 → 大通 + 县.
_AUTONOMOUS = re.compile(r"自治(州|县|旗)$")
# Ethnic groups named in autonomous divisions, longest first so 蒙古族 wins over 古族.
_ETHNIC_GROUPS = (
    "柯尔克孜族",
    "哈萨克族",
    "蒙古族",
    "朝鲜族",
    "布依族",
    "景颇族",
    "傈僳族",
    "哈尼族",
    "土家族",
    "达斡尔族",
    "鄂温克族",
    "鄂伦春族",
    "锡伯族",
    "撒拉族",
    "保安族",
    "东乡族",
    "裕固族",
    "纳西族",
    "普米族",
    "独龙族",
    "拉祜族",
    "佤族",
    "仡佬族",
    "毛南族",
    "仫佬族",
    "水族",
    "瑶族",
    "畲族",
    "黎族",
    "羌族",
    "彝族",
    "傣族",
    "白族",
    "苗族",
    "侗族",
    "壮族",
    "藏族",
    "回族",
    "土族",
    "各族",
)

# Short forms that are ordinary words in policy prose, never read as places:
# 人民安康幸福, 长治久安, 世界大同, 东方, 中山 (路), 白山黑水, 黄山 (风景).
# Also county-level cities whose short form is a common word: 合作, 安宁, 新民, 永安 …
SHORT_NAME_STOPLIST = frozenset(
    {
        "安康",
        "长治",
        "大同",
        "东方",
        "中山",
        "白山",
        "黄山",
        "三明",
        "白银",
        "金昌",
        "普洱",
        "吉安",
        "合作",
        "安宁",
        "新民",
        "安达",
        "大安",
        "永安",
        "长乐",
        "福安",
        "开平",
        "恩平",
        "和龙",
        "安国",
        "武安",
        "高平",
        "新乐",
        "兴化",
        "当阳",
        "宜都",
        "长寿",
        "龙口",
        "海城",
        "明光",
        "界首",
        "信宜",
    }
)
# County-level names that are generic words in policy prose: 矿区 (阳泉), 城区, 郊区, 新区,
# 新老城区 (洛阳市老城区), 新城区 (西安), 特别振兴区 (丹东市振兴区), 市中区 (济南 and others).
COUNTY_NAME_STOPLIST = frozenset(
    {
        "矿区",
        "城区",
        "郊区",
        "新区",
        "市辖区",
        "开发区",
        "高新区",
        "老城区",
        "新城区",
        "振兴区",
        "市中区",
    }
)


@dataclass(frozen=True)
class Division:
    """One administrative division of the gazetteer."""

    adcode: str
    name: str
    level: str
    province: str


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text; `start, end` are character offsets into that text."""

    start: int
    end: int
    surface: str
    name: str
    adcode: str
    level: str
    province: str


def _level_of(adcode: str) -> str:
    """Division level from a 12-digit code: PP0000… province, PPCC00… prefecture, else county."""
    if adcode[2:] == "0" * 10:
        return PROVINCE_LEVEL
    if adcode[4:] == "0" * 8:
        return PREFECTURE_LEVEL
    return COUNTY_LEVEL


def _cpca_dir() -> Path:
    """cpca's package folder, found without importing cpca (its import is slow and noisy)."""
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the cpca package (gazetteer data) is not installed; run `make setup`")
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    """All divisions of the gazetteer, in adcode order."""
    raw = (_cpca_dir() / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(raw)))
    provinces = {
        row["adcode"][:2]: row["name"] for row in rows if _level_of(row["adcode"]) == PROVINCE_LEVEL
    }
    result = [
        Division(row["adcode"], row["name"], _level_of(row["adcode"]), provinces[row["adcode"][:2]])
        for row in rows
        if row["adcode"][:2] in provinces
    ]
    return tuple(sorted(result, key=lambda d: d.adcode))


@lru_cache(maxsize=1)
def province_names() -> tuple[str, ...]:
    """The 34 provincial-level official names in simplified characters (河南省, 内蒙古自治区 …)."""
    return tuple(d.name for d in divisions() if d.level == PROVINCE_LEVEL)


def province_short_name(full_name: str) -> str:
    """河南省 → 河南, 内蒙古自治区 → 内蒙古, 北京市 → 北京."""
    return _PROVINCE_SUFFIX.sub("", full_name)


def _strip_ethnic(stem: str) -> str:
    """Remove trailing ethnic-group names: 海西蒙古族藏族 → 海西, 大通回族土族 → 大通."""
    changed = True
    while changed:
        changed = False
        for group in _ETHNIC_GROUPS:
            if stem.endswith(group) and len(stem) > len(group) + 1:
                stem = stem[: -len(group)]
                changed = True
    return stem


def _short_forms(name: str) -> list[str]:
    """Short written forms: 平顶山市 → 平顶山; 海西蒙古族藏族自治州 → 海西州, 海西; 大通回族土族自治县 → 大通县."""
    autonomous = _AUTONOMOUS.search(name)
    if autonomous:
        stem = _strip_ethnic(name[: autonomous.start()])
        return [stem + autonomous.group(1), stem]
    return [_PLAIN_SUFFIX.sub("", name)]


def _name_forms(division: Division) -> list[str]:
    """The written forms under which a division is recognised (full name first)."""
    name = division.name
    if division.level == PROVINCE_LEVEL:
        return [name, province_short_name(name)]
    if name in COUNTY_NAME_STOPLIST or len(name) < 3:
        return []
    forms = [name]
    shorts = _short_forms(name)
    if division.level == COUNTY_LEVEL and not _AUTONOMOUS.search(name) and not name.endswith("市"):
        shorts = []  # 宝丰县 stays whole: bare 宝丰 or 城关 are too ambiguous
    for short in shorts:
        if short != name and len(short) >= 2 and short not in SHORT_NAME_STOPLIST:
            forms.append(short)
    if division.level == COUNTY_LEVEL and _AUTONOMOUS.search(name):
        forms = forms[:2]  # 大通县 but not bare 大通
    return forms


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[
    ahocorasick_rs.AhoCorasick, tuple[str, ...], dict[str, tuple[Division, ...]]
]:
    """One automaton over every written form, and the divisions each form may mean."""
    by_form: dict[str, list[Division]] = {}
    for division in divisions():
        for form in _name_forms(division):
            by_form.setdefault(form, []).append(division)
    forms = tuple(sorted(by_form))
    automaton = ahocorasick_rs.AhoCorasick(
        forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    return automaton, forms, {form: tuple(divs) for form, divs in by_form.items()}


def _resolve(candidates: tuple[Division, ...], province_hint: str) -> Division | None:
    """Pick the division a form means: the only one, the hinted province's, or the highest level."""
    if len(candidates) == 1:
        return candidates[0]
    hinted = [d for d in candidates if d.province == province_hint]
    if hinted:
        return hinted[0]
    levels = [PROVINCE_LEVEL, PREFECTURE_LEVEL, COUNTY_LEVEL]
    top_level = min(levels.index(d.level) for d in candidates)
    top = [d for d in candidates if levels.index(d.level) == top_level]
    if len({d.province for d in top}) == 1:
        return top[0]
    return None


def find_places(text: str, province_hint: str = "") -> list[PlaceMention]:
    """Every place named in `text`, resolved to its province (offsets in characters).

    A name shared by divisions of several provinces (大通区/大通县, 鼓楼区) resolves
    only when `province_hint` picks exactly one of them; otherwise it is left out.
    """
    automaton, forms, by_form = _gazetteer()
    mentions = []
    for form_index, start, end in automaton.find_matches_as_indexes(text):
        form = forms[form_index]
        division = _resolve(by_form[form], province_hint)
        if division is None:
            continue
        mentions.append(
            PlaceMention(
                start, end, form, division.name, division.adcode, division.level, division.province
            )
        )
    return mentions


def normalise_province(name: str) -> str:
    """A province written in any form (河南, 河南省, 内蒙古) → its official full name, or ""."""
    name = name.strip()
    for full in province_names():
        if name in (full, province_short_name(full)):
            return full
    return ""


# Pinyin of the provincial-level names, for file names (reports/04_province_profile_henan.html).
PROVINCE_PINYIN = {
    "北京市": "beijing",
    "天津市": "tianjin",
    "河北省": "hebei",
    "山西省": "shanxi",
    "内蒙古自治区": "neimenggu",
    "辽宁省": "liaoning",
    "吉林省": "jilin",
    "黑龙江省": "heilongjiang",
    "上海市": "shanghai",
    "江苏省": "jiangsu",
    "浙江省": "zhejiang",
    "安徽省": "anhui",
    "福建省": "fujian",
    "江西省": "jiangxi",
    "山东省": "shandong",
    "河南省": "henan",
    "湖北省": "hubei",
    "湖南省": "hunan",
    "广东省": "guangdong",
    "广西壮族自治区": "guangxi",
    "海南省": "hainan",
    "重庆市": "chongqing",
    "四川省": "sichuan",
    "贵州省": "guizhou",
    "云南省": "yunnan",
    "西藏自治区": "xizang",
    "陕西省": "shaanxi",
    "甘肃省": "gansu",
    "青海省": "qinghai",
    "宁夏回族自治区": "ningxia",
    "新疆维吾尔自治区": "xinjiang",
    "台湾省": "taiwan",
    "香港特别行政区": "xianggang",
    "澳门特别行政区": "aomen",
}
