"""Evaluate the theme coding on hand-coded paragraphs: `python -m analysis evaluate-themes FOLDER`.

FOLDER holds the documents (*.txt, one paragraph per line) and coder_a.csv, optionally
coder_b.csv (a second coder on a subset), with columns

    file, line, anchor, primary, themes, clear

`line` is the 1-based line number of the paragraph in the file, `anchor` a few characters of
that line (checked, so a shifted line number is caught), `primary` the coder's primary theme
(blank or "none" for a paragraph with no theme of the codebook),
`themes` every theme the coder assigned ("a|b", also ; , or spaces), `clear` whether the
coder found the paragraph clear (1/0, yes/no, true/false).

Each labelled paragraph is coded with the production rules: the documents are segmented as
in a run (analysis.structure), the clauses whose span lies in that line (body clauses; the
news lead when the line has no body clause) are matched with the codebook and ranked by
analysis.themes.code_unit (the function production uses), with the heading around the line as
weak context, the document's doc_type and whether the line is its last body paragraph (a news
page's closing commentary is framing). Printed: n, primary agreement, Cohen's kappa with a bootstrap 95 % interval,
set precision / recall / F1 (micro, over paragraph × theme pairs), per-theme precision and
recall with gold counts, agreement on the paragraphs the coder found clear, and the
human-human kappa on the overlap with coder_b, next to the program's kappa on the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.compare import cohen_kappa
from analysis.errors import InputError
from analysis.ingest import Document, read_corpus
from analysis.paths import PACKAGE_DATA
from analysis.structure import clauses_table
from analysis.themes import LAST_POSITION, Codebook, deciding_rule, load_codebook
from analysis.themes.paragraphs import (
    code_paragraph,
    document_topic,
    last_body_paragraph,
    paragraph_rows,
)
from analysis.themes.primary import UnitRows

CODER_A = "coder_a.csv"
CODER_B = "coder_b.csv"
CODER_COLUMNS = ("file", "line", "anchor", "primary", "themes", "clear")
# A paragraph the coder found no theme in: primary left blank or written as one of these
# (the program's blank when nothing matched)
NO_THEME = frozenset({"", "none", "-", "无"})
MODEL_RULE = "model"  # decided_by of a paragraph whose primary the classifier changed
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20261201
# Theme lists in a coder cell: "a|b", "a; b", "a, b" or "a b"
_THEME_SEPARATORS = re.compile(r"[|;,，；\s]+")
_TRUE = {"1", "yes", "y", "true", "t", "是", "清楚"}
_FALSE = {"0", "no", "n", "false", "f", "否", ""}
PARAGRAPH_COLUMNS = [
    "file",
    "line",
    "gold_primary",
    "auto_primary",
    "agree",
    "decided_by",
    "gold_themes",
    "auto_themes",
    "clear",
    "ranking",
]


@dataclass(frozen=True)
class Coding:
    """One coder's labels, one row per paragraph (file, line)."""

    frame: pd.DataFrame  # file, line, anchor, primary, themes (tuple), clear (bool)


@dataclass
class Evaluation:
    """Everything `evaluate_folder` measured (see format_report for the meaning)."""

    paragraphs: pd.DataFrame
    kappa: float
    kappa_low: float
    kappa_high: float
    set_precision: float
    set_recall: float
    set_f1: float
    per_theme: pd.DataFrame
    human: dict[str, float] = field(default_factory=dict)


# --- reading the coder files --------------------------------------------------------------


def _parse_clear(value: str, where: str) -> bool:
    """A coder's `clear` cell as bool (1/0, yes/no, true/false; blank is not clear)."""
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise InputError(where, f"clear is {value!r}", "write 1 or 0")


