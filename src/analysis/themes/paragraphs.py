"""The themes of each paragraph: the coding unit evaluate-themes validates against human coders.

A paragraph is one line of the source text (clauses with the same `paragraph_no`; `line` in
theme_eval, where the two are the same). Its own content is its body clauses, else (a news
page's lead) its front-matter clauses. Each paragraph is coded by `code_unit` with its place
in the document: the document's topic themes (`document_topic`), whether it is the last body
paragraph, the document's doc_type and title. Its themes are `unit_theme_set` of that ranking.

Production uses the same functions (`paragraph_theme_sets`) to say which clause × theme
matches count (`counted_flags`): a keyword match counts for coverage only when the theme is
one of its paragraph's themes, so the published shares come from the coder whose agreement
with human coders the reports state, not from every passing keyword.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.schema import BODY, FRONT_MATTER
from analysis.themes.codebook import Codebook, load_codebook
from analysis.themes.matching import Hit, tag_themes, theme_matcher
from analysis.themes.model import blend, load_model, predict
from analysis.themes.primary import (
    AROUND_COLUMNS,
    DOCUMENT_TOPIC_MIN_UNITS,
    UnitRows,
    code_unit,
    document_topic_themes,
    heading_flag,
    unit_theme_set,
)

PARAGRAPH = "paragraph_no"  # the clause-table column naming a clause's paragraph


def document_topic(
    clauses: pd.DataFrame,
    codebook: Codebook,
    by: str = PARAGRAPH,
    known_hits: dict[str, list[Hit]] | None = None,
) -> frozenset[str]:
    """The topic themes of one document, its body paragraphs (grouped by `by`) as units; none
    for a document without at least DOCUMENT_TOPIC_MIN_UNITS numbered parts (a news page is
    about its headline: every paragraph keeps its topic words). `known_hits`: the hits of
    texts already matched (theme_matcher(codebook).hits_of_texts), the others are matched here."""
    columns = {c: clauses[c].tolist() for c in ("part", "section_no", "item_no", "text", by)}
    body = [i for i, part in enumerate(columns["part"]) if part == BODY]
    numbered = {(_known(columns["section_no"][i]), _known(columns["item_no"][i])) for i in body} - {
        (None, None)
    }
    if len(numbered) < DOCUMENT_TOPIC_MIN_UNITS:
        return frozenset()
    texts = [t if isinstance(t, str) else "" for t in (columns["text"][i] for i in body)]
    if known_hits is None:
        known_hits = theme_matcher(codebook).hits_of_texts(texts)
    theme_ids = codebook.theme_ids
    paragraph_themes: dict[object, set[str]] = {}
    for i, text in zip(body, texts, strict=True):
        if _known(columns[by][i]) is None:
            continue  # a clause outside any paragraph (groupby leaves blank keys out too)
        found = paragraph_themes.setdefault(columns[by][i], set())
        found.update(theme_ids[hit.category] for hit in known_hits[text])
    units = [frozenset(paragraph_themes[key]) for key in sorted(paragraph_themes)]
    return document_topic_themes(units)


def _known(value: object) -> object:
    """A table cell, None when it is blank (NaN, NA, None)."""
    return None if value is None or value is pd.NA or value != value else value


def last_body_paragraph(clauses: pd.DataFrame, by: str = PARAGRAPH) -> int:
    """The number (`by`) of a document's last body paragraph (0 when it has no body)."""
    body = clauses.loc[clauses["part"] == BODY, by]
    return int(body.max()) if len(body) else 0


Probabilities = tuple[np.ndarray, np.ndarray]  # one paragraph's (P(primary), P(in set)) rows


def own_text(rows: UnitRows) -> str:
    """A paragraph's own text as the classifier reads it: its clauses joined."""
    return "".join(rows.texts)


def paragraph_probabilities(
    codebook: Codebook, titles: list[str], units: list[UnitRows]
) -> list[Probabilities | None] | None:
    """The codebook's classifier on paragraphs (their document titles and own clauses): one
    (P(primary = theme), P(theme in set)) pair per paragraph, None for a paragraph without
    text of its own (blank or whitespace: not classified by its title alone); None when the
    codebook has no model. All paragraphs in one call (predict)."""
    if not codebook.model.path:
        return None
    model = load_model(codebook.model.path)
    texts = [own_text(rows) for rows in units]
    primary, in_set = predict(model, titles, texts)
    return [
        (p, s) if text.strip() else None for p, s, text in zip(primary, in_set, texts, strict=True)
    ]


