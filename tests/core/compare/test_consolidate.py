"""Applying amendment instructions: phrase edits, every kind of instruction in both languages,
errors that name the instruction's line, and real-style decisions on real texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from consult import i18n
from consult.compare.consolidate import apply_amendment, apply_edits, apply_instructions
from consult.compare.instructions import ADD_AFTER, REMOVE, REPLACE, Amendment, Edit, article_parts
from consult.compare.structure import units
from consult.compare.text import prepare
from consult.errors import ConsultError, InstructionError

# -- phrase edits -----------------------------------------------------------------------------


def test_phrase_edits_apply_in_order_each_seeing_the_text_the_one_before_left():
    text = "公民、法人或者其他组织的作品受本法保护。"
    edits = [
        Edit(REPLACE, "其他组织", "非法人组织"),
        Edit(ADD_AFTER, "非法人组织", "等"),  # finds what the first edit wrote
        Edit(REMOVE, "公民、"),
    ]
    assert apply_edits(text, edits) == "法人或者非法人组织等的作品受本法保护。"


def test_english_phrase_edits():
    text = "The owner of copyright has the exclusive rights to do and to authorize."
    edits = [
        Edit(REPLACE, "owner", "holder"),
        Edit(REMOVE, " and to authorize"),
        Edit(ADD_AFTER, "rights", " under this title"),
    ]
    assert apply_edits(text, edits) == (
        "The holder of copyright has the exclusive rights under this title to do."
    )


def test_no_edits_leave_the_text_as_it_is():
    assert apply_edits("第一条　甲。", []) == "第一条　甲。"


def test_a_phrase_not_in_the_text_is_reported_with_the_line_and_the_phrase():
    with pytest.raises(InstructionError) as caught:
        apply_edits("甲乙丙。", [Edit(REPLACE, "丁", "戊")], line=7)
    assert caught.value.line == 7
    assert str(caught.value) == "line 7: “丁” is not in the text"
    assert isinstance(caught.value, ConsultError)


def test_a_phrase_found_twice_is_reported_not_guessed():
    with pytest.raises(InstructionError, match="“乙” occurs 2 times") as caught:
        apply_edits("甲乙丙乙。", [Edit(REMOVE, "乙")], line=3)
    assert caught.value.line == 3


def test_overlapping_occurrences_count_as_several():
    with pytest.raises(InstructionError, match="occurs 2 times"):
        apply_edits("aaa", [Edit(REMOVE, "aa")])


def test_a_later_edit_fails_on_what_an_earlier_one_made_ambiguous():
    with pytest.raises(InstructionError, match="“乙” occurs 2 times"):
        apply_edits("甲乙。", [Edit(REPLACE, "甲", "乙"), Edit(REMOVE, "乙")])


def test_the_message_names_the_article_when_told():
    with pytest.raises(InstructionError) as caught:
        apply_edits("甲。", [Edit(REMOVE, "乙")], line=2, where="第五条")
    assert str(caught.value) == "line 2: “乙” is not in 第五条"


def test_the_message_is_in_chinese_when_the_user_reads_chinese():
    i18n.set_language("zh_CN")
    try:
        with pytest.raises(InstructionError) as caught:
            apply_edits("甲乙乙。", [Edit(REMOVE, "乙")], line=4, where="第五条")
    finally:
        i18n.set_language("en")
    assert str(caught.value) == "第 4 行：“乙”在第五条中出现 2 次，应当只出现一次"


# -- whole amendments on small texts -----------------------------------------------------------

SMALL_CN = """\
# 某某法

第一章　总则

第一条　为了保护作者的权利，制定本法。

第二条　中国公民、法人或者其他组织的作品，依照本法享有著作权。

外国人的作品，依照本法受保护。

第三条　本法所称的作品，包括文字作品。

第二章　附则