def read_coding(path: Path, theme_ids: Sequence[str], texts: dict[str, list[str]]) -> Coding:
    """A coder CSV, validated against the documents' lines and the codebook's theme ids.

    Raises InputError naming the file and row on a missing column, an unknown file, a line
    out of range, an anchor not on that line, an unknown theme or a paragraph coded twice.
    """
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise InputError(path.name, f"cannot be read as a UTF-8 CSV ({error})") from error
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in CODER_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(
            path.name,
            f"lacks the column(s) {', '.join(missing)}",
            f"the columns are {', '.join(CODER_COLUMNS)}",
        )
    known = set(theme_ids)
    rows = []
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        where = f"{path.name} row {number}"
        file = str(row.file).strip()
        if file not in texts:
            raise InputError(where, f"names {file!r}, which is not a .txt file of the folder")
        if not str(row.line).strip().isdigit():
            raise InputError(where, f"line {row.line!r} is not a line number")
        line = int(str(row.line).strip())
        lines = texts[file]
        if not 1 <= line <= len(lines):
            raise InputError(where, f"line {line} is outside {file} (1-{len(lines)})")
        anchor = str(row.anchor).strip()
        if anchor and not _anchor_on_line(anchor, lines[line - 1]):
            raise InputError(
                where, f"anchor {anchor!r} is not on line {line} of {file}", "check the line number"
            )
        primary = str(row.primary).strip()
        primary = "" if primary.lower() in NO_THEME else primary
        themes = tuple(
            t
            for t in _THEME_SEPARATORS.split(str(row.themes).strip())
            if t and t.lower() not in NO_THEME
        )
        unknown = sorted({primary, *themes} - known - {""})
        if unknown:
            raise InputError(
                where, f"unknown theme id(s) {', '.join(unknown)}", "use the ids of codebook.yaml"
            )
        if primary and primary not in themes:
            themes = (primary, *themes)
        rows.append((file, line, anchor, primary, themes, _parse_clear(str(row.clear), where)))
    table = pd.DataFrame(rows, columns=list(CODER_COLUMNS))
    twice = table[table.duplicated(["file", "line"], keep=False)]
    if not twice.empty:
        first = twice.iloc[0]
        raise InputError(path.name, f"codes {first['file']} line {first['line']} twice")
    if table.empty:
        raise InputError(path.name, "holds no coded paragraphs")
    return Coding(table.sort_values(["file", "line"], ignore_index=True))


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _anchor_on_line(anchor: str, line: str) -> bool:
    """The anchor occurs on the line, whitespace ignored (raw or normalised text)."""
    return _squeezed(anchor) in _squeezed(line)


# --- coding the paragraphs with the production rules ----------------------------------------


def _clause_lines(doc: Document, starts: np.ndarray) -> np.ndarray:
    """1-based line number of each clause start in the document's text."""
    newlines = np.array([i for i, ch in enumerate(doc.text) if ch == "\n"], dtype=np.int64)
    return np.searchsorted(newlines, starts, side="right") + 1


def code_paragraphs(
    folder: Path, codebook: Codebook
) -> tuple[dict[str, pd.DataFrame], dict[str, list[str]], dict[str, list[str]]]:
    """Segment the folder's documents: per file its clauses (with `line` and `doc_title`
    columns), its raw lines and its normalised lines."""
    corpus = read_corpus(folder)
    by_id = {doc.doc_id: doc for doc in corpus.documents}
    originals = [doc for doc in corpus.documents if not doc.duplicate_of]
    table = clauses_table(originals)
    per_file: dict[str, pd.DataFrame] = {}
    raw_lines: dict[str, list[str]] = {}
    norm_lines: dict[str, list[str]] = {}
    for doc in corpus.documents:
        source = by_id[doc.duplicate_of] if doc.duplicate_of else doc
        frame = table[table["doc_id"] == source.doc_id].copy()
        frame["line"] = _clause_lines(source, frame["start"].to_numpy())
        frame["doc_title"] = source.title
        frame["doc_type"] = source.doc_type
        per_file[doc.source_file] = frame
        raw_lines[doc.source_file] = doc.raw_text.split("\n")
        norm_lines[doc.source_file] = source.text.split("\n")
    return per_file, raw_lines, norm_lines


def auto_code(
    rows: UnitRows | None,
    codebook: Codebook,
    topic: frozenset[str] = frozenset(),
    position: str = "",
    genre: str = "",
    doc_title: str = "",
) -> tuple[str, list[str], str, str]:
    """(primary, theme set, decided_by, ranking) of one paragraph's own clauses (`rows`, from
    paragraph_rows; `topic`: the document's topic themes; `position`: "last" for the document's
    last body paragraph), by analysis.themes.code_paragraph, as production codes its paragraphs."""
    primary, themes, ranking = code_paragraph(
        rows,
        codebook,
        topic=topic,
        last=position == LAST_POSITION,
        genre=genre,
        doc_title=doc_title,
    )
    ranked = "|".join(f"{s.theme_id}:{s.score:.2f}" for s in ranking)
    rules_primary = ranking[0].theme_id if ranking else ""
    decided_by = MODEL_RULE if primary != rules_primary else deciding_rule(ranking)
    return primary, themes, decided_by, ranked


# --- measures -----------------------------------------------------------------------------------


