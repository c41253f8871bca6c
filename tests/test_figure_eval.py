"""`python -m analysis evaluate-figures FOLDER`: matching, scoring, the printed table and
bad input (a message and exit 2, never a traceback). The folders are written here."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli
from analysis.figure_eval import (
    DocumentScore,
    match_document,
    metadata_ok,
    score_folder,
    summary_table,
    surface_key,
)

REPLY = (
    "关于加快采煤沉陷区治理的建议的答复\n"
    "张明代表:\n"
    "您提出的建议收悉,现答复如下。\n"
    "近年来,我市已治理采煤沉陷区2万亩。\n"
    "下一步,我们将新建安置房500套。\n"
    "某某市发展和改革委员会\n"
    "2023年6月28日\n"
)
# 2万亩 right; 500套 labelled with a wrong status on purpose; 2023年 is not a figure the
# program extracts (a date): a label it misses
EXPECTED = """
documents:
  reply.txt:
    genre: reply
    doc_type: reply
    published: "2023-06-28"
figures:
  reply.txt:
    - {surface: 2万亩, value: 1333.333333, unit: hectare, status: achievement}
    - {surface: 500套, value: 500, unit: count, status: achievement}
    - {surface: 2023年, value: 2023, unit: count, status: achievement}
"""


def write_folder(root: Path, expected: str | None = EXPECTED, text: str = REPLY) -> Path:
    folder = root / "labelled"
    folder.mkdir()
    (folder / "reply.txt").write_text(text, encoding="utf-8")
    if expected is not None:
        (folder / "expected.yaml").write_text(expected, encoding="utf-8")
    return folder


def test_scores_of_a_labelled_folder(tmp_path: Path) -> None:
    table = summary_table(score_folder(write_folder(tmp_path))).set_index("genre")
    reply = table.loc["reply"]
    assert (reply["labels"], reply["found"], reply["matched"]) == (3, 2, 2)
    assert reply["recall"] == pytest.approx(2 / 3)
    assert reply["precision"] == 1.0
    assert reply["value_unit"] == 1.0
    assert reply["status"] == 0.5  # 500套 is a commitment (下一步, 将), labelled otherwise
    assert reply["doc_type"] == 1.0  # 关于…建议的答复
    assert reply["published"] == 1.0  # the signature date
    assert math.isnan(reply["province"])  # not labelled: not judged
    assert list(table.index) == ["reply", "all"]


def test_command_prints_the_table_and_details(tmp_path: Path, capsys) -> None:
    folder = write_folder(tmp_path)
    assert cli.main(["evaluate-figures", str(folder), "--details"]) == 0
    out = capsys.readouterr().out
    assert "genre" in out and "recall" in out and "metadata_all" in out
    assert "status '500套'#1: expected achievement, got '500套' 500 count commitment" in out
    assert "missed '2023年'#1" in out


@pytest.mark.parametrize(
    ("expected", "message"),
    [
        (None, "expected.yaml: does not exist"),
        ("documents: [1, 2]\n", "has no `documents:` mapping"),
        (
            "documents:\n  other.txt: {genre: news}\n",
            "labels 'other.txt', which is not in the folder",
        ),
        (
            "documents:\n  reply.txt: {genre: reply}\nfigures:\n  reply.txt:\n    - {surface: 2万亩}\n",
            "figure 1 of reply.txt lacks surface/value/unit/status",
        ),
        ("documents: {reply.txt: [\n", "is not readable YAML"),
    ],
)
def test_bad_labels_exit_2_with_a_message(
    tmp_path: Path, capsys, expected: str | None, message: str
) -> None:
    folder = write_folder(tmp_path, expected)
    assert cli.main(["evaluate-figures", str(folder)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_missing_folder_exits_2(tmp_path: Path, capsys) -> None:
    assert cli.main(["evaluate-figures", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("约5%", "5%"),
        ("5%左右", "5%"),
        ("超过50%", "50%"),
        ("3000余万元", "3000余万元"),
        ("２万亩", "2万亩"),
    ],
)
def test_surface_key_drops_outer_qualifiers(surface: str, key: str) -> None:
    assert surface_key(surface) == key


def _found(*rows: tuple[int, int, str, float, str, str]) -> pd.DataFrame:
    columns = ["start", "end", "surface", "value", "unit", "status"]
    return pd.DataFrame(rows, columns=columns)


def test_labels_match_by_occurrence_and_surface() -> None:
    text = "新建园区5个,改造园区5个。"
    labels = [
        {"surface": "5个", "value": 5, "unit": "count", "status": "achievement"},
        {"surface": "5个", "value": 5, "unit": "count", "status": "commitment"},
    ]
    found = _found((10, 12, "5个", 5, "count", "commitment"))  # only the second occurrence
    matches, spurious = match_document(text, labels, found, require_value_unit=False)
    assert matches[0].row is None and matches[1].row is not None
    assert spurious.empty


def test_value_and_unit_matter_only_when_required() -> None:
    text = "提高2个百分点。"
    labels = [{"surface": "2个百分点", "value": 2, "unit": "percentage_point", "status": "unknown"}]
    found = _found((2, 7, "2个百分点", 2, "percent", "unknown"))
    assert match_document(text, labels, found, require_value_unit=False)[0][0].row is not None
    assert match_document(text, labels, found)[0][0].row is None


@pytest.mark.parametrize(
    ("expected", "field", "got", "ok"),
    [
        (
            {"title": "攀枝花市发展和改革委员会的函"},
            "title",
            "攀枝花市发    展和改革委员会的函",
            True,
        ),
        ({"published": "2019-06-12", "published_alt": [""]}, "published", None, True),
        ({"published": "2019-06-12"}, "published", "", False),
        ({"doc_type": "news", "doc_type_alt": ["notice"]}, "doc_type", "notice", True),
        ({"province": "山西省"}, "province", float("nan"), False),
    ],
)
def test_metadata_ok(expected: dict, field: str, got: object, ok: bool) -> None:
    assert metadata_ok(expected, field, got) is ok


def test_summary_of_several_genres() -> None:
    def score(
        genre: str, labels: int, found: int, matched: int, status: int, meta: bool
    ) -> DocumentScore:
        return DocumentScore("f", f"{genre}.txt", genre, labels, found, matched, matched, status,
                             {"province": meta, "title": True}, [])  # fmt: skip

    table = summary_table([score("news", 10, 10, 9, 9, True), score("reply", 4, 5, 4, 2, False)])
    table = table.set_index("genre")
    assert table.loc["all", "recall"] == pytest.approx(13 / 14)
    assert table.loc["all", "precision"] == pytest.approx(13 / 15)
    assert table.loc["all", "status"] == pytest.approx(11 / 13)
    assert table.loc["reply", "metadata_all"] == 0.0
    assert table.loc["all", "province"] == 0.5
