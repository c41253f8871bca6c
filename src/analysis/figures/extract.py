"""The figures table: every quantity of the clauses, with its status, year and duplicates.

`extract_figures(clauses, published, doc_types)` wires the parts: quantities (finding
spans), status (`decide_status`), years (`dating_mention`) and duplicates
(`mark_duplicates`), reading each document one window of whole paragraphs at a time.

Values are exact until the last step, then rounded to `VALUE_DECIMALS` decimals, so
1 亩 = 1/15 hectare is applied exactly: an `int` on the common path (whole numbers,
21.96亿), a `fractions.Fraction` only when the value is not whole (1.5%, 806亩 in hectares).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.figures.duplicates import CONTEXT_AFTER_CHARS, mark_duplicates
from analysis.figures.frames import (
    ENUMERATION_START_RE,
    ParagraphFrame,
    ParagraphFrames,
    carried_frame,
    title_frame,
)
from analysis.figures.numbers import Exact
from analysis.figures.quantities import SEGMENT_MAX_CHARS, Quantity, find_quantities
from analysis.figures.status import (
    Placement,
    allocates_money,
    decide_status,
    framed_year,
    plan_part_opener,
)
from analysis.figures.years import (
    REPORT_TITLE_YEAR_RE,
    WHOLE_YEAR_RE,
    dating_mention,
    document_year,
    year_floor,
    year_mentions,
    year_role,
)
from analysis.schema import TABLES
from analysis.text import masked_titles, text_of

VALUE_DECIMALS = 6  # decimals kept in `value`/`value_high` after exact conversion
FIGURE_COLUMNS = TABLES["figures"].columns
# Parts of a document whose clauses can hold figures (boilerplate and the
# signature/date block cannot).
FIGURE_PARTS = frozenset({"body", "front_matter"})
# the title columns of a clause that frame its figures (status.Placement)
TITLE_COLUMNS = ("sub_title", "item_title", "section_title", "chapter_title")


def _rounded(value: Exact | None) -> float | None:
    return None if value is None else round(float(value), VALUE_DECIMALS)


def extract_figures(
    clauses: pd.DataFrame,
    published: Mapping[str, object],
    doc_types: Mapping[str, str],
    *,
    titles: Mapping[str, str] | None = None,
    review_years: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """Every quantity in the clauses (figures.csv rows, sorted by doc_id, start).

    `published` maps doc_id -> issue date (ISO string or year; documents.csv `published`,
    which ingest infers from the text when the manifest leaves it blank); a document it
    leaves out or leaves blank has no known year (relative years and past years are not
    read). `doc_types` maps doc_id -> doc_type (documents.csv). In the body of a plan,
    opinion or notice a figure no cue decides is a commitment, except under a background
    title (BACKGROUND_TITLE_RE: 一、发展基础). Offsets are into the normalised text;
    only clauses of part body or front_matter hold figures. `titles` (doc_id -> title)
    and the front matter say whether a document allocates money (status.allocates_money);
    `review_years` (doc_id -> the year a work report reviews, documents.csv `review_year`)
    dates a report's review and, when `published` is blank, gives its year (the next one);
    without either, the year after its latest 截至…年底 is its year (years.year_floor).

    Documents are read one paragraph (line) at a time: no cue, year or 《title》 crosses
    a line, and a long document never has its whole text copied.
    """
    if clauses.empty:
        return _figures_frame([])
    # one array per column, without a Python object per number (views where pandas allows)
    columns = {c: clauses[c].to_numpy() for c in _DocumentView.COLUMNS}
    columns["is_heading"] = (
        clauses["is_heading"].fillna(False).astype(bool).to_numpy()
        if "is_heading" in clauses.columns
        else np.zeros(len(clauses), dtype=bool)
    )
    rows: list[dict] = []
    for doc_id, positions in sorted(clauses.groupby("doc_id", sort=False).indices.items()):
        order = positions[np.argsort(columns["start"][positions], kind="stable")]
        doc = _DocumentView({c: values[order] for c, values in columns.items()})
        review_year = document_year((review_years or {}).get(doc_id))
        doc_year = document_year(published.get(doc_id))
        if doc_year is None and review_year is not None:
            doc_year = review_year + 1  # a report on 2023 is given in 2024
        if doc_year is None:  # no date: the earliest year its as-of dates allow
            doc_year = year_floor("\n".join(doc.cols["text"].tolist()))
        doc_type = doc_types.get(doc_id) or ""
        title = str((titles or {}).get(doc_id) or "")
        doc_rows = _figures_of_document(doc, doc_id, doc_year, doc_type, title, review_year)
        mark_duplicates(doc_rows)
        rows.extend(doc_rows)
    return _figures_frame(rows)


def _figures_frame(rows: list[dict]) -> pd.DataFrame:
    """The figures table from row dicts, with the contract's column order and types."""
    for row in rows:
        for private in ("_before", "_after", "_context"):
            row.pop(private, None)
    table = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    table["year"] = table["year"].astype("Int64")
    for column in ("start", "end"):
        table[column] = table[column].astype("int64")
    for column in ("value", "value_high"):
        table[column] = table[column].astype("float64")
    table["per_year"] = table["per_year"].astype(bool)
    table["per_unit"] = table["per_unit"].astype(bool)
    return table.reset_index(drop=True)


