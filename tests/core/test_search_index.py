"""The search index stays in step with the library: after every kind of write, after a failure
or a kill in the middle of one, and in a library made before the index existed."""

from __future__ import annotations

import signal
import subprocess
import textwrap
import time

import pytest
from core_helpers import PYTHON, content, raw, subprocess_env

import consult.tags
from consult.library import Library
from consult.search import search, verify_index
from consult.storage import fulltext
from consult.storage.backup import quick_check
from consult.storage.migrations import SCHEMA_VERSION


def found(lib, query: str) -> set[str]:
    return {h.id for h in search(lib, query)}


def in_step(lib) -> None:
    """The index holds exactly the library's text, and FTS5's integrity-check passes."""
    assert verify_index(lib) == []


# -- every kind of write --------------------------------------------------------------------------


def test_create_and_save_versions(lib):
    p = lib.create_proposal("Copyright in AI works", "proposal", "Owners of outputs.", tags=["AI"])
    in_step(lib)
    assert found(lib, "outputs") == found(lib, "copyright") == found(lib, "AI") == {p.id}
    lib.save_version(p.id, content("Copyright in AI works", "Authors of prompts."))
    in_step(lib)
    assert found(lib, "prompts") == {p.id}
    assert found(lib, "outputs") == set()
    lib.edit(p.id, title="Authorship of generated works")
    in_step(lib)
    assert found(lib, "authorship") == {p.id}
    assert found(lib, "copyright") == set()
    lib.update_metadata(p.id, status="ready", title="版权与生成式人工智能")
    in_step(lib)
    assert found(lib, "生成式人工智能") == {p.id}
    assert found(lib, "authorship") == set()


def test_restore_brings_the_old_text_back_into_the_index(lib):
    p = lib.create_proposal("T", "note", "原始条文：医疗卫生机构。")
    lib.save_version(p.id, content("T", "修改后：教育机构。"))
    assert found(lib, "医疗卫生") == set()
    lib.restore_version(p.id, 1)
    in_step(lib)
    assert found(lib, "医疗卫生") == {p.id}
    assert found(lib, "教育机构") == set()


def test_a_save_without_changes_or_of_metadata_only_keeps_the_index(lib):
    p = lib.create_proposal("Privacy note", "note", "Biometric data.")
    before = lib.db.execute("SELECT row FROM search_text").fetchall()
    lib.save_version(p.id, content("Privacy note", "Biometric data."))  # identical
    lib.update_metadata(p.id, status="ready", session="14th NPC, 3rd session")
    assert lib.db.execute("SELECT row FROM search_text").fetchall() == before
    in_step(lib)
    assert found(lib, "biometric") == {p.id}


def test_tag_add_remove_set(lib):
    p = lib.create_proposal("P", "note", "body text")
    lib.add_tags(p.id, ["医疗健康/基层医疗", "deepfake"])
    in_step(lib)
    assert found(lib, "基层医疗") == found(lib, "deepfake") == {p.id}
    lib.remove_tags(p.id, ["deepfake"])
    in_step(lib)
    assert found(lib, "deepfake") == set()
    lib.set_tags(p.id, ["copyright"])
    in_step(lib)
    assert found(lib, "copyright") == {p.id}
    assert found(lib, "基层医疗") == set()


def test_tag_rename_merge_delete(lib):
    a = lib.create_proposal("A", "note", "body one", tags=["AI/deepfake"])
    b = lib.create_proposal("B", "note", "body two", tags=["AI/deepfake", "voice"])
    c = lib.create_proposal("C", "note", "body three", tags=["likeness"])
    lib.rename_tag("AI", "人工智能")  # the tag below it is renamed too
    in_step(lib)
    assert found(lib, "人工智能/deepfake") == {a.id, b.id}
    assert found(lib, "AI/deepfake") == set()
    lib.merge_tags(["voice", "likeness"], "personality rights")
    in_step(lib)
    assert found(lib, "personality rights") == {b.id, c.id}
    assert found(lib, "voice") == found(lib, "likeness") == set()
    lib.delete_tag("人工智能")
    in_step(lib)
    assert found(lib, "deepfake") == set()
    assert found(lib, "personality") == {b.id, c.id}


def test_trash_and_untrash(lib):
    p = lib.create_proposal("关于医疗卫生的建议", "suggestion", "基层医疗。", tags=["医疗"])
    other = lib.create_proposal("Other", "note", "nothing")
    lib.trash(p.id)
    in_step(lib)
    assert found(lib, "医疗卫生") == found(lib, "医疗") == set()
    lib.untrash(p.id)
    in_step(lib)
    assert found(lib, "医疗卫生") == found(lib, "医疗") == {p.id}
    assert found(lib, "nothing") == {other.id}


def test_a_batch_is_indexed_with_its_writes(lib):
    with lib.batch():
        p = lib.create_proposal("Batch", "note", "first words")
        lib.save_version(p.id, content("Batch", "second words"))
        lib.add_tags(p.id, ["batched"])
    in_step(lib)
    assert found(lib, "second") == found(lib, "batched") == {p.id}
    assert found(lib, "first") == set()


