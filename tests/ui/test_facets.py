"""The facet tree: every tag (nested, with its colour) and every kind, status and session with
its count; choosing one filters the list to exactly what the library lists for it."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem

from ui.facets import FacetTree
from ui.library_model import ProposalListModel, kind_label


def items(tree: FacetTree) -> list[QStandardItem]:
    """Every first-column item of the tree's model."""
    model = tree.model()
    found = []
    stack = [model.item(i) for i in range(model.rowCount())]
    while stack:
        item = stack.pop()
        found.append(item)
        stack.extend(item.child(i) for i in range(item.rowCount()))
    return found


def count_text(item: QStandardItem) -> str:
    return item.index().siblingAtColumn(1).data()


def by_filter(tree: FacetTree) -> dict[tuple, QStandardItem]:
    return {
        tuple(sorted(item.data(FacetTree.FilterRole).items())): item
        for item in items(tree)
        if item.data(FacetTree.FilterRole) is not None
    }


def count_of(item: QStandardItem) -> int:
    return item.data(FacetTree.CountRole)


def make_tree(qtbot, library) -> FacetTree:
    """A facet tree as the window shows it: it fills itself once it is on screen."""
    tree = FacetTree(library)
    qtbot.addWidget(tree)
    tree.show()
    qtbot.waitUntil(lambda: tree.model().rowCount() > 0, timeout=2000)
    return tree


def test_every_tag_is_listed_nested_with_the_librarys_counts(qtbot, demo_library):
    demo_library.set_tag_color("AI", "#3a7bd5")
    tree = make_tree(qtbot, demo_library)
    assert tree.objectName() == "facetTree"
    listed = by_filter(tree)
    for tag in demo_library.tags():
        item = listed[(("tag", tag.name),)]
        assert count_of(item) == tag.count
        assert count_text(item) == str(tag.count)
        assert item.text() == tag.leaf
        if tag.parent:  # nested under its parent
            assert item.parent().data(FacetTree.FilterRole) == {"tag": tag.parent}
        assert not item.icon().isNull()
    tags_listed = [k for k in listed if k and k[0][0] == "tag"]
    assert len(tags_listed) == len(demo_library.tags())
    swatch = listed[(("tag", "AI"),)].icon().pixmap(12, 12).toImage()
    assert swatch.pixelColor(6, 6).name() == "#3a7bd5"


def test_kinds_statuses_sessions_and_all_have_their_counts(qtbot, demo_library):
    tree = make_tree(qtbot, demo_library)
    listed = by_filter(tree)
    assert count_of(listed[()]) == demo_library.count()
    proposals = demo_library.list_proposals()
    for kind in {p.kind for p in proposals}:
        item = listed[(("kind", kind.value),)]
        assert count_of(item) == len(demo_library.list_proposals(kind=kind))
        assert item.text() == kind_label(kind.value)
    for status in {p.status for p in proposals}:
        assert count_of(listed[(("status", status.value),)]) == len(
            demo_library.list_proposals(status=status)
        )
    sessions = {p.session for p in proposals if p.session}
    assert {k[0][1] for k in listed if k and k[0][0] == "session"} == sessions
    for session in sessions:
        assert count_of(listed[(("session", session),)]) == len(
            demo_library.list_proposals(session=session)
        )


def test_choosing_a_tag_filters_the_list_to_exactly_that_tag(qtbot, demo_library):
    tree = make_tree(qtbot, demo_library)
    model = ProposalListModel(demo_library)
    tree.filterChanged.connect(lambda filters: model.set_filter(**filters))
    for tag in ("AI", "AI/deepfake"):
        with qtbot.waitSignal(tree.filterChanged, timeout=1000) as signal:
            tree.setCurrentIndex(by_filter(tree)[(("tag", tag),)].index())  # as a click does
        assert signal.args == [{"tag": tag}]
        assert tree.current() == {"tag": tag}
        expected = [p.id for p in demo_library.list_proposals(tag=tag)]
        assert [model.proposal(r).id for r in range(model.rowCount())] == expected
    with qtbot.waitSignal(tree.filterChanged, timeout=1000) as signal:
        assert tree.select({})
    assert signal.args == [{}] and model.rowCount() == demo_library.count()


def test_group_headings_are_not_filters(qtbot, demo_library):
    tree = make_tree(qtbot, demo_library)
    heading = next(i for i in items(tree) if i.data(FacetTree.GroupRole) == "kinds")
    with qtbot.assertNotEmitted(tree.filterChanged):
        tree.setCurrentIndex(heading.index())
    assert tree.current() == {}


def test_refresh_reads_counts_again_and_keeps_the_choice(qtbot, demo_library):
    tree = make_tree(qtbot, demo_library)
    tree.select({"tag": "AI/deepfake"})
    before = count_of(by_filter(tree)[(("tag", "AI/deepfake"),)])
    untagged = next(p for p in demo_library.list_proposals() if "AI/deepfake" not in p.tags)
    demo_library.add_tags(untagged.id, ["AI/deepfake", "brand new"])
    with qtbot.assertNotEmitted(tree.filterChanged):
        tree.refresh()
    listed = by_filter(tree)
    assert count_of(listed[(("tag", "AI/deepfake"),)]) == before + 1
    assert count_of(listed[(("tag", "brand new"),)]) == 1
    assert tree.current() == {"tag": "AI/deepfake"}
    assert tree.currentIndex() == listed[(("tag", "AI/deepfake"),)].index()


def test_a_chosen_tag_that_is_gone_falls_back_to_all_proposals(qtbot, demo_library):
    tree = make_tree(qtbot, demo_library)
    tree.select({"tag": "AI/deepfake"})
    demo_library.delete_tag("AI/deepfake")
    with qtbot.waitSignal(tree.filterChanged, timeout=1000) as signal:
        tree.refresh()
    assert signal.args == [{}]
    assert (("tag", "AI/deepfake"),) not in by_filter(tree)


def test_the_tree_model_passes_qt_checks(qtmodeltester, qtbot, demo_library):
    tree = make_tree(qtbot, demo_library)
    qtmodeltester.check(tree.model())


def test_the_tree_fills_after_its_first_paint_or_when_asked(qtbot, demo_library):
    tree = FacetTree(demo_library)
    qtbot.addWidget(tree)
    assert tree.model().rowCount() == 0  # nothing counted while the window is being built
    with qtbot.waitSignal(tree.filterChanged, timeout=1000) as signal:
        assert tree.select({"kind": "motion"})  # asking for a row fills the tree at once
    assert signal.args == [{"kind": "motion"}]
    assert tree.model().rowCount() > 0
    hidden = FacetTree(demo_library)
    qtbot.addWidget(hidden)
    hidden.show()
    qtbot.waitUntil(lambda: hidden.model().rowCount() > 0, timeout=2000)


def test_a_library_closed_before_the_first_paint_leaves_the_tree_empty(qtbot, tmp_path):
    from consult.library import Library

    library = Library.open(tmp_path / "l.consult", create=True)
    tree = FacetTree(library)
    qtbot.addWidget(tree)
    tree.show()
    library.close()  # the window's owner gave up before the counts were read
    qtbot.wait(20)  # the deferred fill runs, finds nothing to count, raises nothing
    assert tree.model().rowCount() == 0
