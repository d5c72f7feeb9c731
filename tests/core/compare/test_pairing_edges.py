"""Pairing cases met on the US Code: long sections, edited at both ends."""

from consult.compare import compare_texts

WORDS = "the Register of Copyrights shall prescribe by regulation the form of the notice".split()


def section(number: int, first: str, last: str, length: int = 3400) -> str:
    body, i = [], 0
    while sum(map(len, body)) < length:
        body.append(" ".join(WORDS[(i + k) % len(WORDS)] for k in range(9)) + ".\n      ")
        i += 1
    return f"Sec. {number}. {first}\n      " + "".join(body) + last


def test_a_section_edited_at_both_ends_still_pairs_with_itself():
    old = "\n\n".join(
        [
            section(301, "Preemption.", "End."),
            section(303, "Duration.", "Old end."),
            section(304, "Renewal.", "End."),
        ]
    )
    new = "\n\n".join(
        [
            section(301, "Preemption.", "End."),
            section(303, "Duration of works.", "A new last sentence."),
            section(304, "Renewal.", "End."),
        ]
    )
    result = compare_texts(old, new, by="article")
    kinds = {
        (row.old.label if row.old else None, row.new.label if row.new else None): row.kind
        for row in result.rows
    }
    assert kinds[("Sec. 303", "Sec. 303")] == "modified"
    assert result.stats["inserted"] == result.stats["deleted"] == 0


def test_a_repealed_section_is_the_same_section_with_its_text_replaced():
    old = "\n\n".join(
        [
            section(600, "A.", "x"),
            section(601, "Manufacture.", "y", 20_000),
            section(602, "B.", "z"),
        ]
    )
    new = "\n\n".join(
        [
            section(600, "A.", "x"),
            "Sec. 601. Repealed.\n      [Repealed by Pub. L. 111-295.]",
            section(602, "B.", "z"),
        ]
    )
    result = compare_texts(old, new, by="article")
    pairs = {(row.old.label, row.new.label) for row in result.rows if row.old and row.new}
    assert ("Sec. 601", "Sec. 601") in pairs


def test_an_article_marked_deleted_keeps_its_place():
    old = "第四条 甲方应当履行的义务。\n\n第五条 乙方可以选择的方式，包括书面和电子形式。\n\n第六条 丙方负责监督。"
    new = "第四条 甲方应当履行的义务。\n\n第五条 （删除）\n\n第六条 丙方负责监督。"
    result = compare_texts(old, new, by="article")
    row = next(r for r in result.rows if r.old and r.old.label == "第五条")
    assert row.kind == "modified" and row.new.label == "第五条"