def test_verify_reports_an_index_out_of_step(lib, lib_path):
    p = lib.create_proposal("Title", "note", "some body")
    conn = raw(lib_path)
    conn.execute("UPDATE proposals SET title = 'Changed behind the index' WHERE id = ?", [p.id])
    conn.close()
    assert any("old text" in problem for problem in verify_index(lib))
    conn = raw(lib_path)
    conn.execute("UPDATE proposals SET title = 'Title' WHERE id = ?", [p.id])
    conn.execute("UPDATE search_text SET body = 'other words'")  # the FTS5 index not told
    conn.close()
    assert any("damaged" in problem for problem in verify_index(lib))
    with lib.batch():
        fulltext.rebuild(lib.db)
    in_step(lib)
    assert found(lib, "some body") == {p.id}


# -- failures and kills ----------------------------------------------------------------------------


def _raise_after(real):
    def wrapper(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("simulated failure after the index was written")

    return wrapper


def test_case03_a_failure_after_the_index_write_rolls_the_index_back(lib, monkeypatch):
    p = lib.create_proposal("Kept", "note", "the saved text", tags=["kept"])
    monkeypatch.setattr(fulltext, "reindex", _raise_after(fulltext.reindex))
    with pytest.raises(RuntimeError, match="simulated"):
        lib.save_version(p.id, content("Kept", "text that was never saved"))
    with pytest.raises(RuntimeError, match="simulated"):
        lib.add_tags(p.id, ["never-tagged"])
    with pytest.raises(RuntimeError, match="simulated"):
        lib.create_proposal("Never created", "note", "a body that exists nowhere")
    with pytest.raises(RuntimeError, match="simulated"):
        lib.trash(p.id)
    monkeypatch.undo()
    in_step(lib)
    assert found(lib, "saved text") == found(lib, "kept") == {p.id}
    assert found(lib, "never saved") == found(lib, "never-tagged") == set()
    assert found(lib, "exists nowhere") == set()
    assert lib.db.execute("SELECT count(*) FROM search_text").fetchone()[0] == 1


def test_case03_a_failure_after_the_version_insert_leaves_no_index_row(lib, monkeypatch):
    lib.create_proposal("Existing", "note", "kept")

    def boom(*args, **kwargs):
        raise RuntimeError("simulated failure after the version insert")

    monkeypatch.setattr(consult.tags, "add", boom)
    with pytest.raises(RuntimeError, match="simulated"):
        lib.create_proposal("New", "note", "a body that exists nowhere else", tags=["u"])
    monkeypatch.undo()
    in_step(lib)
    assert found(lib, "exists nowhere") == set()
    assert lib.db.execute("SELECT count(*) FROM search_text").fetchone()[0] == 1


CHILD = textwrap.dedent(
    """
    import sys
    from consult.library import Library

    with Library.open(sys.argv[1]) as lib, lib.batch():
        for n in range(100_000):
            p = lib.create_proposal(f"Batch {n}", "note", f"killedword {n} " * 50, tags=["batch"])
            lib.edit(p.id, body=f"killedword v2 {n}")
            if n == 20:
                print("writing", flush=True)
    """
)


@pytest.mark.slow
def test_a_kill_in_the_middle_of_a_transaction_leaves_the_index_as_it_was(lib, lib_path):
    kept = lib.create_proposal("Before the kill", "note", "survivor text", tags=["batch"])
    lib.close()
    child = subprocess.Popen(
        [PYTHON, "-c", CHILD, str(lib_path)],
        stdout=subprocess.PIPE,
        env=subprocess_env(),
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
        time.sleep(0.3)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with Library.open(lib_path) as again:
        assert quick_check(again.db.conn) == []
        in_step(again)
        assert found(again, "killedword") == set()
        assert found(again, "batch") == found(again, "survivor") == {kept.id}


# -- a library from before the index ----------------------------------------------------------------


def test_a_library_from_before_the_search_index_is_indexed_when_opened(lib_path):
    with Library.open(lib_path, create=True) as lib:
        a = lib.create_proposal(
            "关于加强基层医疗卫生服务的建议", "suggestion", "建议增加编制。", tags=["医疗健康"]
        )
        lib.save_version(a.id, content("关于加强基层医疗卫生服务的建议", "建议提高待遇。"))
        b = lib.create_proposal("Deepfakes", "motion", "Voice and likeness.", tags=["AI"])
        gone = lib.create_proposal("Trashed motion", "motion", "Voice of the trash.")
        lib.trash(gone.id)
    # The same library as the schema-2 app left it.
    conn = raw(lib_path)
    conn.execute("DROP TABLE search_index")
    conn.execute("DROP VIEW search_content")
    conn.execute("DROP TABLE search_text")
    conn.execute("DROP TABLE search_meta")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0003_search'")
    conn.execute("PRAGMA user_version = 2")
    conn.close()

    with Library.open(lib_path) as lib:
        assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        in_step(lib)
        assert found(lib, "医疗卫生") == found(lib, "医疗") == found(lib, "提高待遇") == {a.id}
        assert found(lib, "增加编制") == set()  # the latest version only
        assert found(lib, "医疗健康") == {a.id}
        assert found(lib, "voice") == found(lib, "AI") == {b.id}  # not the trashed one
