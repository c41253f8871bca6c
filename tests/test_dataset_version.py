"""The committed tables cannot change without a new dataset version and its CHANGELOG entry.

tests/dataset_digests.json records, per DATASET_VERSION, the sha256 of each committed table
in data/processed; the tables must match the entry of the current version.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from dataset_digests import (
    CHANGELOG,
    PROCESSED,
    RECORD_COMMAND,
    changelog_versions,
    differences,
    load_record,
    record_version,
    table_digests,
    version_key,
)

from analysis.schema import DATASET_VERSION

STEPS = f"""If the change is intended:
  1. bump DATASET_VERSION in src/analysis/schema.py and dataset_version in pyproject.toml
     (major: a column removed, renamed or redefined; minor: a column, table or vocabulary
     value added, or rows changed by the extraction rules; patch: descriptions only);
  2. in CHANGELOG.md, put the change under a '## <new version>' heading saying what
     changed and why (move the '## Unreleased' lines there);
  3. regenerate the tables (make report), then record their digests:
     {RECORD_COMMAND}
  4. commit data/processed, tests/dataset_digests.json, CHANGELOG.md and the version.
If it is not intended: restore data/processed from git and find what changed the tables."""


def test_committed_tables_are_those_recorded_for_the_current_version() -> None:
    recorded = load_record()
    assert DATASET_VERSION in recorded, (
        f"no table digests are recorded for dataset version {DATASET_VERSION}.\n{STEPS}"
    )
    changes = differences(recorded[DATASET_VERSION], table_digests())
    assert changes == [], (
        f"data/processed changed but the dataset version is still {DATASET_VERSION} "
        f"({'; '.join(changes)}).\n{STEPS}"
    )


def test_current_version_is_the_latest_recorded() -> None:
    latest = max(load_record(), key=version_key)
    assert latest == DATASET_VERSION, (
        f"dataset_digests.json records {latest}, newer than DATASET_VERSION {DATASET_VERSION}"
    )


def test_every_recorded_version_has_a_changelog_heading() -> None:
    missing = [v for v in load_record() if v not in changelog_versions()]
    assert missing == [], f"CHANGELOG.md has no '## X.Y.Z' heading for {missing}"


def test_committed_package_states_the_current_version() -> None:
    descriptor = json.loads((PROCESSED / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == DATASET_VERSION, (
        f"data/processed/datapackage.json says {descriptor['version']}: regenerate (make report)"
    )


def test_changelog_versions_are_newest_first() -> None:
    versions = changelog_versions(CHANGELOG)
    assert versions == sorted(versions, key=version_key, reverse=True)


# ---------------------------------------------------------------- the recorder


@pytest.mark.parametrize(
    "recorded, current, expected",
    [
        ({"a.csv": "1"}, {"a.csv": "1"}, []),
        ({"a.csv": "1", "b.csv": "2"}, {"a.csv": "9", "b.csv": "2"}, ["a.csv changed"]),
        ({"a.csv": "1"}, {"a.csv": "1", "c.csv": "3"}, ["c.csv added"]),
        ({"a.csv": "1", "b.csv": "2"}, {"a.csv": "1"}, ["b.csv removed"]),
    ],
)
def test_differences(recorded: dict, current: dict, expected: list[str]) -> None:
    assert differences(recorded, current) == expected


@pytest.mark.parametrize(
    "version, expected", [("1.0.0", (1, 0, 0)), ("1.10.2", (1, 10, 2)), ("2.0.0", (2, 0, 0))]
)
def test_version_key_compares_numbers(version: str, expected: tuple[int, ...]) -> None:
    assert version_key(version) == expected
    assert version_key("1.10.0") > version_key("1.9.0")


def _changelog(tmp_path: Path, *versions: str) -> Path:
    path = tmp_path / "CHANGELOG.md"
    path.write_text(
        "# Changelog\n\n## Unreleased\n\n" + "".join(f"## {v}\n\n- x\n\n" for v in versions),
        encoding="utf-8",
    )
    return path


def test_tables_digested_are_the_csvs_and_the_package(tmp_path: Path) -> None:
    for name, content in {
        "b.csv": "x\n",
        "a.csv": "y\n",
        "datapackage.json": "{}\n",
        "tables.xlsx": "z",
        "notes.md": "",
    }.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    digests = table_digests(tmp_path)
    assert list(digests) == ["a.csv", "b.csv", "datapackage.json"]
    assert digests["b.csv"] == hashlib.sha256(b"x\n").hexdigest()  # of the bytes as committed


def test_recorder_adds_a_new_version_and_keeps_the_old(tmp_path: Path) -> None:
    record = tmp_path / "digests.json"
    changelog = _changelog(tmp_path, "1.1.0", "1.0.0")
    record_version("1.0.0", {"a.csv": "1"}, record, changelog)
    message = record_version("1.1.0", {"a.csv": "2"}, record, changelog)
    assert "1.1.0" in message
    assert json.loads(record.read_text(encoding="utf-8")) == {
        "1.0.0": {"a.csv": "1"},
        "1.1.0": {"a.csv": "2"},
    }
    assert "nothing to do" in record_version("1.1.0", {"a.csv": "2"}, record, changelog)


@pytest.mark.parametrize(
    "version, digests, match",
    [
        (
            "1.0.0",
            {"a.csv": "2"},
            r"already recorded with other tables \(a\.csv changed\); bump DATASET_VERSION",
        ),
        ("1.2.0", {"a.csv": "2"}, r"CHANGELOG\.md has no '## 1\.2\.0' heading"),
        ("0.9.0", {"a.csv": "2"}, r"0\.9\.0 is not newer than the recorded 1\.0\.0"),
    ],
)
def test_recorder_refuses_to_let_tables_drift(
    tmp_path: Path, version: str, digests: dict, match: str
) -> None:
    record = tmp_path / "digests.json"
    changelog = _changelog(tmp_path, "1.0.0", "0.9.0")
    record_version("1.0.0", {"a.csv": "1"}, record, changelog)
    before = record.read_bytes()
    with pytest.raises(ValueError, match=match):
        record_version(version, digests, record, changelog)
    assert record.read_bytes() == before
