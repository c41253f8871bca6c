"""Chinese numerals (analysis.figures.numbers) and year numbers (analysis.figures.years), and
the modules reading them with them."""

from __future__ import annotations

import pytest

from analysis import ingest, structure
from analysis.figures import numbers
from analysis.figures import years as year_numbers


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("五", 5),
        ("十", 10),
        ("十三", 13),
        ("二十八", 28),
        ("一百二十", 120),
        ("一百零五", 105),
        ("两千三百", 2300),
        ("两千三百万", 23_000_000),
        ("一亿五千万", 150_000_000),
        ("十万", 100_000),
        ("千亿", 100_000_000_000),
        ("〇", 0),
        ("零", 0),
        ("二〇二一", 2021),  # digits only: read positionally
        ("二○二五", 2025),  # ○ (U+25CB) as zero
        ("兩千", 2000),  # traditional 兩
        ("三萬", 30_000),  # traditional 萬
        ("壹佰贰拾", 120),  # financial forms
    ],
)
def test_chinese_number(numeral: str, expected: int) -> None:
    assert numbers.chinese_number(numeral) == expected


@pytest.mark.parametrize("numeral", ["", "五a", "第三"])
def test_chinese_number_rejects_other_text(numeral: str) -> None:
    with pytest.raises(ValueError):
        numbers.chinese_number(numeral)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025", 2025), ("二〇二五", 2025), ("二○三五", 2035), ("二零二三", 2023), ("一九九八", 1998)],
)
def test_read_year(text: str, expected: int) -> None:
    assert year_numbers.read_year(text) == expected


@pytest.mark.parametrize(
    ("number", "years"), [(13, (2016, 2020)), (14, (2021, 2025)), (11, (2006, 2010))]
)
def test_five_year_plan(number: int, years: tuple[int, int]) -> None:
    assert year_numbers.five_year_plan(number) == years


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [("①", 1), ("⑳", 20), ("7", 7), ("十二", 12), ("二十八", 28), ("一百零一", 101)],
)
def test_heading_numbers(numeral: str, expected: int) -> None:
    assert structure.cn_number(numeral) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二二年三月八日", "2022-03-08"),
        ("二○二一年十二月二十八日", "2021-12-28"),
        ("二〇二三年十月十日", "2023-10-10"),
    ],
)
def test_dates_in_chinese_numerals(text: str, expected: str) -> None:
    assert ingest.parse_date(text) == expected
