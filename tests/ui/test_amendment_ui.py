"""Amendment instructions in the window: Compare → Draft Amendment Instructions… shows the
instructions for the two texts compared (Chinese or English), copies them and saves them as
Markdown; Edit → Apply Instructions… previews a proposal with instructions applied — or the
error and its line — and saves the result as the proposal's next version, seen in History."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from ui_helpers import make_window

from consult.library import Library

LAW_V1 = "第一条　为了保护作者的权益，制定本法。\n\n第二条　本法适用于作品。\n\n第三条　本法自公布之日起施行。\n"
LAW_V2 = (
    "第一条　为了保护作者的权益，制定本法。\n\n"
    "第二条　著作权人享有发表权。\n\n"
    "第三条　本法适用于作品。\n\n"
    "第四条　本法自公布之日起施行。\n"
)


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.consult", create=True)
    yield lib
    lib.close()


@pytest.fixture
def law(library):
    """A reference text with two versions: the second inserts 第二条 (the rest renumbered)."""
    proposal = library.create_proposal("著作权法", "reference", LAW_V1)
    library.edit(proposal.id, body=LAW_V2, label="第二稿")
    return proposal.id


@pytest.fixture(autouse=True)
def _no_message_box_waits(monkeypatch):
    shown: list[tuple] = []
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox,
            name,
            staticmethod(lambda *a, **k: shown.append(a) or QMessageBox.StandardButton.Ok),
        )
    return shown


def drafted(qtbot, window, law):
    window.compare_versions(law, 1, 2)
    qtbot.waitUntil(lambda: window.action_draft_amendment.isEnabled(), timeout=10_000)
    dialog = window.draft_amendment()
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.amendment is not None, timeout=20_000)
    return dialog


def previewed(qtbot, dialog):
    """Wait for the preview of what is in the dialog's box (made in a worker)."""
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10_000)
    return dialog


def test_the_draft_dialog_shows_the_instructions_for_two_versions(qtbot, library, law):
    window = make_window(qtbot, library)
    assert not window.action_draft_amendment.isEnabled()  # nothing compared yet
    dialog = drafted(qtbot, window, law)
    assert window.compare_view.findChild(object, "draftAmendmentButton").isEnabled()
    # The window is in English: the instructions too, at first.
    assert dialog.lang() == "en"
    assert "Article 1, the following article is inserted as Article 2" in dialog.instructions()
    assert "The articles are renumbered accordingly." in dialog.instructions()
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("zh"))
    qtbot.waitUntil(lambda: dialog.amendment is not None and dialog.amendment.lang == "zh")
    text = dialog.instructions()
    assert text.startswith("一、在第一条后增加一条，作为第二条：")
    assert "著作权人享有发表权。" in text
    assert text.rstrip().endswith("此外，对条文顺序作相应调整。")
    dialog.copy()
    assert QGuiApplication.clipboard().text() == text
    # Nothing outside the articles changed between the two versions: nothing said of it.
    assert "outside" not in dialog.status.text() and "以外" not in dialog.status.text()


def test_save_as_markdown_writes_the_file(qtbot, library, law, tmp_path):
    window = make_window(qtbot, library)
    dialog = drafted(qtbot, window, law)
    target = tmp_path / "修改决定.md"
    assert dialog.save_markdown(target)
    written = target.read_text("utf-8")
    assert written.startswith("# Amendment instructions: Version 1 → Version 2\n")
    assert "Article 2" in written and "renumbered accordingly" in written
    assert str(target) in dialog.status.text()


def test_texts_without_articles_offer_no_instructions(qtbot, library):
    proposal = library.create_proposal("Note", "note", "Some words.\n")
    library.edit(proposal.id, body="Other words.\n")
    window = make_window(qtbot, library)
    window.compare_versions(proposal.id, 1, 2)
    qtbot.waitUntil(lambda: not window.compare_view.is_busy(), timeout=10_000)
    assert window.compare_view.comparison() is not None
    assert not window.action_draft_amendment.isEnabled()
    assert window.draft_amendment() is None


