"""Amendment instructions read back from their written form (docs/amendments.md):
parse_instructions()."""

from __future__ import annotations

import re
from dataclasses import replace

from consult.compare.instruction_grammar import (
    BLOCK_ARTICLE,
    BLOCK_HEADING,
    DELETE_PART_EN,
    EDIT_EN_CLAUSE,
    EDIT_EN_FIRST,
    EDIT_ZH_FIRST,
    EDIT_ZH_NEXT,
    EN_SENTENCES,
    INSERT_HEADING_EN,
    INSERT_PART_EN,
    INSERT_PART_ZH,
    KIND_OF_WORD,
    NUMBER_EN,
    ONE_NAME_EN,
    WORD_EN,
    ZH_SENTENCES,
    check_insert_count,
    edit_zh,
    heading_instruction,
    insert_part_instruction,
    ref_zh,
)
from consult.compare.instructions import (
    ADD_AFTER,
    AMEND,
    DELETE,
    EDIT,
    INSERT,
    MOVE,
    NUMBER,
    REMOVE,
    RENUMBER,
    REPLACE,
    Amendment,
    Edit,
    HeadingRef,
    Instruction,
    NewArticle,
    Ref,
    article_name,
    heading_name,
)
from consult.compare.numerals import NUMERAL_CHARS, numeral_value
from consult.compare.text import is_cjk
from consult.errors import InstructionError
from consult.i18n import tr

# A quoted text that starts on the instruction's line: 将第五条修改为：“……
_INLINE_QUOTE = re.compile(r"(?P<head>.*?[：:])[ \t\u3000]*(?P<quote>[“\"].*)")
_LIST_MARK = re.compile(
    rf"(?:[{NUMERAL_CHARS}]+[、.．]|[（(][{NUMERAL_CHARS}\d]+[）)]|\d+\\?[.、．)]|[-*+](?=\s))\s*"
)
_QUOTE_MARK = re.compile(r"(?:>[ \t]?)+")
_OPENING = '“"'
_CLOSING = '”"'
_CLOSING_LINES = ("本决定自", "本决定")  # a decision's last lines: when it takes effect
# How instructions begin: a line before the first instruction that begins so is one that
# cannot be read (将第二条修改未：), not a title or a preamble to pass over.
_ATTEMPT = re.compile(
    r"(?:将第|删去|在第|此外|(?:In |After |Before )?(?:Article|Section|Paragraph|Item)s? "
    r"|The (?:heading|articles|sections))"
)


