"""Shared machinery of the evaluation suites on labelled documents (test_heldout.py,
test_other_styles.py).

A suite is a fixture folder under tests/fixtures/ (the texts and expected.yaml, labelled by
reading the texts) and its KNOWN_DEFECTS (case id → reason). `evaluation_tests(suite)` returns
the test functions common to the suites, parametrised by the suite's labels: each test
module puts them in its namespace and supplies a module-scoped `run` fixture, a dict with

- "docs": source file → ingest.Document,
- "clauses": the clauses table, "figures": the figures table,
- "eval": `evaluate(suite, docs, figures)`,

plus whatever the suite's `metadata` getter reads. One plain assert per rule and case, so a
failure names the rule; a case listed in KNOWN_DEFECTS is marked xfail(strict=True) with its
reason, so a fix shows up as an XPASS failure (then remove the entry).
"""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis.figure_eval import (
    allowed,
    find_spans,
    match_document,
    metadata_ok,
    same_value,
    surface_key,
)
from analysis.text import nfkc_chars

FIXTURES_ROOT = Path(__file__).resolve().parent / "fixtures"

DOC_FIELDS = ["encoding", "script", "province", "doc_type", "published", "title", "issuer"]
QUALITY_BAR = {"precision": 0.99, "recall": 0.99, "status_acc": 0.95}  # issue 4's bar

Metadata = Callable[[dict, str, str], object]


class Suite:
    """One labelled fixture folder, its known defects and the suite's own hooks.

    metadata(run, name, field): the program's value of a document field.
    per_unit: whether a described figure row shows per_unit.
    extra_columns(run, name) / extra_totals(run): more evaluation-table columns, per document
    and for the "all" row; extra_report(run): more lines printed after the table.
    """

    def __init__(
        self,
        folder: str,
        known_defects: dict[str, str],
        metadata: Metadata,
        *,
        per_unit: bool = False,
        extra_columns: Callable[[dict, str], dict] | None = None,
        extra_totals: Callable[[dict], dict] | None = None,
        extra_report: Callable[[dict], None] | None = None,
    ) -> None:
        self.fixtures = FIXTURES_ROOT / folder
        self.expected = yaml.safe_load(
            (self.fixtures / "expected.yaml").read_text(encoding="utf-8")
        )
        self.files = list(self.expected["documents"])
        self.short = {name: name.split("_")[0] for name in self.files}
        self.known_defects = known_defects
        self.metadata = metadata
        self.per_unit = per_unit
        self.extra_columns = extra_columns
        self.extra_totals = extra_totals
        self.extra_report = extra_report
        self.gold = gold_cases(self.expected, self.short)

    def param(self, case_id: str, *values: object) -> object:
        reason = self.known_defects.get(case_id)
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        return pytest.param(*values, id=case_id, marks=marks)

    def per_file(self, suffix: str) -> list:
        return [self.param(f"{self.short[n]}-{suffix}", n) for n in self.files]

    def copy_raw(self, tmp_path_factory: pytest.TempPathFactory, basename: str) -> Path:
        """A temporary copy of the suite's texts, for the program to read."""
        raw = tmp_path_factory.mktemp(basename)
        for name in self.files:
            shutil.copyfile(self.fixtures / name, raw / name)
        return raw

    def describe(self, row: pd.Series | None) -> str:
        if row is None:
            return "nothing"
        per_unit = f"per_unit={row['per_unit']} " if self.per_unit else ""
        return (
            f"{row['surface']!r} value={row['value']} high={row['value_high']} unit={row['unit']} "
            f"status={row['status']} year={row['year']} period={_period_years(row)} "
            f"per_year={row['per_year']} {per_unit}qualifier={row.get('qualifier', '')!r} "
            f"cue={row.get('status_cue', '')!r}"
        )


# ----------------------------------------------------------------- text helpers
# surface_key, find_spans, same_value, metadata_ok: analysis.figure_eval (the matching
# `python -m analysis evaluate-figures` uses too)


