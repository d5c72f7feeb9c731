"""Amendment instructions as data: what `amendments.draft_amendment` produces, what
`parse_instructions` reads back, what `consolidate.apply_instructions` carries out.

The written form (Chinese and English) is described in docs/amendments.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from consult.compare.numerals import to_chinese
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


# -- the written form: render ------------------------------------------------------------------

_RENUMBER_ZH = "此外，对条文顺序作相应调整。"


def render(amendment: Amendment, *, format: str = "text", title: str | None = None) -> str:
    """The instructions written out as docs/amendments.md shows them, in amendment.lang
    ("zh": 一、将第十条修改为：… ; "en": 1. Article 10 is amended to read: …). `format` is
    "text" (plain lines) or "markdown" (a title heading, quoted texts as block quotes).
    Instructions are separated by blank lines; the renumbering, if any, comes last, unnumbered."""
    if format not in ("text", "markdown"):
        raise ValueError(f"unknown format {format!r}")
    writer = _Writer(amendment.lang, amendment.english_word)
    markdown = format == "markdown"
    blocks: list[str] = []
    if title:
        blocks.append(f"# {title}" if markdown else title)
    count = 0
    renumber = False
    for instruction in amendment.instructions:
        if instruction.op == RENUMBER:
            renumber = True
            continue
        count += 1
        line, quoted = writer.instruction(instruction)
        if writer.zh:
            mark = f"{to_chinese(count)}、"
        else:
            mark = f"{count}\\. " if markdown else f"{count}. "
        lines = [mark + line]
        if quoted:
            block = [f"“{_one_line(p)}" for p in quoted]
            block[-1] += "”"
            if markdown:
                lines += ["", "\n>\n".join(f"> {b}" for b in block)]
            else:
                lines += block
        blocks.append("\n".join(lines))
    if renumber:
        blocks.append(writer.renumber())
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _one_line(paragraph: str) -> str:
    """A paragraph on one line: its inner line breaks (and the indentation after them) as one
    space, which is how texts are compared (normalise_space)."""
    if "\n" not in paragraph:
        return paragraph.strip()
    return " ".join(line.strip() for line in paragraph.splitlines() if line.strip())


def article_name(ref: Ref, lang: str, english_word: str = "Article") -> str:
    """第十二条 / 第十二条之一 / 第三十条第二款; Article 12 / Section 106A / Paragraph 2 of
    Article 30."""
    if lang == "zh":
        name = f"第{to_chinese(ref.number)}条{ref.sub}"
        return name + f"第{to_chinese(ref.paragraph)}款" if ref.paragraph else name
    name = f"{english_word} {ref.number}{ref.sub}"
    return f"Paragraph {ref.paragraph} of {name}" if ref.paragraph else name


class _Writer:
    """Sentences of one language."""

    def __init__(self, lang: str, english_word: str) -> None:
        self.zh = lang == "zh"
        self.lang = "zh" if self.zh else "en"
        self.word = english_word

    def name(self, ref: Ref) -> str:
        return article_name(ref, self.lang, self.word)

    def names(self, refs: Sequence[Ref]) -> str:
        """第十三条、第十四条 / Article 13 / Articles 13 and 14 / Articles 13, 14 and 15."""
        if self.zh:
            return "、".join(self.name(ref) for ref in refs)
        if len(refs) == 1:
            return self.name(refs[0])
        numbers = [f"{ref.number}{ref.sub}" for ref in refs]
        return f"{self.word}s {', '.join(numbers[:-1])} and {numbers[-1]}"

    def instruction(self, ins: Instruction) -> tuple[str, list[str]]:
        """The instruction's sentence and the paragraphs quoted after it."""
        zh = self.zh
        if ins.op == AMEND:
            name = self.name(ins.targets[0])
            return (f"将{name}修改为：" if zh else f"{name} is amended to read:"), list(
                ins.paragraphs
            )
        if ins.op == EDIT:
            return self.edits(ins.targets[0], ins.edits), []
        if ins.op == INSERT:
            return self.insert(ins)
        if ins.op == DELETE:
            names = self.names(ins.targets)
            if zh:
                return f"删去{names}。", []
            return f"{names} {'is' if len(ins.targets) == 1 else 'are'} deleted.", []
        if ins.op == MOVE:
            target, anchor = self.name(ins.targets[0]), self.name(_anchor(ins))
            if zh:
                return f"将{target}移至{anchor}{'前' if ins.before else '后'}。", []
            return f"{target} is moved {'before' if ins.before else 'after'} {anchor}.", []
        if ins.op == NUMBER:
            target, number = self.name(ins.targets[0]), self.name(_number(ins))
            return (f"将{target}改为{number}。" if zh else f"{target} becomes {number}."), []
        raise ValueError(f"unknown instruction {ins.op!r}")

    def edits(self, ref: Ref, edits: Sequence[Edit]) -> str:
        scope = self.name(ref)
        if not self.zh:
            clauses = []
            for edit in edits:
                if edit.op == REPLACE:
                    clauses.append(f'"{edit.find}" is replaced by "{edit.text}"')
                elif edit.op == REMOVE:
                    clauses.append(f'"{edit.find}" is deleted')
                else:
                    clauses.append(f'"{edit.text}" is inserted after "{edit.find}"')
            return f"In {scope}, {'; '.join(clauses)}."
        parts = []
        for i, edit in enumerate(edits):
            where = f"{scope}中的" if i == 0 else ""
            if edit.op == REPLACE:
                lead = "" if i and edits[i - 1].op == REPLACE else "将"
                parts.append(f"{lead}{where}“{edit.find}”修改为“{edit.text}”")
            elif edit.op == REMOVE:
                parts.append(f"删去{where}“{edit.find}”")
            else:
                parts.append(f"在{where}“{edit.find}”后增加“{edit.text}”")
        return "，".join(parts) + "。"

    def insert(self, ins: Instruction) -> tuple[str, list[str]]:
        anchor = self.name(_anchor(ins))
        refs = [article.ref for article in ins.articles]
        names = self.names(refs)
        several = len(refs) > 1
        if self.zh:
            count = "两" if len(refs) == 2 else to_chinese(len(refs))
            side = "前" if ins.before else "后"
            line = f"在{anchor}{side}增加{count}条，{'分别' if several else ''}作为{names}："
        else:
            side = "Before" if ins.before else "After"
            what = "articles are" if several else "article is"
            line = f"{side} {anchor}, the following {what} inserted as {names}:"
        if not several:
            return line, list(ins.articles[0].paragraphs)
        quoted: list[str] = []
        space = "\u3000" if self.zh else " "
        for article in ins.articles:
            paragraphs = list(article.paragraphs) or [""]
            quoted.append(f"{self.name(article.ref)}{space}{_one_line(paragraphs[0])}".rstrip())
            quoted += paragraphs[1:]
        return line, quoted

    def renumber(self) -> str:
        if self.zh:
            return _RENUMBER_ZH
        return f"The {self.word.lower()}s are renumbered accordingly."


def _anchor(ins: Instruction) -> Ref:
    if ins.anchor is None:
        raise ValueError(f"{ins.op} instruction without an anchor article")
    return ins.anchor


def _number(ins: Instruction) -> Ref:
    if ins.number is None:
        raise ValueError("number instruction without the new number")
    return ins.number