第四条　本法自公布之日起施行。
"""


def articles_of(text: str) -> list[str]:
    return [u.text for u in units(text, by_article=True) if u.kind == "article"]


def test_no_instructions_give_the_base_back_but_a_text_without_any_is_refused():
    assert apply_amendment(SMALL_CN, Amendment([])) == SMALL_CN
    # A file of instructions in which none can be found is a mistake, not "nothing changed";
    # nor is a mistyped first instruction a title to pass over.
    for written in ("", "x\n", "关于修改某法的决定\n"):
        with pytest.raises(InstructionError, match="no instruction found"):
            apply_instructions(SMALL_CN, written)
    with pytest.raises(InstructionError, match=r"^line 1: not an instruction"):
        apply_instructions(SMALL_CN, "将第二条修改未：\n“新的第二条。”\n\n删去第三条。\n")
    with pytest.raises(InstructionError, match=r"^line 1: not an instruction"):
        apply_instructions(SMALL_CN, "Article 2 is amended to reed:\n“New.”\n")


def test_each_kind_of_chinese_instruction():
    written = """\
一、将第二条第一款中的“其他组织”修改为“非法人组织”，在“作品”后增加“和录音制品”。

二、在第一条后增加一条，作为第一条之一：
“国家鼓励创作。”

三、将第三条修改为：
“本法所称的作品，是指具有独创性的智力成果。
“作品包括文字作品。”

四、删去第四条。

五、将第一条移至第三条后。

六、将第三条改为第三条之一。
"""
    got = apply_instructions(SMALL_CN, written)
    assert articles_of(got) == [
        "第一条之一　国家鼓励创作。",
        "第二条　中国公民、法人或者非法人组织的作品和录音制品，依照本法享有著作权。"
        "\n\n外国人的作品，依照本法受保护。",
        "第三条之一　本法所称的作品，是指具有独创性的智力成果。\n\n作品包括文字作品。",
        "第一条　为了保护作者的权利，制定本法。",
    ]
    # The title and the headings stay where they were.
    assert got.startswith("# 某某法\n\n第一章　总则\n\n第一条之一")
    assert got.endswith("第二章　附则\n")


def test_renumbering_relabels_in_the_texts_own_style_and_checks_stated_numbers():
    written = """\
一、在第一条后增加两条，分别作为第二条、第三条：
“第二条　甲。
“第三条　乙。”

二、删去第三条。

三、在第四条前增加一条，作为第五条：
“丙。”

此外，对条文顺序作相应调整。
"""
    got = apply_instructions(SMALL_CN, written)
    assert [a.split("　")[0] for a in articles_of(got)] == [
        "第一条",
        "第二条",
        "第三条",
        "第四条",
        "第五条",
        "第六条",
    ]
    assert articles_of(got)[3].startswith("第四条　中国公民")  # the old 第二条, text untouched
    assert "第二章　附则\n\n第五条　丙。\n\n第六条　本法自公布之日起施行。" in got


def test_inserts_after_the_same_article_follow_each_other_in_order():
    written = (
        "一、在第一条后增加一条，作为第一条之一：\n“甲。”\n"
        "二、在第一条后增加一条，作为第一条之二：\n“乙。”\n"
        "三、在第二条前增加一条，作为第一条之三：\n“丙。”\n"
    )
    labels = [a.split("　")[0] for a in articles_of(apply_instructions(SMALL_CN, written))]
    assert labels[:5] == ["第一条", "第一条之一", "第一条之二", "第一条之三", "第二条"]


def test_instructions_name_articles_by_their_old_number_wherever_they_are():
    written = "一、将第一条移至第三条后。\n二、将第一条中的“保护”修改为“保障”。\n"
    got = articles_of(apply_instructions(SMALL_CN, written))
    assert got[2] == "第一条　为了保障作者的权利，制定本法。"


SMALL_US = """\
TITLE 17—COPYRIGHTS

Sec. 101. Definitions

As used in this title, the following terms mean what they say.

Sec. 102. Subject matter of copyright

Copyright protection subsists in original works.

