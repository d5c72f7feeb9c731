"""Export: what each file holds, the index, the history layout, and RELIABILITY 8's export half
(disk full / I/O error: the reason named, the old file unchanged, no partial or temp file)."""

from __future__ import annotations

import errno
import os
import re
from urllib.parse import unquote

import markdown
import pytest
from io_helpers import files_under, write

from consult.errors import InvalidInput
from consult.markdown_io import atomic
from consult.markdown_io.exporter import export_proposals
from consult.markdown_io.front_matter import split_front_matter
from consult.model import Base

KEYS = [
    "id", "title", "kind", "status", "sponsors", "cosigners", "session", "tags", "created",
    "updated", "version", "sha256",
]  # fmt: skip


@pytest.fixture
def made(lib):
    motion = lib.create_proposal(
        "关于明确人工智能生成内容著作权归属的议案: “引号” # not a comment",
        "motion",
        "## 案由\n\n正文。\n",
        sponsors=["王立群"],
        cosigners=["张明", "李华"],
        session="第十四届全国人民代表大会第三次会议",
        tags=["AI/copyright", "著作权"],
    )
    lib.edit(motion.id, body="## 案由\n\n正文，修改后。\n", status="ready", label="after comments")
    reference = lib.create_proposal("Act (in force)", "reference", "Article 1. Text.\n")
    amendment = lib.create_proposal(
        "Amendment", "amendment", "Article 1. New text.\n", base=Base(reference.id, 1)
    )
    return lib.get(motion.id), lib.get(reference.id), lib.get(amendment.id)


def read(path):
    parsed = split_front_matter(path.read_text(encoding="utf-8"))
    assert parsed.problem is None
    return parsed.meta, parsed.body


def test_each_file_is_front_matter_then_a_blank_line_then_the_body(lib, made, out):
    motion, _reference, amendment = made
    report = export_proposals(lib, out, [motion.id, amendment.id])
    assert report.ok and [f.proposal.id for f in report.files] == [motion.id, amendment.id]
    meta, body = read(report.files[0].path)
    assert list(meta) == [*KEYS, "label"]
    latest = lib.version(motion.id)
    assert meta == {
        "id": motion.id,
        "title": motion.title,
        "kind": "motion",
        "status": "ready",
        "sponsors": ["王立群"],
        "cosigners": ["张明", "李华"],
        "session": "第十四届全国人民代表大会第三次会议",
        "tags": ["AI/copyright", "著作权"],
        "created": motion.created,
        "updated": motion.updated,
        "version": 2,
        "sha256": latest.info.sha256,
        "label": "after comments",
    }
    assert body == "\n" + latest.content.body
    text = report.files[0].path.read_text(encoding="utf-8")
    assert f"\ntitle: '{motion.title}'\n" in text  # one line, quoted: the # is not a comment
    meta, _ = read(report.files[1].path)
    assert meta["base"] == {"id": made[1].id, "version": 1}


def test_the_index_links_every_file_with_its_kind_status_and_tags(lib, made, out):
    report = export_proposals(lib, out)
    assert report.index == out / "index.md"
    meta, body = read(report.index)
    assert meta["consult"] == "export index" and meta["proposals"] == 3
    rows = [line for line in body.splitlines() if line.startswith("| [")]
    assert len(rows) == 3
    # The links as a Markdown viewer sees them (titles with spaces, parentheses, “#”).
    html = markdown.markdown(body, extensions=["tables"])
    links = re.findall(r'<a href="([^"]*)">', html)
    assert [(out / unquote(link)).resolve() for link in links] == [
        f.path.resolve() for f in report.files
    ]
    # A browser and CommonMark read a space as the link's end and “#” as a fragment.
    assert [link for link in links if re.search(r"[ #()<>]", link)] == []
    for exported, row in zip(report.files, rows, strict=True):
        p = exported.proposal
        cells = [c.strip() for c in row.split(" | ")]
        names = [p.kind.value.capitalize(), p.status.value.capitalize()]  # as the window says
        assert cells[1:4] == [*names, ", ".join(p.tags)]
    assert "\\#" in rows[[f.proposal.id for f in report.files].index(made[0].id)]