def line_key(line: str) -> str:
    """A line as labelled: markup and all whitespace removed, NFKC-folded."""
    line = re.sub(r"<[^>]*>|&nbsp;", "", line)
    return re.sub(r"\s+", "", nfkc_chars(line))


def doc_clauses(run: dict, name: str) -> pd.DataFrame:
    doc = run["docs"][name]
    return run["clauses"][run["clauses"]["doc_id"] == doc.doc_id].sort_values("start")


def doc_figures(run: dict, name: str) -> pd.DataFrame:
    doc = run["docs"][name]
    return run["figures"][run["figures"]["doc_id"] == doc.doc_id].sort_values("start")


# ----------------------------------------------------------------- matching gold and found


def gold_cases(expected: dict, short: dict[str, str]) -> list[tuple[str, str, int, dict]]:
    """(file, case id, occurrence, label) for every labelled figure."""
    cases = []
    for name, labels in expected["figures"].items():
        seen: dict[str, int] = {}
        for label in labels:
            key = surface_key(label["surface"])
            seen[key] = seen.get(key, 0) + 1
            cases.append((name, f"{short[name]}-{label['surface']}#{seen[key]}", seen[key], label))
    return cases


def evaluate(suite: Suite, docs: dict, figures: pd.DataFrame) -> dict:
    """Per file: gold span of each label, the found row matched to it (surface, position,
    value and unit: figure_eval.match_document), the unmatched rows."""
    result: dict[str, dict] = {}
    for name in suite.files:
        doc = docs[name]
        found = figures[figures["doc_id"] == doc.doc_id].sort_values("start").reset_index(drop=True)
        cases = [(cid, label) for file, cid, _o, label in suite.gold if file == name]
        found_matches, spurious = match_document(doc.text, [label for _c, label in cases], found)
        matches: dict[str, dict] = {}
        for (case_id, label), m in zip(cases, found_matches, strict=True):
            assert m.span is not None, f"label {case_id}: surface not in the text"
            matches[case_id] = {"label": label, "span": m.span, "row": m.row, "near": m.near}
        result[name] = {"matches": matches, "spurious": spurious, "found": found}
    return result


def _period_years(row: pd.Series) -> tuple[int | None, int | None]:
    def year_of(value: object) -> int | None:
        if (
            value is None
            or (isinstance(value, float) and math.isnan(value))
            or value is pd.NA
            or value == ""
        ):
            return None
        return int(str(value)[:4])

    return year_of(row.get("period_start")), year_of(row.get("period_end"))


# ----------------------------------------------------------------- documents, structure, parts


def _allowed(expected: dict, field: str) -> list[str]:
    return allowed(expected, field)


def structure_counts(clauses: pd.DataFrame) -> dict[str, int]:
    body = clauses[clauses["part"] == "body"].copy()
    for column in ("chapter_no", "section_no", "item_no", "sub_no"):
        body[column] = body[column].astype("Float64")
    chapters = body["chapter_no"].dropna().nunique()
    sections = len(
        body.dropna(subset=["section_no"])[["chapter_no", "section_no"]].drop_duplicates()
    )
    items = len(
        body.dropna(subset=["item_no"])[["chapter_no", "section_no", "item_no"]].drop_duplicates()
    )
    subs = len(
        body.dropna(subset=["sub_no"])[
            ["chapter_no", "section_no", "item_no", "sub_no"]
        ].drop_duplicates()
    )
    headings = int(body["is_heading"].astype(bool).sum())
    return {
        "chapters": chapters,
        "sections": sections,
        "items": items,
        "subs": subs,
        "headings": headings,
    }


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw_line in text.splitlines(keepends=True):
        out.append((pos, pos + len(raw_line), line_key(raw_line)))
        pos += len(raw_line)
    return out


def _labelled_lines(entries: list[dict], text: str) -> dict[int, tuple[list[str], str]]:
    """Line start → (allowed parts, label) for every labelled line of a document."""
    lines = _lines(text)
    labelled: dict[int, tuple[list[str], str]] = {}
    for entry in entries:
        want = line_key(entry["line"])
        hits = [
            ln for ln in lines if (ln[2].startswith(want) if entry.get("prefix") else ln[2] == want)
        ]
        assert hits, f"part label {entry['line']!r} matches no line"
        if "occurrence" in entry:
            hits = [hits[entry["occurrence"] - 1]]
        for ln in hits:
            labelled[ln[0]] = (entry["parts"], entry["line"])
    return labelled