Sec. 103. Compilations

The subject matter of copyright includes compilations.

Sec. 104. National origin

The works are subject to protection.
"""


def test_an_english_amendment_of_a_us_style_text():
    written = """\
1. In Section 101, "the following terms mean" is replaced by "these terms have".

2. After Section 102, the following section is inserted as Section 102A:
“Works made for hire

“A work made for hire belongs to the employer.”

3. Section 104 is deleted.

4. Paragraph 2 of Section 103 is amended to read:
“The subject matter of copyright includes compilations and derivative works.”
"""
    got = apply_instructions(SMALL_US, written)
    assert got == (
        "TITLE 17—COPYRIGHTS\n\n"
        "Sec. 101. Definitions\n\nAs used in this title, these terms have what they say.\n\n"
        "Sec. 102. Subject matter of copyright\n\n"
        "Copyright protection subsists in original works.\n\n"
        "Sec. 102A. Works made for hire\n\n"
        "A work made for hire belongs to the employer.\n\n"
        "Sec. 103. Compilations\n\n"
        "The subject matter of copyright includes compilations and derivative works.\n"
    )


def test_english_articles_renumbered_in_the_texts_style():
    base = "Article 1: One.\n\nArticle 2: Two.\n\nArticle 3: Three.\n"
    written = (
        "1. Article 1 is deleted.\n"
        "2. After Article 3, the following article is inserted as Article 3:\n“Four.”\n"
        "The articles are renumbered accordingly.\n"
    )
    assert apply_instructions(base, written) == (
        "Article 1: Two.\n\nArticle 2: Three.\n\nArticle 3: Four.\n"
    )


def test_english_articles_keep_their_labels_without_renumbering():
    base = "Article 1. One.\n\nArticle 2. Two.\n"
    written = (
        "1. After Article 1, the following article is inserted as Article 1A:\n“New.”\n"
        "2. Article 2 becomes Article 3.\n"
    )
    assert apply_instructions(base, written) == (
        "Article 1. One.\n\nArticle 1A. New.\n\nArticle 3. Two.\n"
    )


# -- errors: reported with the instruction's line, nothing applied -----------------------------


@pytest.mark.parametrize(
    ("written", "line", "message"),
    [
        ("一、删去第一条。\n\n二、把第二条改好。\n", 3, "not an instruction: 把第二条改好。"),
        ("一、删去第一条。\n二、删去第九十条。\n", 2, "第九十条 is not in the text"),
        ("一、将第二条中的“作品”修改为“作物”。\n", 1, "“作品” occurs 2 times in 第二条"),
        ("一、删去第一条。\n二、将第三条中的“小说”修改为“诗”。\n", 2, "“小说” is not in 第三条"),
        (
            "一、删去第三条。\n二、在第三条后增加一条，作为第四条：\n“甲。”\n",
            2,
            "第三条 was deleted by an earlier instruction",
        ),
        ("一、将第三条第二款修改为：\n“甲。”\n", 1, "第三条 has no paragraph 2"),
        (
            "一、删去第一条。\n\n二、在第一条前增加一条，作为第三条：\n“甲。”\n\n此外，对条文顺序作相应调整。\n",
            3,
            "第一条 was deleted",
        ),
        (
            "一、在第二条后增加一条，作为第四条：\n“甲。”\n\n此外，对条文顺序作相应调整。\n",
            1,
            "the article inserted as 第四条 is 第三条 after renumbering",
        ),
    ],
)
def test_an_instruction_that_cannot_be_carried_out_is_reported_with_its_line(
    written, line, message
):
    with pytest.raises(InstructionError, match=message) as caught:
        apply_instructions(SMALL_CN, written)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line}: ")


def test_an_article_twice_in_the_base_is_reported_when_named():
    base = "第一条　甲。\n\n第一条　乙。\n\n第二条　丙。\n"
    with pytest.raises(InstructionError, match="第一条 is in the text 2 times"):
        apply_instructions(base, "一、删去第一条。\n")
    assert "第一条　乙" in apply_instructions(base, "一、删去第二条。\n")


# -- a real law: a decision in the style of the 2020 one, on the Copyright Law of 2010 ---------

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"

COPYRIGHT_DECISION = """\
# 全国人民代表大会常务委员会关于修改《中华人民共和国著作权法》的决定

