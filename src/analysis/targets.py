"""Targets and funding: target statements and unique money figures, from clauses + figures.

- `build_targets(clauses, figures)`: targets.csv, one row per target statement —
  a body clause with a target year (到2025年, 2023年底前, 到“十四五”末, 计划在2021年...)
  or carrying a figure whose status is commitment. Quantified clauses give one row
  per committed figure; a clause with a target year but no committed figure gives
  one row with a blank figure_id and `quantified` false (Henan's 2025 goals).
- `build_funding(clauses, figures)`: funding.csv, one row per unique money figure
  (unit yuan, duplicates folded into `mentions`), with the source level and the
  funding instrument read from the words before the figure.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from analysis.figures.years import target_year_of
from analysis.schema import TABLES
from analysis.text import UP_TO_LAST_SEGMENT_MARK_RE, UP_TO_LAST_SENTENCE_MARK_RE

TARGET_COLUMNS = TABLES["targets"].columns
FUNDING_COLUMNS = TABLES["funding"].columns
# kinds of money that are on the table (source level and instrument are read for them;
# output money such as GDP or 产值 keeps them blank)
FUNDED_KINDS = frozenset({"funding", "investment"})

# source level of money, each a regex of the words that name it (the order is the
# tie-break order when two words end at the same place)
SOURCE_LEVEL_WORDS = {
    "central": r"中央|国家|财政部|国务院|国家发展改革委|国家发改委",
    "provincial": r"省级|省本级|省财政|省以上|我省|全省|省",
    "municipal": r"市本级|市级|市财政|市政府|我市|全市",
    "county/district": r"县级|区级|县本级|区本级|县财政|区财政|县区|我县|我区|全县|全区",
    "enterprise/social": r"企业|社会资本|社会资金|民间资本|自筹|金融机构",
}
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


def build_targets(clauses: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """targets.csv: one row per (target clause, committed figure), or one unquantified row.

    Statement = the clause text; target_year = the clause's own target year, else the
    figure's year; status = commitment; duplicate_of = the figure's (a restated target).
    """
    committed = _committed_figures(figures)
    rows = []
    body = (clauses["part"] == "body").to_numpy()  # only body clauses hold targets
    no_figures: list = []
    for clause_id, doc_id, text, start, end in zip(
        *_columns(clauses, "clause_id", "doc_id", "text", "start", "end", where=body), strict=True
    ):
        figures_here = committed.get(clause_id, no_figures)
        clause_year = target_year_of(text)
        if clause_year is None and not figures_here:
            continue
        statement = text.strip()
        if not figures_here:
            row = _target_row(clause_id, doc_id, clause_year, statement, None, start, end)
            rows.append(row)
        for figure_id, figure_year, duplicate_of in figures_here:
            year = clause_year if clause_year is not None else _int_or_none(figure_year)
            row = _target_row(clause_id, doc_id, year, statement, figure_id, start, end)
            row["duplicate_of"] = duplicate_of if isinstance(duplicate_of, str) else None
            rows.append(row)
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


def _committed_figures(figures: pd.DataFrame) -> dict[str, list[tuple[str, object, object]]]:
    """clause_id -> (figure_id, year, duplicate_of) of its figures whose status is commitment."""
    committed: dict[str, list[tuple[str, object, object]]] = {}
    if figures.empty:
        return committed
    commitment = (figures["status"] == "commitment").to_numpy()
    for figure_id, clause_id, year, duplicate_of in zip(
        *_columns(figures, "figure_id", "clause_id", "year", "duplicate_of", where=commitment),
        strict=True,
    ):
        committed.setdefault(clause_id, []).append((figure_id, year, duplicate_of))
    return committed


def _int_or_none(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _target_row(
    clause_id: str,
    doc_id: str,
    year: int | None,
    statement: str,
    figure_id: str | None,
    start: int,
    end: int,
) -> dict:
    suffix = figure_id.rsplit("-", 1)[-1] if figure_id else "t"
    return {
        "target_id": f"{clause_id}-{suffix}",
        "doc_id": doc_id,
        "clause_id": clause_id,
        "target_year": year,
        "statement": statement,
        "figure_id": figure_id,
        "quantified": figure_id is not None,
        "start": start,
        "end": end,
        "status": "commitment",
        "duplicate_of": None,
    }


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


def source_level(before: str) -> str:
    """Source level of money from the words of its sentence before it ('' when unknown).

    Order: a level word attached to a funding noun in the figure's comma segment, any
    level word in the segment, an attached level word in the sentence, any level word
    in the sentence; the nearest to the figure wins at each step. A level word that is
    the one obtaining the money (我省累计为南票争取…) is not its source."""
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
            level = SOURCE_LEVEL_RE.search(found[-1].group())
            return (level.lastgroup or "").replace("_", "/") if level else ""
    return ""


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
    """funding.csv: one row per unique money figure (unit yuan), duplicates counted in
    `mentions`; amount_yuan = value (low end of a range; amount_yuan_high = high end).
    Money that is not funding or investment (GDP, 产值) is kept with its `kind` and a
    blank source level and instrument; sum `kind in FUNDED_KINDS` for money on the table."""
    if figures.empty:
        return pd.DataFrame({c: [] for c in FUNDING_COLUMNS})
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
    for fig in money_rows:
        if _is_duplicate(fig["duplicate_of"]):
            continue
        clause_id = fig["clause_id"]
        text, clause_start = clause_text_start.get(clause_id, ("", 0))
        before = _window_before(text, fig["start"] - clause_start)
        funded = fig["kind"] in FUNDED_KINDS
        rows.append(
            {
                "figure_id": fig["figure_id"],
                "doc_id": fig["doc_id"],
                "amount_yuan": fig["value"],
                "status": fig["status"],
                "year": fig["year"],
                "period_start": fig["period_start"],
                "period_end": fig["period_end"],
                "source_level": source_level(before) if funded else "",
                "instrument": instrument(before) if funded else "",
                "mentions": 1 + mentions.get(fig["figure_id"], 0),
                "clause_id": clause_id,
                "surface": fig["surface"],
                "per_year": fig["per_year"],
                "amount_yuan_high": fig["value_high"],
                "kind": fig["kind"],
                "per_unit": fig["per_unit"],
            }
        )
    table = pd.DataFrame(rows, columns=FUNDING_COLUMNS)
    table["year"] = table["year"].astype("Int64")
    table["mentions"] = table["mentions"].astype("int64")
    table["per_unit"] = table["per_unit"].astype(bool)
    return table.sort_values(["doc_id", "figure_id"]).reset_index(drop=True)
