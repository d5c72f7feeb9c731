"""Tags: adding, nesting with "/", counts, normalisation, rename, merge, delete, colours."""

from __future__ import annotations

import pytest

from consult.errors import InvalidInput, NotFound
from consult.tags import normalize_tag


def tag_table(lib) -> dict[str, tuple[int, int]]:
    """name → (count, own_count) for every tag."""
    return {t.name: (t.count, t.own_count) for t in lib.tags()}


def titles(lib, tag: str) -> set[str]:
    return {p.title for p in lib.list_proposals(tag=tag)}


# -- add, remove, set -----------------------------------------------------------------------


def test_add_and_remove_tags(lib):
    p = lib.create_proposal("P", "note")
    assert lib.add_tags(p.id, ["privacy", "AI/copyright"]) == ("AI/copyright", "privacy")
    assert lib.add_tags(p.id, ["privacy"]) == ("AI/copyright", "privacy")  # no duplicate
    assert lib.remove_tags(p.id, ["PRIVACY"]) == ("AI/copyright",)
    assert lib.get(p.id).tags == ("AI/copyright",)
    assert lib.remove_tags(p.id, ["never-had-it"]) == ("AI/copyright",)
    with pytest.raises(NotFound):
        lib.add_tags("nosuchid00", ["x"])


def test_tags_do_not_make_versions(lib):
    p = lib.create_proposal("P", "note", "body")
    lib.add_tags(p.id, ["x"])
    lib.set_tags(p.id, ["y"])
    assert lib.get(p.id).versions == 1


def test_set_tags_gives_exactly_these_tags(lib):
    p = lib.create_proposal("P", "note", tags=["a", "b", "AI/copyright"])
    assert lib.set_tags(p.id, ["ai/COPYRIGHT", " c "]) == ("AI/copyright", "c")
    assert lib.get(p.id).tags == ("AI/copyright", "c")
    assert lib.set_tags(p.id, []) == ()
    assert lib.get(p.id).tags == ()


# -- nesting and counts ---------------------------------------------------------------------


def test_nesting_creates_parents_and_counts_include_children(lib):
    a = lib.create_proposal("A", "note", tags=["AI/copyright/training"])
    lib.create_proposal("B", "note", tags=["AI/copyright"])
    lib.create_proposal("C", "note", tags=["AI", "AI/deepfake"])  # counted once under AI
    lib.create_proposal("D", "note", tags=["health"])
    assert tag_table(lib) == {
        "AI": (3, 1),
        "AI/copyright": (2, 1),
        "AI/copyright/training": (1, 1),
        "AI/deepfake": (1, 1),
        "health": (1, 1),
    }
    names = [t.name for t in lib.tags()]
    assert names.index("AI") < names.index("AI/copyright") < names.index("AI/copyright/training")
    [training] = [t for t in lib.tags() if t.name == "AI/copyright/training"]
    assert (training.parent, training.leaf) == ("AI/copyright", "training")
    assert titles(lib, "AI") == {"A", "B", "C"}
    assert titles(lib, "AI/copyright") == {"A", "B"}
    lib.remove_tags(a.id, ["AI/copyright/training"])
    assert tag_table(lib)["AI/copyright"] == (1, 1)


def test_trashed_proposals_are_not_counted(lib):
    a = lib.create_proposal("A", "note", tags=["AI/copyright"])
    lib.create_proposal("B", "note", tags=["AI"])
    lib.trash(a.id)
    assert tag_table(lib) == {"AI": (1, 1), "AI/copyright": (0, 0)}
    lib.untrash(a.id)
    assert tag_table(lib) == {"AI": (2, 1), "AI/copyright": (1, 1)}


# -- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("  AI / copyright ", "AI/copyright"),
        ("data   security", "data security"),
        ("x\t/ y /z", "x/y/z"),
        ("著作权", "著作权"),
    ],
)
def test_names_are_normalised(lib, given, stored):
    assert normalize_tag(given) == stored
    p = lib.create_proposal("P", "note", tags=[given])
    assert lib.get(p.id).tags == (stored,)
    assert stored in tag_table(lib)