第十三届全国人民代表大会常务委员会第二十三次会议决定对《中华人民共和国著作权法》作如下修改：

一、将第二条第一款中的“其他组织”修改为“非法人组织”。

二、将第五条中的“时事新闻”修改为“单纯事实消息”。

三、在第六条后增加一条，作为第七条：
“著作权人和与著作权有关的权利人可以依法采取技术措施。”

四、删去第四十六条。

五、将第六十一条修改为：
“本法自2021年6月1日起施行。”

此外，对条文顺序作相应调整。

本决定自2021年6月1日起施行。
"""


def test_a_decision_on_the_copyright_law_gives_the_expected_articles():
    base = (CORPUS / "copyright_cn" / "2010.md").read_text(encoding="utf-8")
    old = {a.split("　")[0]: a for a in articles_of(prepare(base))}
    got = apply_instructions(base, COPYRIGHT_DECISION)
    new = {a.split("　")[0]: a for a in articles_of(got)}
    assert len(new) == len(old) == 61
    assert new["第二条"].startswith("第二条　中国公民、法人或者非法人组织的作品")
    assert "（二）单纯事实消息；" in new["第五条"]
    assert new["第七条"] == "第七条　著作权人和与著作权有关的权利人可以依法采取技术措施。"
    # The articles after it move down by one, their text untouched …
    assert new["第八条"] == old["第七条"].replace("第七条", "第八条", 1)
    # … until the deleted 第四十六条, after which they keep their number.
    assert new["第四十六条"] == old["第四十五条"].replace("第四十五条", "第四十六条", 1)
    assert new["第四十七条"] == old["第四十七条"]
    assert new["第六十一条"] == "第六十一条　本法自2021年6月1日起施行。"

    # The title, the front page and the table of contents are kept as they were.
    def others(text: str) -> list[str]:
        return [u.text for u in units(prepare(text), by_article=True) if u.kind != "article"]

    assert others(got) == others(base)
    assert got.startswith("# 中华人民共和国著作权法\n\n中华人民共和国著作权法\n\n> （1990年")


# -- paragraphs (款) and items (项), as real decisions name them --------------------------------

ITEMS_CN = """\
第一条　本法不适用于：

（一）法律；

（二）时事新闻；

（三）历法。

第二条　著作权包括下列权利：

（一）发表权；

（二）署名权；

（三）修改权。

前款权利由作者享有。

第三条　甲。