def test_history_writes_every_version_in_a_folder_named_like_the_file(lib, made, out):
    motion = made[0]
    report = export_proposals(lib, out, [motion.id], history=True)
    [exported] = report.files
    folder = out / exported.path.name.removesuffix(".md")
    assert exported.history == [folder / "v1.md", folder / "v2.md"]
    for info in lib.versions(motion.id):
        meta, body = read(folder / f"v{info.number}.md")
        version = lib.version(motion.id, info.number)
        assert (meta["version"], meta["sha256"], meta["status"]) == (
            info.number,
            info.sha256,
            version.content.status.value,
        )
        assert meta["updated"] == (motion.updated if info.number == 2 else info.created)
        assert body == "\n" + version.content.body
    _, latest_body = read(exported.path)  # the latest version is also beside the folder
    assert latest_body == "\n" + lib.version(motion.id).content.body
    _, index = read(report.index)
    assert "[2 versions](" in index


def test_all_leaves_the_trash_out_and_a_selection_exports_only_itself(lib, made, out):
    motion, reference, amendment = made
    lib.trash(reference.id)
    report = export_proposals(lib, out)
    assert {f.proposal.id for f in report.files} == {motion.id, amendment.id}
    report = export_proposals(lib, out / "one", [reference.id])  # chosen by hand: exported
    assert [f.proposal.id for f in report.files] == [reference.id]
    assert sorted(os.listdir(out / "one")) == ["Act (in force).md", "index.md"]


def test_cancel_stops_between_files_and_the_index_lists_what_was_written(lib, out):
    for n in range(6):
        lib.create_proposal(f"P{n}", "note", "x")
    calls = []
    report = export_proposals(lib, out, progress=lambda done, total: calls.append(done),
                              cancel=lambda: len(calls) >= 2)  # fmt: skip
    assert report.cancelled and len(report.files) == 2
    assert sorted(os.listdir(out)) == sorted([f.path.name for f in report.files] + ["index.md"])
    _, index = read(out / "index.md")
    assert index.count("| [") == 2


# -- RELIABILITY 8, export half ---------------------------------------------------------------


def failing(at: str, code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return at, fail


@pytest.mark.parametrize(
    ("where", "code"),
    [("fsync", errno.ENOSPC), ("write", errno.EIO), ("replace", errno.EROFS)],
)
def test_case08_a_failed_write_names_the_file_and_reason_keeps_the_old_file_and_leaves_no_temp(
    lib, out, monkeypatch, where, code
):
    lib.create_proposal("Draft", "note", "new text")
    old = write(out / "Draft.md", "the previous export, still good\n")
    before = files_under(out)
    monkeypatch.setattr(atomic.os, where, failing(where, code)[1])
    report = export_proposals(lib, out, overwrite=True)
    assert not report.ok and report.index is None
    assert report.stopped == f"Could not write {old}: {os.strerror(code)}"
    assert old.read_text(encoding="utf-8") == "the previous export, still good\n"
    assert files_under(out) == before  # no partial file, no temporary file, no index


def test_case08_a_full_disk_part_way_keeps_the_files_already_written_whole(lib, out, monkeypatch):
    for n in range(4):
        lib.create_proposal(f"P{n}", "note", f"text {n}")
    real_fsync, calls = atomic.os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    report = export_proposals(lib, out)
    assert "No space left on device" in report.stopped
    assert len(report.files) == 2
    assert sorted(os.listdir(out)) == sorted(f.path.name for f in report.files)
    for exported in report.files:
        _, body = read(exported.path)
        assert body == "\n" + lib.version(exported.proposal.id).content.body


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_case08_a_read_only_folder_is_reported_with_the_reason(lib, out):
    lib.create_proposal("Draft", "note", "text")
    out.mkdir()
    out.chmod(0o555)
    try:
        report = export_proposals(lib, out)
    finally:
        out.chmod(0o755)
    assert report.stopped and "Permission denied" in report.stopped
    assert os.listdir(out) == []


def test_an_export_folder_that_is_a_file_is_refused(lib, tmp_path):
    lib.create_proposal("Draft", "note", "text")
    target = write(tmp_path / "a-file", "x")
    with pytest.raises(InvalidInput, match="a-file"):
        export_proposals(lib, target)
    assert target.read_text() == "x"