def test_names_are_unique_regardless_of_case_and_keep_the_first_spelling(lib):
    lib.create_proposal("A", "note", tags=["AI/Copyright"])
    b = lib.create_proposal("B", "note", tags=["ai/COPYRIGHT", "ai/deepfake"])
    assert lib.get(b.id).tags == ("AI/Copyright", "AI/deepfake")
    assert tag_table(lib) == {"AI": (2, 0), "AI/Copyright": (2, 2), "AI/deepfake": (1, 1)}


def test_non_ascii_names_are_unique_regardless_of_case(lib):
    lib.create_proposal("A", "note", tags=["Ökonomie", "Данные"])
    b = lib.create_proposal("B", "note", tags=["ökonomie", "данные"])
    assert lib.get(b.id).tags == ("Ökonomie", "Данные")
    assert tag_table(lib) == {"Ökonomie": (2, 2), "Данные": (2, 2)}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "not a tag name"),
        ("   ", "not a tag name"),
        ("/", "not a tag name"),
        ("AI/", "not a tag name"),
        ("/AI", "not a tag name"),
        ("AI//copyright", "not a tag name"),
        ("AI/ /copyright", "not a tag name"),
        ("law, order", "commas"),
        ("bell\x07", "control characters"),
        ("x" * 101, "at most 100"),
    ],
)
def test_invalid_names_are_refused(lib, name, message):
    p = lib.create_proposal("P", "note", tags=["kept"])
    with pytest.raises(InvalidInput, match=message):
        lib.add_tags(p.id, [name])
    with pytest.raises(InvalidInput, match=message):
        lib.set_tags(p.id, [name])
    assert lib.get(p.id).tags == ("kept",)
    assert list(tag_table(lib)) == ["kept"]


# -- rename ---------------------------------------------------------------------------------


def test_rename_takes_the_children_along(lib):
    p = lib.create_proposal("P", "note", tags=["AI/copyright/training", "other"])
    q = lib.create_proposal("Q", "note", tags=["AI"])
    assert lib.rename_tag("ai", " Tech ") == "Tech"
    assert set(tag_table(lib)) == {"Tech", "Tech/copyright", "Tech/copyright/training", "other"}
    assert lib.get(p.id).tags == ("other", "Tech/copyright/training")
    assert lib.get(q.id).tags == ("Tech",)
    assert titles(lib, "Tech") == {"P", "Q"}
    assert titles(lib, "AI") == set()


def test_rename_under_a_new_parent_creates_it(lib):
    lib.create_proposal("P", "note", tags=["copyright"])
    assert lib.rename_tag("copyright", "Law/copyright") == "Law/copyright"
    assert tag_table(lib) == {"Law": (1, 0), "Law/copyright": (1, 1)}
    assert titles(lib, "Law") == {"P"}


def test_rename_changing_only_case(lib):
    p = lib.create_proposal("P", "note", tags=["ai/x"])
    lib.rename_tag("ai", "AI")
    assert lib.get(p.id).tags == ("AI/x",)
    assert set(tag_table(lib)) == {"AI", "AI/x"}


def test_rename_under_an_existing_parent_typed_in_another_case(lib):
    lib.create_proposal("P", "note", tags=["AI/copyright"])
    lib.create_proposal("Q", "note", tags=["misc"])
    lib.rename_tag("misc", "ai/misc")
    assert titles(lib, "AI") == {"P", "Q"}
    assert tag_table(lib)["AI"] == (2, 0)


@pytest.mark.parametrize(
    ("old", "new", "error", "message"),
    [
        ("AI/copyright", "AI/deepfake", InvalidInput, "already exists; merge"),
        ("AI", "law", InvalidInput, "“Law” already exists; merge “AI” into it"),
        ("AI/copyright", "law/COPYRIGHT", InvalidInput, "already exists; merge"),
        ("AI", "AI/sub", InvalidInput, "cannot be moved under itself"),
        ("AI", "ai/deeper/still", InvalidInput, "cannot be moved under itself"),
        ("nope", "other", NotFound, "No tag named"),
        ("AI", "a,b", InvalidInput, "commas"),
    ],
)
def test_rename_refusals(lib, old, new, error, message):
    lib.create_proposal("P", "note", tags=["AI/copyright", "AI/deepfake", "Law/copyright"])
    before = tag_table(lib)
    with pytest.raises(error, match=message):
        lib.rename_tag(old, new)
    assert tag_table(lib) == before