乙。
"""


L1, L2 = "本法不适用于：|", "著作权包括下列权利：|"


@pytest.mark.parametrize(
    ("written", "article", "want"),
    [
        (
            "一、将第一条第二项修改为：“（二）单纯事实消息；”\n",
            0,
            L1 + "（一）法律；|（二）单纯事实消息；|（三）历法。",
        ),
        ("一、删去第一条第二项。\n", 0, L1 + "（一）法律；|（二）历法。"),
        (
            "一、在第一条第一项后增加一项，作为第二项：“（二）决定；”\n",
            0,
            L1 + "（一）法律；|（二）决定；|（三）时事新闻；|（四）历法。",
        ),
        # The label of an item that comes without one.
        (
            "一、在第一条中增加一项，作为第四项：“公式。”\n",
            0,
            L1 + "（一）法律；|（二）时事新闻；|（三）历法。|（四）公式。",
        ),
        (
            "一、将第二条第一款第三项中的“修改权”修改为“改编权”。\n",
            1,
            L2 + "（一）发表权；|（二）署名权；|（三）改编权。|前款权利由作者享有。",
        ),
        ("一、删去第二条第二款。\n", 1, L2 + "（一）发表权；|（二）署名权；|（三）修改权。"),
        (
            "一、将第二条第一款修改为：\n“著作权包括发表权。”\n",
            1,
            "著作权包括发表权。|前款权利由作者享有。",
        ),
        ("一、在第三条第一款后增加一款，作为第二款：“丙。”\n", 2, "甲。|丙。|乙。"),
        ("一、在第三条中增加一款，作为第三款：\n“丙。”\n", 2, "甲。|乙。|丙。"),
        ("一、在第三条第一款前增加一款，作为第一款：“丙。”\n", 2, "丙。|甲。|乙。"),
        # Named by their numbers in the text being amended: 第三项 is still the old third.
        (
            "一、删去第一条第一项。\n二、将第一条第三项修改为：“（三）公式。”\n",
            0,
            L1 + "（一）时事新闻；|（二）公式。",
        ),
        ("1. Item 2 of Article 1 is deleted.\n", 0, L1 + "（一）法律；|（二）历法。"),
        ("1. Paragraph 2 of Article 3 is deleted.\n", 2, "甲。"),
        (
            '1. In Item 1 of Paragraph 1 of Article 2, "发表权" is replaced by "署名权".\n',
            1,
            L2 + "（一）署名权；|（二）署名权；|（三）修改权。|前款权利由作者享有。",
        ),
    ],
)
def test_paragraphs_and_items(written, article, want):
    got = articles_of(apply_instructions(ITEMS_CN, written))[article]
    assert "|".join(article_parts(got)[1]) == want


def test_one_phrase_instruction_for_several_articles_each_once():
    base = "第一条　其他组织甲。\n\n第二条　其他组织乙。\n\n第三条　丙。\n"
    got = apply_instructions(base, "一、将第一条、第二条中的“其他组织”修改为“非法人组织”。\n")
    assert articles_of(got) == ["第一条　非法人组织甲。", "第二条　非法人组织乙。", "第三条　丙。"]
    with pytest.raises(InstructionError, match="“其他组织” is not in 第三条") as caught:
        apply_instructions(
            base, "一、删去第二条。\n二、将第一条、第三条中的“其他组织”修改为“甲”。\n"
        )
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("written", "line", "message"),
    [
        ("一、将第一条第四项修改为：“（四）甲。”\n", 1, "第一条 has no 第四项"),
        ("一、删去第二条第一款第四项。\n", 1, "第二条第一款 has no 第四项"),
        (
            "一、删去第二条第五项。\n",
            1,
            "第二条 has several paragraphs: say which one, as in 第二条第一款第五项",
        ),
        ("一、删去第三条第三款。\n", 1, "第三条 has no paragraph 3"),
        (
            "一、在第一条第二项后增加一项，作为第四项：“（四）甲；”\n",
            1,
            "inserted as 第四项 would be 第三项",
        ),
        ("一、在第三条中增加一款，作为第五款：“丙。”\n", 1, "inserted as 第五款 would be 第三款"),
        ("一、删去第一条第二项。\n\n二、删去第一条第二项。\n", 3, "第一条 has no 第二项"),
        ("1. Item 4 of Article 1 is deleted.\n", 1, "Article 1 has no Item 4"),
    ],
)
def test_a_missing_paragraph_or_item_is_reported_with_its_line(written, line, message):
    with pytest.raises(InstructionError, match=message) as caught:
        apply_instructions(ITEMS_CN, written)
    assert caught.value.line == line


# A decision in the style of the 2020 one, with the forms real decisions use.
REAL_STYLE_DECISION = """\
# 全国人民代表大会常务委员会关于修改《中华人民共和国著作权法》的决定

第十三届全国人民代表大会常务委员会第二十三次会议决定对《中华人民共和国著作权法》作如下修改：

一、将第二条、第九条、第二十二条中的“其他组织”修改为“非法人组织”。

