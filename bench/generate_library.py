"""A large library for the benchmarks: N proposals (default 10,000), 5 versions each.

    python bench/generate_library.py PATH [--count 10000] [--versions 5] [--seed 7] [--force]

Titles, tags, sponsors, co-signers, sessions and Markdown bodies of 1–5 KB are drawn from
Chinese and English pools on the product's themes (about two proposals in three are Chinese);
each later version is the one before with a few small edits, sometimes a new status or more
co-signers. Everything goes through the public API (`create_proposal`, `save_version`) inside
one `Library.batch()`, so the file is what the app itself writes: compressed deltas, read-back
checks and all. The library is built next to PATH and renamed into place when complete; a file
at PATH that already holds the asked-for counts is reused as it is (the cache).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consult import clock
from consult.library import Library
from consult.model import Content, Kind, Status

# -- the pools ---------------------------------------------------------------------------------

ZH_TOPICS = [
    "人工智能生成内容著作权保护", "深度合成声音和肖像权益保护", "人工智能应用分级分类监管",
    "医疗健康领域大模型数据安全", "数字立法工作规划", "个人信息跨境流动", "算法推荐透明度",
    "未成年人网络保护", "自动驾驶道路测试责任", "公共数据授权运营", "数据要素市场培育",
    "网络直播营销规范", "农村养老服务体系", "职业教育产教融合", "长江流域生态保护补偿",
    "新能源汽车动力电池回收", "基层医疗卫生人才队伍建设", "中小企业数字化转型",
    "平台经济反垄断", "生成式人工智能训练数据合规", "智慧法院建设", "电信网络诈骗治理",
]  # fmt: skip
ZH_PLACES = ["", "", "", "西部地区", "县域", "粤港澳大湾区", "长三角", "东北地区", "民族地区"]
ZH_FORMS = {
    Kind.MOTION: "关于制定{t}法的议案",
    Kind.SUGGESTION: "关于{p}加强{t}的建议",
    Kind.PROPOSAL: "关于{p}完善{t}制度的提案",
    Kind.AMENDMENT: "《{t}条例》修正案（草案）",
    Kind.PLAN: "{t}工作方案",
    Kind.REFERENCE: "{t}管理办法（现行）",
    Kind.NOTE: "{t}调研笔记",
}
EN_TOPICS = [
    "Copyright in AI-Generated Works", "Voice and Likeness Rights Against Deepfakes",
    "Risk-Tiered Regulation of AI Applications", "Data Security of Medical Language Models",
    "A Digital Legislation Work Plan", "Cross-Border Transfer of Personal Data",
    "Transparency of Recommendation Algorithms", "Online Protection of Minors",
    "Liability in Autonomous Vehicle Trials", "Open Access to Public Data",
    "Rural Broadband and Digital Inclusion", "Right to Repair for Consumer Electronics",
    "Labelling of Synthetic Media", "Training Data Disclosure for Foundation Models",
]  # fmt: skip
EN_FORMS = {
    Kind.MOTION: "A Motion on {t}",
    Kind.SUGGESTION: "Suggestion: Strengthening {t}{p}",
    Kind.PROPOSAL: "Proposal on {t}{p}",
    Kind.AMENDMENT: "Amendment to the Act on {t}",
    Kind.PLAN: "Work Plan: {t}",
    Kind.REFERENCE: "{t} Act (in force)",
    Kind.NOTE: "Briefing Note on {t}",
}
EN_PLACES = ["", "", "", " in Rural Areas", " for Small Businesses", " in Public Hospitals"]
TAGS = [
    "AI", "AI/copyright", "AI/deepfake", "AI/healthcare", "AI/regulation", "AI/training data",
    "data/security", "data/personal information", "data/cross-border", "data/public data",
    "人格权", "著作权", "个人信息", "未成年人保护", "医疗健康", "医疗健康/基层医疗",
    "教育/职业教育", "生态环境/长江保护", "生态环境/碳达峰", "乡村振兴", "养老服务",
    "数字经济/平台经济", "数字经济/中小企业", "交通/自动驾驶", "legislation/work plan",
    "consumer protection", "telecom fraud", "电信网络诈骗", "司法改革", "知识产权",
]  # fmt: skip
TAG_COLORS = {
    "AI": "#3a7bd5", "data": "#2e8b57", "人格权": "#c0392b", "著作权": "#8e44ad",
    "医疗健康": "#16a085", "生态环境": "#27ae60", "数字经济": "#d35400", "legislation": "#7f8c8d",
}  # fmt: skip
ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈任姚卢"
ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国立新志海燕红梅晨曦若溪子涵欣怡浩然思远雨桐"
EN_FIRST = ["Alice", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "James"]
EN_LAST = ["Moreau", "Okafor", "Tanaka", "Schmidt", "Novak", "Lindqvist", "Garcia", "Hughes"]
ZH_SESSIONS = ["十四届全国人大二次会议", "十四届全国人大三次会议", "全国政协十四届三次会议"]
EN_SESSIONS = ["14th NPC, 2nd session", "14th NPC, 3rd session", "2026 spring session", ""]
ZH_SENTENCES = [
    "随着生成式人工智能技术快速发展，相关应用已经深入生产生活的各个领域。",
    "现行法律法规对新技术带来的权利归属、责任划分等问题缺乏明确规定。",
    "一些平台未经许可收集使用个人信息训练模型，当事人难以知情，更难以维权。",
    "建议有关部门加快研究制定配套规章，明确各方主体的权利义务。",
    "基层执法力量不足，专业人才短缺，监管手段相对滞后。",
    "应当建立健全分级分类监管制度，对高风险应用实行事前评估和备案管理。",
    "建议在有条件的地区先行先试，及时总结经验，形成可复制可推广的做法。",
    "数据安全是发展的前提，医疗数据涉及患者隐私，必须严格保护。",
    "要统筹发展和安全，既鼓励技术创新，又守住安全底线。",
    "从调研情况看，相关企业普遍反映合规成本高、规则不明确。",
    "建议加强部门协同，形成监管合力，避免多头管理、重复检查。",
    "应当明确标识义务，对合成内容作出显著提示，保障公众知情权。",
    "有的地方已经开展了有益探索，但总体上仍处于起步阶段，缺乏统一标准。",
    "建议将相关内容纳入年度立法工作计划，适时启动立法程序。",
]  # fmt: skip
EN_SENTENCES = [
    "Generative AI systems are now used across public services, media and healthcare.",
    "The law in force does not say who owns a work produced with little human input.",
    "Several platforms have trained models on personal data without the consent of the people concerned.",
    "The responsible ministry should publish guidance within twelve months of enactment.",
    "Regulators lack staff with the technical expertise to audit complex systems.",
    "High-risk applications should be assessed before deployment and registered with the authority.",
    "Pilot programmes in a few regions would show what works before national rules are adopted.",
    "Medical records are among the most sensitive data and deserve the strictest protection.",
    "Innovation and safety are not opposites; clear rules lower the cost of compliance.",
    "Businesses we consulted described the current rules as unclear and costly to follow.",
    "Synthetic audio and video should carry a visible and machine-readable label.",
    "The committee heard evidence from developers, rights holders and consumer groups.",
]  # fmt: skip
ZH_SECTIONS = ["## 案由", "## 情况", "## 分析", "## 具体建议"]
EN_SECTIONS = ["## Background", "## Findings", "## Analysis", "## Recommendations"]
ZH_NUMERALS = "一二三四五六七八九十"


class Drafts:
    """Draws proposals and their later versions from the pools (one seeded random source)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def person(self, chinese: bool) -> str:
        r = self.rng
        if chinese:
            return r.choice(ZH_SURNAMES) + "".join(r.choices(ZH_GIVEN, k=r.choice((1, 2))))
        return f"{r.choice(EN_FIRST)} {r.choice(EN_LAST)}"

    def content(self) -> tuple[Content, list[str]]:
        r = self.rng
        chinese = r.random() < 0.65
        kind = r.choice(list(Kind))
        if chinese:
            title = ZH_FORMS[kind].format(t=r.choice(ZH_TOPICS), p=r.choice(ZH_PLACES))
        else:
            title = EN_FORMS[kind].format(t=r.choice(EN_TOPICS), p=r.choice(EN_PLACES))
        cosigners = r.choice((0, 3, 8, 12, 30, 35)) if kind == Kind.MOTION else r.randint(0, 6)
        content = Content(
            title=title,
            kind=kind,
            status=Status.DRAFT,
            body=self.body(chinese, kind),
            sponsors=tuple(self.person(chinese) for _ in range(r.randint(1, 2))),
            cosigners=tuple(self.person(chinese) for _ in range(cosigners)),
            session=r.choice(ZH_SESSIONS if chinese else EN_SESSIONS),
        )
        return content, r.sample(TAGS, r.randint(0, 4))

    def body(self, chinese: bool, kind: Kind) -> str:
        """Markdown of 1–5 KB (UTF-8): sections of sentences, or articles for amendments."""
        r = self.rng
        target = r.randint(1000, 5000)
        sentences = ZH_SENTENCES if chinese else EN_SENTENCES
        parts: list[str] = []
        size = 0
        if kind in (Kind.AMENDMENT, Kind.REFERENCE):
            number = 0
            while size < target:
                number += 1
                head = f"第{_chinese_number(number)}条" if chinese else f"Article {number}."
                text = head + (" " if not chinese else "") + r.choice(sentences)
                parts.append(text)
                size += len(text.encode()) + 2
            return "\n\n".join(parts) + "\n"
        headings = ZH_SECTIONS if chinese else EN_SECTIONS
        per_section = max(1, target // len(headings))
        for heading in headings:
            parts.append(heading)
            written = 0
            while written < per_section:
                paragraph = ("" if chinese else " ").join(r.sample(sentences, r.randint(2, 4)))
                parts.append(paragraph)
                written += len(paragraph.encode()) + 2
            size += written
        return "\n\n".join(parts) + "\n"

    def revise(self, content: Content) -> Content:
        """The next version: a paragraph edited, added or removed; sometimes new metadata."""
        r = self.rng
        chinese = any("\u4e00" <= ch <= "\u9fff" for ch in content.title)
        sentences = ZH_SENTENCES if chinese else EN_SENTENCES
        paragraphs = content.body.rstrip("\n").split("\n\n")
        at = r.randrange(1, len(paragraphs)) if len(paragraphs) > 1 else 0
        edit = r.random()
        if edit < 0.4:
            paragraphs.insert(at, r.choice(sentences))
        elif edit < 0.7 and len(paragraphs) > 3:
            del paragraphs[at]
        else:
            word = r.choice(("进一步", "依法", "切实") if chinese else ("promptly ", "strictly "))
            cut = r.randrange(len(paragraphs[at]) + 1)
            paragraphs[at] = paragraphs[at][:cut] + word + paragraphs[at][cut:]
        changes: dict = {"body": "\n\n".join(paragraphs) + "\n"}
        if r.random() < 0.25:
            order = list(Status)
            changes["status"] = order[min(order.index(content.status) + 1, len(order) - 1)]
        if r.random() < 0.15:
            changes["cosigners"] = (*content.cosigners, self.person(chinese))
        return replace(content, **changes)


def _chinese_number(n: int) -> str:
    if n <= 10:
        return ZH_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else ZH_NUMERALS[tens - 1]
    return head + "十" + (ZH_NUMERALS[ones - 1] if ones else "")


# -- building ----------------------------------------------------------------------------------


def generate(path: Path, count: int = 10_000, versions: int = 5, seed: int = 7) -> Path:
    """Build the library at `path` (replacing any file there); returns `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    for leftover in _with_sidecars(partial):
        leftover.unlink(missing_ok=True)
    drafts = Drafts(seed)
    # Work spread over the two years before a fixed day, so that every run builds the same file
    # and sorting by "updated" has something to sort.
    end = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with Library.open(partial, create=True) as library, library.batch():
        for _ in range(count):
            content, tags = drafts.content()
            moment = end - timedelta(minutes=drafts.rng.randint(60, 2 * 365 * 24 * 60))
            with clock.pinned(moment):
                proposal = library.create_proposal(
                    content.title,
                    content.kind,
                    content.body,
                    sponsors=content.sponsors,
                    cosigners=content.cosigners,
                    session=content.session,
                    tags=tags,
                    label="first draft",
                )
            for _number in range(2, versions + 1):
                content = drafts.revise(content)
                moment += timedelta(hours=drafts.rng.randint(2, 96))
                with clock.pinned(moment):
                    library.save_version(proposal.id, content)
        present = {tag.name for tag in library.tags()}
        for name, color in TAG_COLORS.items():
            if name in present:
                library.set_tag_color(name, color)
    with Library.open(partial) as check:  # a checkpoint merges the WAL into the file on close
        check.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for sidecar in _with_sidecars(partial)[1:]:
        sidecar.unlink(missing_ok=True)
    for old in _with_sidecars(path)[1:]:
        old.unlink(missing_ok=True)
    partial.replace(path)
    return path


def cached(path: Path, count: int, versions: int) -> bool:
    """True when `path` is a library holding exactly `count` proposals of `versions` versions."""
    if not path.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            n, total, low, high = conn.execute(
                "SELECT count(*), sum(versions), min(versions), max(versions) FROM proposals"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return n == count and total == count * versions and low == high == versions


def ensure(path: Path, count: int = 10_000, versions: int = 5, seed: int = 7) -> Path:
    """The library at `path`, built (saying so: it takes a while) unless a matching one is
    already there."""
    if not cached(path, count, versions):
        print(f"Building {path} ({count:,} proposals × {versions} versions)…", flush=True)
        start = time.perf_counter()
        generate(path, count, versions, seed)
        print(f"  built in {time.perf_counter() - start:.1f} s")
    return path


DEFAULT_LIBRARY = Path(tempfile.gettempdir()) / "consult-bench" / "library-10000.consult"


def add_library_options(parser: argparse.ArgumentParser) -> None:
    """`--library PATH` and `--count N`: the generated library a benchmark runs on."""
    parser.add_argument(
        "--library",
        type=Path,
        default=DEFAULT_LIBRARY,
        help="the generated library (built there when missing; the benchmarks copy it "
        "before writing)",
    )
    parser.add_argument("--count", type=int, default=10_000)


def copy_library(source: Path, dest: Path) -> Path:
    """A copy of `source` made through the backup API, reading `source` read-only."""
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(dest)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()
    return dest


def _with_sidecars(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="where the library is built (and cached)")
    parser.add_argument("--count", type=int, default=10_000, help="proposals (default 10,000)")
    parser.add_argument("--versions", type=int, default=5, help="versions each (default 5)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--force", action="store_true", help="rebuild even if cached")
    args = parser.parse_args(argv)
    if not args.force and cached(args.path, args.count, args.versions):
        print(f"{args.path}: cached ({args.count:,} proposals × {args.versions} versions)")
        return 0
    start = time.perf_counter()
    generate(args.path, args.count, args.versions, args.seed)
    seconds = time.perf_counter() - start
    size = args.path.stat().st_size / 1e6
    print(
        f"{args.path}: {args.count:,} proposals × {args.versions} versions "
        f"in {seconds:.1f} s ({size:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
