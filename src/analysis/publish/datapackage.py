"""The schema described: datapackage.json for software, docs/data-dictionary.md for people.

Both are pure functions of `analysis.schema` (no timestamps, no absolute paths).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from analysis.schema import DATASET_VERSION, PACKAGE, TABLES, VOCABULARIES, Field, Table, table
from analysis.tables_io import FORMULA_NOTE, FORMULA_NOTE_ZH, write_atomic

# ---------------------------------------------------------------------------
# datapackage.json
# ---------------------------------------------------------------------------


def _field_descriptor(field: Field, spec: Table) -> dict:
    descriptor: dict = {
        "name": field.name,
        "type": field.type,
        "description": field.en,
        "description_zh": field.zh,
    }
    if field.unit:
        descriptor["unit"] = field.unit
    constraints: dict = {}
    if field.required or field.name in spec.primary_key:
        constraints["required"] = True
    if field.enum:
        constraints["enum"] = list(field.enum)
    if field.pattern:
        constraints["pattern"] = field.pattern
    if field.minimum is not None:
        constraints["minimum"] = field.minimum
    if field.maximum is not None:
        constraints["maximum"] = field.maximum
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def resource_descriptor(spec: Table, included: Iterable[str]) -> dict:
    """Frictionless resource for one table; foreign keys only to tables in `included`."""
    included = set(included)
    foreign_keys = [
        {
            "fields": list(fk.fields),
            "reference": {
                "resource": "" if fk.ref_table == spec.name else fk.ref_table,
                "fields": list(fk.ref_fields),
            },
        }
        for fk in spec.foreign_keys
        if fk.ref_table in included
    ]
    schema: dict = {
        "fields": [_field_descriptor(f, spec) for f in spec.fields],
        "missingValues": [""],
        "primaryKey": list(spec.primary_key),
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return {
        "name": spec.name,
        "type": "table",
        "path": f"{spec.name}.csv",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": spec.name,
        "description": f"One row per {spec.grain_en} / {spec.grain_zh}. Notebook: {spec.notebook}.",
        "dialect": {"csv": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"'}},
        "schema": schema,
    }


def datapackage_descriptor(table_names: Iterable[str] | None = None) -> dict:
    """The datapackage.json content for `table_names` (all tables by default), schema order."""
    names = list(TABLES) if table_names is None else list(table_names)
    for name in names:
        table(name)  # clear error for unknown names
    ordered = [n for n in TABLES if n in names]
    return {
        "name": PACKAGE["name"],
        "title": PACKAGE["title"],
        "description": PACKAGE["description"],
        "version": DATASET_VERSION,
        "licenses": PACKAGE["licenses"],
        "resources": [resource_descriptor(TABLES[n], ordered) for n in ordered],
    }


def write_datapackage(processed_dir: Path, table_names: Iterable[str] | None = None) -> Path:
    """Write processed_dir/datapackage.json (relative paths, no timestamps); return its path.

    Every table's CSV must already exist in `processed_dir` (FileNotFoundError otherwise).
    """
    processed_dir = Path(processed_dir)
    descriptor = datapackage_descriptor(table_names)
    missing = [
        r["path"] for r in descriptor["resources"] if not (processed_dir / r["path"]).is_file()
    ]
    if missing:
        raise FileNotFoundError(
            f"{processed_dir}: cannot describe missing table file(s): {', '.join(missing)}"
        )
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    path = processed_dir / "datapackage.json"
    write_atomic(path, text.encode("utf-8"))
    return path


# ---------------------------------------------------------------------------
# docs/data-dictionary.md
# ---------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


#: Vocabularies longer than this are listed once, under "Vocabularies", not in every table.
_MD_INLINE_VALUES = 12


def _vocabulary_name(values: tuple[str, ...]) -> str:
    return next((name for name, v in VOCABULARIES.items() if v == values), "")


def _md_values(field: Field) -> str:
    if not field.enum:
        return ""
    name = _vocabulary_name(field.enum)
    if len(field.enum) > _MD_INLINE_VALUES and name:
        values = f"{name} vocabulary ({len(field.enum)} values, see [Vocabularies](#vocabularies))"
    else:
        values = ", ".join(f"`{v}`" for v in field.enum)
    return values if field.required else f"{values}, or blank"


def _md_vocabularies() -> list[str]:
    lines = ["## Vocabularies", "", "| vocabulary | values |", "|---|---|"]
    for name, values in VOCABULARIES.items():
        lines.append(f"| {name} | {_md_cell(', '.join(f'`{v}`' for v in values))} |")
    lines.append("")
    return lines


def _md_table_section(spec: Table) -> list[str]:
    lines = [
        f"## `{spec.name}`",
        "",
        f"One row per {spec.grain_en} / {spec.grain_zh}.",
        "",
        f"- File: `data/processed/{spec.name}.csv`; produced by notebook `{spec.notebook}`.",
        f"- Primary key: {', '.join(f'`{c}`' for c in spec.primary_key)}.",
    ]
    if spec.foreign_keys:
        links = "; ".join(
            f"`{', '.join(fk.fields)}` → `{fk.ref_table}.{', '.join(fk.ref_fields)}`"
            for fk in spec.foreign_keys
        )
        lines.append(f"- Foreign keys: {links}.")
    lines += [
        "",
        "| column | type | unit | allowed values | description | 说明 |",
        "|---|---|---|---|---|---|",
    ]
    for f in spec.fields:
        name = f"`{f.name}`" + (" *" if f.required or f.name in spec.primary_key else "")
        cells = [name, f.type, f.unit, _md_values(f), f.en, f.zh]
        lines.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
    lines.append("")
    return lines


def dictionary_markdown() -> str:
    """The data dictionary for people, generated from `analysis.schema`."""
    lines = [
        "# Data dictionary / 数据字典",
        "",
        "<!-- Generated by analysis.publish.write_dictionary_markdown from "
        "src/analysis/schema.py. Do not edit by hand: edit schema.py and run `make docs`. -->",
        "",
        f"Dataset version {DATASET_VERSION} (see CHANGELOG.md). Tables are UTF-8 CSV files in "
        "`data/processed/`, described for software in `data/processed/datapackage.json` and "
        "for people here and on the `columns` sheet of `data/processed/tables.xlsx`.",
        "",
        "Conventions: one header row; rows sorted by the primary key; numbers written "
        "fixed-point with at most 6 decimals; booleans `true`/`false`; dates ISO `YYYY-MM-DD`; "
        "a blank cell means missing or unknown, never a guess. `start`/`end` are character "
        "offsets (0-based, end exclusive) into the document's normalised text. Columns marked "
        "* are never blank.",
        "",
        f"Formula-like text: {FORMULA_NOTE}",
        "",
        f"公式样文本：{FORMULA_NOTE_ZH}",
        "",
        "约定：UTF-8 编码，首行为列名；按主键排序；数字为定点小数（最多6位）；布尔值为 "
        "`true`/`false`；日期为 `YYYY-MM-DD`；空白表示缺失或未知。`start`/`end` 为文档规范化文本中的"
        "字符位置（从0起，不含 end）。带 * 的列不为空。",
        "",
        "| table | one row per | primary key | notebook |",
        "|---|---|---|---|",
    ]
    for spec in TABLES.values():
        key = ", ".join(f"`{c}`" for c in spec.primary_key)
        lines.append(f"| [`{spec.name}`](#{spec.name}) | {_md_cell(spec.grain_en)} | {key} | "
                     f"`{spec.notebook}` |")  # fmt: skip
    lines.append("")
    for spec in TABLES.values():
        lines += _md_table_section(spec)
    lines += _md_vocabularies()
    return "\n".join(lines)


def write_dictionary_markdown(path: Path) -> Path:
    """Write the generated data dictionary (docs/data-dictionary.md); return the path."""
    write_atomic(Path(path), dictionary_markdown().encode("utf-8"))
    return Path(path)
