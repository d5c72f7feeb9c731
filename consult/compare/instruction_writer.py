"""Amendment instructions written out (docs/amendments.md): render()."""

from __future__ import annotations

from collections.abc import Sequence

from consult.compare.instructions import (
    AMEND,
    DELETE,
    EDIT,
    HEADING_WORDS,
    INSERT,
    MOVE,
    NUMBER,
    REMOVE,
    RENUMBER,
    REPLACE,
    RETITLE,
    Amendment,
    Edit,
    HeadingRef,
    Instruction,
    Ref,
    article_name,
    heading_name,
    inserted_within,
    part_name,
)
from consult.compare.numerals import to_chinese

_RENUMBER_ZH = "此外，对条文顺序作相应调整。"


def title_for(lang: str, old: str = "", new: str = "") -> str:
    """A title for instructions in `lang` naming the two texts: 修改指令：旧 → 新 /
    Amendment instructions: old → new (without names when either is missing)."""
    word = "修改指令" if lang == "zh" else "Amendment instructions"
    if not (old and new):
        return word
    return f"{word}：{old} → {new}" if lang == "zh" else f"{word}: {old} → {new}"


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
        if any(ref.is_part() for ref in refs):
            raise ValueError("several paragraphs or items are named one by one in English")
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
            return self.edits(ins.targets, ins.edits), []
        if ins.op == INSERT and ins.articles and ins.articles[0].heading is not None:
            return self.insert_heading(ins)
        if ins.op == INSERT:
            return self.insert(ins)
        if ins.op == RETITLE or (ins.op == DELETE and ins.heading is not None):
            return self.heading(ins), []
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

    def edits(self, refs: Sequence[Ref], edits: Sequence[Edit]) -> str:
        scope = self.names(refs)
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
        if len(refs) == 1 and refs[0].is_part():
            return self.insert_part(ins, anchor, refs[0]), list(ins.articles[0].paragraphs)
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

    def insert_part(self, ins: Instruction, anchor: str, new: Ref) -> str:
        """在第十一条中增加一款，作为第三款： / 在第十条第一款第四项后增加一项，作为第五项：;
        In Article 11, the following paragraph is inserted as Paragraph 3: / After Item 4 of
        Paragraph 1 of Article 10, the following item is inserted as Item 5:"""
        within = inserted_within(_anchor(ins), new)
        stated = part_name(new, self.lang)
        if self.zh:
            side = "中" if within else ("前" if ins.before else "后")
            return f"在{anchor}{side}增加一{'项' if new.item else '款'}，作为{stated}："
        where = f"In {anchor}" if within else f"{'Before' if ins.before else 'After'} {anchor}"
        what = "item" if new.item else "paragraph"
        return f"{where}, the following {what} is inserted as {stated}:"

    def heading(self, ins: Instruction) -> str:
        """将第二章的章名修改为“公司登记”。 / 删去第五章的章名。; The heading of Chapter 2 is
        amended to read “…”. / The heading of Chapter 5 is deleted."""
        if ins.heading is None:
            raise ValueError(f"{ins.op} instruction without its heading")
        name = heading_name(ins.heading, self.lang)
        title = ins.paragraphs[0] if ins.paragraphs else ""
        if self.zh:
            what = f"{name}的{ins.heading.kind}名"
            return f"将{what}修改为“{title}”。" if ins.op == RETITLE else f"删去{what}。"
        if ins.op == RETITLE:
            return f"The heading of {name} is amended to read “{title}”."
        return f"The heading of {name} is deleted."

    def insert_heading(self, ins: Instruction) -> tuple[str, list[str]]:
        """在第十二条后增加一章，作为第二章： then the heading and the articles that follow
        it, each with its label; After Article 12, the following chapter is inserted as
        Chapter 2: …"""
        anchor = self.name(_anchor(ins))
        first = ins.articles[0].heading
        assert first is not None
        stated = heading_name(HeadingRef(first.kind, first.number), self.lang)
        if self.zh:
            line = f"在{anchor}{'前' if ins.before else '后'}增加一{first.kind}，作为{stated}："
        else:
            side = "Before" if ins.before else "After"
            word = HEADING_WORDS[first.kind].lower()
            line = f"{side} {anchor}, the following {word} is inserted as {stated}:"
        space = "\u3000" if self.zh else " "
        quoted: list[str] = []
        for unit in ins.articles:
            paragraphs = list(unit.paragraphs) or [""]
            if unit.heading is not None:
                label = heading_name(HeadingRef(unit.heading.kind, unit.heading.number), self.lang)
            else:
                label = self.name(unit.ref)
            quoted.append(f"{label}{space}{_one_line(paragraphs[0])}".rstrip())
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