# ----------------------------------------------------------------- summary


def scores(run: dict, name: str) -> dict:
    ev = run["eval"][name]
    matches = list(ev["matches"].values())
    matched = [m for m in matches if m["row"] is not None]
    status_ok = sum(m["row"]["status"] == m["label"]["status"] for m in matched)
    return {
        "gold": len(matches),
        "found": len(ev["found"]),
        "matched": len(matched),
        "precision": len(matched) / len(ev["found"]) if len(ev["found"]) else 1.0,
        "recall": len(matched) / len(matches) if matches else 1.0,
        "status_acc": status_ok / len(matched) if matched else 1.0,
    }


def evaluation_table(suite: Suite, run: dict) -> pd.DataFrame:
    rows = []
    for name in suite.files:
        expected = suite.expected["documents"][name]
        meta_ok = sum(metadata_ok(expected, f, suite.metadata(run, name, f)) for f in DOC_FIELDS)
        counts = structure_counts(doc_clauses(run, name))
        want = suite.expected["structure"][name]
        structure = " ".join(
            f"{k[0]}{counts[k]}/{want[k]}"
            for k in ("chapters", "sections", "items", "subs")
            if k in want
        )
        extra = suite.extra_columns(run, name) if suite.extra_columns else {}
        rows.append(
            {
                "doc": suite.short[name],
                **scores(run, name),
                "metadata": f"{meta_ok}/{len(DOC_FIELDS)}",
                "structure got/exp": structure,
                **extra,
            }
        )
    table = pd.DataFrame(rows)
    totals = table[["gold", "found", "matched"]].sum()
    matched_status = sum(
        scores(run, n)["status_acc"] * scores(run, n)["matched"] for n in suite.files
    )
    table.loc[len(table)] = {
        "doc": "all",
        **totals.to_dict(),
        "precision": totals["matched"] / totals["found"],
        "recall": totals["matched"] / totals["gold"],
        "status_acc": matched_status / totals["matched"] if totals["matched"] else 1.0,
        "metadata": "",
        "structure got/exp": "",
        **(suite.extra_totals(run) if suite.extra_totals else {}),
    }
    return table


# ----------------------------------------------------------------- the common tests


