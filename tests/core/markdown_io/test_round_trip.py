"""RELIABILITY 24 and issue 5's round trip: export, then import into a new library, gives every
proposal back exactly — title, kind, status, sponsors, co-signers, session, tags and body.

The one normalisation is documented: line endings are LF (CRLF and CR become LF when a text is
saved in the library, so an exported body never holds them).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from core_helpers import CORPUS
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from io_helpers import snapshot

from consult.compare.engine import compare_texts
from consult.demo import load_demo
from consult.library import Library
from consult.markdown_io.exporter import export_proposals
from consult.markdown_io.importer import Outcome, import_paths
from consult.model import Kind, Status

# -- the property --------------------------------------------------------------------------------

SPECIAL = ":#'\"-[]{}&*!|>%@`,?~=\\/<>"
PIECES = [
    "人工智能", "著作权", "第十二条", "（一）", "，。；：“”", "🏛️", "👩🏽‍⚖️", "e\u0301", "a\u0308\u0323",
    "שָׁלוֹם", "مرحبا", "\u202eRTL", "\t", "  ", " \n", "\n", "\n\n", "---", "\n---\n", "...",
    "\r\n", "\r", "yes", "null", "~", "0123", "1e3", "- item", "# heading", "key: value",
    "'", '"', "\\", "\u00a0", "\u3000", "\u2028", "\ufeff", "\x0b",
]  # fmt: skip
text_pieces = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(list(SPECIAL)), st.text(max_size=6)).filter(
        lambda s: "\x00" not in s and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)
    ),
    max_size=25,
).map("".join)
titles = text_pieces.filter(lambda t: t.split() and len(" ".join(t.split())) <= 500)
names = st.lists(text_pieces.filter(lambda t: t.split()), max_size=3)
tag_part = st.text(st.sampled_from("AIai数据人格权 -_é🏛:#'"), min_size=1, max_size=6)
tag_names = st.lists(
    st.lists(tag_part.filter(str.strip), min_size=1, max_size=3).map("/".join), max_size=3
)
proposals = st.fixed_dictionaries(
    {
        "title": titles,
        "kind": st.sampled_from(list(Kind)),
        "status": st.sampled_from(list(Status)),
        "body": st.one_of(
            st.sampled_from(["", "---\n", "\n"]),
            text_pieces,
            text_pieces.map("---\n".__add__),
            text_pieces.map("\n\n".__add__),
        ),
        "sponsors": names,
        "cosigners": names,
        "session": text_pieces,
        "tags": tag_names,
    }
)


EDGE = {"title": "Edge", "kind": Kind.NOTE, "status": Status.DRAFT, "body": "", "sponsors": [],
        "cosigners": [], "session": "", "tags": []}  # fmt: skip
EDGE_BODIES = [
    "", "\n", "\n\nblank lines first", "---", "---\n", "---\ntitle: fake\n---\nbody",
    "text\n---\nmore\n...\n", "trailing spaces   \n\ttab\n", "no newline at the end",
    "CRLF\r\nand CR\rline", "\ufeffBOM first", "人工智能 🏛️ e\u0301 שָׁלוֹם \u202eRTL",
]  # fmt: skip
EDGE_TITLES = [
    "---", "...", "a: b", "# not a comment", "'single'", '"double"', "[list]", "{map}",
    "&anchor", "*alias", "!tag", "| literal", "> folded", "%directive", "@at", "`tick`",
    "yes", "no", "null", "~", "0123", "1e3", "- dash", "? question", "title: 标题",
]  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(proposals, min_size=1, max_size=4))
@example([EDGE | {"body": body} for body in EDGE_BODIES])
@example([EDGE | {"title": title, "body": "x"} for title in EDGE_TITLES])
@example([EDGE, EDGE])  # two proposals alike in everything stay two
def test_case24_export_then_import_gives_every_proposal_back_exactly(drafts):
    folder = Path(tempfile.mkdtemp(prefix="consult-roundtrip-"))
    try:
        with (
            Library.open(folder / "a.consult", create=True) as a,
            Library.open(folder / "b.consult", create=True) as b,
        ):
            made = [a.create_proposal(**draft) for draft in drafts]
            report = export_proposals(a, folder / "out")
            assert report.ok and len(report.files) == len(made)
            imported = import_paths(b, [folder / "out"])
            assert imported.summary() == f"{len(made)} imported, 1 skipped", imported.lines()
            copies: dict[str, list[str]] = {}  # content sha256 → ids in b
            for p in b.list_proposals():
                copies.setdefault(p.sha256, []).append(p.id)
            for original in made:
                old = a.version(original.id)
                # One hash over title, kind, status, sponsors, co-signers, session and body.
                copy_id = copies[old.info.sha256].pop()
                new = b.version(copy_id)
                assert new.content == old.content
                assert b.get(copy_id).tags == original.tags
                assert "\r" not in new.content.body  # the documented LF normalisation
                # What a user compares: the two texts show no change, spaces included.
                diff = compare_texts(old.content.body, new.content.body, ignore_whitespace=False)
                assert not any(row.changed for row in diff.rows)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- the demo library and real law texts ----------------------------------------------------------


def test_case24_the_demo_library_comes_back_exactly(lib, other, out):
    load_demo(lib)
    export_proposals(lib, out)
    report = import_paths(other, [out])
    assert len(report.of(Outcome.IMPORTED)) == lib.count() and not report.of(Outcome.FAILED)
    assert snapshot(other) == snapshot(lib)
    # Imported again, nothing changes; into its source, nothing changes either.
    assert {r.outcome for r in import_paths(other, [out]).files} == {
        Outcome.UNCHANGED,
        Outcome.SKIPPED,
    }
    assert {r.outcome for r in import_paths(lib, [out]).files} == {
        Outcome.UNCHANGED,
        Outcome.SKIPPED,
    }


def test_case24_the_demo_library_with_history_comes_back_version_by_version(lib, other, out):
    load_demo(lib)
    export_proposals(lib, out, history=True)
    report = import_paths(other, [out])
    assert not report.of(Outcome.FAILED), report.lines()
    assert snapshot(other) == snapshot(lib)
    ids = {p.title: p.id for p in other.list_proposals()}
    for proposal in lib.list_proposals():
        copy_id = ids[proposal.title]
        old = [(v.number, v.label, v.sha256) for v in lib.versions(proposal.id)]
        new = [(v.number, v.label, v.sha256) for v in other.versions(copy_id)]
        if lib.version(proposal.id).content.base is None:
            assert new == old  # every version, in order, with its label
        else:  # the base names the reference's id here, so the hashes differ
            assert [n[:2] for n in new] == [o[:2] for o in old]
            base = other.version(copy_id).content.base
            old_base = lib.version(proposal.id).content.base
            assert base is not None and old_base is not None
            assert other.get(base.proposal_id).title == lib.get(old_base.proposal_id).title
            assert base.version == old_base.version


CORPUS_FILES = [
    "copyright_cn/2010.md",  # foreign front matter, kept in the text
    "copyright_cn/2020.md",
    "civil_code_cn/2020.md",
    "pipl_cn/2021.md",
    "us_title17/2011-08-25.md",  # CRLF, 1.6 M characters
]


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus lives beside the repository")
def test_real_law_texts_come_back_exactly(lib, other, out):
    report = import_paths(lib, [CORPUS / name for name in CORPUS_FILES])
    assert len(report.of(Outcome.IMPORTED)) == len(CORPUS_FILES), report.lines()
    for result, name in zip(report.files, CORPUS_FILES, strict=True):
        original = (CORPUS / name).read_text(encoding="utf-8").replace("\r\n", "\n")
        body = lib.version(result.proposal_id).content.body
        assert body == original or original.endswith(body)  # the whole file, or all but ours
    export_proposals(lib, out)
    again = import_paths(other, [out])
    assert len(again.of(Outcome.IMPORTED)) == len(CORPUS_FILES)
    before = sorted(lib.version(p.id).content.body for p in lib.list_proposals())
    after = sorted(other.version(p.id).content.body for p in other.list_proposals())
    assert after == before
