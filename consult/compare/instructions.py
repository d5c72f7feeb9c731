"""Amendment instructions as data: what `amendments.draft_amendment` produces, what
`parse_instructions` reads back, what `consolidate.apply_instructions` carries out.

The written form (Chinese and English) is described in docs/amendments.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from consult.compare.numerals import NUMERAL_CHARS, parse_chinese, to_chinese
from consult.compare.structure import ARTICLE
from consult.errors import InstructionError
from consult.i18n import ntr, tr

_BLANK_LINE = re.compile(r"\n[ \t\u3000\xa0]*\n")

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
# The enclosing headings a heading of each kind may be named within, innermost first: a 节 is
# always named with its 章 (第三章第二节); a 章 or 分编 with its 编 where the base numbers
# them anew in each 编 (the civil code: 第一编第二章).
_WITHIN = {"编": (), "分编": ("编",), "章": ("编",), "节": ("章", "编")}

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
    return label, [p.strip() for p in _BLANK_LINE.split(rest) if p.strip()]


def normalise_space(text: str) -> str:
    """Whitespace runs (line breaks and full-width spaces included) as one space: how two
    article texts are compared in a round trip."""
    return " ".join(text.split())


# -- headings ----------------------------------------------------------------------------------

# A heading's text: Markdown marks, its label (第二章), the separator and its title.
HEADING_LINE = re.compile(
    rf"(?P<mark>(?:#{{1,6}}[ \t]*)?(?:\*\*)?)"
    rf"(?P<label>第(?P<n>[{NUMERAL_CHARS}\d]+)(?P<kind>分编|编|章|节))"
    r"(?P<close>\*\*)?(?P<sep>[ \t\u3000]*)(?P<title>.*)",
    re.S,
)
_RANK = {kind: rank for rank, kind in enumerate(HEADING_KINDS)}


@dataclass
class BodyHeading:
    """A heading of a text's body: where it is among the units, its kind and number, the
    numbers of the headings it stands in (kind → number), and its name (HeadingRef)."""

    index: int
    kind: str
    number: int
    ancestors: dict[str, int]
    ref: HeadingRef


def heading_title(text: str) -> str:
    """A heading's title without its label and Markdown marks ("公司登记")."""
    m = HEADING_LINE.match(text)
    return m["title"].strip().rstrip("*").strip() if m else text.strip()


def same_title(a: str, b: str) -> bool:
    """Titles compared without their spaces: “总 则” is “总则” (a typographic spacing)."""
    return "".join(a.split()) == "".join(b.split())


def body_headings(kinds_and_texts: Sequence[tuple[str, str]]) -> list[BodyHeading]:
    """The headings (编 / 分编 / 章 / 节) of a text's body, from its units in order as
    (unit kind, text). Headings before the first article belong to the body only when they
    lead into it (第一编, 第一章 right before 第一条); the others are a table of contents,
    outside the instructions as the title and preamble are. Each is named by its number, within
    the enclosing headings that make the name unique (a 节 always with its 章)."""
    first = next((i for i, (k, _) in enumerate(kinds_and_texts) if k == "article"), None)
    lead: list[tuple[int, str, int]] = []
    if first is not None:
        rank = len(HEADING_KINDS)
        for i in range(first - 1, -1, -1):
            kind, text = kinds_and_texts[i]
            if not _blank(text):
                lead_heading = _heading_of(kind, text)
                if lead_heading is None or _RANK[lead_heading[0]] >= rank:
                    break
                rank = _RANK[lead_heading[0]]
                lead.insert(0, (i, *lead_heading))
    start = 0 if first is None else first
    found: list[tuple[int, str, int]] = lead + [
        (i, *h)
        for i in range(start, len(kinds_and_texts))
        if (h := _heading_of(*kinds_and_texts[i])) is not None
    ]
    out: list[BodyHeading] = []
    current: dict[str, int] = {}
    for index, kind, number in found:
        current = {k: n for k, n in current.items() if _RANK[k] < _RANK[kind]}
        out.append(BodyHeading(index, kind, number, dict(current), HeadingRef(kind, number)))
        current[kind] = number
    for heading in out:
        within: list[tuple[str, int]] = []
        candidates = [k for k in _WITHIN[heading.kind] if k in heading.ancestors]
        if heading.kind == "节" and candidates and candidates[0] == "章":
            within.append(("章", heading.ancestors["章"]))
            candidates.pop(0)
        ref = HeadingRef(heading.kind, heading.number, tuple(within))
        while sum(heading_matches(ref, h) for h in out) > 1 and candidates:
            kind = candidates.pop(0)
            within.insert(0, (kind, heading.ancestors[kind]))
            ref = HeadingRef(heading.kind, heading.number, tuple(within))
        heading.ref = ref
    return out


