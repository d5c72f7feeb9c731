"""Chinese numerals in article numbers, both ways."""

import pytest

from consult.compare.numerals import parse_chinese, to_chinese


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十一", 21),
        ("一百", 100),
        ("一百零一", 101),
        ("一百一十", 110),
        ("一百一十一", 111),
        ("二百", 200),
        ("两百", 200),
        ("一千", 1000),
        ("一千零一", 1001),
        ("一千零一十", 1010),
        ("一千零一十一", 1011),
        ("一千一百", 1100),
        ("一千二百六十", 1260),
        ("二〇二三", 2023),
    ],
)
def test_parse_and_write(text, number):
    assert parse_chinese(text) == number
    if text not in ("两百", "二〇二三"):  # other spellings of the same number
        assert to_chinese(number) == text


@pytest.mark.parametrize("text", ["", "条", "第十", "十a", "abc"])
def test_what_is_not_a_numeral(text):
    assert parse_chinese(text) is None


def test_every_article_number_of_the_civil_code_round_trips():
    for n in range(1, 1261):
        assert parse_chinese(to_chinese(n)) == n