def code_paragraph(
    rows: UnitRows | None,
    codebook: Codebook,
    *,
    topic: frozenset[str] = frozenset(),
    last: bool = False,
    genre: str = "",
    doc_title: str = "",
    known_hits: dict[str, list[Hit]] | None = None,
    probabilities: Probabilities | None = None,
) -> tuple[str, list[str], list]:
    """(primary, theme set best first, ranking) of one paragraph's own clauses (`rows`, from
    paragraph_rows; None: a paragraph without content of its own, coded as nothing).

    The keyword rules rank the themes (code_unit); when the codebook has a model, its
    classifier's `probabilities` for this paragraph (paragraph_probabilities; computed here
    when not given; none for a paragraph without text) are blended with the rules' primary
    and set (analysis.themes.model.blend).
    `ranking` stays the rules' ranking (evaluate-themes prints it)."""
    if rows is None:
        return "", [], []
    ranking = code_unit(
        rows,
        codebook,
        document_topic=topic,
        last=last,
        genre=genre,
        doc_title=doc_title,
        known_hits=known_hits,
    )
    primary = ranking[0].theme_id if ranking else ""
    themes = unit_theme_set(ranking, codebook)
    if probabilities is None and codebook.model.path and own_text(rows).strip():
        probabilities = paragraph_probabilities(codebook, [doc_title], [rows])[0]
    if probabilities is None:  # no model, or no text of its own to classify
        return primary, themes, ranking
    model = load_model(codebook.model.path)
    primary, themes = blend(primary, themes, *probabilities, model.themes, codebook.model.blend)
    return primary, themes, ranking


def paragraph_theme_sets(
    clauses: pd.DataFrame,
    documents: pd.DataFrame,
    codebook: Codebook | None = None,
    only_clauses: Iterable[str] | None = None,
) -> dict[tuple[str, int], frozenset[str]]:
    """(doc_id, paragraph_no) → the paragraph's themes, for every paragraph with content of
    its own (or only those holding a clause of `only_clauses`). `documents` gives each
    document's doc_type and title (blank when a document is missing from it)."""
    codebook = codebook or load_codebook()
    genre = dict(zip(documents["doc_id"], documents["doc_type"].fillna(""), strict=True))
    title = dict(zip(documents["doc_id"], documents["title"].fillna(""), strict=True))
    own = clauses[clauses["part"].isin((BODY, FRONT_MATTER))]
    if only_clauses is not None:
        wanted = own[own["clause_id"].isin(set(only_clauses))][["doc_id", PARAGRAPH]]
        keys = set(zip(wanted["doc_id"], wanted[PARAGRAPH], strict=True))
        own = own[own["doc_id"].isin(set(wanted["doc_id"]))]
    else:
        keys = None
    # every text matched once, in one automaton pass per batch (not once per paragraph)
    known_hits = theme_matcher(codebook).hits_of_texts(own["text"].fillna("").astype(str).tolist())
    coded: list[tuple[tuple[str, int], UnitRows, dict[str, object]]] = []
    for doc_id, doc in own.groupby("doc_id", sort=True):
        topic = document_topic(doc, codebook, known_hits=known_hits)
        last = last_body_paragraph(doc)
        for number, rows in paragraph_rows(doc).items():
            if keys is not None and (doc_id, number) not in keys:
                continue
            context = {
                "topic": topic,
                "last": number == last,
                "genre": str(genre.get(doc_id, "")),
                "doc_title": str(title.get(doc_id, "")),
            }
            coded.append(((str(doc_id), number), rows, context))
    probabilities = paragraph_probabilities(
        codebook, [str(c["doc_title"]) for _, _, c in coded], [rows for _, rows, _ in coded]
    )
    sets: dict[tuple[str, int], frozenset[str]] = {}
    for i, (key, rows, context) in enumerate(coded):
        _, themes, _ = code_paragraph(
            rows,
            codebook,
            known_hits=known_hits,
            probabilities=probabilities[i] if probabilities else None,
            **context,
        )
        sets[key] = frozenset(themes)
    return sets