WINDOW_CHARS = 1 << 20  # text scanned at once: whole paragraphs, about this many characters


class _DocumentView:
    """The clauses of one document in text order (one array per column), read in windows
    of whole paragraphs (lines): no cue, year or 《title》 crosses a line, so a window is
    read as the whole text would be, without ever copying a long document whole."""

    COLUMNS = (
        "clause_id",
        "part",
        "paragraph_no",
        "sentence_no",
        "start",
        "end",
        "text",
        *TITLE_COLUMNS,
    )

    def __init__(self, cols: dict[str, np.ndarray]) -> None:
        self.cols = cols

    def windows(self) -> Iterator[tuple[int, int]]:
        """(first, stop) clause positions of runs of whole paragraphs of about WINDOW_CHARS."""
        paragraph, starts = self.cols["paragraph_no"], self.cols["start"]
        cuts = np.flatnonzero(paragraph[1:] != paragraph[:-1]) + 1  # first clause of a paragraph
        cut_starts = starts[cuts]
        first = 0
        while first < len(starts):
            i = int(np.searchsorted(cut_starts, starts[first] + WINDOW_CHARS))
            stop = int(cuts[i]) if i < len(cuts) else len(starts)
            yield first, stop
            first = stop

    def text_of(self, first: int, stop: int) -> tuple[int, str]:
        """Start offset and text of clauses first..stop-1 (gaps between them as spaces)."""
        return text_of(self.cols["start"][first:stop].tolist(), self.cols["text"][first:stop])


def _figures_of_document(
    doc: _DocumentView,
    doc_id: str,
    doc_year: int | None,
    doc_type: str = "",
    title: str = "",
    review_year: int | None = None,
) -> list[dict]:
    """Figure rows of one document, in text order (duplicates not yet marked)."""
    reviewed = review_year  # documents.csv review_year: the year behind the document
    if doc_type == "report" and review_year is None:
        review_year = report_year(doc)
        reviewed = report_year(doc, results_only=True)
    front = doc.cols["text"][np.flatnonzero(doc.cols["part"] == "front_matter")].tolist()
    allocation = allocates_money("\n".join([title, *front]), doc_type)
    plan_part = _plan_part(doc, doc_year) if doc_type == "report" else None
    context = _DocumentContext(doc_type, doc_year, review_year, allocation, plan_part, reviewed)
    rows: list[dict] = []
    for first, stop in doc.windows():
        base, text = doc.text_of(first, stop)
        quantities = find_quantities(text)
        if quantities:
            window = _Window(doc.cols, first, stop, base, text, context)
            rows.extend(window.rows(quantities, doc_id))
    return rows