def test_apply_on_a_reference_text_saves_a_new_version_shown_in_history(qtbot, library, law):
    window = make_window(qtbot, library)
    assert window.editor.proposal_id == law
    assert window.action_apply_instructions.isEnabled()
    dialog = window.apply_instructions()
    assert dialog is not None
    dialog.set_instructions(
        "一、将第二条中的“著作权人享有发表权”修改为“著作权人享有发表权和署名权”。\n\n"
        "二、删去第四条。\n"
    )
    previewed(qtbot, dialog)
    assert dialog.consolidated is not None, dialog.status.text()
    assert "著作权人享有发表权和署名权。" in dialog.preview.toPlainText()
    assert "第四条" not in dialog.preview.toPlainText()
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()

    latest = library.version(law)
    assert latest.info.number == 3
    assert latest.info.label == "Amended by instructions"
    assert "著作权人享有发表权和署名权。" in latest.content.body
    assert "本法自公布之日起施行" not in latest.content.body
    assert latest.content.title == "著作权法"
    assert "发表权和署名权" in window.editor.bodyEditor.toPlainText()
    history = window.history.model
    assert history.version(0).number == 3
    assert history.version(0).label == "Amended by instructions"
    # What the instructions changed is shown: version 2 beside version 3.
    view = window.compare_view
    assert window.tabs.currentWidget() is window._compare_page
    qtbot.waitUntil(lambda: not view.is_busy(), timeout=10_000)
    assert view.left_title.text().endswith("2") and view.right_title.text().endswith("3")
    assert len(view.change_rows()) == 2  # the phrase and the deleted article


def test_a_bad_instruction_shows_its_line_and_saves_nothing(qtbot, library, law):
    window = make_window(qtbot, library)
    dialog = window.apply_instructions()
    assert dialog is not None
    dialog.set_instructions("一、删去第二条。\n\n二、删去第九十九条。\n")
    previewed(qtbot, dialog)
    assert dialog.consolidated is None
    assert "line 3" in dialog.status.text()
    assert dialog.instructions_edit.textCursor().blockNumber() == 2  # on the failing line
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # Enter: refused as well
    assert dialog.isVisible()
    dialog.reject()
    assert library.version(law).info.number == 2
    assert window.history.model.version(0).number == 2


def test_typing_is_not_interrupted_by_the_preview_of_an_unfinished_line(qtbot, library, law):
    """The preview runs once typing pauses; an instruction still being typed fails, and its
    line is marked — but the cursor stays where the user types."""
    window = make_window(qtbot, library)
    dialog = window.apply_instructions()
    assert dialog is not None
    box = dialog.instructions_edit
    box.setFocus()
    box.insertPlainText("一、删去第二条。\n二、删去第")  # as typed: the preview follows a pause
    end = box.textCursor().position()
    previewed(qtbot, dialog)
    assert dialog.error is not None and dialog.error.line == 2
    assert box.textCursor().position() == end  # not moved to the start of line 2
    [marked] = box.extraSelections()
    assert marked.cursor.blockNumber() == 1  # the failing line is marked
    box.insertPlainText("四条。")
    previewed(qtbot, dialog)
    assert dialog.consolidated is not None and not box.extraSelections()
    dialog.reject()


def test_the_preview_shows_where_the_text_first_changes(qtbot, library, law):
    window = make_window(qtbot, library)
    dialog = window.apply_instructions()
    assert dialog is not None
    dialog.set_instructions("一、删去第三条。\n")
    previewed(qtbot, dialog)
    assert dialog.consolidated is not None
    base = library.version(law).content.body
    pairs = zip(base, dialog.consolidated, strict=False)
    first = next((i for i, (a, b) in enumerate(pairs) if a != b), len(dialog.consolidated))
    assert 0 < first < len(dialog.consolidated)
    assert dialog.preview.textCursor().position() == first
    dialog.reject()


def test_instructions_are_opened_from_a_file(qtbot, library, law, tmp_path):
    window = make_window(qtbot, library)
    dialog = window.apply_instructions()
    source = tmp_path / "instructions.md"
    source.write_text("1. Article 4 is deleted.\n", encoding="utf-8")
    assert dialog.open_file(source)
    previewed(qtbot, dialog)
    assert dialog.consolidated is not None and "第四条" not in dialog.consolidated
    assert not dialog.open_file(tmp_path / "missing.md")


def test_apply_is_refused_in_a_read_only_library(qtbot, library, law):
    window = make_window(qtbot, library)
    window.set_read_only("Opened read-only for the test.")
    assert not window.action_apply_instructions.isEnabled()
    assert window.apply_instructions() is None


def test_the_draft_dialog_says_what_the_instructions_leave_out(qtbot, window_language):
    from ui.dialogs.amendment_dialog import DraftAmendmentDialog

    window_language("en")  # its plurals, as the app installs them
    articles = "\n\n".join(f"第{n}条 第{n}条的内容，足够长的一句话。" for n in "一二三四")
    old = "# 某某法（草案）\n\n" + articles
    new = "# 某某法\n\n" + articles.replace("第二条的内容", "第二条修改后的内容")
    dialog = DraftAmendmentDialog(old, new, ("old", "new"))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.amendment is not None, timeout=10_000)
    assert dialog.instructions().startswith("1. In Article 2,")
    status = dialog.status.text()
    assert status.startswith("1 instruction · ")
    assert "1 change outside the articles and headings not included: " in status
    assert status.endswith("not included: 某某法") and dialog.status.toolTip() == "某某法"