def bootstrap_kappa(
    a: Sequence[str], b: Sequence[str], samples: int = BOOTSTRAP_SAMPLES, seed: int = BOOTSTRAP_SEED
) -> tuple[float, float]:
    """2.5 and 97.5 percentiles of Cohen's kappa over paragraph resamples (fixed seed)."""
    a, b = np.asarray(a, dtype=object), np.asarray(b, dtype=object)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(samples):
        pick = rng.integers(0, len(a), len(a))
        values.append(cohen_kappa(a[pick].tolist(), b[pick].tolist()))
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)


def set_scores(
    gold: Sequence[Sequence[str]], auto: Sequence[Sequence[str]]
) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over paragraph × theme pairs."""
    true_pos = sum(len(set(g) & set(x)) for g, x in zip(gold, auto, strict=True))
    n_auto = sum(len(set(x)) for x in auto)
    n_gold = sum(len(set(g)) for g in gold)
    precision = true_pos / n_auto if n_auto else 0.0
    recall = true_pos / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def per_theme_table(paragraphs: pd.DataFrame, theme_ids: Sequence[str]) -> pd.DataFrame:
    """Per theme: gold paragraphs (set), set precision and recall, gold primaries, primary recall."""
    rows = []
    for theme in theme_ids:
        gold = paragraphs["gold_themes"].map(lambda ts, t=theme: t in ts)
        auto = paragraphs["auto_themes"].map(lambda ts, t=theme: t in ts)
        gold_primary = paragraphs["gold_primary"] == theme
        auto_primary = paragraphs["auto_primary"] == theme
        if not (gold.any() or auto.any()):
            continue
        rows.append(
            {
                "theme_id": theme,
                "gold_n": int(gold.sum()),
                "auto_n": int(auto.sum()),
                "precision": (gold & auto).sum() / auto.sum() if auto.any() else float("nan"),
                "recall": (gold & auto).sum() / gold.sum() if gold.any() else float("nan"),
                "gold_primary_n": int(gold_primary.sum()),
                "primary_recall": (gold_primary & auto_primary).sum() / gold_primary.sum()
                if gold_primary.any()
                else float("nan"),
                "primary_precision": (gold_primary & auto_primary).sum() / auto_primary.sum()
                if auto_primary.any()
                else float("nan"),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class LabelledFolder:
    """A folder of hand-coded documents, segmented as in a run: each file's clauses (with
    `line`, `doc_title`, `doc_type`), each file's lines raw and normalised (what an anchor is
    checked against) and coder A's labels."""

    clauses: dict[str, pd.DataFrame]
    lines: dict[str, list[str]]
    coder_a: Coding


def read_labelled(folder: Path, codebook: Codebook) -> LabelledFolder:
    """FOLDER's documents and coder_a.csv (InputError when it has none or a row is wrong); the
    one reading of a labelled folder, for evaluate-themes and train-theme-model."""
    if not (folder / CODER_A).is_file():
        raise InputError(str(folder), f"has no {CODER_A}", "put the first coder's labels there")
    per_file, raw_lines, norm_lines = code_paragraphs(folder, codebook)
    both = {
        name: [f"{r}\n{n}" for r, n in zip(raw_lines[name], norm_lines[name], strict=False)]
        for name in raw_lines
    }
    return LabelledFolder(per_file, both, read_coding(folder / CODER_A, codebook.theme_ids, both))


def evaluate_folder(folder: Path | str, codebook: Codebook | None = None) -> Evaluation:
    """Code every paragraph of FOLDER/coder_a.csv with the production rules and compare."""
    folder = Path(folder)
    codebook = codebook or load_codebook()
    labelled = read_labelled(folder, codebook)
    per_file, both, coder_a = labelled.clauses, labelled.lines, labelled.coder_a
    # a line of the file is a paragraph (the same as production's paragraph_no)
    topics = {
        name: document_topic(clauses, codebook, by="line") for name, clauses in per_file.items()
    }
    last_lines = {
        name: last_body_paragraph(clauses, by="line") for name, clauses in per_file.items()
    }
    units = {name: paragraph_rows(clauses, by="line") for name, clauses in per_file.items()}
    rows = []
    for item in coder_a.frame.itertuples(index=False):
        clauses = per_file[item.file]
        position = LAST_POSITION if item.line == last_lines[item.file] else ""
        primary, themes, decided_by, ranking = auto_code(
            units[item.file].get(item.line),
            codebook,
            topics[item.file],
            position,
            genre=str(clauses["doc_type"].iloc[0]) if len(clauses) else "",
            doc_title=str(clauses["doc_title"].iloc[0]) if len(clauses) else "",
        )
        rows.append(
            {
                "file": item.file,
                "line": item.line,
                "gold_primary": item.primary,
                "auto_primary": primary,
                "agree": primary == item.primary,
                "decided_by": decided_by,
                "gold_themes": tuple(item.themes),
                "auto_themes": tuple(themes),
                "clear": item.clear,
                "ranking": ranking,
            }
        )
    paragraphs = pd.DataFrame(rows, columns=PARAGRAPH_COLUMNS)
    gold, auto = paragraphs["gold_primary"].tolist(), paragraphs["auto_primary"].tolist()
    low, high = bootstrap_kappa(gold, auto)
    precision, recall, f1 = set_scores(
        paragraphs["gold_themes"].tolist(), paragraphs["auto_themes"].tolist()
    )
    evaluation = Evaluation(
        paragraphs=paragraphs,
        kappa=cohen_kappa(gold, auto),
        kappa_low=low,
        kappa_high=high,
        set_precision=precision,
        set_recall=recall,
        set_f1=f1,
        per_theme=per_theme_table(paragraphs, codebook.theme_ids),
    )
    if (folder / CODER_B).is_file():
        coder_b = read_coding(folder / CODER_B, codebook.theme_ids, both)
        evaluation.human = human_agreement(coder_a.frame, coder_b.frame, paragraphs)
    return evaluation


