"""Text that is not the clause's own, and what must not split a keyword.

Spans of the codebook's `not_own_content` (cited titles, reply topics, agency and company
names) are blanked with BLANK before matching, keeping offsets; 部 and 办 end an agency name
only where they do not start a verb (AGENCY_SUFFIX_GUARDS). Pinyin annotations (发(fā)展)
and blank runs between two hanzi are squeezed out (`squeeze_annotations`), so they do not
split a keyword.
"""

from __future__ import annotations

import re

import numpy as np

# Replaces each character of a span that is not the text's own content (never in a keyword,
# and not a space, so squeeze_annotations never joins the words on either side of a blanked name).
BLANK = "\u25a1"


def agency_suffix(suffix: str) -> str:
    """An agency suffix as a regex; 部 and 办 only where they do not start a verb (部署, 办学)."""
    guard = AGENCY_SUFFIX_GUARDS.get(suffix, "")
    return re.escape(suffix) + (f"(?![{guard}])" if guard else "")


# Characters after 部 / 办 that make them part of a word, not an agency: 部署 部分; 办学 办理 办好 办事
AGENCY_SUFFIX_GUARDS = {"部": "署分位件", "办": "学理好事法成公"}


# Between two hanzi, what splits a word without being part of the text: a pinyin annotation
# 发(fā)展 / 资源（zīyuán）, or spaces left where one was blanked (发    展).
_ANNOTATION_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?:[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,24}[)）]|[ \t\u3000\u00a0]+)(?=[\u4e00-\u9fff])"
)


def squeeze_annotations(text: str) -> tuple[str, np.ndarray | None]:
    """`text` without pinyin annotations and blank runs between hanzi, and the offset in `text`
    of each remaining character (None when nothing was removed)."""
    spans = [m.span() for m in _ANNOTATION_RE.finditer(text)]
    if not spans:
        return text, None
    keep = np.ones(len(text), dtype=bool)
    for a, b in spans:
        keep[a:b] = False
    position = np.flatnonzero(keep)
    # the text between the removed spans (finditer's spans are disjoint and in order)
    ends = [0, *(b for _, b in spans)]
    starts = [a for a, _ in spans] + [len(text)]
    return "".join(text[e:s] for e, s in zip(ends, starts, strict=True)), position
