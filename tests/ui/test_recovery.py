"""After a crash, the drafts left in the journal are offered back: keep, discard, compare."""

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox

from ui.dialogs.recovery import RecoveryDialog, pending_drafts


def journal(library, title_part, text):
    proposal = next(p for p in library.list_proposals() if title_part in p.title)
    latest = library.version(proposal.id)
    content = replace(latest.content, body=latest.content.body + text)
    library.save_draft(proposal.id, content, latest.info.number)
    return proposal.id, content


def test_only_drafts_that_differ_from_the_saved_text_are_offered(demo_library):
    changed, _ = journal(demo_library, "Voice", "\n\nTyped before the crash.")
    stale = next(p for p in demo_library.list_proposals() if p.id != changed)
    demo_library.save_draft(stale.id, demo_library.version(stale.id).content, stale.version)
    assert [d.proposal_id for d in pending_drafts(demo_library)] == [changed]
    assert demo_library.load_draft(stale.id) is None  # a leftover equal draft is dropped


def test_keep_makes_a_new_version_with_the_recovered_text(qtbot, demo_library):
    pid, content = journal(demo_library, "Voice", "\n\nTyped before the crash.")
    before = demo_library.get(pid).versions
    dialog = RecoveryDialog(demo_library, pending_drafts(demo_library))
    qtbot.addWidget(dialog)
    assert "recovered unsaved text from" in dialog.list.item(0).text()
    dialog.keep_button.click()
    latest = demo_library.version(pid)
    assert latest.info.number == before + 1
    assert latest.content.body == content.body
    assert demo_library.load_draft(pid) is None
    assert dialog.kept == [(pid, before + 1)] and dialog.result() == dialog.DialogCode.Accepted


def test_discard_asks_first_and_cancel_keeps_the_draft(qtbot, demo_library, monkeypatch):
    pid, content = journal(demo_library, "Voice", "\n\nTyped before the crash.")
    dialog = RecoveryDialog(demo_library, pending_drafts(demo_library))
    qtbot.addWidget(dialog)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    dialog.discard_button.click()
    assert demo_library.load_draft(pid).content == content  # cancelled: still there
    dialog.discard_button.click()
    assert demo_library.load_draft(pid) is None
    assert demo_library.version(pid).content.body != content.body  # history untouched


def test_compare_hands_over_the_draft_text(qtbot, demo_library):
    pid, content = journal(demo_library, "Voice", "\n\nTyped before the crash.")
    dialog = RecoveryDialog(demo_library, pending_drafts(demo_library))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.compareRequested) as signal:
        dialog.compare_button.click()
    assert signal.args == [pid, content.body]