def chapters_restart(headings: Sequence[BodyHeading]) -> bool:
    """Whether a text numbers its chapters anew in each 编 (a chapter number appears twice)."""
    seen: set[int] = set()
    for heading in headings:
        if heading.kind == "章":
            if heading.number in seen:
                return True
            seen.add(heading.number)
    return False


def heading_numbers(kinds: Sequence[str], *, restart_chapters: bool) -> list[int]:
    """The numbers headings of these kinds, in this order, have when numbered in order: 节
    anew in each 章, 分编 in each 编, 章 in each 编 when `restart_chapters`. A kind "" is a
    heading without a number ("# 物权编"): what is numbered anew in each 编 is numbered anew
    after it too (its number is 0)."""
    restart = {"分编": "编", "节": "章"} | ({"章": "编"} if restart_chapters else {})
    counters = dict.fromkeys(HEADING_KINDS, 0)
    numbers: list[int] = []
    for kind in kinds:
        if kind:
            counters[kind] += 1
        for child, parent in restart.items():
            if parent == (kind or "编"):
                counters[child] = 0
        numbers.append(counters[kind] if kind else 0)
    return numbers


def numbered_in_order(
    kinds_and_texts: Sequence[tuple[str, str]],
    headings: Sequence[BodyHeading],
    *,
    restart_chapters: bool,
) -> bool:
    """Whether a text's body headings (body_headings of its units, given as (unit kind, text))
    are numbered in order, as heading_numbers numbers them."""
    at = {h.index: h for h in headings}
    kinds = [
        at[i].kind if i in at else ""
        for i, (kind, text) in enumerate(kinds_and_texts)
        if i in at or is_unnumbered_heading(kind, text)
    ]
    numbers = [n for n in heading_numbers(kinds, restart_chapters=restart_chapters) if n]
    return numbers == [h.number for h in headings]


def is_unnumbered_heading(kind: str, text: str) -> bool:
    """A heading that is not 第X编 / 分编 / 章 / 节 ("# 物权编", the title)."""
    return kind == "heading" and HEADING_LINE.match(text) is None


def ambiguous(headings: Sequence[BodyHeading]) -> bool:
    """Whether some heading's name names several (chapters numbered anew in parts that have
    no number: the civil code's "# 物权编")."""
    return any(sum(heading_matches(h.ref, other) for other in headings) > 1 for h in headings)


def heading_matches(ref: HeadingRef, heading: BodyHeading) -> bool:
    """Whether `ref` names `heading` (by their numbers in the text being amended)."""
    return (
        ref.kind == heading.kind
        and ref.number == heading.number
        and all(heading.ancestors.get(k) == n for k, n in ref.within)
    )


def _heading_of(kind: str, text: str) -> tuple[str, int] | None:
    if kind != "heading":
        return None
    m = HEADING_LINE.match(text)
    return (m["kind"], _int(m["n"])) if m else None


def _blank(text: str) -> bool:
    return not text.replace("\u200b", "").replace("\ufeff", "").strip()


def heading_name(ref: HeadingRef, lang: str) -> str:
    """第三章第二节 / Section 2 of Chapter 3."""
    parts = [*ref.within, (ref.kind, ref.number)]
    if lang == "zh":
        return "".join(f"第{to_chinese(n)}{k}" for k, n in parts)
    return " of ".join(f"{HEADING_WORDS[k]} {n}" for k, n in reversed(parts))


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


