"""Targets and funding: target statements and unique money figures, from clauses + figures.

- `build_targets(clauses, figures)`: targets.csv, one row per target statement (a
  body clause): a clause committing to a target year (到2025年, 2023年底前, 到“十四五”末,
  计划在2021年 …; 截至2021年底 is "as of", never a target year) with no achieved figure, or
  a clause carrying a committed figure that is not a restatement. `figure_ids` lists the
  clause's committed figures, `figure_id` the first; `quantified` false for a target year
  alone (Henan's 2025 goals); a clause restating an earlier commitment is left out.
- `build_funding(clauses, figures)`: funding.csv, one row per unique money figure
  (unit yuan, duplicates folded into `mentions`), with the source level(s) and the
  funding instrument read from the words before the figure, the period type, the scope,
  and `same_money_as` for probable same money written another way.
"""

from __future__ import annotations

import bisect
import re
from decimal import ROUND_HALF_UP, Decimal
from difflib import SequenceMatcher
from itertools import pairwise

import numpy as np
import pandas as pd

from analysis.figures.years import target_year_of
from analysis.schema import TABLES
from analysis.text import UP_TO_LAST_SEGMENT_MARK_RE, UP_TO_LAST_SENTENCE_MARK_RE, masked_titles

TARGET_COLUMNS = TABLES["targets"].columns
FUNDING_COLUMNS = TABLES["funding"].columns
# kinds of money that are on the table (source level and instrument are read for them;
# output money such as GDP or 产值 keeps them blank)
FUNDED_KINDS = frozenset({"funding", "investment"})

# source level of money, each a regex of the words that name it (the order is the
# tie-break order when two words end at the same place); `above_provincial` and
# `above_municipal` name several levels at once (省以上 = central and provincial money)
SOURCE_LEVEL_WORDS = {
    "above_provincial": r"省级以上|省以上",
    "above_municipal": r"市级以上|市以上",
    "central": r"中央|国家|财政部|国务院|国家发展改革委|国家发改委",
    "provincial": r"省级|省本级|省财政|我省|全省|省",
    "municipal": r"市本级|市级|市财政|市政府|我市|全市",
    "county/district": r"县级|区级|县本级|区本级|县财政|区财政|县区|我县|我区|全县|全区",
    "enterprise/social": r"企业|社会资本|社会资金|民间资本|自筹|金融机构",
}
# the levels a word group names (a group not listed names its own level)
COMBINED_LEVELS = {
    "above_provincial": ("central", "provincial"),
    "above_municipal": ("central", "provincial", "municipal"),
}
MIXED_LEVEL = "mixed"  # source_level when the words name several levels
LEVEL_SEPARATOR = ";"  # joins source_levels
# matches any source-level word (group name = level, with '/' spelled as '_')
SOURCE_LEVEL_RE = re.compile(
    "|".join(
        f"(?P<{level.replace('/', '_')}>{words})" for level, words in SOURCE_LEVEL_WORDS.items()
    )
)
# matches a source-level word attached to a funding noun: 中央预算内投资, 省补助资金,
# 国家资源枯竭城市转移支付 (at most 10 characters between, none of them a verb of
# obtaining or giving, so 我省累计为南票争取财力性转移支付 is not read as provincial money)
ATTACHED_SOURCE_RE = re.compile(
    rf"(?:{SOURCE_LEVEL_RE.pattern})[^,，;；。、为争取获得向对给设立安排支持通过]{{0,10}}?"
    r"(?:资金|转移支付|预算内|投资|补助|补贴|贷款|拨款|奖补|债券|基金)"
)
# matches, right after a level word, the words saying it obtained the money rather than
# gave it: 我省累计为南票争取…, 省有关单位争取…, 南票区获得…
OBTAINER_AFTER_RE = re.compile(r"[^,，;；。、]{0,8}?(?:争取|获得|向)")
# funding instruments as written, in priority order (the more specific first); the
# instrument of a figure is the highest-priority term in the words before it
INSTRUMENT_PATTERNS = [
    r"转移支付",
    r"中央预算内投资|预算内投资|预算内资金",
    r"专项债券|专项贷款|专项资金",
    r"贴息贷款|政策性贷款|贷款",
    r"扶贫(?:发展)?资金|脱贫攻坚资金|衔接资金",
    r"(?:补助|奖补|补贴|奖励|引导)资金",
    r"产业(?:投资)?基金|基金",
    r"债券",
    r"总投资|投资",
    r"补助|补贴|奖补",
    r"资金",
]
INSTRUMENT_RES = [re.compile(p) for p in INSTRUMENT_PATTERNS]
SENTENCE_MAX_CHARS = 200  # longest stretch of its sentence searched before a money figure


