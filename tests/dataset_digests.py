"""Digests of the committed tables, recorded per dataset version (tests/dataset_digests.json).

A committed table may only change together with a new `DATASET_VERSION` and its CHANGELOG
entry: tests/test_dataset_version.py compares the tables in data/processed with the digests
recorded for the current version. After bumping the version, adding the CHANGELOG heading
and regenerating the tables (`make report`), record the new digests with

    .venv/bin/python tests/dataset_digests.py

The recorder adds an entry for a new version only; it never rewrites the digests of a
version already recorded (that would let the tables drift under an old version number).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROCESSED = ROOT / "data" / "processed"
RECORD = ROOT / "tests" / "dataset_digests.json"
CHANGELOG = ROOT / "CHANGELOG.md"
RECORD_COMMAND = ".venv/bin/python tests/dataset_digests.py"
# The published tables and the package descriptor (types, units, vocabularies). The workbook
# is left out: it is built from these, and its bytes also depend on the xlsx writer's version.
PATTERNS = ("*.csv", "datapackage.json")


def table_digests(folder: Path = PROCESSED) -> dict[str, str]:
    """File name → sha256 (hex) of each committed table in `folder`, sorted by name."""
    paths = sorted({path for pattern in PATTERNS for path in folder.glob(pattern)})
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


def version_key(version: str) -> tuple[int, ...]:
    """'1.10.0' → (1, 10, 0), so versions compare as numbers."""
    return tuple(int(part) for part in version.split("."))


def load_record(path: Path = RECORD) -> dict[str, dict[str, str]]:
    """Dataset version → (file name → sha256), as committed ({} when there is no file yet)."""
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def changelog_versions(changelog: Path = CHANGELOG) -> list[str]:
    """The versions that have a `## X.Y.Z` heading in the changelog, in file order."""
    text = changelog.read_text(encoding="utf-8")
    return re.findall(r"^## (\d+\.\d+\.\d+)\b", text, flags=re.MULTILINE)


def differences(recorded: dict[str, str], current: dict[str, str]) -> list[str]:
    """What differs between two digest maps, one phrase per file ('figures.csv changed')."""
    changed = [
        f"{name} changed"
        for name in sorted(set(recorded) & set(current))
        if recorded[name] != current[name]
    ]
    added = [f"{name} added" for name in sorted(set(current) - set(recorded))]
    removed = [f"{name} removed" for name in sorted(set(recorded) - set(current))]
    return changed + added + removed


def record_version(
    version: str, digests: dict[str, str], record: Path = RECORD, changelog: Path = CHANGELOG
) -> str:
    """Add `digests` under `version` to the record file; returns what was done.

    Raises ValueError (with the step to take) when the changelog lacks the version's
    heading, when the version is not newer than every recorded one, or when the version
    is already recorded with other digests."""
    recorded = load_record(record)
    if version in recorded:
        if recorded[version] == digests:
            return f"dataset version {version} is already recorded with these tables; nothing to do"
        raise ValueError(
            f"dataset version {version} is already recorded with other tables "
            f"({'; '.join(differences(recorded[version], digests))}); bump DATASET_VERSION in "
            "src/analysis/schema.py and pyproject.toml first, then record again"
        )
    if version not in changelog_versions(changelog):
        raise ValueError(
            f"CHANGELOG.md has no '## {version}' heading; add one saying what changed and why"
        )
    newer = [v for v in recorded if version_key(v) >= version_key(version)]
    if newer:
        raise ValueError(
            f"dataset version {version} is not newer than the recorded {', '.join(sorted(newer))}"
        )
    recorded[version] = digests
    ordered = dict(sorted(recorded.items(), key=lambda item: version_key(item[0])))
    record.write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return f"recorded {len(digests)} table digests for dataset version {version} in {record.name}"


def main() -> int:
    """Record data/processed's digests under the current DATASET_VERSION (exit 2 on refusal)."""
    from analysis.schema import DATASET_VERSION

    try:
        print(record_version(DATASET_VERSION, table_digests()))
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