def paragraph_rows(doc: pd.DataFrame, by: str = PARAGRAPH) -> dict[int, UnitRows]:
    """Paragraph number (column `by`) → the UnitRows of one document's paragraph: its own
    content, the body clauses, else (a news page's lead) the front-matter clauses, in table
    order; paragraphs with neither (back matter, furniture) are left out. Plain lists instead of
    a DataFrame slice per paragraph (thousands of them at a hundred documents)."""
    titles = [c for c in AROUND_COLUMNS if c in doc.columns]
    column = {c: doc[c].tolist() for c in ("part", by, "text", "is_heading", *titles)}
    members: dict[int, list[int]] = {}
    for i, number in enumerate(column[by]):
        if _known(number) is not None:
            members.setdefault(int(number), []).append(i)
    rows: dict[int, UnitRows] = {}
    for number, indices in members.items():
        own = [i for i in indices if column["part"][i] == BODY] or [
            i for i in indices if column["part"][i] == FRONT_MATTER
        ]
        if own:
            rows[number] = UnitRows(
                texts=tuple(
                    t if isinstance(t, str) else "" for t in (column["text"][i] for i in own)
                ),
                is_heading=tuple(heading_flag(column["is_heading"][i]) for i in own),
                titles={c: tuple(column[c][i] for i in own) for c in titles},
            )
    return rows


def counted_flags(
    clause_themes: pd.DataFrame,
    clauses: pd.DataFrame,
    sets: dict[tuple[str, int], frozenset[str]],
) -> pd.Series:
    """Per clause_themes row: True when its theme is one of its clause's paragraph's themes
    (`sets`, from paragraph_theme_sets), False for a passing mention (or a clause outside any
    coded paragraph)."""
    keys = zip(clauses["doc_id"].astype(str), clauses[PARAGRAPH], strict=True)
    paragraph_of = dict(zip(clauses["clause_id"], keys, strict=True))
    flags = [
        theme_id in sets.get(_paragraph_key(paragraph_of.get(clause_id)), frozenset())
        for clause_id, theme_id in zip(
            clause_themes["clause_id"], clause_themes["theme_id"], strict=True
        )
    ]
    return pd.Series(flags, index=clause_themes.index, dtype=bool)


def _paragraph_key(found: tuple[str, object] | None) -> tuple[str, int]:
    """(doc_id, paragraph_no as int) of a clause ("", -1 when the clause or its number is unknown)."""
    if found is None or _known(found[1]) is None:
        return ("", -1)
    return (found[0], int(found[1]))


def tag_counted_themes(
    clauses: pd.DataFrame,
    documents: pd.DataFrame,
    codebook: Codebook | None = None,
    only_clauses: Iterable[str] | None = None,
) -> pd.DataFrame:
    """clause_themes.csv: tag_themes's clause × theme matches (of `only_clauses`, default every
    clause) with `counted`: the theme is one of the clause's paragraph's themes (the coding
    evaluate-themes validates), so the match counts for coverage; False for a passing mention."""
    codebook = codebook or load_codebook()
    tagged = (
        clauses if only_clauses is None else clauses[clauses["clause_id"].isin(set(only_clauses))]
    )
    table = tag_themes(tagged, codebook)
    sets = paragraph_theme_sets(clauses, documents, codebook, only_clauses=table["clause_id"])
    return table.assign(counted=counted_flags(table, clauses, sets))


def counted_matches(clause_themes: pd.DataFrame) -> pd.DataFrame:
    """The clause × theme matches that count for coverage (`counted` true; bool, pandas
    boolean or 'true'/'false' as read back from clause_themes.csv)."""
    flags = clause_themes["counted"]
    if not pd.api.types.is_bool_dtype(flags.dtype):
        flags = flags.map(lambda v: v is True or str(v).lower() == "true")
    return clause_themes[flags.astype("boolean").fillna(False).astype(bool)]


__all__ = [
    "PARAGRAPH",
    "code_paragraph",
    "counted_flags",
    "counted_matches",
    "document_topic",
    "last_body_paragraph",
    "paragraph_rows",
    "paragraph_theme_sets",
    "tag_counted_themes",
]
