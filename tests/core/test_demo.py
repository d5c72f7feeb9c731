"""The demo library (`consult init --demo`): varied, realistic, and loaded from resources/demo."""

from __future__ import annotations

import ast
import itertools
import re
import shutil
from datetime import UTC, datetime

import pytest
from core_helpers import REPO

from consult import demo
from consult.errors import InvalidInput
from consult.library import Library
from consult.model import Kind

CJK = re.compile(r"[\u4e00-\u9fff]")
ARTICLE = re.compile(r"^第([零一二三四五六七八九十百千]+)条[ \u3000]+(.+)$", re.MULTILINE)
DIGITS = dict(zip("零一二三四五六七八九", range(10), strict=True))
UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(numeral: str) -> int:
    total, digit = 0, 0
    for ch in numeral:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (digit or 1) * UNITS[ch]
            digit = 0
    return total + digit


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("十", 10), ("十二", 12), ("二十", 20),
                                                ("一百零五", 105), ("一千二百六十", 1260)])  # fmt: skip
def test_cn_number_helper(numeral, value):
    assert cn_number(numeral) == value


def articles(body: str) -> dict[int, str]:
    return {cn_number(m.group(1)): m.group(2) for m in ARTICLE.finditer(body)}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    lib = Library.open(tmp_path_factory.mktemp("demo") / "demo.consult", create=True)
    ids = demo.load_demo(lib)
    yield lib, ids
    lib.close()


def test_variety_of_proposals(loaded):
    lib, ids = loaded
    proposals = lib.list_proposals()
    assert len(proposals) == len(ids) >= 6
    kinds = {p.kind for p in proposals}
    assert {"motion", "proposal", "suggestion", "amendment", "plan", "reference"} <= kinds
    assert any(CJK.search(p.title) for p in proposals)
    assert any(not CJK.search(p.title) and re.search("[A-Za-z]{4}", p.title) for p in proposals)
    for p in proposals:
        assert 2 <= p.versions <= 5, p.title
        assert len(p.tags) >= 2, p.title
    assert any(v.label for p in proposals for v in lib.versions(p.id))
    assert lib.check() == ([], sum(p.versions for p in proposals))


def test_histories_are_dated_in_the_past_in_order(loaded):
    lib, _ = loaded
    now = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    for p in lib.list_proposals():
        created = [v.created for v in lib.versions(p.id)]
        assert created == sorted(created) and len(set(created)) == len(created)
        assert created[-1] < now


def test_the_npc_motion_gathers_co_signers(loaded):
    lib, _ = loaded
    [motion] = [p for p in lib.list_proposals(kind="motion") if CJK.search(p.title)]
    first = lib.version(motion.id, 1).content.cosigners
    last = lib.version(motion.id).content.cosigners
    assert len(last) >= 30 > len(first)
    assert set(first) <= set(last)


def test_the_amendment_is_based_on_the_reference_and_renumbers_articles(loaded):
    lib, _ = loaded
    [amendment] = lib.list_proposals(kind="amendment")
    base = lib.get(amendment.id).base
    assert base is not None
    reference = lib.get(base.proposal_id)
    assert reference.kind is Kind.REFERENCE
    if base.version is not None:
        assert 1 <= base.version <= reference.versions
    assert articles(lib.version(reference.id, base.version).content.body)  # a law text
    bodies = [lib.version(amendment.id, n).content.body for n in range(1, amendment.versions + 1)]
    renumbered = []
    for old_body, new_body in itertools.pairwise(bodies):
        old, new = articles(old_body), articles(new_body)
        if len(new) > len(old):
            renumbered += [n for n, text in old.items() if new.get(n + 1) == text != new.get(n)]
    assert renumbered, "no version inserts an article and shifts the following ones"


def test_demo_texts_come_from_resource_files(loaded):
    lib, ids = loaded
    files = demo.read_demo()
    assert demo.demo_dir() == REPO / "resources" / "demo"
    assert set(files) == set(ids)
    for name, versions in files.items():
        assert lib.get(ids[name]).versions == len(versions)
        for number, version in enumerate(versions, start=1):
            assert (REPO / "resources" / "demo" / name / f"v{number}.md").is_file()
            assert lib.version(ids[name], number).content.body == version.body
    source = (REPO / "consult" / "demo.py").read_text(encoding="utf-8")
    assert not CJK.search(source)
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and ast.get_docstring(node)
    }
    strings = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]
    assert strings and max(len(s) for s in strings) < 200  # no body text in the code


def test_a_broken_demo_folder_loads_nothing(tmp_path):
    folder = tmp_path / "demo"
    shutil.copytree(demo.demo_dir(), folder)
    last = sorted(p for p in folder.iterdir() if p.is_dir())[-1]
    (last / "v2.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    with Library.open(tmp_path / "x.consult", create=True) as lib:
        with pytest.raises(InvalidInput, match=r"v2\.md"):
            demo.load_demo(lib, folder)
        assert lib.count() == 0 and lib.tags() == []