# matches 截至 / 截止 ("as of"): the year after it is the date of a result, not a
# deadline (截至2021年底,已累计获得… is an achievement); masked before reading target years
AS_OF_RE = re.compile(r"截[至止]")
FIGURE_ID_SEPARATOR = ";"


def commitment_year(text: str) -> int | None:
    """The target year a clause commits to (到2025年 → 2025), ignoring 截至/截止 years."""
    return target_year_of(AS_OF_RE.sub("截□", text) if "截" in text else text)


def build_targets(clauses: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """targets.csv: one row per target statement (body clause), commitments only.

    A body clause is a target statement when it carries a committed figure that is not a
    restatement (duplicate_of blank), or when it sets a target year (`commitment_year`) and
    none of its figures is an achievement. A clause whose committed figures are all
    restatements of earlier ones (the 2亿元 fund announced again) is left out.
    `figure_ids` lists the committed figures in text order, `figure_id` the first;
    target_year = the clause's target year, else the first committed figure's year.
    """
    committed, achieved, restated = _figures_by_clause(figures)
    rows = []
    body = (clauses["part"] == "body").to_numpy()  # only body clauses hold targets
    for clause_id, doc_id, text, start, end in zip(
        *_columns(clauses, "clause_id", "doc_id", "text", "start", "end", where=body), strict=True
    ):
        own = committed.get(clause_id, [])
        if not own and clause_id in restated:
            continue  # only restated commitments: the earlier statement is the target
        clause_year = commitment_year(text)
        if not own and (clause_year is None or clause_id in achieved):
            continue
        year = clause_year
        if year is None:
            year = next((_int_or_none(y) for _f, y in own if _int_or_none(y) is not None), None)
        figure_ids = [figure_id for figure_id, _year in own]
        rows.append(
            {
                "target_id": f"{clause_id}-t",
                "doc_id": doc_id,
                "clause_id": clause_id,
                "target_year": year,
                "statement": text.strip(),
                "figure_id": figure_ids[0] if figure_ids else None,
                "quantified": bool(figure_ids),
                "start": start,
                "end": end,
                "status": "commitment",
                "figure_ids": FIGURE_ID_SEPARATOR.join(figure_ids) if figure_ids else None,
            }
        )
    table = pd.DataFrame(rows, columns=TARGET_COLUMNS)
    table = table.sort_values(["doc_id", "start", "target_id"], kind="stable")
    table["target_year"] = table["target_year"].astype("Int64")
    table["quantified"] = table["quantified"].astype(bool)
    return table.reset_index(drop=True)


def _columns(frame: pd.DataFrame, *names: str, where: np.ndarray | None = None) -> list[list]:
    """Columns of `frame` as Python lists (iterating a list is many times faster than
    iterating a pandas column element by element); only the rows of the boolean array
    `where` when given (one column at a time: no filtered copy of the whole frame)."""
    if where is None:
        return [frame[name].tolist() for name in names]
    return [frame[name][where].tolist() for name in names]


def _figures_by_clause(
    figures: pd.DataFrame,
) -> tuple[dict[str, list[tuple[str, object]]], set[str], set[str]]:
    """(clause_id -> [(figure_id, year)] of its new committed figures in text order,
    clause_ids holding an achievement, clause_ids holding a restated commitment)."""
    committed: dict[str, list[tuple[str, object]]] = {}
    achieved: set[str] = set()
    restated: set[str] = set()
    if figures.empty:
        return committed, achieved, restated
    ordered = figures.sort_values(["doc_id", "start"], kind="stable")
    for figure_id, clause_id, year, status, duplicate_of in zip(
        *_columns(ordered, "figure_id", "clause_id", "year", "status", "duplicate_of"), strict=True
    ):
        if status == "achievement":
            achieved.add(clause_id)
        elif status == "commitment" and _is_duplicate(duplicate_of):
            restated.add(clause_id)
        elif status == "commitment":
            committed.setdefault(clause_id, []).append((figure_id, year))
    return committed, achieved, restated


def _int_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _is_duplicate(duplicate_of: object) -> bool:
    """True when a figure's `duplicate_of` names an earlier figure (blank: NaN, None or '')."""
    return isinstance(duplicate_of, str) and duplicate_of != ""


def _window_before(text: str, position: int) -> str:
    """The words before `position` in its sentence (at most SENTENCE_MAX_CHARS)."""
    window = text[max(0, position - SENTENCE_MAX_CHARS) : position]
    head = UP_TO_LAST_SENTENCE_MARK_RE.match(window)
    return window[head.end() :] if head else window


def _segment(window: str) -> str:
    """The last comma segment of `window`."""
    head = UP_TO_LAST_SEGMENT_MARK_RE.match(window)
    return window[head.end() :] if head else window


def _levels_in(words: str) -> tuple[str, ...]:
    """Every source level the level words of `words` name, in SOURCE_LEVELS order."""
    found: set[str] = set()
    for m in SOURCE_LEVEL_RE.finditer(words):
        group = m.lastgroup or ""
        found.update(COMBINED_LEVELS.get(group, (group.replace("_", "/"),)))
    return tuple(level for level in SOURCE_LEVEL_ORDER if level in found)


SOURCE_LEVEL_ORDER = tuple(level for level in SOURCE_LEVEL_WORDS if level not in COMBINED_LEVELS)


def source_level(before: str) -> str:
    """Source level of money from the words of its sentence before it ('' when unknown;
    `mixed` when they name several: 国家和省本级资金, 省以上). See `source_levels`."""
    levels = source_levels(before)
    if len(levels) > 1:
        return MIXED_LEVEL
    return levels[0] if levels else ""


def source_levels(before: str) -> tuple[str, ...]:
    """Every source level of money named by the words of its sentence before it.

    Order: a level word attached to a funding noun in the figure's comma segment, any
    level word in the segment, an attached level word in the sentence, any level word
    in the sentence; the nearest to the figure wins at each step, and all the level words
    of the winning words count (国家和省本级资金 → central, provincial). A level word that
    is the one obtaining the money (我省累计为南票争取…) is not its source."""
    segment = _segment(before)
    steps = [(segment, ATTACHED_SOURCE_RE), (segment, SOURCE_LEVEL_RE)]
    if segment != before:  # else the sentence steps would read the segment again
        steps += [(before, ATTACHED_SOURCE_RE), (before, SOURCE_LEVEL_RE)]
    for text, pattern in steps:
        found = [
            m
            for m in pattern.finditer(text)
            if pattern is ATTACHED_SOURCE_RE or not OBTAINER_AFTER_RE.match(text, m.end())
        ]
        if found:
            return _levels_in(found[-1].group())
    return ()


def instrument(before: str) -> str:
    """The funding instrument as written before a money figure (转移支付, 专项资金...),
    the most specific term of its comma segment, else of its sentence; '' when none."""
    segment = _segment(before)
    for text in (segment, before) if segment != before else (segment,):
        for pattern in INSTRUMENT_RES:
            last = None
            for last in pattern.finditer(text):  # noqa: B007 - keep the nearest (last) match
                pass
            if last is not None:
                return last.group()
    return ""


def build_funding(clauses: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """funding.csv: one row per unique money figure (unit yuan) of any kind, duplicates
    counted in `mentions`; amount_yuan = value (low end of a range; amount_yuan_high = high
    end). Money that is not funding or investment (GDP, 产值) is kept with its `kind` and a
    blank source level and instrument: sums never cross `kind` (analysis.summaries).
    `period_type` (`period_type_of`), `same_money_as` (`link_same_money`) and the figure's
    scope (figures.csv scope_place, scope_level; unknown when figures has none) are added."""
    if figures.empty:
        return pd.DataFrame({c: [] for c in FUNDING_COLUMNS})
    figures = figures.copy()
    for column, default in (("scope_place", ""), ("scope_level", "unknown")):
        if column not in figures.columns:
            figures[column] = default
    money = (figures["unit"] == "yuan").to_numpy()
    fields = (
        "figure_id",
        "doc_id",
        "clause_id",
        "start",
        "value",
        "value_high",
        "status",
        "year",
        "period_start",
        "period_end",
        "surface",
        "per_year",
        "kind",
        "duplicate_of",
        "per_unit",
        "scope_place",
        "scope_level",
    )
    money_rows = [
        dict(zip(fields, values, strict=True))
        for values in zip(*_columns(figures, *fields, where=money), strict=True)
    ]
    mentions: dict[str, int] = {}  # figure_id -> later mentions of the same money
    for fig in money_rows:
        if _is_duplicate(fig["duplicate_of"]):
            mentions[fig["duplicate_of"]] = mentions.get(fig["duplicate_of"], 0) + 1
    money_clauses = {fig["clause_id"] for fig in money_rows}
    holds_money = clauses["clause_id"].isin(money_clauses).to_numpy()
    clause_text_start = {  # clause_id -> (text, start) of the clauses holding money
        clause_id: (text, start)
        for clause_id, text, start in zip(
            *_columns(clauses, "clause_id", "text", "start", where=holds_money), strict=True
        )
    }
    rows = []
    previous_end: dict[str, int] = {}  # clause_id -> end of its last money figure so far
    for fig in sorted(money_rows, key=lambda f: (f["doc_id"], f["start"])):
        clause_id = fig["clause_id"]
        text, clause_start = clause_text_start.get(clause_id, ("", 0))
        position = fig["start"] - clause_start
        low = previous_end.get(clause_id, 0)
        previous_end[clause_id] = position + len(fig["surface"])
        if _is_duplicate(fig["duplicate_of"]):
            continue
        before = _window_before(text, position)
        funded = fig["kind"] in FUNDED_KINDS
        levels = source_levels(before) if funded else ()
        rows.append(
            {
                "figure_id": fig["figure_id"],
                "doc_id": fig["doc_id"],
                "amount_yuan": fig["value"],
                "status": fig["status"],
                "year": fig["year"],
                "period_start": fig["period_start"],
                "period_end": fig["period_end"],
                "source_level": (MIXED_LEVEL if len(levels) > 1 else levels[0]) if levels else "",
                "instrument": instrument(before) if funded else "",
                "mentions": 1 + mentions.get(fig["figure_id"], 0),
                "clause_id": clause_id,
                "surface": fig["surface"],
                "per_year": fig["per_year"],
                "amount_yuan_high": fig["value_high"],
                "kind": fig["kind"],
                "per_unit": fig["per_unit"],
                "source_levels": LEVEL_SEPARATOR.join(levels),
                "scope_place": fig["scope_place"],
                "scope_level": fig["scope_level"],
                "period_type": period_type_of(
                    fig["per_year"],
                    fig["year"],
                    fig["period_start"],
                    fig["period_end"],
                    _segment(before),
                ),
                "same_money_as": None,
                "part_of": None,
                "_purpose": masked_titles(text[max(low, position - len(before)) : position]),
            }
        )
    link_same_money(rows)
    link_parts(rows)
    for row in rows:
        row.pop("_purpose")
    table = pd.DataFrame(rows, columns=FUNDING_COLUMNS)
    table["year"] = table["year"].astype("Int64")
    table["mentions"] = table["mentions"].astype("int64")
    table["per_unit"] = table["per_unit"].astype(bool)
    return table.sort_values(["doc_id", "figure_id"]).reset_index(drop=True)


# matches words saying an amount adds up several years: 累计获得, 共计, 总计
CUMULATIVE_RE = re.compile(r"累计|共计|总计")
SINGLE_YEAR, MULTI_YEAR, PER_YEAR, UNKNOWN_PERIOD = (
    "single_year",
    "multi_year",
    "per_year",
    "unknown",
)


def period_type_of(
    per_year: object, year: object, period_start: object, period_end: object, segment: str
) -> str:
    """single_year, multi_year, per_year or unknown for a money figure.

    per_year (每年…) first; a period spanning several years (2009年-2020年) is multi_year, a
    period within one year single_year; 累计/共计/总计 in the figure's comma segment before it
    make the amount multi_year even when the years are not stated (2018年…,累计获得0.64亿元:
    since 2018); otherwise a year makes it single_year; else unknown."""
    if _truthy(per_year):
        return PER_YEAR
    if _filled(period_start) and _filled(period_end):
        return SINGLE_YEAR if str(period_start)[:4] == str(period_end)[:4] else MULTI_YEAR
    if CUMULATIVE_RE.search(segment):
        return MULTI_YEAR
    if _filled(year):
        return SINGLE_YEAR
    return UNKNOWN_PERIOD


def _truthy(value: object) -> bool:
    return bool(value) and not pd.isna(value)


def _filled(value: object) -> bool:
    return value is not None and not pd.isna(value) and str(value) != ""


# the number part of a money surface and its scale word: 0.64亿元 → 0.64, 亿; 6386万元 → 6386, 万
MONEY_SURFACE_RE = re.compile(
    r"(?P<number>[0-9]+(?:\.[0-9]+)?)(?P<scale>万亿|亿|千万|百万|万|千)?元?"
)
SCALES = {
    "": 1,
    "千": 10**3,
    "万": 10**4,
    "百万": 10**6,
    "千万": 10**7,
    "亿": 10**8,
    "万亿": 10**12,
}
SAME_MONEY_MIN_DIGITS = 2  # significant digits the rounder amount needs (2亿元 matches too much)
# matches what is not a purpose word: digits, spaces, punctuation
NOT_WORDS_RE = re.compile(r"[0-9\s,，;；。:：、()（）《》“”\"-]")
PURPOSE_MIN_CHARS = 6  # shared purpose words (独立工矿区改造搬迁) of two same-money figures


def precision_of(surface: str) -> tuple[Decimal, int] | None:
    """(precision in yuan, significant digits) of a money figure as written: 0.64亿元 →
    (1000000, 2), 6386万元 → (10000, 4), 4000万元 → (10000000, 1); None when the number
    is not written in Arabic digits."""
    m = MONEY_SURFACE_RE.search(surface)
    if m is None:
        return None
    number = m.group("number")
    scale = Decimal(SCALES[m.group("scale") or ""])
    digits = number.replace(".", "").lstrip("0")
    if "." in number:
        decimals = len(number.split(".")[1])
        return scale / Decimal(10) ** decimals, len(digits)
    trailing = len(digits) - len(digits.rstrip("0"))
    return scale * Decimal(10) ** trailing, len(digits) - trailing


def equal_at_precision(surface_a: str, amount_a: float, surface_b: str, amount_b: float) -> bool:
    """True when two money amounts agree at the precision of the rounder one, and that one
    has at least SAME_MONEY_MIN_DIGITS significant digits (0.64亿元 and 6386万元: both 0.64亿)."""
    a, b = precision_of(surface_a), precision_of(surface_b)
    if a is None or b is None:
        return False
    precision, digits = max(a, b)
    if digits < SAME_MONEY_MIN_DIGITS:
        return False
    rounded = [
        (Decimal(str(amount)) / precision).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        for amount in (amount_a, amount_b)
    ]
    return rounded[0] == rounded[1]


def _conflict(a: object, b: object) -> bool:
    """Both values known and different (a year or a period that cannot be the same money's)."""
    return _filled(a) and _filled(b) and str(a) != str(b)


def shared_purpose(purpose_a: str, purpose_b: str) -> str:
    """The longest run of words two figures' purpose texts share (digits, spaces and
    punctuation never match: they are replaced by a different filler in each text)."""
    a = NOT_WORDS_RE.sub("\x00", purpose_a)
    b = NOT_WORDS_RE.sub("\x01", purpose_b)
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a : match.a + match.size]


def link_same_money(rows: list[dict]) -> None:
    """Set `same_money_as` on rows (funding rows in text order, with `_purpose`: the words
    before each figure since the previous money figure of its sentence) that probably
    state the money of an earlier row of the same document another way: same kind, equal
    at the precision of the rounder amount (`equal_at_precision`), no conflicting year or
    period, and purpose words shared over PURPOSE_MIN_CHARS characters or more. Rates
    (per_unit) are never linked; a row links to the first match."""
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        if not _truthy(row["per_unit"]) and precision_of(row["surface"]) is not None:
            by_doc.setdefault(row["doc_id"], []).append(row)
    for doc_rows in by_doc.values():
        _link_within_document(doc_rows)


def _link_within_document(doc_rows: list[dict]) -> None:
    """`link_same_money` for one document's rows in text order, without comparing every pair.

    Two amounts equal at the precision p of the rounder one differ by less than p, so an
    earlier row written with precision p_e can only match a later amount within
    max(p_e, p_later) of it: earlier rows are kept per (kind, precision), sorted by amount,
    and only those in that window are tested, earliest first (the same first match as
    testing every earlier row in order)."""
    seen: dict[tuple[str, Decimal], list[tuple[float, int]]] = {}
    for j, later in enumerate(doc_rows):
        own_precision = precision_of(later["surface"])[0]
        amount = float(later["amount_yuan"])
        candidates: list[int] = []
        for (kind, precision), amounts in seen.items():
            if kind != later["kind"]:
                continue
            window = float(max(precision, own_precision)) * (1 + 1e-9)
            low = bisect.bisect_left(amounts, (amount - window, -1))
            high = bisect.bisect_right(amounts, (amount + window, len(doc_rows)))
            candidates.extend(index for _, index in amounts[low:high])
        for index in sorted(candidates):
            if _same_money(doc_rows[index], later):
                later["same_money_as"] = doc_rows[index]["figure_id"]
                break
        key = (later["kind"], own_precision)
        bisect.insort(seen.setdefault(key, []), (amount, j))


def _same_money(earlier: dict, later: dict) -> bool:
    """The test of `link_same_money` for two funding rows of one document."""
    return not (
        earlier["kind"] != later["kind"]
        or _is_duplicate(earlier["same_money_as"])
        or _conflict(earlier["year"], later["year"])
        or _conflict(earlier["period_start"], later["period_start"])
        or _conflict(earlier["period_end"], later["period_end"])
        or not equal_at_precision(
            earlier["surface"], earlier["amount_yuan"], later["surface"], later["amount_yuan"]
        )
        or len(shared_purpose(earlier["_purpose"], later["_purpose"])) < PURPOSE_MIN_CHARS
    )


PARTS_WINDOW = 12  # money figures after a total searched for its breakdown
# matches 其中 (of which): the money after it in the sentence is a part of the money before
OF_WHICH_RE = re.compile(r"其中")
# matches 其中 opening a sentence (其中, / 其中: / 其中 after spaces)
OF_WHICH_START_RE = re.compile(r"\s*其中")


def _close_to(total: dict, amount: float) -> bool:
    """True when `amount` equals the total's amount at the precision the total is written with."""
    precision = precision_of(total["surface"])
    tolerance = float(precision[0]) / 2 if precision else 0.5
    return abs(float(total["amount_yuan"]) - amount) <= tolerance


def link_parts(rows: list[dict]) -> None:
    """Set `part_of` on money rows that break down an earlier total of the same document,
    so that a total and its parts are never summed:

    - 其中 between two money figures of one clause (累计投入5亿元,其中中央资金2亿元), or
      opening the sentence of the next money figure: the later is a part of the earlier,
      and so are the figures listed right after it in its clause (其中:平顶山市1.2亿元、
      焦作市8600万元) while their sum stays within the total;
    - a run of consecutive money figures (within the PARTS_WINDOW figures after a total,
      each smaller than it) whose amounts add up to the total at its precision
      (获得资金2860万元 … 一、…1450万元 二、…830万元 三、…580万元).

    Rates (per_unit), per-year amounts and rows already linked (same_money_as) are left out."""
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        if not (
            _truthy(row["per_unit"])
            or _truthy(row["per_year"])
            or _is_duplicate(row["same_money_as"])
        ):
            by_doc.setdefault(row["doc_id"], []).append(row)
    for doc_rows in by_doc.values():
        _parts_after_of_which(doc_rows)
        _parts_adding_up(doc_rows)


def _parts_after_of_which(doc_rows: list[dict]) -> None:
    by_id = {row["figure_id"]: row for row in doc_rows}
    taken: dict[str, float] = {}  # total figure_id -> sum of its parts so far
    for previous, row in pairwise(doc_rows):
        if previous["clause_id"] != row["clause_id"]:
            # 其中 opening the sentence after the total's (…下达补助资金1.8亿元。…。其中,攀枝花市…)
            if OF_WHICH_START_RE.match(row["_purpose"]) and not previous["part_of"]:
                whole = previous
            else:
                continue
        elif OF_WHICH_RE.search(row["_purpose"]):
            whole = previous if not previous["part_of"] else by_id[previous["part_of"]]
        elif previous["part_of"]:
            whole = by_id[previous["part_of"]]  # the next item of the same list
        else:
            continue
        amount = float(row["amount_yuan"])
        total = float(whole["amount_yuan"])
        if amount < total and taken.get(whole["figure_id"], 0.0) + amount <= total + 0.5:
            row["part_of"] = whole["figure_id"]
            taken[whole["figure_id"]] = taken.get(whole["figure_id"], 0.0) + amount


def _parts_adding_up(doc_rows: list[dict]) -> None:
    for i, total in enumerate(doc_rows):
        if total["part_of"]:
            continue
        whole = float(total["amount_yuan"])
        window = doc_rows[i + 1 : i + 1 + PARTS_WINDOW]
        for first in range(len(window)):
            added = 0.0
            for last in range(first, len(window)):
                part = window[last]
                amount = float(part["amount_yuan"])
                if part["part_of"] or amount >= whole:
                    break
                added += amount
                if last > first and _close_to(total, added):
                    for member in window[first : last + 1]:
                        member["part_of"] = total["figure_id"]
                    break
                if added > whole:
                    break
            if window and window[first]["part_of"] == total["figure_id"]:
                break
