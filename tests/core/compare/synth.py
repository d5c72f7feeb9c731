"""Synthetic amendments of a real Chinese law, with known ground truth for article pairing.

`make_amendment(text, seed)` parses the articles of a law (a paragraph that starts with `第X条`,
optionally `第X条之一`; an article runs until the next article, a `第X章` / `第X节` / `第X编`
heading or a Markdown heading line), applies a random mix of amendments

- insert 1–5 invented articles, delete 1–5, move 1–3 (possibly into another chapter),
- edit 3–10 (a few characters or words changed, a clause added or removed, a 款 added or
  removed: most of the text is kept),
- split one article in two or merge two neighbours (at most one of the two),

and renumbers every article consecutively. It returns the new text and the ground truth: pairs
(old article, new article) of numbers, `(n, None)` for a deleted article and `(None, m)` for an
inserted one. A split pairs the old article with the part that keeps most of its text (the other
part is inserted); a merge pairs the new article with the old one that gave it most of its text
(the other is deleted).

Numbers in the ground truth are positions: the old number of an article is its 1-based position
among the articles of the old text — its printed number, unless the law has `第X条之一` articles
(use `article_labels` to map labels to positions); the new text is numbered consecutively, so a
new number is both its position and its printed number.

Everything here is written for the tests and independent of the engine under test.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

# --- Chinese numerals (written here, not borrowed from the engine) -------------------------------

_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {ch: i for i, ch in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}


def to_chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十,
    1010 → 一千零一十, 1260 → 一千二百六十 (1 ≤ n ≤ 9999)."""
    if not 1 <= n <= 9999:
        raise ValueError(f"no article numeral for {n}")
    out: list[str] = []
    zero_pending = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[digit] + unit)
    text = "".join(out)
    # 十, 十一 … 十九 drop the leading 一; 一百一十 keeps it.
    return text[1:] if text.startswith("一十") else text