def _plan_part(doc: _DocumentView, doc_year: int | None) -> tuple[int, str] | None:
    """(start offset, opener) of a report's plan part opened by a body paragraph that is not
    a heading (status.plan_part_opener), the first such; None when there is none."""
    cols = doc.cols
    paragraph = cols["paragraph_no"]
    firsts = np.flatnonzero(np.r_[True, paragraph[1:] != paragraph[:-1]])
    for i in firsts.tolist():
        if cols["part"][i] != "body" or cols["is_heading"][i]:
            continue
        opener = plan_part_opener(str(cols["text"][i]), doc_year)
        if opener:
            return int(cols["start"][i]), opener
    return None


# matches a report title on the results of a year (工作情况 / 执行情况 / 工作总结), not on a
# plan or budget for it (关于2023年…计划草案的报告 looks ahead)
RESULTS_REPORT_TITLE_RE = re.compile(r"情况|总结")


def report_year(doc: _DocumentView, *, results_only: bool = False) -> int | None:
    """The year a report is on, when its title in the front matter says so
    (关于2022年…工作情况的报告 -> 2022, whatever year it was published); else None.
    `results_only`: only a title on that year's results (RESULTS_REPORT_TITLE_RE)."""
    front = np.flatnonzero(doc.cols["part"] == "front_matter")
    for text in doc.cols["text"][front].tolist():
        match = REPORT_TITLE_YEAR_RE.search(text)
        if match:
            if results_only and not RESULTS_REPORT_TITLE_RE.search(match.group()):
                return None
            return int(match.group("year"))
    return None


# matches a run of blanks that stands for a cut-out annotation (the pinyin a mirror page
# inserts after characters, 發(fā)展, is blanked by ingest keeping its length: 发    展); a
# cue word or year with such a run inside must still read as one word
BLANK_RUN_RE = re.compile(r"[ \t\u3000]{3,}")


class ReadingText:
    """A paragraph as status and years read it: `text` is the paragraph (titles masked)
    with blank runs (BLANK_RUN_RE) cut out, a masked 《title》 (a run starting at 《 in
    `raw`, the paragraph as written) left as one 》 so 《方案》明确 still reads 》明确;
    `at(offset)` maps an offset into the paragraph to one into `text`. Without blank runs
    `text` is the paragraph itself and `at` the identity."""

    def __init__(self, paragraph: str, raw: str = "") -> None:
        runs = [m.span() for m in BLANK_RUN_RE.finditer(paragraph)] if "   " in paragraph else []
        self._index: np.ndarray | None = None
        if not runs:
            self.text = paragraph
            return
        keep = np.ones(len(paragraph), dtype=bool)
        chars = list(paragraph)
        for start, end in runs:
            keep[start:end] = False
            if raw[start : start + 1] == "《":  # a masked title: one 》 stands for it
                keep[end - 1] = True
                chars[end - 1] = "》"
        self.text = "".join(ch for ch, kept in zip(chars, keep, strict=True) if kept)
        self._index = np.concatenate([[0], np.cumsum(keep)])

    def at(self, offset: int) -> int:
        """The offset into `text` of paragraph offset `offset` (0 <= offset <= length)."""
        return offset if self._index is None else int(self._index[offset])


@dataclass(frozen=True)
class _DocumentContext:
    """The document-level facts status and year read: doc_type, issue year, year reported on."""

    doc_type: str
    doc_year: int | None
    report_year: int | None
    allocation: bool = False
    plan_part: tuple[int, str] | None = None  # a report's plan part: (start, opener)
    reviewed: int | None = None  # the year whose results it reports (status: years behind it)