# -- the written form: parse -------------------------------------------------------------------

_N = f"[{NUMERAL_CHARS}\\d]+"
_LETTERS = r"[A-Za-z]{1,3}(?:-\d+)?"  # Sec. 106A in Chinese: 第106A条
_ARTICLE_ZH = rf"第{_N}(?:{_LETTERS})?条(?:之[{NUMERAL_CHARS}]+)?"
_NAME_ZH = rf"{_ARTICLE_ZH}(?:第{_N}款)?(?:第{_N}项)?"
_NAMES_ZH = rf"{_NAME_ZH}(?:[、，,]{_NAME_ZH})*"
_ONE_NAME_ZH = re.compile(
    rf"第(?P<n>{_N})(?P<letters>{_LETTERS})?条(?P<sub>之[{NUMERAL_CHARS}]+)?"
    rf"(?:第(?P<p>{_N})款)?(?:第(?P<i>{_N})项)?"
)
_WORD_EN = r"(?:Article|Section|Art\.|Sec\.|§)"
_NUM_EN = rf"\d+(?:[A-Za-z]{{1,3}}(?:-\d+)?|-\d+|之[{NUMERAL_CHARS}]+)?"
_ARTICLE_EN = rf"{_WORD_EN} ?{_NUM_EN}"
_NAME_EN = rf"(?:[Ii]tem \d+ of )?(?:[Pp]aragraph \d+ of )?{_ARTICLE_EN}"
_NAMES_EN = rf"{_WORD_EN}s? ?{_NUM_EN}(?:(?:,? and |, ){_WORD_EN}?s? ?{_NUM_EN})*"
_ONE_NAME_EN = re.compile(
    rf"(?:[Ii]tem (?P<i>\d+) of )?(?:[Pp]aragraph (?P<p>\d+) of )?(?P<word>{_WORD_EN}) ?"
    rf"(?P<n>\d+)(?P<sub>[A-Za-z]{{1,3}}(?:-\d+)?|-\d+|之[{NUMERAL_CHARS}]+)?"
)
_NUMBER_EN = re.compile(rf"(?P<n>\d+)(?P<sub>[A-Za-z]{{1,3}}(?:-\d+)?|-\d+|之[{NUMERAL_CHARS}]+)?")
_Q = '["“”]'
_PHRASE_EN = f'{_Q}([^"“”]*){_Q}'

