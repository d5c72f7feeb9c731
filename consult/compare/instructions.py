"""Amendment instructions as data: what `amendments.draft_amendment` produces, what
`parse_instructions` reads back, what `consolidate.apply_instructions` carries out.

The written form (Chinese and English) is described in docs/amendments.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from consult.compare.structure import ARTICLE

_BLANK_LINE = re.compile(r"\n[ \t\u3000\xa0]*\n")

# Instruction.op
AMEND = "amend"  # 将第十条[第二款]修改为：“……” — the whole article (or one paragraph) anew
EDIT = "edit"  # 将第五条中的“甲”修改为“乙” / 删去…中的 / 在…中的“甲”后增加“乙” — phrases
INSERT = "insert"  # 在第十二条后增加一条，作为第十三条：“……”
DELETE = "delete"  # 删去第二十条[、第二十一条]。
MOVE = "move"  # 将第二十条移至第三十条后。
NUMBER = "number"  # 将第十条改为第十一条。
RENUMBER = "renumber"  # 此外，对条文顺序作相应调整。
OPS = (AMEND, EDIT, INSERT, DELETE, MOVE, NUMBER, RENUMBER)

# Edit.op
REPLACE = "replace"  # “甲”修改为“乙”
REMOVE = "delete"  # 删去“甲”
ADD_AFTER = "insert_after"  # 在“甲”后增加“乙”


@dataclass(frozen=True, order=True)
class Ref:
    """An article by its number: 第十二条 (12), 第十二条之一 (12, "之一"), Sec. 106A (106, "A").
    `paragraph` (款, 1-based) narrows it to one paragraph; 0 is the whole article."""

    number: int
    sub: str = ""
    paragraph: int = 0

    def article(self) -> Ref:
        """The same article without the paragraph."""
        return Ref(self.number, self.sub)


@dataclass(frozen=True)
class Edit:
    """One change of a phrase. `find` occurs exactly once in the article (or paragraph) when
    the edit is applied; `text` is the replacement (REPLACE) or what follows `find` (ADD_AFTER)."""

    op: str
    find: str
    text: str = ""


@dataclass(frozen=True)
class NewArticle:
    """An inserted article: its number in the consolidated text, and its text without the
    number label, paragraph by paragraph."""

    ref: Ref
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Instruction:
    """One instruction. Which fields are used depends on `op`:

    - AMEND: targets=(ref,) (ref.paragraph set for one paragraph), paragraphs = the new text
      without the article's number label;
    - EDIT: targets=(ref,), edits in the order they are applied;
    - INSERT: anchor (+ before), articles;
    - DELETE: targets = the deleted articles;
    - MOVE: targets=(ref,), anchor (+ before);
    - NUMBER: targets=(ref,), number = its new number;
    - RENUMBER: nothing.

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
    line: int = field(default=0, compare=False)


@dataclass
class Amendment:
    """Instructions in the order they are applied; `lang` is "zh" or "en"; `english_word` is
    how the text itself names its articles in English ("Article", "Section")."""

    instructions: list[Instruction]
    lang: str = "zh"
    english_word: str = "Article"


def article_parts(text: str) -> tuple[str, list[str]]:
    """An article's number label ("第十条", "Article 10", "" when it has none) and its
    paragraphs (款, and 项 lines, each as it stands), split at blank lines. The separator after
    an English label ("Sec. 101. ", "Article 5: ") is not part of the text."""
    match = ARTICLE.match(text)
    label = match.group("label") or match.group("en") if match else ""
    rest = text[match.end() :] if match else text
    if match and match.group("en"):
        rest = rest.lstrip(" \t.:—–-")  # "Sec. 101. Definitions", "Article 5 — …"
    return label, [p.strip() for p in _BLANK_LINE.split(rest) if p.strip()]


def normalise_space(text: str) -> str:
    """Whitespace runs (line breaks and full-width spaces included) as one space: how two
    article texts are compared in a round trip."""
    return " ".join(text.split())