class _Window:
    """Clauses first..stop-1 of a document as lists, their text (starting at document
    offset `base`) and, paragraph by paragraph, the same text with 《titles》 masked."""

    def __init__(
        self,
        cols: dict[str, np.ndarray],
        first: int,
        stop: int,
        base: int,
        text: str,
        context: _DocumentContext,
    ) -> None:
        self.base, self.text, self.doc_year = base, text, context.doc_year
        self.context = context
        self.clause_ids = cols["clause_id"][first:stop]
        self.parts = cols["part"][first:stop].tolist()
        self.titles = list(zip(*(cols[c][first:stop].tolist() for c in TITLE_COLUMNS), strict=True))
        self.paragraphs = cols["paragraph_no"][first:stop].tolist()
        self.sentences = cols["sentence_no"][first:stop].tolist()
        self.starts = [s - base for s in cols["start"][first:stop].tolist()]
        self.ends = [e - base for e in cols["end"][first:stop].tolist()]
        self.paragraph = (0, 0)  # clause positions first..stop-1 of the paragraph read below
        self.masked = ""  # that paragraph's text with titles masked, from offset:
        self.reading = ReadingText("")  # and as status reads it (blank runs cut out)
        self.offset = 0
        self.frames: ParagraphFrames | None = None
        self.sentence_span: dict[int, tuple[int, int]] = {}  # sentence_no -> window offsets
        self.carried: dict[int, ParagraphFrame] = {}  # paragraph_no -> carried frame
        self.is_heading = cols["is_heading"][first:stop].tolist()

    def _read_paragraph(self, k: int) -> None:
        """Make the paragraph of clause k the current one (masked text, frames, sentences)."""
        if self.paragraph[0] <= k < self.paragraph[1]:
            return
        number = self.paragraphs[k]
        first = stop = k
        while first > 0 and self.paragraphs[first - 1] == number:
            first -= 1
        while stop < len(self.paragraphs) and self.paragraphs[stop] == number:
            stop += 1
        self.paragraph, self.offset = (first, stop), self.starts[first]
        raw = self.text[self.offset : self.ends[stop - 1]]
        self.masked = masked_titles(raw)
        self.reading = ReadingText(self.masked, raw)
        compact = self.reading.text
        self.frames = ParagraphFrames(
            compact, 0, len(compact), self.doc_year, self.context.reviewed
        )
        self.sentence_span = {}
        for j in range(first, stop):
            sentence = self.sentences[j]
            span_start = self.sentence_span.get(sentence, (self.starts[j], 0))[0]
            self.sentence_span[sentence] = (span_start, self.ends[j])

    OPENING_CHARS = 8  # characters of a paragraph read for an enumeration marker

    def _carried_frame(self, k: int) -> ParagraphFrame:
        """The frame carried into clause k's paragraph (status.carried_frame), once per
        paragraph; `_read_paragraph(k)` has run."""
        number = self.paragraphs[k]
        if number not in self.carried:
            first = self.paragraph[0]
            opening = self.reading.text[: self.OPENING_CHARS]
            self.carried[number] = carried_frame(
                opening, self._paragraphs_before(first), self.doc_year, self.context.reviewed
            )
        return self.carried[number]

    def _paragraphs_before(self, first: int) -> Iterator[str]:
        """The texts (titles masked) of the window's paragraphs before clause position
        `first`, nearest first, up to the nearest heading that is not an enumerated item
        ((一)… items continue a list; a section heading's frame is the section frame)."""
        j = first - 1
        while j >= 0:
            number, last = self.paragraphs[j], j
            while j > 0 and self.paragraphs[j - 1] == number:
                j -= 1
            raw = self.text[self.starts[j] : self.ends[last]]
            text = ReadingText(masked_titles(raw), raw).text
            if self.is_heading[j] and not ENUMERATION_START_RE.match(text):
                return  # 三、下一步工作打算: the section frame speaks, not a paragraph
            yield text
            j -= 1

    def _placement(self, k: int, sentence_start: int = 0) -> Placement:
        """Where clause k sits (status.Placement), its sentence starting at paragraph offset
        `sentence_start`."""
        sub, item, section, chapter = self.titles[k]
        return Placement(
            self.doc_year,
            self.context.doc_type,
            self.parts[k],
            sub,
            item,
            section,
            chapter,
            allocation=self.context.allocation,
            plan_part=self._plan_part_of(k),
            use_of_money=self._use_of_money(sentence_start),
            review_year=self.context.reviewed,
        )

    def _use_of_money(self, sentence_start: int) -> str:
        """用于 when an allocating document's paragraph says, before the sentence starting at
        paragraph offset `sentence_start`, what the money is for; else ''."""
        if not self.context.allocation:
            return ""
        return "用于" if "用于" in self.masked[:sentence_start] else ""

    def _plan_part_of(self, k: int) -> str:
        """The opener of the report's plan part when clause k lies in it, else ''."""
        plan = self.context.plan_part
        return plan[1] if plan and self.base + self.starts[k] >= plan[0] else ""

    def rows(self, quantities: list[Quantity], doc_id: str) -> Iterator[dict]:
        """Figure rows of the quantities found in the window's text, in text order."""
        doc_year = self.doc_year
        per_clause: dict[int, int] = {}  # clause position -> figures numbered so far
        frame_at: dict[int, ParagraphFrame] = {}  # sentence start -> paragraph frame
        for q in quantities:
            k = bisect.bisect_right(self.starts, q.start) - 1
            if k < 0 or self.parts[k] not in FIGURE_PARTS or q.end > self.ends[k]:
                continue
            self._read_paragraph(k)
            s_start, s_end = (p - self.offset for p in self.sentence_span[self.sentences[k]])
            at = self.reading.at  # offsets into the reading text (blanked pinyin cut out)
            frame = frame_at.get(s_start + self.offset)
            if frame is None:
                frame = self.frames.frame_at(at(s_start))
                if not frame.status:
                    carried = self._carried_frame(k)
                    frame = ParagraphFrame(carried.status, carried.cue, frame.opening)
                frame_at[s_start + self.offset] = frame
            before = self.masked[s_start : q.start - self.offset]
            after = self.masked[q.end - self.offset : s_end]
            # status and year read the reading text: 近(jìn)年来 on a mirror page is 近年来
            read = self.reading.text
            read_before = read[at(s_start) : at(q.start - self.offset)]
            read_after = read[at(q.end - self.offset) : at(s_end)]
            before_years = year_mentions(read_before, doc_year)
            placement = self._placement(k, s_start)
            status, cue = decide_status(
                read_before,
                read_after,
                placement,
                frame=frame,
                before_years=before_years,
                unit=q.unit,
            )
            mention = dating_mention(read_before, before_years, frame.opening)
            year, role = (mention.year if mention else None), year_role(mention, status)
            undated = mention is None or WHOLE_YEAR_RE.fullmatch(mention.text) is not None
            if placement.part == "body" and undated:
                titled = title_frame(placement.titles(), doc_year)
                framed = framed_year(
                    titled, self.context.report_year, status, cue, read[at(s_start) : at(s_end)]
                )
                if framed:
                    year, role = framed
            clause_id = self.clause_ids[k]
            per_clause[k] = per_clause.get(k, 0) + 1
            yield {
                "figure_id": f"{clause_id}-f{per_clause[k]:03d}",
                "doc_id": doc_id,
                "clause_id": clause_id,
                "start": self.base + q.start,
                "end": self.base + q.end,
                "surface": q.surface,
                "value": _rounded(q.value),
                "value_high": _rounded(q.value_high),
                "unit": q.unit,
                "unit_raw": q.unit_raw,
                "kind": q.kind,
                "status": status,
                "year": year,
                "period_start": f"{mention.period_start}-01-01"
                if mention and mention.period_start
                else None,
                "period_end": f"{mention.period_end}-12-31"
                if mention and mention.period_end
                else None,
                "duplicate_of": None,
                "qualifier": q.qualifier,
                "per_year": q.per_year,
                "status_cue": cue,
                "year_role": role,
                "per_unit": q.per_unit,
                # context kept for mark_duplicates: what context_bigrams and _lead_words read
                "_before": before[-SEGMENT_MAX_CHARS:],
                "_after": after[:CONTEXT_AFTER_CHARS],
            }
