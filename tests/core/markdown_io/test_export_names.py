"""RELIABILITY 25 and 26: hostile titles become safe file names, and names never collide
into an overwrite."""

from __future__ import annotations

import os
import re
import unicodedata

import pytest
from io_helpers import files_under, write

from consult.markdown_io.exporter import export_proposals
from consult.markdown_io.front_matter import split_front_matter
from consult.markdown_io.names import safe_stem

HOSTILE = [
    "../../etc/passwd",
    "..\\..\\win.ini",
    "/abs/path",
    "CON",
    "aux.txt",
    "a:b?c*",
    '" . hidden. "',
    "条" * 300,
    "...",
    "nul .md",
    "LPT9",
    "tab\there\u202egpj.exe",
    "e\u0301" * 200,
    "🏛️⚖️" * 80,
]
RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])$", re.IGNORECASE)


def assert_portable(name: str) -> None:
    assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name), name
    assert not RESERVED.match(name.split(".")[0].rstrip(" ")), name
    assert not name.endswith((".", " ")) and not name.startswith((".", " ")), name
    assert len(name.encode("utf-8")) <= 255, name
    assert unicodedata.normalize("NFC", name) == name
    assert not unicodedata.combining(name[0])


def test_case25_hostile_titles_export_inside_the_folder_under_portable_names(lib, tmp_path, out):
    ids = {lib.create_proposal(title, "note", f"body of {n}").id: title for n, title in
           enumerate(HOSTILE)}  # fmt: skip
    before = files_under(tmp_path)
    report = export_proposals(lib, out)
    assert report.ok and len(report.files) == len(HOSTILE)
    # Nothing was created anywhere but in the export folder, and nothing in a subfolder of it.
    assert {p for p in files_under(tmp_path) - before if not p.startswith("export")} == set()
    names = os.listdir(out)
    assert len(names) == len(HOSTILE) + 1  # and index.md
    for exported in report.files:
        path = exported.path
        assert path.parent == out and os.path.realpath(path).startswith(os.path.realpath(out))
        assert_portable(path.name)
        meta = split_front_matter(path.read_text(encoding="utf-8")).meta
        stored = lib.get(meta["id"]).title
        assert meta["title"] == stored == " ".join(ids[meta["id"]].split())


def test_case25_what_hostile_titles_become():
    assert safe_stem("../../etc/passwd") == "_.._etc_passwd"
    assert safe_stem("CON") == "_CON"
    assert safe_stem("aux.txt") == "_aux.txt"
    assert safe_stem("a:b?c*") == "a_b_c_"
    assert safe_stem("...") == "untitled"
    assert safe_stem("") == "untitled"
    assert safe_stem("tab\there\u202egpj.exe") == "tab heregpj.exe"  # no disguised extension
    long = safe_stem("条" * 300)
    assert long == "条" * len(long) and len((long + ".md").encode()) <= 255  # whole characters
    marks = safe_stem("e\u0301" * 200)  # NFC makes é one character; cut between whole ones
    assert marks == "é" * len(marks)
    decomposed = safe_stem("x" + "\u0301\u0323" * 200)  # a letter with too many marks to fit
    assert decomposed == "untitled" or not unicodedata.combining(decomposed[-1])


def test_case26_colliding_names_get_a_suffix_and_the_users_file_is_untouched(lib, out):
    write(out / "a_b.md", "the user's own notes\n")
    write(out / "Report.md", "another file of the user's\n")
    first = lib.create_proposal("a:b", "note", "first")
    second = lib.create_proposal("a?b", "note", "second")
    third = lib.create_proposal("report", "note", "third")  # Report.md on a case-blind disk
    report = export_proposals(lib, out, [first.id, second.id, third.id])
    assert (out / "a_b.md").read_text(encoding="utf-8") == "the user's own notes\n"
    assert (out / "Report.md").read_text(encoding="utf-8") == "another file of the user's\n"
    written = {f.proposal.id: f.path.name for f in report.files}
    assert written == {first.id: "a_b (2).md", second.id: "a_b (3).md", third.id: "report (2).md"}
    for exported in report.files:
        body = split_front_matter(exported.path.read_text(encoding="utf-8")).body
        assert body == "\n" + lib.version(exported.proposal.id).content.body
    notes = [f.note for f in report.files]
    assert notes[0] == "a_b.md was already in the folder (kept); written as a_b (2).md"


def test_case26_two_titles_with_one_name_in_one_export_are_both_written(lib, out):
    lib.create_proposal("a:b", "note", "first")
    lib.create_proposal("a?b", "note", "second")
    report = export_proposals(lib, out)
    assert sorted(os.listdir(out)) == ["a_b (2).md", "a_b.md", "index.md"]
    assert [f.note for f in report.files if f.note] == [
        "another proposal in this export is also named a_b.md; written as a_b (2).md"
    ]
    bodies = {split_front_matter(f.path.read_text(encoding="utf-8")).body for f in report.files}
    assert bodies == {"\nfirst", "\nsecond"}


def test_case26_exporting_twice_never_overwrites_the_first_export(lib, out):
    proposal = lib.create_proposal("Twice", "note", "version one")
    export_proposals(lib, out)
    first = (out / "Twice.md").read_bytes()
    lib.edit(proposal.id, body="version two")
    report = export_proposals(lib, out)
    assert (out / "Twice.md").read_bytes() == first
    assert report.files[0].path.name == "Twice (2).md"
    assert report.index is not None and report.index.name == "index (2).md"


def test_case26_overwrite_replaces_same_named_files_but_never_within_one_export(lib, out):
    write(out / "a_b.md", "old export\n")
    lib.create_proposal("a:b", "note", "first")
    lib.create_proposal("a?b", "note", "second")
    report = export_proposals(lib, out, overwrite=True)
    names = sorted(f.path.name for f in report.files)
    assert names == ["a_b (2).md", "a_b.md"]
    bodies = {split_front_matter(f.path.read_text(encoding="utf-8")).body for f in report.files}
    assert bodies == {"\nfirst", "\nsecond"}


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_history_folder_name_taken_by_a_link_is_not_written_through(lib, tmp_path, out):
    outside = tmp_path / "outside"
    outside.mkdir()
    out.mkdir()
    os.symlink(outside, out / "Linked")
    lib.create_proposal("Linked", "note", "text")
    report = export_proposals(lib, out, history=True, overwrite=True)
    assert os.listdir(outside) == []  # nothing written through the link
    assert report.stopped and "is a link" in report.stopped
    report = export_proposals(lib, out, history=True)  # without overwrite: another name
    assert report.ok and report.files[0].path.name == "Linked (2).md"
    assert os.listdir(outside) == []