def human_agreement(
    coder_a: pd.DataFrame, coder_b: pd.DataFrame, paragraphs: pd.DataFrame
) -> dict[str, float]:
    """Coder A against coder B on their overlap, and the program against A on the same rows."""
    overlap = coder_a.merge(coder_b, on=["file", "line"], suffixes=("_a", "_b"))
    if overlap.empty:
        return {"n": 0}
    overlap = overlap.merge(paragraphs[["file", "line", "auto_primary"]], on=["file", "line"])
    a, b = overlap["primary_a"].tolist(), overlap["primary_b"].tolist()
    low, high = bootstrap_kappa(a, b)
    _, _, f1 = set_scores(overlap["themes_a"].tolist(), overlap["themes_b"].tolist())
    return {
        "n": len(overlap),
        "agreement": float(np.mean([x == y for x, y in zip(a, b, strict=True)])),
        "kappa": cohen_kappa(a, b),
        "kappa_low": low,
        "kappa_high": high,
        "set_f1": f1,
        "program_kappa_same_rows": cohen_kappa(a, overlap["auto_primary"].tolist()),
    }


# --- report -----------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return "  -  " if pd.isna(value) else f"{value:.2f}"


def format_report(evaluation: Evaluation, folder_name: str) -> str:
    """The evaluation as plain text (fixed decimals, themes in codebook order)."""
    p = evaluation.paragraphs
    n = len(p)
    clear = p[p["clear"]]
    lines = [
        f"Theme coding against hand labels: {folder_name} (codebook {load_codebook().version})",
        f"paragraphs: {n} from {p['file'].nunique()} documents",
        f"primary agreement: {p['agree'].mean():.1%} ({int(p['agree'].sum())}/{n})",
        f"Cohen's kappa (primary): {evaluation.kappa:.3f}  "
        f"bootstrap 95% [{evaluation.kappa_low:.3f}, {evaluation.kappa_high:.3f}] "
        f"({BOOTSTRAP_SAMPLES} resamples, seed {BOOTSTRAP_SEED})",
        f"theme sets: precision {evaluation.set_precision:.3f}  "
        f"recall {evaluation.set_recall:.3f}  F1 {evaluation.set_f1:.3f}",
        f"clear paragraphs: {clear['agree'].mean():.1%} agreement ({int(clear['agree'].sum())}/{len(clear)})"
        if len(clear)
        else "clear paragraphs: none",
    ]
    if evaluation.human:
        h = evaluation.human
        if h.get("n"):
            lines.append(
                f"human-human (coder_a vs coder_b, n={h['n']}): agreement {h['agreement']:.1%}  kappa {h['kappa']:.3f} "
                f"[{h['kappa_low']:.3f}, {h['kappa_high']:.3f}]  set F1 {h['set_f1']:.3f}; "
                f"program vs coder_a on these rows: kappa {h['program_kappa_same_rows']:.3f}"
            )
        else:
            lines.append("human-human: coder_b shares no paragraph with coder_a")
    lines += [
        "",
        f"{'theme':<26}{'gold_n':>7}{'auto_n':>7}{'prec':>7}{'recall':>7}{'prim_n':>8}{'prim_rec':>9}{'prim_prec':>10}",
    ]
    for row in evaluation.per_theme.itertuples(index=False):
        lines.append(
            f"{row.theme_id:<26}{row.gold_n:>7}{row.auto_n:>7}{_fmt(row.precision):>7}{_fmt(row.recall):>7}"
            f"{row.gold_primary_n:>8}{_fmt(row.primary_recall):>9}{_fmt(row.primary_precision):>10}"
        )
    decided = p["decided_by"].replace("", "(nothing matched)").value_counts().sort_index()
    lines += ["", "decided by: " + ", ".join(f"{k} {v}" for k, v in decided.items())]
    return "\n".join(lines)


