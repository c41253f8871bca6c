"""The header block of a government information page copied as text: 索引号, 主题分类, 发文机关,
成文日期, 标题, 发文字号, 发布日期 … one label per line, several on a line, or a table row copied
with its cells apart. `HEADER_LABELS` is the one list of labels (the HTML reader,
`analysis.formats.header_fields`, uses it too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.ingest import parse_date

HEADER_BLOCK_LINES = 30  # non-empty lines searched for a page's header block

#: Labels of a government information page's header block (text lines here, an HTML header table
#: in `analysis.formats.header_fields`: the one list) → the metadata field they give ("" for labels
#: read past). 發布時間 arrives simplified (发布时间).
HEADER_LABELS: dict[str, str] = {
    "标题": "title", "名称": "title", "文件名称": "title", "信息名称": "title",
    "发文机关": "issuer", "发布机构": "issuer", "发文单位": "issuer",
    "成文日期": "published", "印发日期": "published", "生成日期": "published", "产生日期": "published",
    "发布日期": "posted", "发布时间": "posted", "公开日期": "posted", "时间": "posted",
    "刊发时间": "posted", "发稿时间": "posted",
    "发文字号": "doc_number", "文号": "doc_number",
    "索引号": "", "主题分类": "", "体裁分类": "", "组配分类": "", "有效性": "", "时效": "",
    "主题词": "keywords", "关键词": "keywords",
    "信息来源": "", "来源": "", "浏览次数": "", "阅读次数": "", "访问次数": "",
    "作者": "", "日期": "",
}  # fmt: skip
# A label (letters possibly spaced: 标　　题) and its colon, where a field starts on a header line.
HEADER_LABEL_FIELD = re.compile(
    r"(?:^|(?<=[\s　|｜]))("
    + "|".join(r"[\s　]*".join(k) for k in sorted(HEADER_LABELS, key=len, reverse=True))
    + r")\s*[:：]"
)
# A document number: 枣政办字〔2022〕9号 / 发改投资[2024]618号 / 陕发改提〔2023〕56号
DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d{1,5}\s*号"
)
# … alone on a line, perhaps in brackets: 吉政办发〔2021〕38号 / （晋政办发〔2022〕45号）
DOC_NUMBER_LINE = re.compile(rf"^[(（]?({DOC_NUMBER.pattern})[)）]?$")


_COUNTERS = ("浏览次数", "阅读次数", "访问次数")  # page furniture, not header fields


def has_header_field(line: str) -> bool:
    """The line holds a labelled header field (发布时间：…, 索引号：…), at its start or after a space;
    a view counter alone (浏览次数：1234) is furniture, not a field. A table row copied as text
    starts with a label cell without a colon (发文机关 / 成文日期    2021-11-30)."""
    if any(
        re.sub(r"[\s　]+", "", m.group(1)) not in _COUNTERS
        for m in HEADER_LABEL_FIELD.finditer(line)
    ):
        return True
    first_cell = _CELL_GAP.split(line.strip(), maxsplit=1)[0]
    return (first_cell in HEADER_LABELS and first_cell not in _COUNTERS) or bool(
        _SPACED_LABEL.match(first_cell)
    )


@dataclass
class HeaderBlock:
    """Fields read from labelled header lines (发文机关：…), dates as ISO; blank when absent."""

    fields: dict[str, str]
    labels: int  # distinct labels seen


def header_fields(lines: list[str]) -> HeaderBlock:
    """Labelled fields of the opening lines: each label's value runs to the next label or the line end.

    A label alone on a line takes the next line as its value (成文日期 / 2022-03-15); a table
    row copied as text has its labels without colons, cells apart by wide gaps
    (发文机关    国家发展改革委    成文日期    2021-11-30). The first value of a field wins;
    dates as ISO YYYY-MM-DD.
    """
    fields: dict[str, str] = {}
    labels: set[str] = set()
    pending = ""
    for line in lines[:HEADER_BLOCK_LINES]:
        found = list(HEADER_LABEL_FIELD.finditer(line))
        if not found:
            cells = [cell for cell in _CELL_GAP.split(line.strip()) if cell]
            spaced = _SPACED_LABEL.match(cells[0]) if cells else None
            if spaced:  # 发文机关 某市人民政府: one space between label and value
                cells[:1] = [spaced.group(1), spaced.group(2)]
            if cells and cells[0] in HEADER_LABELS:
                pending = _bare_cells(fields, labels, cells)
            elif pending:
                _keep(fields, pending, line)
                pending = ""
            continue
        pending = ""
        for index, match in enumerate(found):
            label = re.sub(r"[\s　]+", "", match.group(1))
            labels.add(label)
            end = found[index + 1].start() if index + 1 < len(found) else len(line)
            value = line[match.end() : end].strip(" 　|｜")
            if value:
                _keep(fields, HEADER_LABELS[label], value)
            elif index + 1 == len(found):
                pending = HEADER_LABELS[label]
    return HeaderBlock(fields, len(labels))


# The gap between cells of a table row copied as text: a tab or two or more spaces.
_CELL_GAP = re.compile(r"\t+|[ 　]{2,}")
# A label, one space, a value: 发文机关 某市人民政府 (labels that give a field only)
_SPACED_LABEL = re.compile(
    r"^("
    + "|".join(sorted((k for k, v in HEADER_LABELS.items() if v), key=len, reverse=True))
    + r")[ 　](\S.*)$"
)


def _bare_cells(fields: dict[str, str], labels: set[str], cells: list[str]) -> str:
    """Label and value cells without colons (label, value, label, value …); returns a label left
    waiting for its value on the next line ("" if none)."""
    pending = ""
    for cell in cells:
        if cell in HEADER_LABELS:
            labels.add(cell)
            pending = HEADER_LABELS[cell] or "-"  # "-": a label read past, its value skipped
        elif pending:
            if pending != "-":
                _keep(fields, pending, cell)
            pending = ""
    return "" if pending == "-" else pending


def field_value(name: str, value: str) -> str:
    """A header field's value as the documents table keeps it, for text lines and HTML header
    tables alike: white space collapsed, dates as ISO YYYY-MM-DD, titles without spaces, a
    document number as the number itself ("" when the value holds none)."""
    value = re.sub(r"\s+", " ", value).strip()
    if name in ("published", "posted"):
        return parse_date(value)
    if name == "title":
        return value.replace(" ", "")
    if name == "doc_number":
        number = DOC_NUMBER.search(value.replace(" ", ""))
        return number.group() if number else ""
    return value


def keep_field(fields: dict[str, str], name: str, value: str) -> None:
    """Record a field's value (`field_value`) unless the field already has one or it is blank."""
    value = field_value(name, value)
    if name and value and name not in fields:
        fields[name] = value


def _keep(fields: dict[str, str], name: str, value: str) -> None:
    """`keep_field` for a text line: an issuer is its first cell (a value may run on into an
    unlabelled cell of the same line: 发文机关：某市人民政府　　2022年3月)."""
    if name == "issuer":
        value = value.split()[0] if value.split() else ""
    keep_field(fields, name, value)