_ZH = {
    AMEND: re.compile(rf"将(?P<t>{_NAME_ZH})修改为[：:]"),
    INSERT: re.compile(
        rf"在(?P<a>{_ARTICLE_ZH})(?P<side>[后前])增加(?P<count>{_N})条[，,](?:分别)?作为"
        rf"(?P<names>{_ARTICLE_ZH}(?:[、，,]{_ARTICLE_ZH})*)[：:]"
    ),
    DELETE: re.compile(rf"删去(?P<names>{_NAMES_ZH})[。.]?"),
    MOVE: re.compile(rf"将(?P<t>{_ARTICLE_ZH})移至(?P<a>{_ARTICLE_ZH})(?P<side>[后前])[。.]?"),
    NUMBER: re.compile(rf"将(?P<t>{_ARTICLE_ZH})改为(?P<n>{_ARTICLE_ZH})[。.]?"),
    RENUMBER: re.compile(r"(?:此外[，,])?对条文顺序作相应调整[。.]?"),
}
# 在第十一条中增加一款，作为第三款： / 在第十条第一款第四项后增加一项，作为第五项：
_INSERT_PART_ZH = re.compile(
    rf"在(?P<a>{_NAME_ZH})(?P<side>[后前中])增加一(?P<kind>[款项])[，,]作为第(?P<n>{_N})(?P=kind)[：:]"
)
_INSERT_PART_EN = re.compile(
    rf"(?:(?P<side>After|Before) (?P<a>{_NAME_EN})|In (?P<w>{_NAME_EN})), the following "
    rf"(?P<kind>paragraph|item) is inserted as (?:Paragraph|Item) (?P<n>\d+):"
)
_DELETE_PART_EN = re.compile(
    rf"(?P<t>(?:[Ii]tem \d+ of )?(?:[Pp]aragraph \d+ of )?{_ARTICLE_EN}) is deleted\.?"
)
# Headings: 将第三章第二节的节名修改为“……”。 / 删去第五章的章名。 / 在第十二条后增加一章，作为第二章：
_KIND_ZH = "(?:分编|编|章|节)"
_HEADING_ZH = rf"(?:第{_N}{_KIND_ZH})+"
_ONE_HEADING_ZH = re.compile(rf"第(?P<n>{_N})(?P<kind>分编|编|章|节)")
_RETITLE_ZH = re.compile(
    rf"将(?P<h>{_HEADING_ZH})的?(?P<k>{_KIND_ZH})名修改为[“\"](?P<t>[^“”\"]*)[”\"][。.]?"
)
_DELETE_HEADING_ZH = re.compile(rf"删去(?P<h>{_HEADING_ZH})的?(?P<k>{_KIND_ZH})名[。.]?")
_INSERT_HEADING_ZH = re.compile(
    rf"在(?P<a>{_ARTICLE_ZH})(?P<side>[后前])增加一(?P<kind>{_KIND_ZH})[，,]"
    rf"作为第(?P<n>{_N})(?P=kind)[：:]"
)
_WORD_HEADING_EN = "(?:Part|Subpart|Chapter|Section)"
_HEADING_EN = rf"{_WORD_HEADING_EN} \d+(?: of {_WORD_HEADING_EN} \d+)*"
_ONE_HEADING_EN = re.compile(r"(?P<w>Part|Subpart|Chapter|Section) (?P<n>\d+)")
_RETITLE_EN = re.compile(
    rf"The heading of (?P<h>{_HEADING_EN}) is amended to read [“\"](?P<t>[^“”\"]*)[”\"]\.?"
)
_DELETE_HEADING_EN = re.compile(rf"The heading of (?P<h>{_HEADING_EN}) is deleted\.?")
_INSERT_HEADING_EN = re.compile(
    rf"(?P<side>After|Before) (?P<a>{_ARTICLE_EN}), the following "
    r"(?P<kind>part|subpart|chapter|section) is inserted as (?P<w>Part|Subpart|Chapter|Section)"
    r" (?P<n>\d+):"
)
_KIND_OF_WORD = {word: kind for kind, word in HEADING_WORDS.items()}
# In the quoted text of an inserted heading: the label that starts a heading or an article.
_BLOCK_HEADING = re.compile(
    rf"(?:第(?P<n>{_N})(?P<kind>分编|编|章|节)|(?P<w>Part|Subpart|Chapter|Section) (?P<d>\d+))"
    r"(?:[ \t\u3000]+|$)"
)
_BLOCK_ARTICLE = re.compile(
    rf"(?:第(?P<n>{_N})(?P<letters>{_LETTERS})?条(?P<sub>之[{NUMERAL_CHARS}]+)?"
    rf"|(?:Article|Section|Art\.|Sec\.|§) ?(?P<d>\d+)(?P<s>[A-Za-z]{{1,3}}(?:-\d+)?)?[.:]?)"
    r"(?:[ \t\u3000]+|$)"
)
# A quoted text that starts on the instruction's line: 将第五条修改为：“……
_INLINE_QUOTE = re.compile(r"(?P<head>.*?[：:])[ \t\u3000]*(?P<quote>[“\"].*)")
_EN = {
    AMEND: re.compile(rf"(?P<t>{_NAME_EN}) is amended to read:"),
    INSERT: re.compile(
        rf"(?P<side>After|Before) (?P<a>{_ARTICLE_EN}), the following \w+ (?:is|are) inserted "
        rf"as (?P<names>{_NAMES_EN}):"
    ),
    DELETE: re.compile(rf"(?P<names>{_NAMES_EN}) (?:is|are) deleted\.?"),
    MOVE: re.compile(
        rf"(?P<t>{_ARTICLE_EN}) is moved (?P<side>after|before) (?P<a>{_ARTICLE_EN})\.?"
    ),
    NUMBER: re.compile(rf"(?P<t>{_ARTICLE_EN}) becomes (?P<n>{_ARTICLE_EN})\.?"),
    RENUMBER: re.compile(r"The (?P<w>article|section)s are renumbered accordingly\.?", re.I),
}
# Phrase edits: the first clause names the article, the ones after it only phrases.
_EDIT_ZH_FIRST = re.compile(
    rf"将(?P<r>{_NAMES_ZH})中的“(?P<rf>[^“”]*)”修改为“(?P<rt>[^“”]*)”"
    rf"|删去(?P<d>{_NAMES_ZH})中的“(?P<df>[^“”]*)”"
    rf"|在(?P<a>{_NAMES_ZH})中的“(?P<af>[^“”]*)”后增加“(?P<at>[^“”]*)”"
)
_EDIT_ZH_NEXT = re.compile(
    r"[，,；;](?:将?“(?P<rf>[^“”]*)”修改为“(?P<rt>[^“”]*)”"
    r"|删去“(?P<df>[^“”]*)”"
    r"|在“(?P<af>[^“”]*)”后增加“(?P<at>[^“”]*)”)"
)
_EDIT_EN_FIRST = re.compile(rf"In (?:(?P<t>{_NAME_EN})|(?P<names>{_NAMES_EN})), ")
_EDIT_EN_CLAUSE = re.compile(
    rf"(?:{_PHRASE_EN} is replaced by {_PHRASE_EN}"
    rf"|{_PHRASE_EN} is deleted"
    rf"|{_PHRASE_EN} is inserted after {_PHRASE_EN})"
)
_LIST_MARK = re.compile(
    rf"(?:[{NUMERAL_CHARS}]+[、.．]|[（(][{NUMERAL_CHARS}\d]+[）)]|\d+\\?[.、．)]|[-*+](?=\s))\s*"
)
_QUOTE_MARK = re.compile(r"(?:>[ \t]?)+")
_OPENING = '“"'
_CLOSING = '”"'
_CLOSING_LINES = ("本决定自", "本决定")  # a decision's last lines: when it takes effect


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
            if not reader.instructions and not mark:
                continue  # a title or preamble
            raise InstructionError(tr("not an instruction: {text}", text=_short(body)), number)
        if inline is not None or body.endswith((":", "：")):
            quoted, index = _quoted(lines, index, number, inline)
            instruction = reader.with_text(instruction, quoted)
        reader.instructions.append(instruction)
    renumber = [i for i in reader.instructions if i.op == RENUMBER]
    instructions = [i for i in reader.instructions if i.op != RENUMBER] + renumber[:1]
    lang = reader.lang or ("zh" if re.search("[\u4e00-\u9fff]", text) else "en")
    return Amendment(instructions, lang=lang, english_word=reader.word)


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
            h = _BLOCK_HEADING.match(paragraph)
            if h and h["w"] == "Section" and self.word == "Section":
                h = None  # the text's own sections are articles
            a = None if h else _BLOCK_ARTICLE.match(paragraph)
            if h:
                kind = h["kind"] or _KIND_OF_WORD[h["w"]]
                number = _int(h["n"] or h["d"])
                title = paragraph[h.end() :].strip()
                out.append(NewArticle(Ref(0), (title,), HeadingRef(kind, number)))
            elif a:
                if a["d"]:
                    ref = Ref(int(a["d"]), a["s"] or "")
                else:
                    ref = Ref(_int(a["n"]), a["sub"] or a["letters"] or "")
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
        heading = _heading_instruction(body, line, zh=True)
        if heading is not None:
            return heading
        for op, pattern in _ZH.items():
            m = pattern.fullmatch(body)
            if not m:
                continue
            if op == AMEND:
                return Instruction(AMEND, (_ref_zh(m["t"]),), line=line)
            if op == INSERT:
                names = [_ref_zh(n) for n in re.split("[、，,]", m["names"])]
                _check_count(parse_chinese(m["count"]) or _int(m["count"]), names, line)
                articles = tuple(NewArticle(r, ()) for r in names)
                return Instruction(
                    INSERT,
                    anchor=_ref_zh(m["a"]),
                    before=m["side"] == "前",
                    articles=articles,
                    line=line,
                )
            if op == DELETE:
                refs = tuple(_ref_zh(n) for n in re.split("[、，,]", m["names"]))
                return Instruction(DELETE, refs, line=line)
            if op == MOVE:
                return Instruction(
                    MOVE,
                    (_ref_zh(m["t"]),),
                    anchor=_ref_zh(m["a"]),
                    before=m["side"] == "前",
                    line=line,
                )
            if op == NUMBER:
                return Instruction(NUMBER, (_ref_zh(m["t"]),), number=_ref_zh(m["n"]), line=line)
            return Instruction(RENUMBER, line=line)
        part = _INSERT_PART_ZH.fullmatch(body)
        if part:
            return _insert_part(
                _ref_zh(part["a"]), part["side"], part["kind"] == "项", _int(part["n"]), line
            )
        first = _EDIT_ZH_FIRST.match(body)
        if not first:
            return None
        edits = [_edit_zh(first)]
        target = first["r"] or first["d"] or first["a"]
        pos = first.end()
        while pos < len(body):
            m = _EDIT_ZH_NEXT.match(body, pos)
            if not m:
                break
            edits.append(_edit_zh(m))
            pos = m.end()
        if body[pos:] not in ("", "。", "."):
            return None
        targets = tuple(_ref_zh(n) for n in re.split("[、，,]", target))
        return Instruction(EDIT, targets, edits=tuple(edits), line=line)

    # English ---------------------------------------------------------------------------------

    def _en(self, body: str, line: int) -> Instruction | None:
        heading = _heading_instruction(body, line, zh=False)
        inserted = _INSERT_HEADING_EN.fullmatch(body)
        if inserted and inserted["w"] == "Section" and not inserted["a"].startswith("Art"):
            heading = None  # a section of a code that names its articles sections: an article
        if heading is not None:
            if inserted is not None:
                heading = replace(heading, anchor=self._ref_en(inserted["a"]))
            return heading
        for op, pattern in _EN.items():
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
        part = _INSERT_PART_EN.fullmatch(body)
        if part:
            side = {"After": "后", "Before": "前", None: "中"}[part["side"]]
            anchor = self._ref_en(part["a"] or part["w"])
            return _insert_part(anchor, side, part["kind"] == "item", int(part["n"]), line)
        deleted = _DELETE_PART_EN.fullmatch(body)
        if deleted:
            return Instruction(DELETE, (self._ref_en(deleted["t"]),), line=line)
        first = _EDIT_EN_FIRST.match(body)
        if not first:
            return None
        edits: list[Edit] = []
        pos = first.end()
        while True:
            m = _EDIT_EN_CLAUSE.match(body, pos)
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
        m = _ONE_NAME_EN.fullmatch(name)
        assert m is not None  # the instruction's pattern matched it
        word = m["word"]
        self.word = {"Art.": "Article", "Sec.": "Section", "§": "Section"}.get(word, word)
        return Ref(int(m["n"]), m["sub"] or "", int(m["p"] or 0), int(m["i"] or 0))

    def _refs_en(self, names: str) -> list[Ref]:
        """Article 20 / Articles 20 and 21 / Articles 13, 14 and 15."""
        word = re.match(_WORD_EN, names)
        if word:
            self._ref_en(f"{word.group(0)} 1")  # remembers the word
        return [
            Ref(int(m["n"]), m["sub"] or "")
            for m in _NUMBER_EN.finditer(re.sub(rf"{_WORD_EN}s?", "", names))
        ]


