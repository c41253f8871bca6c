"""Direction of change of a figure: `increase`, `decrease` or blank.

下降14% is a fall of 14 %, not a share of 14 %: the cue word right before a figure
(DIRECTION_CUES; at most CUE_GAP_CHARS characters between, none of them a punctuation
mark: 下降了14%, 年均增长7%以上, 提高到60%, 降低至) gives its direction. Nouns built on a
cue word (增加值, 增长点, 增长率) are not cues: 工业增加值比重达到94.7% has no direction.
A figure listed right after another (分别增长18.6%、21.3%、25.7%: only 、 or 和 between
them) has the direction of the one before it. A figure with no cue next to it keeps a
blank direction (新增, 收窄, 高于 are not cues).
"""

from __future__ import annotations

import re

import pandas as pd

INCREASE = "increase"
DECREASE = "decrease"
# cue words as data: direction -> words (the longer forms first where one holds another)
DIRECTION_CUES: dict[str, tuple[str, ...]] = {
    INCREASE: (
        "提高到",
        "提高至",
        "提高",
        "增长到",
        "增长",
        "增加到",
        "增加",
        "提升到",
        "提升至",
        "提升",
        "上升",
    ),
    DECREASE: (
        "下降到",
        "下降",
        "减少到",
        "减少",
        "降低到",
        "降低至",
        "降低",
        "降至",
        "压减",
        "削减",
        "缩减",
    ),
}
# nouns holding a cue word: matched first so that they are not read as cues
NOT_CUES = ("增加值", "增长点", "增长率", "增长极", "增长速度")
CUE_GAP_CHARS = 4  # most characters between the cue and the figure (了, 约, 年均, 到, 为)
# matches a cue word or a noun holding one (group `increase` / `decrease` / `noun`)
CUE_RE = re.compile(
    f"(?P<noun>{'|'.join(NOT_CUES)})"
    + "".join(f"|(?P<{d}>{'|'.join(words)})" for d, words in DIRECTION_CUES.items())
)
# matches the gap between two figures of one list (、 和 及 与, spaces)
LIST_GAP_RE = re.compile(r"\s*[、和及与]\s*")
# matches a punctuation mark or line break: a cue across one is not the figure's
PUNCTUATION_RE = re.compile(r"[,，;；。:：、!！?？()（）\n]")


def direction_before(before: str) -> str:
    """The direction a cue at the end of `before` (the text right before a figure) gives."""
    window = before[-(CUE_GAP_CHARS + max(len(w) for ws in DIRECTION_CUES.values() for w in ws)) :]
    last = None
    for last in CUE_RE.finditer(window):  # noqa: B007 - keep the nearest (last) cue
        pass
    if last is None or last.lastgroup == "noun":
        return ""
    gap = window[last.end() :]
    if len(gap) > CUE_GAP_CHARS or PUNCTUATION_RE.search(gap):
        return ""
    return last.lastgroup or ""


def add_direction(figures: pd.DataFrame, clauses: pd.DataFrame) -> pd.DataFrame:
    """`figures` with `direction` filled from the words before each figure in its clause (a copy)."""
    figures = figures.copy()
    if figures.empty:
        figures["direction"] = pd.Series(dtype=object)
        return figures
    needed = clauses[clauses["clause_id"].isin(set(figures["clause_id"]))]
    clause_text = dict(
        zip(needed["clause_id"], zip(needed["start"], needed["text"], strict=True), strict=True)
    )
    directions = []
    previous: tuple[str, int, str] = ("", -1, "")  # clause_id, end (in the clause), direction
    for clause_id, start, end in zip(
        figures["clause_id"], figures["start"], figures["end"], strict=True
    ):
        clause_start, text = clause_text.get(clause_id, (start, ""))
        low, high = int(start) - int(clause_start), int(end) - int(clause_start)
        direction = direction_before(text[:low])
        if not direction and previous[0] == clause_id and 0 <= previous[1] <= low:
            if LIST_GAP_RE.fullmatch(text[previous[1] : low]):
                direction = previous[2]
        directions.append(direction)
        previous = (clause_id, high, direction)
    figures["direction"] = directions
    return figures