# -- merge ----------------------------------------------------------------------------------


def test_merge_moves_proposals_removes_sources_and_reparents_children(lib):
    a = lib.create_proposal("A", "note", tags=["deepfakes", "deepfakes/voice"])
    b = lib.create_proposal("B", "note", tags=["synthetic media"])
    c = lib.create_proposal("C", "note", tags=["AI/deepfake", "deepfakes"])
    assert lib.merge_tags(["deepfakes", "Synthetic Media"], "ai/DEEPFAKE") == "AI/deepfake"
    assert lib.get(a.id).tags == ("AI/deepfake", "AI/deepfake/voice")
    assert lib.get(b.id).tags == ("AI/deepfake",)
    assert lib.get(c.id).tags == ("AI/deepfake",)
    assert tag_table(lib) == {"AI": (3, 0), "AI/deepfake": (3, 3), "AI/deepfake/voice": (1, 1)}


def test_merge_into_a_new_tag_creates_it(lib):
    p = lib.create_proposal("P", "note", tags=["old"])
    assert lib.merge_tags(["old"], "New/name") == "New/name"
    assert lib.get(p.id).tags == ("New/name",)
    assert set(tag_table(lib)) == {"New", "New/name"}


def test_merge_carries_a_colour_to_an_uncoloured_target(lib):
    lib.create_proposal("P", "note", tags=["old", "new"])
    lib.set_tag_color("old", "#112233")
    lib.merge_tags(["old"], "new")
    assert {t.name: t.color for t in lib.tags()} == {"new": "#112233"}


@pytest.mark.parametrize(
    ("sources", "target", "error", "message"),
    [
        (["AI"], "AI/copyright", InvalidInput, "below it"),
        (["nope"], "AI", NotFound, "No tag named"),
        (["AI/copyright"], "a,b", InvalidInput, "commas"),
    ],
)
def test_merge_refusals_change_nothing(lib, sources, target, error, message):
    lib.create_proposal("P", "note", tags=["AI/copyright", "other"])
    before = tag_table(lib)
    with pytest.raises(error, match=message):
        lib.merge_tags(sources, target)
    assert tag_table(lib) == before


def test_merging_a_parent_together_with_its_child(lib):
    p = lib.create_proposal("P", "note", tags=["AI", "AI/x"])
    lib.merge_tags(["AI", "AI/x"], "T")
    assert lib.get(p.id).tags == ("T", "T/x")


# -- delete and colour ----------------------------------------------------------------------


def test_delete_tag_removes_it_and_its_children_from_every_proposal(lib):
    p = lib.create_proposal("P", "note", "body", tags=["AI/copyright", "keep"])
    q = lib.create_proposal("Q", "note", tags=["AI"])
    lib.delete_tag("ai")
    assert lib.get(p.id).tags == ("keep",)
    assert lib.get(q.id).tags == ()
    assert list(tag_table(lib)) == ["keep"]
    assert lib.version(p.id).content.body == "body"  # the proposals stay
    with pytest.raises(NotFound):
        lib.delete_tag("AI")


@pytest.mark.parametrize(
    ("color", "stored"), [("#3A7BD5", "#3a7bd5"), ("#000000", "#000000"), (None, None), ("", None)]
)
def test_set_tag_color(lib, color, stored):
    lib.create_proposal("P", "note", tags=["AI"])
    lib.set_tag_color("AI", "#ffffff")
    lib.set_tag_color("ai", color)
    assert [(t.name, t.color) for t in lib.tags()] == [("AI", stored)]


@pytest.mark.parametrize("color", ["red", "#12345", "#1234567", "#gggggg", "3a7bd5", "#3a7bd5 "])
def test_invalid_colours_are_refused(lib, color):
    lib.create_proposal("P", "note", tags=["AI"])
    lib.set_tag_color("AI", "#abcdef")
    with pytest.raises(InvalidInput, match="not a colour"):
        lib.set_tag_color("AI", color)
    assert [t.color for t in lib.tags()] == ["#abcdef"]


def test_colour_of_an_unknown_tag_is_not_found(lib):
    with pytest.raises(NotFound):
        lib.set_tag_color("nope", "#abcdef")
