"""Related proposals on real law texts: another version of the same law comes first, Chinese
and English; scores from 0 to 1; the trash left out; the same without the full-text index."""

from __future__ import annotations

import pytest
from core_helpers import CORPUS

from consult.errors import NotFound
from consult.library import Library
from consult.related import related
from consult.storage import fulltext

LAWS = {
    "copyright 2010": "copyright_cn/2010.md",
    "copyright 2020": "copyright_cn/2020.md",
    "legislation 2015": "legislation_law_cn/2015.md",
    "legislation 2023": "legislation_law_cn/2023.md",
    "company 2018": "company_law_cn/2018.md",
    "pipl 2021": "pipl_cn/2021.md",
    "data security 2021": "data_security_cn/2021.md",
}


def us_code(date: str, start: int, size: int = 40_000) -> str:
    text = (CORPUS / "us_title17" / f"{date}.md").read_text(encoding="utf-8")
    return text[start : start + size]


@pytest.fixture(scope="module")
def laws(tmp_path_factory):
    """A library of real laws: (path, {name: id}). Chinese laws in two versions, and US title
    17 in two versions of its opening chapters beside a different part of it."""
    path = tmp_path_factory.mktemp("related") / "laws.consult"
    ids = {}
    with Library.open(path, create=True) as lib:
        for name, file in LAWS.items():
            body = (CORPUS / file).read_text(encoding="utf-8")
            ids[name] = lib.create_proposal(name, "reference", body).id
        ids["us 2010"] = lib.create_proposal("US 2010", "reference", us_code("2010-06-29", 0)).id
        ids["us 2011"] = lib.create_proposal("US 2011", "reference", us_code("2011-08-25", 0)).id
        ids["us later part"] = lib.create_proposal(
            "US later part", "reference", us_code("2010-06-29", 900_000)
        ).id
    return path, ids


@pytest.fixture
def lib(laws):
    library = Library.open(laws[0])
    yield library
    library.close()


@pytest.mark.parametrize(
    ("source", "twin"),
    [
        ("copyright 2010", "copyright 2020"),
        ("copyright 2020", "copyright 2010"),
        ("legislation 2015", "legislation 2023"),
        ("legislation 2023", "legislation 2015"),
        ("us 2010", "us 2011"),
        ("us 2011", "us 2010"),
    ],
)
def test_the_other_version_of_the_same_law_comes_first(lib, laws, source, twin):
    ids = laws[1]
    found = related(lib, ids[source])
    assert found[0].id == ids[twin]
    assert found[0].score > 0.6
    assert all(r.score < found[0].score - 0.3 for r in found[1:])  # far ahead of the rest
    assert ids[source] not in {r.id for r in found}
    assert all(0 < r.score <= 1 for r in found)
    assert [r.score for r in found] == sorted((r.score for r in found), reverse=True)


def test_laws_on_the_same_matter_rank_above_others(lib, laws):
    ids = laws[1]
    found = [r.id for r in related(lib, ids["pipl 2021"])]
    assert found[0] == ids["data security 2021"]
    assert ids["us later part"] not in found[:3]


def test_the_limit_and_the_trash(lib, laws):
    ids = laws[1]
    assert len(related(lib, ids["copyright 2010"], limit=2)) == 2
    assert related(lib, ids["copyright 2010"], limit=0) == []
    lib.trash(ids["copyright 2020"])
    try:
        assert ids["copyright 2020"] not in {r.id for r in related(lib, ids["copyright 2010"])}
        # A proposal in the trash still has related proposals.
        assert related(lib, ids["copyright 2020"])[0].id == ids["copyright 2010"]
    finally:
        lib.untrash(ids["copyright 2020"])


def test_an_unknown_id_is_reported(lib):
    with pytest.raises(NotFound):
        related(lib, "nosuchid00")


def test_a_proposal_with_little_text_has_no_related_proposals(lib):
    p = lib.create_proposal("x", "note", "")
    try:
        assert related(lib, p.id) == []
    finally:
        lib.trash(p.id)


def test_without_the_index_the_most_recent_proposals_are_compared(lib, laws, monkeypatch):
    monkeypatch.setattr(fulltext, "trigram_available", lambda: False)
    ids = laws[1]
    assert related(lib, ids["legislation 2015"])[0].id == ids["legislation 2023"]
    assert related(lib, ids["us 2011"])[0].id == ids["us 2010"]