def parse_instructions(text: str) -> Amendment:
    """The instructions written in `text` (as `render` writes them, in Chinese or English,
    plain or Markdown): list marks (一、 1. （一）), block-quote marks, Markdown headings and
    blank lines are ignored, and so are lines before the first instruction (a title, a
    preamble). Each Instruction.line is where it starts. Anything else that is not an
    instruction, or a malformed one, raises InstructionError with its line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reader = _Reader()
    index = 0
    while index < len(lines):
        number = index + 1
        line = _QUOTE_MARK.sub("", lines[index].strip(), count=1).strip()
        index += 1
        if not line or line.startswith("#"):
            continue
        mark = _LIST_MARK.match(line)
        body = line[mark.end() :].strip() if mark else line
        body = body.strip("*").strip() if body.startswith("**") else body
        instruction = reader.instruction(body, number)
        inline: str | None = None
        if instruction is None:
            # The quoted text may start on the instruction's line: 将第五条修改为：“……”
            split = _INLINE_QUOTE.fullmatch(body)
            if split:
                instruction = reader.instruction(split["head"], number)
                if instruction is not None and instruction.op in (AMEND, INSERT):
                    inline = split["quote"]
                else:
                    instruction = None
        if instruction is None:
            if reader.instructions and body.startswith(_CLOSING_LINES):
                continue
            if not reader.instructions and not mark and not _attempt(body, lines, index):
                continue  # a title or preamble
            raise InstructionError(tr("not an instruction: {text}", text=_short(body)), number)
        if inline is not None or body.endswith((":", "：")):
            quoted, index = _quoted(lines, index, number, inline)
            instruction = reader.with_text(instruction, quoted)
        reader.instructions.append(instruction)
    if not reader.instructions:
        raise InstructionError(tr("no instruction found: nothing to apply"))
    renumber = [i for i in reader.instructions if i.op == RENUMBER]
    instructions = [i for i in reader.instructions if i.op != RENUMBER] + renumber[:1]
    lang = reader.lang or ("zh" if is_cjk(text) else "en")
    return Amendment(instructions, lang=lang, english_word=reader.word)


def _attempt(body: str, lines: list[str], index: int) -> bool:
    """Whether a line that is not an instruction was meant as one: it begins as instructions
    do, or quoted text follows it."""
    if _ATTEMPT.match(body):
        return True
    following = next((line.strip() for line in lines[index:] if line.strip()), "")
    following = _QUOTE_MARK.sub("", following, count=1).strip()
    return body.endswith((":", "：")) and following[:1] in _OPENING


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "…"


def _quoted(
    lines: list[str], index: int, number: int, first: str | None = None
) -> tuple[list[str], int]:
    """The quoted paragraphs that follow the instruction on line `number` (every one starts
    with “, the last ends with ”), and the index of the line after them. `first` is the
    first of them when it stands on the instruction's line."""
    paragraphs: list[str] = [first[1:]] if first is not None else []
    end = index if first is None else number
    while index < len(lines):
        line = _QUOTE_MARK.sub("", lines[index].strip(), count=1).strip()
        if line and line[0] not in _OPENING:
            break
        index += 1
        if line:
            paragraphs.append(line[1:])
            end = index
    if not paragraphs:
        raise InstructionError(tr("the quoted text this instruction announces is missing"), number)
    last = paragraphs[-1]
    if not last or last[-1] not in _CLOSING:
        raise InstructionError(
            tr("the quoted text does not end with a closing quotation mark ”"), end
        )
    paragraphs[-1] = last[:-1].rstrip()
    return paragraphs, end


