"""Import: what a file becomes (new proposal, new version, nothing), folders and links, and a
report that says so for each file."""

from __future__ import annotations

import os

import pytest
from io_helpers import write

from consult.errors import InvalidInput, LibraryError
from consult.library import Library
from consult.markdown_io.exporter import export_proposals
from consult.markdown_io.front_matter import join_front_matter, split_front_matter
from consult.markdown_io.importer import Outcome, import_paths
from consult.model import Base


@pytest.fixture
def exported(lib, out):
    """A proposal with two versions, exported; returns (proposal, its file)."""
    proposal = lib.create_proposal("AI copyright", "motion", "v1 text\n", tags=["AI/copyright"])
    lib.edit(proposal.id, body="v2 text\n", label="second")
    report = export_proposals(lib, out, [proposal.id])
    return lib.get(proposal.id), report.files[0].path


def edit_file(path, *, body=None, **meta_changes):
    parsed = split_front_matter(path.read_text(encoding="utf-8"))
    meta = {**parsed.meta, **meta_changes}
    write(path, join_front_matter(meta, body if body is not None else parsed.body[1:]))


def test_reimporting_an_unchanged_export_changes_nothing(lib, exported):
    proposal, path = exported
    [result] = import_paths(lib, [path]).files
    assert (result.outcome, result.proposal_id, result.version) == (
        Outcome.UNCHANGED,
        proposal.id,
        2,
    )
    after = lib.get(proposal.id)
    assert (after.versions, after.updated) == (2, proposal.updated)


@pytest.mark.parametrize(
    "change",
    [{"body": "v3 text, edited outside\n"}, {"title": "AI copyright (revised)"},
     {"status": "submitted"}, {"cosigners": ["张明"]}, {"session": "14th NPC, 3rd session"}],
)  # fmt: skip
def test_an_edited_export_adds_one_version_to_the_same_proposal(lib, exported, change):
    proposal, path = exported
    edit_file(path, **change)
    [result] = import_paths(lib, [path]).files
    assert result.outcome == Outcome.UPDATED and result.proposal_id == proposal.id
    assert lib.count() == 1  # no duplicate
    [*_, newest] = lib.versions(proposal.id)
    assert newest.number == 3 and newest.label == f"Imported from {path.name}"
    content = lib.version(proposal.id).content
    for key, value in change.items():
        assert getattr(content, key) == (tuple(value) if isinstance(value, list) else value)
    [again] = import_paths(lib, [path]).files  # the same file once more: nothing new
    assert again.outcome == Outcome.UNCHANGED and lib.get(proposal.id).versions == 3


def test_changed_tags_alone_are_set_without_a_new_version(lib, exported):
    proposal, path = exported
    edit_file(path, tags=["AI/copyright", "著作权"])
    [result] = import_paths(lib, [path]).files
    assert (result.outcome, result.message) == (Outcome.UPDATED, "tags changed")
    after = lib.get(proposal.id)
    assert after.tags == ("AI/copyright", "著作权") and after.versions == 2


def test_an_older_version_file_is_recognised_and_changes_nothing(lib, exported, out):
    proposal, _ = exported
    report = export_proposals(lib, out / "h", [proposal.id], history=True)
    [v1, v2] = report.files[0].history
    results = import_paths(lib, [v1, v2]).files
    assert [r.outcome for r in results] == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert "the same as version 1" in results[0].message
    assert lib.get(proposal.id).versions == 2


def test_an_unknown_id_creates_a_new_proposal_and_overwrites_nothing(lib, exported):
    proposal, path = exported
    edit_file(path, id="zzzzzzzzzz", title="From another library", body="other text\n")
    [result] = import_paths(lib, [path]).files
    assert result.outcome == Outcome.IMPORTED and result.proposal_id != proposal.id
    assert lib.get(result.proposal_id).title == "From another library"
    untouched = lib.get(proposal.id)
    assert (untouched.title, untouched.versions) == ("AI copyright", 2)
    assert lib.version(proposal.id).content.body == "v2 text\n"


def test_a_file_already_imported_elsewhere_is_not_imported_twice(lib, exported, other):
    _, path = exported
    first = import_paths(other, [path]).files[0]
    second = import_paths(other, [path]).files[0]
    assert first.outcome == Outcome.IMPORTED
    assert second.outcome == Outcome.UNCHANGED and second.proposal_id == first.proposal_id
    assert other.count() == 1


def test_a_misspelt_value_in_a_file_of_this_library_is_refused(lib, exported):
    proposal, path = exported
    edit_file(path, status="finished", body="new text\n")
    [result] = import_paths(lib, [path]).files
    assert result.outcome == Outcome.FAILED
    assert "“finished” is not a status" in result.message and "nothing changed" in result.message
    assert lib.get(proposal.id).versions == 2


