"""Amendment instructions as data, and the names of what they name (第十条第二款 / Paragraph 2
of Article 10, 第三章第二节): what `amendments.draft_amendment` produces,
`instruction_writer.render` writes, `instruction_reader.parse_instructions` reads back and
`consolidate.apply_amendment` carries out.

The written form (Chinese and English) is described in docs/amendments.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from consult.compare.numerals import to_chinese
from consult.compare.structure import ARTICLE
from consult.compare.text import paragraphs

# Instruction.op
AMEND = "amend"  # 将第十条[第二款][第五项]修改为：“……” — the article (款, 项) anew
EDIT = "edit"  # 将第五条[、第六条]中的“甲”修改为“乙” / 删去…中的 / 在…中的“甲”后增加“乙”
INSERT = "insert"  # 在第十二条后增加一条，作为第十三条：“……” / 在第十条第一款第四项后增加一项 …
DELETE = "delete"  # 删去第二十条[、第二十一条]。 / 删去第八条第二款。 / 删去第五条第二项。
MOVE = "move"  # 将第二十条移至第三十条后。
NUMBER = "number"  # 将第十条改为第十一条。
RENUMBER = "renumber"  # 此外，对条文顺序作相应调整。
RETITLE = "retitle"  # 将第二章的章名修改为“公司登记”。
OPS = (AMEND, EDIT, INSERT, DELETE, MOVE, NUMBER, RENUMBER, RETITLE)

# Headings (编 / 分编 / 章 / 节), from the largest to the smallest, and their English words.
HEADING_KINDS = ("编", "分编", "章", "节")
HEADING_WORDS = {"编": "Part", "分编": "Subpart", "章": "Chapter", "节": "Section"}

# Edit.op
REPLACE = "replace"  # “甲”修改为“乙”
REMOVE = "delete"  # 删去“甲”
ADD_AFTER = "insert_after"  # 在“甲”后增加“乙”


# A 项 line: （一）…, (一）… — its own paragraph in article_parts.
ITEM_LABEL = re.compile(r"(?P<open>[（(])(?P<n>[一二三四五六七八九十百]+)(?P<close>[）)])")


@dataclass(frozen=True, order=True)
class Ref:
    """An article by its number: 第十二条 (12), 第十二条之一 (12, "之一"), Sec. 106A (106, "A").
    `paragraph` (款, 1-based) narrows it to one paragraph: a paragraph that is not a 项 line,
    with the 项 lines that follow it; 0 is the whole article. `item` (项, 1-based) narrows it
    to the item-th 项 line of that paragraph (of the article's only paragraph when
    `paragraph` is 0); 0 is none."""

    number: int
    sub: str = ""
    paragraph: int = 0
    item: int = 0

    def article(self) -> Ref:
        """The same article without the paragraph and item."""
        return Ref(self.number, self.sub)

    def is_part(self) -> bool:
        """A paragraph or an item, not a whole article."""
        return bool(self.paragraph or self.item)


@dataclass(frozen=True)
class Edit:
    """One change of a phrase. `find` occurs exactly once in the article (or paragraph) when
    the edit is applied; `text` is the replacement (REPLACE) or what follows `find` (ADD_AFTER)."""

    op: str
    find: str
    text: str = ""


@dataclass(frozen=True)
class HeadingRef:
    """A heading (编 / 分编 / 章 / 节) by its number, within the enclosing headings named with
    it, outermost first: 第三章第二节 is HeadingRef("节", 2, (("章", 3),))."""

    kind: str
    number: int
    within: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class NewArticle:
    """An inserted article: its number in the consolidated text, and its text without the
    number label, paragraph by paragraph. With `heading` set, an inserted heading instead:
    `heading` is its number in the consolidated text, `paragraphs` its title (one)."""

    ref: Ref
    paragraphs: tuple[str, ...]
    heading: HeadingRef | None = None


@dataclass(frozen=True)
class Instruction:
    """One instruction. Which fields are used depends on `op`:

    - AMEND: targets=(ref,) (ref.paragraph / ref.item set for one paragraph or item),
      paragraphs = the new text without the article's number label (an item's with its own
      label, （二）…);
    - EDIT: targets = the articles (or one paragraph or item) the edits are applied to, each
      on its own, in the order they are applied;
    - INSERT: anchor (+ before), articles. One inserted paragraph or item is a NewArticle whose
      ref names it (Ref(11, paragraph=3); Ref(10, paragraph=1, item=5)): after (before) the
      anchor when the anchor is a paragraph (item) too, else within the anchor ("在第十一条中
      增加一款", before False) at the place its ref states;
    - DELETE: targets = the deleted articles (or one paragraph or item);
    - MOVE: targets=(ref,), anchor (+ before);
    - NUMBER: targets=(ref,), number = its new number;
    - RENUMBER: nothing (articles, and the headings, numbered in order);
    - RETITLE: heading, paragraphs = (the new title,);
    - DELETE with heading set (and no targets): that heading's line deleted;
    - INSERT whose first NewArticle is a heading (增加一章): the heading, then the articles
      (and further headings) that follow it.

    Refs in targets and anchor are numbers of the text being amended. `line` is where a parsed
    instruction starts (1-based) in the text it was read from; 0 when drafted.
    """

    op: str
    targets: tuple[Ref, ...] = ()
    edits: tuple[Edit, ...] = ()
    paragraphs: tuple[str, ...] = ()
    articles: tuple[NewArticle, ...] = ()
    anchor: Ref | None = None
    before: bool = False
    number: Ref | None = None
    heading: HeadingRef | None = None
    line: int = field(default=0, compare=False)


@dataclass
class Amendment:
    """Instructions in the order they are applied; `lang` is "zh" or "en"; `english_word` is
    how the text itself names its articles in English ("Article", "Section"). `outside` lists
    what changed outside the articles and headings (the title, the preamble, a table of
    contents …) and is not covered by the instructions: short labels, for a note; it is not
    written nor read."""

    instructions: list[Instruction]
    lang: str = "zh"
    english_word: str = "Article"
    outside: list[str] = field(default_factory=list, compare=False)


def article_parts(text: str) -> tuple[str, list[str]]:
    """An article's number label ("第十条", "Article 10", "" when it has none) and its
    paragraphs (款, and 项 lines, each as it stands), split at blank lines. The separator after
    an English label ("Sec. 101. ", "Article 5: ") is not part of the text."""
    match = ARTICLE.match(text)
    label = match.group("label") or match.group("en") if match else ""
    rest = text[match.end() :] if match else text
    if match and match.group("en"):
        rest = rest.lstrip(" \t.:—–-")  # "Sec. 101. Definitions", "Article 5 — …"
    return label, paragraphs(rest)


def normalise_space(text: str) -> str:
    """Whitespace runs (line breaks and full-width spaces included) as one space: how two
    article texts are compared in a round trip."""
    return " ".join(text.split())


# -- names -------------------------------------------------------------------------------------


def article_name(ref: Ref, lang: str, english_word: str = "Article") -> str:
    """第十二条 / 第十二条之一 / 第三十条第二款 / 第十条第一款第五项; Article 12 / Section 106A /
    Paragraph 2 of Article 30 / Item 5 of Paragraph 1 of Article 10."""
    if lang == "zh":
        if ref.sub and not ref.sub.startswith("之"):  # Sec. 106A: 第106A条
            name = f"第{ref.number}{ref.sub}条"
        else:
            name = f"第{to_chinese(ref.number)}条{ref.sub}"
        if ref.paragraph:
            name += f"第{to_chinese(ref.paragraph)}款"
        return name + f"第{to_chinese(ref.item)}项" if ref.item else name
    name = f"{english_word} {ref.number}{ref.sub}"
    if ref.paragraph:
        name = f"Paragraph {ref.paragraph} of {name}"
    return f"Item {ref.item} of {name}" if ref.item else name


def part_name(ref: Ref, lang: str) -> str:
    """The last part of a paragraph's or item's name: 第三款 / 第五项; Paragraph 3 / Item 5."""
    if lang == "zh":
        return f"第{to_chinese(ref.item)}项" if ref.item else f"第{to_chinese(ref.paragraph)}款"
    return f"Item {ref.item}" if ref.item else f"Paragraph {ref.paragraph}"


def inserted_within(anchor: Ref, new: Ref) -> bool:
    """Whether a paragraph or item `new` is inserted within `anchor` (在第十一条中增加一款) rather
    than after or before it (在第十一条第二款后增加一款): the anchor is not of its kind."""
    return not anchor.item if new.item else not anchor.paragraph


def heading_name(ref: HeadingRef, lang: str) -> str:
    """第三章第二节 / Section 2 of Chapter 3."""
    parts = [*ref.within, (ref.kind, ref.number)]
    if lang == "zh":
        return "".join(f"第{to_chinese(n)}{k}" for k, n in parts)
    return " of ".join(f"{HEADING_WORDS[k]} {n}" for k, n in reversed(parts))