class _Reader:
    """Reads instruction lines, remembering their language and the English word for articles."""

    def __init__(self) -> None:
        self.instructions: list[Instruction] = []
        self.lang = ""
        self.word = "Article"

    def instruction(self, body: str, line: int) -> Instruction | None:
        if not self.lang or self.lang == "zh":
            found = self._zh(body, line)
            if found is not None:
                self.lang = "zh"
                return found
        if not self.lang or self.lang == "en":
            found = self._en(body, line)
            if found is not None:
                self.lang = "en"
                return found
        return None

    def with_text(self, ins: Instruction, quoted: list[str]) -> Instruction:
        """The instruction with the quoted paragraphs that follow it."""
        if ins.op == AMEND:
            return replace(ins, paragraphs=tuple(quoted))
        if ins.op != INSERT:
            return ins
        if ins.articles and ins.articles[0].heading is not None:
            return replace(ins, articles=self._heading_block(ins, quoted))
        refs = [article.ref for article in ins.articles]
        labels = [self._label(ref) for ref in refs]
        if len(refs) == 1:
            m = labels[0].match(quoted[0])
            if m and m.end() < len(quoted[0]):
                quoted = [quoted[0][m.end() :], *quoted[1:]]
            return replace(ins, articles=(NewArticle(refs[0], tuple(quoted)),))
        articles: list[NewArticle] = []
        rest = quoted
        for i, ref in enumerate(refs):
            m = labels[i].match(rest[0]) if rest else None
            if m is None:
                name = article_name(ref, self.lang or "zh", self.word)
                raise InstructionError(
                    tr("the quoted text does not give {name}", name=name), ins.line
                )
            end = len(rest)
            if i + 1 < len(refs):
                end = next(
                    (k for k in range(1, len(rest)) if labels[i + 1].match(rest[k])), len(rest)
                )
            first = rest[0][m.end() :]
            paragraphs = ([first] if first else []) + rest[1:end]
            articles.append(NewArticle(ref, tuple(paragraphs)))
            rest = rest[end:]
        return replace(ins, articles=tuple(articles))

    def _heading_block(self, ins: Instruction, quoted: list[str]) -> tuple[NewArticle, ...]:
        """An inserted heading's quoted text: the heading (its label may be left out), then
        the articles and headings that follow it, each starting with its label."""
        stated = ins.articles[0].heading
        assert stated is not None
        out: list[NewArticle] = []
        for k, paragraph in enumerate(quoted):
            h = BLOCK_HEADING.match(paragraph)
            if h and h["w"] == "Section" and self.word == "Section":
                h = None  # the text's own sections are articles
            a = None if h else BLOCK_ARTICLE.match(paragraph)
            if h:
                kind = h["kind"] or KIND_OF_WORD[h["w"]]
                number = numeral_value(h["n"] or h["d"])
                title = paragraph[h.end() :].strip()
                out.append(NewArticle(Ref(0), (title,), HeadingRef(kind, number)))
            elif a:
                if a["d"]:
                    ref = Ref(int(a["d"]), a["s"] or "")
                else:
                    ref = Ref(numeral_value(a["n"]), a["sub"] or a["letters"] or "")
                rest = paragraph[a.end() :].strip()
                out.append(NewArticle(ref, (rest,) if rest else ()))
            elif k == 0:
                out.append(NewArticle(Ref(0), (paragraph.strip(),), stated))
            elif out[-1].heading is None:
                last = out[-1]
                out[-1] = replace(last, paragraphs=(*last.paragraphs, paragraph))
            else:
                name = heading_name(out[-1].heading, self.lang or "zh")
                raise InstructionError(
                    tr("the quoted text after {name} is not an article", name=name), ins.line
                )
        if not out or out[0].heading != stated:
            name = heading_name(stated, self.lang or "zh")
            raise InstructionError(tr("the quoted text does not give {name}", name=name), ins.line)
        return tuple(out)

    def _label(self, ref: Ref) -> re.Pattern[str]:
        """An inserted article's number label at the start of a quoted paragraph."""
        names = {article_name(ref, "zh"), article_name(ref, "en", self.word)}
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"(?:{alternatives})(?:[.:](?:\s+|$)|[\s\u3000]+|$)")

    # Chinese ---------------------------------------------------------------------------------

    def _zh(self, body: str, line: int) -> Instruction | None:
        heading = heading_instruction(body, line, zh=True)
        if heading is not None:
            return heading
        for op, pattern in ZH_SENTENCES.items():
            m = pattern.fullmatch(body)
            if not m:
                continue
            if op == AMEND:
                return Instruction(AMEND, (ref_zh(m["t"]),), line=line)
            if op == INSERT:
                names = [ref_zh(n) for n in re.split("[、，,]", m["names"])]
                check_insert_count(numeral_value(m["count"]), names, line)
                articles = tuple(NewArticle(r, ()) for r in names)
                return Instruction(
                    INSERT,
                    anchor=ref_zh(m["a"]),
                    before=m["side"] == "前",
                    articles=articles,
                    line=line,
                )
            if op == DELETE:
                refs = tuple(ref_zh(n) for n in re.split("[、，,]", m["names"]))
                return Instruction(DELETE, refs, line=line)
            if op == MOVE:
                return Instruction(
                    MOVE,
                    (ref_zh(m["t"]),),
                    anchor=ref_zh(m["a"]),
                    before=m["side"] == "前",
                    line=line,
                )
            if op == NUMBER:
                return Instruction(NUMBER, (ref_zh(m["t"]),), number=ref_zh(m["n"]), line=line)
            return Instruction(RENUMBER, line=line)
        part = INSERT_PART_ZH.fullmatch(body)
        if part:
            return insert_part_instruction(
                ref_zh(part["a"]),
                part["side"],
                part["kind"] == "项",
                numeral_value(part["n"]),
                line,
            )
        first = EDIT_ZH_FIRST.match(body)
        if not first:
            return None
        edits = [edit_zh(first)]
        target = first["r"] or first["d"] or first["a"]
        pos = first.end()
        while pos < len(body):
            m = EDIT_ZH_NEXT.match(body, pos)
            if not m:
                break
            edits.append(edit_zh(m))
            pos = m.end()
        if body[pos:] not in ("", "。", "."):
            return None
        targets = tuple(ref_zh(n) for n in re.split("[、，,]", target))
        return Instruction(EDIT, targets, edits=tuple(edits), line=line)

    # English ---------------------------------------------------------------------------------

    def _en(self, body: str, line: int) -> Instruction | None:
        heading = heading_instruction(body, line, zh=False)
        inserted = INSERT_HEADING_EN.fullmatch(body)
        if inserted and inserted["w"] == "Section" and not inserted["a"].startswith("Art"):
            heading = None  # a section of a code that names its articles sections: an article
        if heading is not None:
            if inserted is not None:
                heading = replace(heading, anchor=self._ref_en(inserted["a"]))
            return heading
        for op, pattern in EN_SENTENCES.items():
            m = pattern.fullmatch(body)
            if not m:
                continue
            if op == AMEND:
                return Instruction(AMEND, (self._ref_en(m["t"]),), line=line)
            if op == INSERT:
                names = self._refs_en(m["names"])
                articles = tuple(NewArticle(r, ()) for r in names)
                return Instruction(
                    INSERT,
                    anchor=self._ref_en(m["a"]),
                    before=m["side"] == "Before",
                    articles=articles,
                    line=line,
                )
            if op == DELETE:
                return Instruction(DELETE, tuple(self._refs_en(m["names"])), line=line)
            if op == MOVE:
                return Instruction(
                    MOVE,
                    (self._ref_en(m["t"]),),
                    anchor=self._ref_en(m["a"]),
                    before=m["side"] == "before",
                    line=line,
                )
            if op == NUMBER:
                return Instruction(
                    NUMBER, (self._ref_en(m["t"]),), number=self._ref_en(m["n"]), line=line
                )
            if not self.instructions:
                self.word = m["w"].capitalize()
            return Instruction(RENUMBER, line=line)
        part = INSERT_PART_EN.fullmatch(body)
        if part:
            side = {"After": "后", "Before": "前", None: "中"}[part["side"]]
            anchor = self._ref_en(part["a"] or part["w"])
            return insert_part_instruction(
                anchor, side, part["kind"] == "item", int(part["n"]), line
            )
        deleted = DELETE_PART_EN.fullmatch(body)
        if deleted:
            return Instruction(DELETE, (self._ref_en(deleted["t"]),), line=line)
        first = EDIT_EN_FIRST.match(body)
        if not first:
            return None
        edits: list[Edit] = []
        pos = first.end()
        while True:
            m = EDIT_EN_CLAUSE.match(body, pos)
            if not m:
                return None
            g = m.groups()
            if g[0] is not None:
                edits.append(Edit(REPLACE, g[0], g[1]))
            elif g[2] is not None:
                edits.append(Edit(REMOVE, g[2]))
            else:
                edits.append(Edit(ADD_AFTER, g[4], g[3]))
            pos = m.end()
            rest = body[pos:]
            if rest in ("", "."):
                break
            sep = re.match(r"\s*(?:;|,)\s*(?:and\s+)?", rest)
            if not sep:
                return None
            pos += sep.end()
        if first["t"]:
            targets: tuple[Ref, ...] = (self._ref_en(first["t"]),)
        else:
            targets = tuple(self._refs_en(first["names"]))
        return Instruction(EDIT, targets, edits=tuple(edits), line=line)

    def _ref_en(self, name: str) -> Ref:
        m = ONE_NAME_EN.fullmatch(name)
        assert m is not None  # the instruction's pattern matched it
        word = m["word"]
        self.word = {"Art.": "Article", "Sec.": "Section", "§": "Section"}.get(word, word)
        return Ref(int(m["n"]), m["sub"] or "", int(m["p"] or 0), int(m["i"] or 0))

    def _refs_en(self, names: str) -> list[Ref]:
        """Article 20 / Articles 20 and 21 / Articles 13, 14 and 15."""
        word = re.match(WORD_EN, names)
        if word:
            self._ref_en(f"{word.group(0)} 1")  # remembers the word
        return [
            Ref(int(m["n"]), m["sub"] or "")
            for m in NUMBER_EN.finditer(re.sub(rf"{WORD_EN}s?", "", names))
        ]