def test_plain_files_take_their_title_from_the_heading_or_the_file_name(lib, tmp_path):
    write(tmp_path / "in" / "with-heading.md", "# 关于加强基层医疗的建议\n\n正文\n")
    write(tmp_path / "in" / "plain notes.txt", "just text\n")
    report = import_paths(lib, [tmp_path / "in"])
    titles = {r.path.name: lib.get(r.proposal_id) for r in report.files}
    assert titles["with-heading.md"].title == "关于加强基层医疗的建议"
    assert titles["plain notes.txt"].title == "plain notes"
    assert {p.kind.value for p in titles.values()} == {"note"}
    assert (
        lib.version(titles["with-heading.md"].id).content.body
        == "# 关于加强基层医疗的建议\n\n正文\n"
    )


def test_folders_are_walked_for_markdown_and_text_files_only(lib, tmp_path):
    root = tmp_path / "drafts"
    write(root / "a.md", "a")
    write(root / "sub" / "deeper" / "b.markdown", "b")
    write(root / "sub" / "c.TXT", "c")
    write(root / "sub" / "d.docx", b"PK\x03\x04 not text")
    write(root / ".git" / "e.md", "hidden folder")
    write(root / ".hidden.md", "hidden file")
    report = import_paths(lib, [root])
    assert [r.path.relative_to(root).as_posix() for r in report.files] == [
        "a.md",
        "sub/c.TXT",
        "sub/deeper/b.markdown",
    ]
    assert sorted(p.title for p in lib.list_proposals()) == ["a", "b", "c"]


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_links_leading_outside_the_folder_are_not_followed(lib, tmp_path):
    root, secret = tmp_path / "drafts", write(tmp_path / "secret" / "s.md", "private")
    write(root / "a.md", "a")
    os.symlink(secret, root / "link-to-file.md")
    os.symlink(secret.parent, root / "link-to-folder")
    os.symlink(root / "a.md", root / "inside-link.md")  # the same file again: once
    report = import_paths(lib, [root])
    outcomes = {r.path.name: (r.outcome, r.message) for r in report.files}
    assert outcomes["a.md"][0] == Outcome.IMPORTED
    assert outcomes["link-to-file.md"] == (
        Outcome.SKIPPED,
        "a link leading outside the folder; not followed",
    )
    assert outcomes["link-to-folder"][0] == Outcome.SKIPPED
    assert "inside-link.md" not in outcomes
    assert [p.title for p in lib.list_proposals()] == ["a"]


def test_a_missing_path_is_reported_and_the_others_imported(lib, tmp_path):
    good = write(tmp_path / "good.md", "text")
    report = import_paths(lib, [tmp_path / "missing.md", good])
    assert [(r.outcome, r.message) for r in report.files] == [
        (Outcome.FAILED, f"{tmp_path / 'missing.md'}: no such file or folder"),
        (Outcome.IMPORTED, ""),
    ]
    assert report.summary() == "1 imported, 1 failed"


def test_an_amendment_keeps_its_base_when_both_are_imported(lib, other, out):
    reference = lib.create_proposal("Act", "reference", "Article 1. Old.\n")
    lib.create_proposal("Amendment", "amendment", "Article 1. New.\n", base=Base(reference.id))
    export_proposals(lib, out)
    report = import_paths(other, [out])
    assert report.summary() == "2 imported, 1 skipped"  # the index is skipped
    new_ids = {other.get(r.proposal_id).title: r.proposal_id for r in report.of(Outcome.IMPORTED)}
    base = other.version(new_ids["Amendment"]).content.base
    assert base == Base(new_ids["Act"], None)


def test_a_file_fails_whole_when_its_second_step_fails(lib, exported, monkeypatch):
    proposal, path = exported
    edit_file(path, body="v3\n", tags=["new-tag"])  # a new version, then new tags

    def broken(*args, **kwargs):
        raise InvalidInput("the tags could not be set")

    monkeypatch.setattr(Library, "set_tags", broken)
    [result] = import_paths(lib, [path]).files
    assert result.outcome == Outcome.FAILED and "the tags could not be set" in result.message
    after = lib.get(proposal.id)
    assert (after.versions, after.tags) == (2, ("AI/copyright",))  # not half imported


def test_a_library_that_cannot_be_written_stops_the_import_and_keeps_nothing_half(
    lib, tmp_path, monkeypatch
):
    for n in range(5):
        write(tmp_path / "in" / f"{n}.md", f"text {n}")
    real, calls = Library.create_proposal, []

    def create(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise LibraryError("The disk is full; nothing was changed, free space and retry")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Library, "create_proposal", create)
    report = import_paths(lib, [tmp_path / "in"])
    assert report.stopped and "The disk is full" in report.stopped
    # The transaction under way is rolled back, the two files done in it included, and the
    # report says so: it and the library agree.
    assert lib.count() == 0
    assert [r.outcome for r in report.files] == [Outcome.FAILED] * 3 + [Outcome.SKIPPED] * 2
    assert {r.message for r in report.of(Outcome.SKIPPED)} == {"not imported: the import stopped"}