def _heading_instruction(body: str, line: int, *, zh: bool) -> Instruction | None:
    """A heading's instruction (retitled, deleted, inserted), or None."""
    retitle, delete, insert = (
        (_RETITLE_ZH, _DELETE_HEADING_ZH, _INSERT_HEADING_ZH)
        if zh
        else (_RETITLE_EN, _DELETE_HEADING_EN, _INSERT_HEADING_EN)
    )
    for op, pattern in ((RETITLE, retitle), (DELETE, delete)):
        m = pattern.fullmatch(body)
        if m is None:
            continue
        ref = _heading_ref(m["h"], zh=zh)
        if zh and m["k"] != ref.kind:
            return None  # 将第二章的节名修改为
        paragraphs = (m["t"],) if op == RETITLE else ()
        return Instruction(op, heading=ref, paragraphs=paragraphs, line=line)
    m = insert.fullmatch(body)
    if m is None:
        return None
    if zh:
        kind, anchor = m["kind"], _ref_zh(m["a"])
        before = m["side"] == "前"
    else:
        kind, anchor = _KIND_OF_WORD[m["w"]], Ref(0)  # the anchor is read by the caller
        if HEADING_WORDS[kind].lower() != m["kind"]:
            return None
        before = m["side"] == "Before"
    stated = NewArticle(Ref(0), (), HeadingRef(kind, _int(m["n"])))
    return Instruction(INSERT, anchor=anchor, before=before, articles=(stated,), line=line)