def evaluation_tests(suite: Suite) -> dict[str, Callable]:
    """The tests common to the suites, parametrised by `suite`'s labels, by test name.

    A test module runs them with `globals().update(evaluation_tests(SUITE))`; they use the
    module's `run` fixture.
    """
    files, short, expected, param = suite.files, suite.short, suite.expected, suite.param
    describe = suite.describe

    @pytest.mark.parametrize(
        ("name", "field"), [param(f"{short[n]}-{f}", n, f) for n in files for f in DOC_FIELDS]
    )
    def test_document_metadata(run: dict, name: str, field: str) -> None:
        doc_expected = expected["documents"][name]
        got = suite.metadata(run, name, field)
        assert metadata_ok(doc_expected, field, got), (
            f"{field} {got!r}, expected {_allowed(doc_expected, field)}"
        )

    @pytest.mark.parametrize("name", suite.per_file("accounting"))
    def test_clause_spans_and_accounting(run: dict, name: str) -> None:
        doc = run["docs"][name]
        clauses = doc_clauses(run, name)
        covered = [0] * len(doc.text)
        for r in clauses.itertuples(index=False):
            assert doc.text[r.start : r.end] == r.text, (
                f"clause {r.clause_id} text differs from its span"
            )
            for i in range(r.start, r.end):
                covered[i] += 1
        missing = [i for i, ch in enumerate(doc.text) if not ch.isspace() and covered[i] != 1]
        assert not missing, f"non-space characters not in exactly one clause at {missing[:10]}"
        assert len(doc.text) == len(doc.raw_text), "normalisation changed the length"

    structure_cases = [
        (n, level)
        for n in files
        for level in ("chapters", "sections", "items", "subs", "headings")
        if level in expected["structure"][n]
    ]

    @pytest.mark.parametrize(
        ("name", "level"), [param(f"{short[n]}-{lv}", n, lv) for n, lv in structure_cases]
    )
    def test_structure_counts(run: dict, name: str, level: str) -> None:
        counts = structure_counts(doc_clauses(run, name))
        assert counts[level] == expected["structure"][name][level], f"{level}: got {counts}"

    context_cases = [
        (n, i, check)
        for n in files
        for i, check in enumerate(expected["structure"][n].get("checks", []), start=1)
    ]

    @pytest.mark.parametrize(
        ("name", "check"), [param(f"{short[n]}-context{i}", n, c) for n, i, c in context_cases]
    )
    def test_heading_context(run: dict, name: str, check: dict) -> None:
        doc = run["docs"][name]
        clauses = doc_clauses(run, name)
        (start, _end), *_ = find_spans(doc.text, check["snippet"])
        row = clauses[(clauses["start"] <= start) & (clauses["end"] > start)].iloc[0]
        for column, want in check.items():
            if column == "snippet":
                continue
            got = row[column]
            if column.endswith("_no"):
                got = None if pd.isna(got) else int(got)
            assert got == want, f"{column}: got {got!r}, expected {want!r} (clause {row['text']!r})"

    @pytest.mark.parametrize("name", suite.per_file("parts"))
    def test_parts(run: dict, name: str) -> None:
        doc = run["docs"][name]
        labelled = _labelled_lines(expected["parts"][name], doc.text)
        lines = _lines(doc.text)
        wrong = []
        for r in doc_clauses(run, name).itertuples(index=False):
            line_start = max(s for s, _e, _k in lines if s <= r.start)
            allowed, _label = labelled.get(line_start, (["body"], "(unlabelled: body)"))
            if r.part not in allowed:
                wrong.append(f"{r.text[:30]!r}: {r.part}, expected {'|'.join(allowed)}")
        assert not wrong, "parts wrong:\n" + "\n".join(wrong)

    @pytest.mark.parametrize(
        ("name", "case_id"), [param(f"found-{cid}", n, cid) for n, cid, _o, _l in suite.gold]
    )
    def test_figure_found(run: dict, name: str, case_id: str) -> None:
        m = run["eval"][name]["matches"][case_id]
        label = m["label"]
        near = "; ".join(describe(r) for r in m["near"]) or "nothing at that span"
        assert m["row"] is not None, (
            f"expected {label['surface']} = {label['value']} {label['unit']}, found: {near}"
        )

    @pytest.mark.parametrize(
        ("name", "case_id"), [param(f"status-{cid}", n, cid) for n, cid, _o, _l in suite.gold]
    )
    def test_figure_status(run: dict, name: str, case_id: str) -> None:
        m = run["eval"][name]["matches"][case_id]
        if m["row"] is None:
            pytest.skip("figure not found (see test_figure_found)")
        assert m["row"]["status"] == m["label"]["status"], describe(m["row"])

    date_cases = [
        (n, cid)
        for n, cid, _o, label in suite.gold
        if any(k in label for k in ("year", "period", "per_year", "per_unit", "value_high"))
    ]

    @pytest.mark.parametrize(
        ("name", "case_id"), [param(f"when-{cid}", n, cid) for n, cid in date_cases]
    )
    def test_figure_year_period_range(run: dict, name: str, case_id: str) -> None:
        m = run["eval"][name]["matches"][case_id]
        if m["row"] is None:
            pytest.skip("figure not found (see test_figure_found)")
        row, label = m["row"], m["label"]
        if "year" in label:
            got = None if pd.isna(row["year"]) else int(row["year"])
            assert got == label["year"], f"year: {describe(row)}"
        if "period" in label:
            assert list(_period_years(row)) == label["period"], f"period: {describe(row)}"
        if "per_year" in label:
            assert bool(row["per_year"]) == label["per_year"], f"per_year: {describe(row)}"
        if "per_unit" in label:
            assert bool(row["per_unit"]) == label["per_unit"], f"per_unit: {describe(row)}"
        if "value_high" in label:
            assert same_value(float(row["value_high"]), float(label["value_high"])), (
                f"value_high: {describe(row)}"
            )

    @pytest.mark.parametrize("name", suite.per_file("no-spurious"))
    def test_no_spurious_figures(run: dict, name: str) -> None:
        spurious = run["eval"][name]["spurious"]
        listing = "\n".join(describe(r) for _i, r in spurious.iterrows())
        assert spurious.empty, f"figures not in the labels:\n{listing}"

    non_figure_cases = [(n, s) for n in files for s in expected["non_figures"][n]]

    @pytest.mark.parametrize(
        ("name", "text"), [param(f"nonfig-{short[n]}-{s}", n, s) for n, s in non_figure_cases]
    )
    def test_non_figure_not_extracted(run: dict, name: str, text: str) -> None:
        doc = run["docs"][name]
        found = doc_figures(run, name)
        spans = find_spans(doc.text, text) or [
            (m.start(), m.end())
            for m in re.finditer(re.escape(nfkc_chars(text)), nfkc_chars(doc.text))
        ]
        assert spans, f"non-figure label {text!r} not in the text"
        hits = [
            describe(r)
            for _i, r in found.iterrows()
            if any(r["start"] < e and s < r["end"] for s, e in spans)
        ]
        assert not hits, f"{text!r} gave figures: {hits}"

    @pytest.mark.parametrize("name", suite.per_file("duplicates"))
    def test_duplicates(run: dict, name: str) -> None:
        matches = run["eval"][name]["matches"]
        wrong = []
        for case_id, m in matches.items():
            if m["row"] is None:
                continue
            label, row = m["label"], m["row"]
            got = row["duplicate_of"] if isinstance(row["duplicate_of"], str) else ""
            if "same_fact_as" in label:
                first_id = re.sub(r"#\d+$", f"#{label['same_fact_as']}", case_id)
                first = matches[first_id]["row"]
                if first is None or got != first["figure_id"]:
                    wrong.append(
                        f"{case_id}: duplicate_of={got!r}, expected the figure of {first_id}"
                    )
            elif got:
                wrong.append(f"{case_id}: duplicate_of={got!r}, expected blank")
        assert not wrong, "\n".join(wrong)

    @pytest.mark.parametrize("name", suite.per_file("qualifiers"))
    def test_qualifiers(run: dict, name: str) -> None:
        wrong = []
        for case_id, m in run["eval"][name]["matches"].items():
            if m["row"] is None or "qualifier" not in m["label"]:
                continue
            got = str(m["row"].get("qualifier", "") or "")
            if m["label"]["qualifier"] not in got:
                wrong.append(f"{case_id}: qualifier {got!r}, expected {m['label']['qualifier']!r}")
        assert not wrong, "\n".join(wrong)

    def test_print_evaluation_table(run: dict) -> None:
        table = evaluation_table(suite, run)
        with pd.option_context("display.width", 200):
            print("\n" + table.to_string(index=False, float_format=lambda x: f"{x:.3f}"))
        for name in files:
            meta = {f: suite.metadata(run, name, f) for f in DOC_FIELDS}
            print(
                f"{short[name]}: encoding={meta['encoding']} script={meta['script']} "
                f"province={meta['province']} doc_type={meta['doc_type']} published={meta['published']} "
                f"title={meta['title']!r} issuer={meta['issuer']!r}"
            )
        if suite.extra_report:
            suite.extra_report(run)
        assert len(table) == len(files) + 1

    @pytest.mark.parametrize(
        ("name", "metric"), [param(f"{short[n]}-{m}-bar", n, m) for n in files for m in QUALITY_BAR]
    )
    def test_quality_bar(run: dict, name: str, metric: str) -> None:
        got = scores(run, name)[metric]
        assert got >= QUALITY_BAR[metric], f"{metric} {got:.3f} < {QUALITY_BAR[metric]}"

    return {
        name: obj for name, obj in locals().items() if name.startswith("test_") and callable(obj)
    }