def paragraphs_csv(evaluation: Evaluation) -> str:
    """Per-paragraph codings as CSV text (theme lists joined by |), sorted by file, line."""
    table = evaluation.paragraphs.copy()
    for column in ("gold_themes", "auto_themes"):
        table[column] = table[column].map("|".join)
    return table.sort_values(["file", "line"]).to_csv(index=False, lineterminator="\n")


def run_evaluate(folder: Path, out: Path | None = None) -> int:
    """CLI entry: print the report (and write per-paragraph codings to `out`); 0 on success."""
    evaluation = evaluate_folder(folder)
    print(format_report(evaluation, Path(folder).name))
    if out is not None:
        Path(out).write_text(paragraphs_csv(evaluation), encoding="utf-8")
        print(f"per-paragraph codings: {out}")
    return 0


# --- out-of-sample validation, recorded for the reports --------------------------------------

#: The held-out theme sets (written and coded by people who did not write the codebook, a second
#: coder on a third of each) and the figures `evaluate_folder` gives on them with the codebook of
#: `codebook_version`; the comparison page shows these, not the in-sample seeds figures.
VALIDATION_PATH = PACKAGE_DATA / "theme_validation.csv"
# The same figures on REAL paragraphs copied from real government pages: the texts may not be
# redistributed, so they are not in the repository and these rows cannot be recomputed here
REAL_VALIDATION_PATH = PACKAGE_DATA / "theme_validation_real.csv"
VALIDATION_COLUMNS = [
    "set", "codebook_version", "documents", "paragraphs", "agreement", "kappa", "kappa_low",
    "kappa_high", "set_precision", "set_recall", "set_f1", "human_paragraphs", "human_kappa",
    "human_set_f1", "note",
]  # fmt: skip


def validation_row(evaluation: Evaluation, name: str, version: str, note: str) -> dict[str, object]:
    """One row of theme_validation.csv: the figures of one held-out set, rounded to 3 decimals."""
    paragraphs = evaluation.paragraphs
    human = evaluation.human or {}
    return {
        "set": name,
        "codebook_version": version,
        "documents": int(paragraphs["file"].nunique()),
        "paragraphs": len(paragraphs),
        "agreement": round(float(paragraphs["agree"].mean()), 3),
        "kappa": round(evaluation.kappa, 3),
        "kappa_low": round(evaluation.kappa_low, 3),
        "kappa_high": round(evaluation.kappa_high, 3),
        "set_precision": round(evaluation.set_precision, 3),
        "set_recall": round(evaluation.set_recall, 3),
        "set_f1": round(evaluation.set_f1, 3),
        "human_paragraphs": int(human.get("n", 0)),
        "human_kappa": round(float(human["kappa"]), 3) if human.get("n") else "",
        "human_set_f1": round(float(human["set_f1"]), 3) if human.get("n") else "",
        "note": note,
    }


def load_validation(path: Path = VALIDATION_PATH) -> pd.DataFrame:
    """The recorded out-of-sample figures (empty when none were recorded)."""
    if not Path(path).is_file():
        return pd.DataFrame(columns=VALIDATION_COLUMNS)
    return pd.read_csv(path, dtype={"set": str, "codebook_version": str, "note": str},
                       keep_default_na=False)  # fmt: skip


# The number ending a held-out set's name: themes_heldout10 → 10 (themes_heldout, with none, is set 1)
_SET_NUMBER_RE = re.compile(r"(\d+)$")


def set_number(name: str) -> int:
    """The held-out set's number, for ordering sets as they were written (no number = 1)."""
    found = _SET_NUMBER_RE.search(name)
    return int(found.group(1)) if found else 1


def validation_csv(rows: list[dict[str, object]]) -> str:
    """theme_validation.csv's text for `rows`, in the order the sets were written (themes_heldout,
    themes_heldout2, …, themes_heldout10): the last row is the newest, blind set."""
    table = pd.DataFrame(rows, columns=VALIDATION_COLUMNS)
    order = table.assign(_number=table["set"].map(set_number)).sort_values(["_number", "set"])
    table = order.drop(columns="_number")
    return table.to_csv(index=False, lineterminator="\n")