二、将第三条第六项修改为：“（六）视听作品；”

三、将第五条第二项修改为：“（二）单纯事实消息；”

四、将第七条修改为：“国家著作权主管部门负责全国的著作权管理工作；县级以上地方主管著作权的部门负责本行政区域的著作权管理工作。”

五、在第八条中增加一款，作为第二款：“著作权集体管理组织根据授权向使用者收取使用费。使用费的收取标准由著作权集体管理组织和使用者代表协商确定。”

六、将第十条第一款第五项修改为：“（五）复制权，即以印刷、复印、拓印、录音、录像、翻录、翻拍、数字化等方式将作品制作一份或者多份的权利；”

七、将第十条第一款第十三项中的“摄制电影或者以类似摄制电影的方法”修改为“摄制视听作品的方法”。

八、在第十条第一款第四项后增加一项，作为第五项：“（五）测试权，即以技术手段检验作品的权利；”

九、在第十一条后增加一条，作为第十二条：“在作品上署名的自然人、法人或者非法人组织为作者，且该作品上存在相应权利，但有相反证明的除外。”

十、删去第二十二条第一款第七项。

十一、将第二十二条第一款第十二项修改为：“（十二）以阅读障碍者能够感知的无障碍方式向其提供已经发表的作品；”

十二、在第二十二条第一款中增加一项，作为第十二项：“（十二）法律、行政法规规定的其他情形。”

十三、删去第二十二条第二款。

此外，对条文顺序作相应调整。

本决定自2021年6月1日起施行。
"""


def test_a_decision_in_the_forms_real_decisions_use():
    base = (CORPUS / "copyright_cn" / "2010.md").read_text(encoding="utf-8")
    old = {a.split("　")[0]: a for a in articles_of(prepare(base))}
    new = {a.split("　")[0]: a for a in articles_of(apply_instructions(base, REAL_STYLE_DECISION))}
    assert len(new) == 62
    assert new["第二条"].startswith("第二条　中国公民、法人或者非法人组织的作品")
    assert "（二）其他依照本法享有著作权的公民、法人或者非法人组织。" in new["第九条"]
    assert "\n\n（六）视听作品；\n\n（七）工程设计图" in new["第三条"]
    assert new["第五条"].split("\n\n")[2] == "（二）单纯事实消息；"
    assert new["第七条"].startswith("第七条　国家著作权主管部门负责全国的著作权管理工作；")
    eighth = new["第八条"].split("\n\n")
    assert len(eighth) == 3 and eighth[1].startswith("著作权集体管理组织根据授权")
    tenth = new["第十条"].split("\n\n")
    assert tenth[5] == "（五）测试权，即以技术手段检验作品的权利；"
    assert tenth[6].startswith(
        "（六）复制权，即以印刷、复印、拓印、录音、录像、翻录、翻拍、数字化等方式"
    )
    assert tenth[14] == "（十四）摄制权，即以摄制视听作品的方法将作品固定在载体上的权利；"
    assert tenth[18] == "（十八）应当由著作权人享有的其他权利。"
    assert tenth[19] == old["第十条"].split("\n\n")[18].strip()  # the paragraph after them
    assert new["第十二条"].startswith("第十二条　在作品上署名的自然人")
    assert new["第十三条"] == old["第十二条"].replace("第十二条", "第十三条", 1)
    # The old 第二十二条 is 第二十三条 now: item 7 deleted, the ones after it renumbered, the
    # old twelfth amended (named by its old number), one added, the second paragraph gone.
    items = new["第二十三条"].split("\n\n")[1:]
    assert len(items) == 12
    assert items[6].startswith("（七）图书馆、档案馆")
    assert items[9].startswith("（十）将中国公民、法人或者非法人组织已经发表的")
    assert items[10] == "（十一）以阅读障碍者能够感知的无障碍方式向其提供已经发表的作品；"
    assert items[11] == "（十二）法律、行政法规规定的其他情形。"