def _heading_ref(name: str, *, zh: bool) -> HeadingRef:
    """第三章第二节 / Section 2 of Chapter 3 → HeadingRef("节", 2, (("章", 3),))."""
    if zh:
        parts = [(m["kind"], _int(m["n"])) for m in _ONE_HEADING_ZH.finditer(name)]
    else:
        found = [(_KIND_OF_WORD[m["w"]], int(m["n"])) for m in _ONE_HEADING_EN.finditer(name)]
        parts = found[::-1]
    kind, number = parts[-1]
    return HeadingRef(kind, number, tuple(parts[:-1]))


def _ref_zh(name: str) -> Ref:
    m = _ONE_NAME_ZH.fullmatch(name)
    assert m is not None  # the instruction's pattern matched it
    paragraph = _int(m["p"]) if m["p"] else 0
    sub = m["sub"] or m["letters"] or ""
    return Ref(_int(m["n"]), sub, paragraph, _int(m["i"]) if m["i"] else 0)


def _insert_part(anchor: Ref, side: str, item: bool, number: int, line: int) -> Instruction | None:
    """One paragraph or item inserted within `anchor` (side 中), after (后) or before (前) it;
    `number` is the one it is stated to have (作为第三款 / 作为第五项). None when the anchor
    does not fit the side (在第十一条后增加一款 / 在第五条第二项中增加一项)."""
    if item:
        new = Ref(anchor.number, anchor.sub, anchor.paragraph, number)
    else:
        new = Ref(anchor.number, anchor.sub, number)
    if (side == "中") != inserted_within(anchor, new) or (not item and anchor.item):
        return None
    articles = (NewArticle(new, ()),)
    return Instruction(INSERT, anchor=anchor, before=side == "前", articles=articles, line=line)


def _int(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    number = parse_chinese(numeral)
    return 0 if number is None else number


def _edit_zh(m: re.Match[str]) -> Edit:
    if m["rf"] is not None:
        return Edit(REPLACE, m["rf"], m["rt"])
    if m["df"] is not None:
        return Edit(REMOVE, m["df"])
    return Edit(ADD_AFTER, m["af"], m["at"])


def _check_count(count: int, names: list[Ref], line: int) -> None:
    if count != len(names):
        raise InstructionError(
            ntr(
                "the instruction adds {count} article but names {named}",
                "the instruction adds {count} articles but names {named}",
                count,
                named=len(names),
            ),
            line,
        )