def from_chinese_numeral(text: str) -> int:
    """The inverse of `to_chinese_numeral` (also reads 〇 and 两); ValueError if not a numeral."""
    if not text or any(ch not in _DIGIT_VALUE and ch not in _UNIT_VALUE for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for ch in text:
        if ch in _DIGIT_VALUE:
            digit = _DIGIT_VALUE[ch]
        else:
            total += (1 if digit is None else digit) * _UNIT_VALUE[ch]
            digit = None
    return total + (digit or 0)


# --- parsing ------------------------------------------------------------------------------------

_NUM = "零〇一二两三四五六七八九十百千"
HEAD = re.compile(
    rf"^(?P<indent>[ \t\u3000]*)(?P<label>第(?P<num>[{_NUM}]+)条(?:之(?P<sub>[一二三四五六七八九十]+))?)"
    r"(?P<sep>[ \t\u3000]+|$)"
)
BOUNDARY = re.compile(rf"^[ \t\u3000]*(?:#|第[{_NUM}]+[编章节](?:[ \t\u3000]|$))")


@dataclass
class Article:
    orig: int | None  # 1-based position in the old text, None for an invented article
    label: str
    indent: str
    sep: str
    paras: list[str]  # paras[0]: the text after the head; the others: whole raw lines
    blanks: list[int] = field(default_factory=list)  # blank lines after each paragraph

    def size(self) -> int:
        return sum(len(p.strip()) for p in self.paras)


@dataclass
class Other:
    lines: list[str]


def parse(text: str) -> list[Article | Other]:
    """The text as a list of articles and other blocks; `render(parse(t)) == t`."""
    items: list[Article | Other] = []
    current: Article | None = None
    other: Other | None = None
    count = 0
    for line in text.split("\n"):
        match = HEAD.match(line)
        if match:
            count += 1
            current = Article(
                orig=count,
                label=match["label"],
                indent=match["indent"],
                sep=match["sep"],
                paras=[line[match.end() :]],
                blanks=[0],
            )
            items.append(current)
            other = None
        elif current is not None and not line.strip():
            current.blanks[-1] += 1
        elif current is not None and not BOUNDARY.match(line):
            current.paras.append(line)
            current.blanks.append(0)
        else:
            current = None
            if other is None:
                other = Other([])
                items.append(other)
            other.lines.append(line)
    return items


def render(items: list[Article | Other]) -> str:
    lines: list[str] = []
    for item in items:
        if isinstance(item, Other):
            lines.extend(item.lines)
            continue
        for i, (para, blanks) in enumerate(zip(item.paras, item.blanks, strict=True)):
            lines.append(item.indent + item.label + item.sep + para if i == 0 else para)
            lines.extend([""] * blanks)
    return "\n".join(lines)


def article_labels(text: str) -> list[str]:
    """The labels of the articles of `text`, in order: `labels[i]` is article number i + 1."""
    return [item.label for item in parse(text) if isinstance(item, Article)]


def parse_articles(text: str) -> list[tuple[str, str]]:
    """(label, text) of each article, the text with its head, paragraphs joined by newlines."""
    out = []
    for item in parse(text):
        if isinstance(item, Article):
            body = [item.label + item.sep + item.paras[0]] + [p.strip() for p in item.paras[1:]]
            out.append((item.label, "\n".join(p.strip() for p in body)))
    return out


# --- invented text ------------------------------------------------------------------------------

_CONDITIONS = [
    "在本行政区域内",
    "根据国家有关规定",
    "按照职责分工",
    "在发生重大风险隐患时",
    "结合本地实际情况",
    "对于情节轻微并及时纠正的",
    "在不影响公共利益的前提下",
    "为促进相关产业健康发展",
    "对涉及多个部门的事项",
]
_SUBJECTS = [
    "县级以上人民政府有关主管部门",
    "国务院有关部门",
    "有关单位和个人",
    "行业协会等社会组织",
    "相关经营者",
    "乡镇人民政府和街道办事处",
    "承担具体工作的机构",
    "有关科研机构和高等学校",
]
_ACTIONS = [
    "应当建立健全相应的协调工作机制",
    "应当加强对相关活动的指导和监督检查",
    "应当定期向社会公布有关工作情况",
    "可以根据实际需要制定具体实施办法",
    "应当为公众提供便捷的咨询和投诉渠道",
    "应当采取必要措施防范和化解相关风险",
    "应当组织对有关工作人员开展业务培训",
    "应当依法保护当事人的合法权益和商业秘密",
    "可以委托符合条件的专业机构开展评估",
    "应当将相关信息纳入统一的管理平台",
]
_TAILS = [
    "，并将处理结果及时告知申请人",
    "，具体办法由省级人民政府另行制定",
    "",
    "，不得向当事人收取额外费用",
    "，所需经费列入本级预算",
    "，有关部门应当予以配合",
]
_WORDS = ["依法", "相关", "及时", "有关", "必要的", "严格", "统一", "具体", "合理", "专门"]
_CLAUSES = [
    "但是法律另有规定的除外",
    "并及时告知有关当事人",
    "具体办法由有关部门另行制定",
    "并向社会公开",
    "必要时可以听取专家意见",
    "情节严重的依法从重处理",
]


def _sentence(rng: random.Random) -> str:
    return (
        rng.choice(_CONDITIONS)
        + "，"
        + rng.choice(_SUBJECTS)
        + rng.choice(_ACTIONS)
        + rng.choice(_TAILS)
        + "。"
    )


def _invented_paragraph(rng: random.Random) -> str:
    return "".join(_sentence(rng) for _ in range(rng.randint(1, 2)))


def _safe(content: str) -> bool:
    """A paragraph that will not be read as a head or a heading."""
    return bool(content.strip()) and not HEAD.match(content) and not BOUNDARY.match(content)


# --- edits of one article -----------------------------------------------------------------------


def _split_ws(line: str) -> tuple[str, str]:
    stripped = line.lstrip(" \t\u3000")
    return line[: len(line) - len(stripped)], stripped


def _edit_paragraph(rng: random.Random, content: str) -> str:
    """A small change of one paragraph's content (without its indentation)."""
    kind = rng.choice(["replace", "insert", "delete", "add_clause", "drop_clause"])
    n = len(content)
    if kind == "drop_clause":
        parts = content.split("，")
        middle = [i for i in range(1, len(parts) - 1) if len(parts[i]) <= max(4, n // 4)]
        if len(parts) >= 3 and middle:
            del parts[rng.choice(middle)]
            return "，".join(parts)
        kind = "add_clause"
    if kind == "add_clause":
        clause = rng.choice(_CLAUSES)
        if content.endswith("。"):
            return content[:-1] + "，" + clause + "。"
        return content + "，" + clause
    if n < 6:
        return content + rng.choice(_WORDS)
    pos = rng.randrange(1, n - 2)
    if kind == "replace":
        span = rng.randint(1, 3)
        return content[:pos] + rng.choice(_WORDS) + content[pos + span :]
    if kind == "insert":
        return content[:pos] + rng.choice(_WORDS) + content[pos:]
    span = rng.randint(1, 4)  # delete
    return content[:pos] + content[pos + span :]


def _edit_article(rng: random.Random, art: Article, blank: int) -> None:
    """1–3 small edits; most of the text is kept and the article really changes. `blank` is
    the number of blank lines the text puts between paragraphs."""
    before = list(art.paras)
    total = art.size()
    added = False
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(["para", "para", "para", "add_para", "drop_para"])
        sentence = _sentence(rng)
        if op == "add_para" and not added and len(sentence) * 2 <= total:
            added = True  # one new 款 at most, at most half as long as the article
            paragraph = art.indent + sentence
            at = rng.randint(1, len(art.paras))
            if at == len(art.paras):  # appended: it takes over the trailing blank lines
                art.paras.append(paragraph)
                art.blanks.append(art.blanks[-1])
                art.blanks[-2] = blank
            else:
                art.paras.insert(at, paragraph)
                art.blanks.insert(at, blank)
            continue
        if op == "drop_para":
            small = [i for i in range(1, len(art.paras)) if len(art.paras[i].strip()) * 4 <= total]
            if len(art.paras) >= 3 and small:
                i = rng.choice(small)
                trailing = art.blanks[i]
                del art.paras[i], art.blanks[i]
                if i == len(art.paras):  # dropped the last paragraph: keep the trailing blanks
                    art.blanks[-1] = trailing
                continue
        for _attempt in range(10):
            i = rng.randrange(len(art.paras))
            lead, content = _split_ws(art.paras[i])
            if i == 0:
                lead, content = "", art.paras[0]
            if len(content) < 4:
                continue
            edited = _edit_paragraph(rng, content)
            if edited != content and (i == 0 or _safe(edited)):
                art.paras[i] = lead + edited
                break
    if art.paras == before:  # guarantee a change
        art.paras[0] = art.paras[0].rstrip("。") + "，" + _CLAUSES[0] + "。"


# --- the amendment ------------------------------------------------------------------------------


def _articles(items: list[Article | Other]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def _place(rng: random.Random, items: list[Article | Other], art: Article, avoid: int) -> None:
    """Put `art` just before or after a random article at least 3 articles away from `avoid`
    (a position in the article order before `art` was taken out)."""
    arts = _articles(items)
    choices = [a for k, a in enumerate(arts) if abs(k - avoid) >= 3] or arts
    anchor = rng.choice(choices)
    at = next(i for i, item in enumerate(items) if item is anchor)
    items.insert(at + rng.randint(0, 1), art)


def _invented_article(rng: random.Random, indent: str, sep: str) -> Article:
    paras = [_invented_paragraph(rng)]
    if rng.random() < 0.4:
        paras.append(indent + _invented_paragraph(rng))
    return Article(None, "", indent, sep, paras, [1] * len(paras))


def make_amendment(
    text: str, seed: int, log: list[tuple[str, int | None]] | None = None
) -> tuple[str, list[tuple[int | None, int | None]]]:
    """A synthetic amendment of `text` and its ground truth (see the module's docstring).
    `log`, if given, receives what was done: ("edit" | "delete" | "move" | "split" | "merge",
    old number) and ("insert", None)."""
    rng = random.Random(seed)
    log = [] if log is None else log
    items = parse(text)
    arts = _articles(items)
    if len(arts) < 30:
        raise ValueError("make_amendment needs a law of at least 30 articles")
    indent, sep = arts[0].indent, arts[0].sep or " "
    default_blank = 1 if sum(1 for a in arts if a.blanks and a.blanks[0]) * 2 >= len(arts) else 0
    n_old = len(arts)

    # Distinct articles for each operation; long, non-placeholder ones for edits and moves.
    def long_enough(a: Article, size: int) -> bool:
        return a.size() >= size and "删去" not in a.paras[0]

    order = list(range(n_old))
    rng.shuffle(order)
    taken: set[int] = set()

    def pick(count: int, ok) -> list[int]:
        got = []
        for k in order:
            if len(got) == count:
                break
            if k not in taken and ok(arts[k]):
                got.append(k)
                taken.add(k)
        return got

    # Split or merge (at most one): the larger part must keep ≥ 60 % of the text.
    structural = rng.choice(["none", "split", "merge"])
    split_k: int | None = None
    split_at = 0
    merge_k: int | None = None
    if structural == "split":
        for k in order:
            a = arts[k]
            if len(a.paras) < 2 or "删去" in a.paras[0]:
                continue
            sizes = [len(p.strip()) for p in a.paras]
            cuts = [
                c
                for c in range(1, len(a.paras))
                if max(sum(sizes[:c]), sum(sizes[c:])) >= 0.6 * sum(sizes)
                and _safe(a.paras[c].strip())
            ]
            if cuts:
                split_k, split_at = k, rng.choice(cuts)
                taken.add(k)
                break
    elif structural == "merge":
        for k in order:
            if k + 1 >= n_old or k in taken or k + 1 in taken:
                continue
            i = items.index(arts[k])
            if i + 1 >= len(items) or items[i + 1] is not arts[k + 1]:
                continue  # a heading between them: not neighbours in one chapter
            big, small = sorted((arts[k].size(), arts[k + 1].size()), reverse=True)
            if big >= 0.6 * (big + small) and small > 0:
                merge_k = k
                taken.update({k, k + 1})
                break

    deleted = pick(rng.randint(1, 5), lambda a: True)
    moved = pick(rng.randint(1, 3), lambda a: long_enough(a, 30))
    edited = pick(rng.randint(3, 10), lambda a: long_enough(a, 40))

    for k in edited:
        _edit_article(rng, arts[k], default_blank)
        log.append(("edit", arts[k].orig))

    gone: list[int | None] = []  # old numbers that end up paired with nothing

    if split_k is not None:
        a = arts[split_k]
        log.append(("split", a.orig))
        first_paras, second_paras = a.paras[:split_at], a.paras[split_at:]
        first_blanks, second_blanks = a.blanks[:split_at], a.blanks[split_at:]
        first_blanks[-1] = max(first_blanks[-1], default_blank)
        second = Article(
            None, "", a.indent, a.sep, [second_paras[0].strip(), *second_paras[1:]], second_blanks
        )
        first_size = sum(len(p.strip()) for p in first_paras)
        if second.size() > first_size:
            second.orig, a.orig = a.orig, None
        a.paras, a.blanks = first_paras, first_blanks
        items.insert(items.index(a) + 1, second)

    if merge_k is not None:
        a, b = arts[merge_k], arts[merge_k + 1]
        log.append(("merge", a.orig))
        a.blanks[-1] = max(a.blanks[-1], default_blank)
        a.paras += [a.indent + b.paras[0], *b.paras[1:]]
        a.blanks += b.blanks
        if b.size() > a.size() - b.size():
            gone.append(a.orig)
            a.orig = b.orig
        else:
            gone.append(b.orig)
        items.remove(b)

    for k in deleted:
        log.append(("delete", arts[k].orig))
        gone.append(arts[k].orig)
        items.remove(arts[k])

    for k in moved:
        a = arts[k]
        log.append(("move", a.orig))
        position = _articles(items).index(a)
        items.remove(a)
        a.blanks[-1] = max(a.blanks[-1], default_blank)
        _place(rng, items, a, position)

    for _ in range(rng.randint(1, 5)):
        new = _invented_article(rng, indent, sep)
        new.blanks = [default_blank] * len(new.paras)
        log.append(("insert", None))
        _place(rng, items, new, -10)

    truth: list[tuple[int | None, int | None]] = []
    for number, a in enumerate(_articles(items), 1):
        a.label = "第" + to_chinese_numeral(number) + "条"
        truth.append((a.orig, number))
    truth += [(n, None) for n in gone]
    return render(items), truth


# --- scoring ------------------------------------------------------------------------------------


def f1(predicted_pairs, truth_pairs) -> float:
    """F1 of the predicted (old, new) pairs against the true ones, both sides not None."""
    predicted = {(o, n) for o, n in predicted_pairs if o is not None and n is not None}
    truth = {(o, n) for o, n in truth_pairs if o is not None and n is not None}
    if not predicted and not truth:
        return 1.0
    hits = len(predicted & truth)
    if hits == 0:
        return 0.0
    precision, recall = hits / len(predicted), hits / len(truth)
    return 2 * precision * recall / (precision + recall)
