"""RELIABILITY 19–21 (the core's part): encodings, binary files and NUL bytes, enormous files.

What a user sees is the imported text (exact, LF, no BOM), the encoding the import detected
(so the window can ask "Detected GB18030 — correct?"), and for a refused file a message that
names it — with nothing imported from it.
"""

from __future__ import annotations

import codecs
import struct
import threading
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from io_helpers import write

from consult.library import Library
from consult.markdown_io import sources, text_file
from consult.markdown_io.importer import Outcome, import_paths
from consult.markdown_io.sources import scan

CHINESE = "第一条　为了规范人工智能生成内容的著作权归属，制定本条例。\n第二条　本条例适用于中华人民共和国境内。\n"
MIXED = "# Title\n\nLine one — café, naïve, 著作权\n\tindented, trailing spaces   \nlast line"


def mixed_line_endings(text: str) -> str:
    """CRLF, LF and CR in turn between the lines."""
    lines = text.split("\n")
    ends = ["\r\n", "\n", "\r"]
    return "".join(line + ends[n % 3] for n, line in enumerate(lines[:-1])) + lines[-1]


def imported_body(lib, path):
    report = import_paths(lib, [path])
    [result] = report.files
    assert result.outcome == Outcome.IMPORTED, result.line()
    return lib.version(result.proposal_id).content.body, result


# -- 19: encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (MIXED.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + MIXED.encode("utf-8"), "UTF-8 (BOM)"),
        (codecs.BOM_UTF16_LE + MIXED.encode("utf-16-le"), "UTF-16 LE"),
        (codecs.BOM_UTF16_BE + MIXED.encode("utf-16-be"), "UTF-16 BE"),
        (MIXED.replace("\n", "\r\n").encode("utf-8"), "UTF-8"),
        (mixed_line_endings(MIXED).encode("utf-8"), "UTF-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "mixed-crlf-lf-cr"],
)
def test_case19_unicode_files_import_as_the_exact_text_with_lf_and_no_bom(
    lib, tmp_path, data, encoding
):
    path = write(tmp_path / "in.md", data)
    [seen] = scan([path])  # the text as decoded, before the library sees it
    assert seen.preview == MIXED
    body, result = imported_body(lib, path)
    assert body == MIXED  # exact: no U+FEFF, LF line endings, tabs and trailing spaces kept
    assert result.encoding == encoding and not result.encoding_guessed


@pytest.mark.parametrize("codec", ["gbk", "gb18030"])
def test_case19_gbk_and_gb18030_are_recognised_and_reported_as_a_guess(lib, tmp_path, codec):
    text = CHINESE + ("生僻字：𠮷。\n" if codec == "gb18030" else "")  # 𠮷: four bytes in GB18030
    path = write(tmp_path / "in.txt", text.replace("\n", "\r\n").encode(codec))

    [seen] = scan([path])  # what the window shows before importing: "Detected GB18030 — correct?"
    assert (seen.encoding, seen.encoding_guessed) == ("GB18030", True)
    assert seen.preview.startswith("第一条　为了规范")

    body, result = imported_body(lib, path)
    assert body == text
    assert result.encoding == "GB18030" and result.encoding_guessed
    assert "Encoding detected as GB18030" in result.notes


LATIN_1_SAMPLES = [
    "Café crème, naïve façade, déjà vu.\n",
    # Every accented letter here is followed by an ASCII letter: the bytes also decode, strictly,
    # as GB18030 (into rare characters) — the trap the heuristic must not fall into.
    "Müller Straße Übung Ärger Öl\n",
]


@pytest.mark.parametrize("text", LATIN_1_SAMPLES, ids=["plain", "decodes-as-gb18030"])
def test_case19_latin_1_is_undecidable_unknown_encoding_and_nothing_imported(lib, tmp_path, text):
    data = text.encode("latin-1")
    if "Müller" in text:
        data.decode("gb18030")  # the trap is real: no UnicodeDecodeError
    path = write(tmp_path / "brief.md", data)
    report = import_paths(lib, [path])
    [result] = report.files
    assert result.outcome == Outcome.FAILED
    assert "Unknown encoding" in result.message and "choose" in result.message
    assert str(path) in result.message
    assert lib.count() == 0


def test_case19_a_chosen_encoding_imports_the_undecidable_file(lib, tmp_path):
    text = LATIN_1_SAMPLES[1]
    path = write(tmp_path / "brief.md", text.encode("latin-1"))
    body, result = imported_body_with(lib, path, encodings={path: "latin-1"})
    assert body == text and result.encoding == "latin-1"
    # The command line's --encoding: for every file that is not UTF-8.
    other = write(tmp_path / "more" / "brief2.md", ("Second " + text).encode("latin-1"))
    report = import_paths(lib, [other], encoding="latin-1")
    assert report.files[0].outcome == Outcome.IMPORTED


def imported_body_with(lib, path, **options):
    report = import_paths(lib, [path], **options)
    [result] = report.files
    assert result.outcome == Outcome.IMPORTED, result.line()
    return lib.version(result.proposal_id).content.body, result


def test_case19_utf16_without_bom_is_named_as_such(lib, tmp_path):
    path = write(tmp_path / "in.md", MIXED.encode("utf-16-le"))
    [result] = import_paths(lib, [path]).files
    assert result.outcome == Outcome.FAILED
    assert "UTF-16 without a byte-order mark" in result.message
    assert lib.count() == 0


# -- 20: binary garbage and NUL bytes -----------------------------------------------------------


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: __import__("os").urandom(64 * 1024), id="random-64k"),
        pytest.param(png_bytes, id="png-renamed-md"),
        pytest.param(lambda: "有效的 UTF-8 文本\x00带一个 NUL".encode(), id="utf8-with-nul"),
        pytest.param(lambda: codecs.BOM_UTF8 + b"bom then \x00 NUL", id="bom-with-nul"),
    ],
)
def test_case20_binary_files_and_nul_bytes_are_refused_and_nothing_is_stored(lib, tmp_path, data):
    path = write(tmp_path / "picture.md", data())
    write(tmp_path / "good.md", "# Good\n\nfine text\n")
    report = import_paths(lib, [tmp_path])
    by_name = {r.path.name: r for r in report.files}
    refused = by_name["picture.md"]
    assert refused.outcome == Outcome.FAILED
    assert "not a text file" in refused.message and str(path) in refused.message
    assert by_name["good.md"].outcome == Outcome.IMPORTED  # the rest of the folder goes on
    assert [p.title for p in lib.list_proposals()] == ["Good"]
    assert all("\x00" not in lib.version(p.id).content.body for p in lib.list_proposals())


# -- 21: enormous files (the core's part; the window's responsiveness is tested in tests/ui) ----


def test_case21_a_file_above_the_limit_is_refused_before_it_is_read(lib, tmp_path, monkeypatch):
    huge = tmp_path / "huge.md"
    with huge.open("wb") as f:
        f.truncate(100 * 1024 * 1024)  # 100 MB, sparse: costs no disk
    opened = []
    real_open = text_file.Path.open

    def watching_open(self, *args, **kwargs):
        if self.name == "huge.md":
            opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(text_file.Path, "open", watching_open)
    started = time.perf_counter()
    [result] = import_paths(lib, [huge]).files
    assert time.perf_counter() - started < 2
    assert result.outcome == Outcome.FAILED
    assert "larger than 20 MB" in result.message and "huge.md" in result.message
    assert opened == []  # refused on its size alone
    assert lib.count() == 0


def test_case21_a_file_that_grows_past_the_limit_is_not_read_beyond_it(tmp_path):
    path = write(tmp_path / "growing.md", b"x" * 2048)
    with pytest.raises(text_file.InvalidInput, match="larger than"):
        text_file.read_bytes(path, limit=1024)


def test_case21_below_the_limit_one_long_line_and_many_short_lines_import_exactly(lib, tmp_path):
    long_line = "人工智能" * (10 * 1024 * 1024 // 12)  # ~10 MB of UTF-8 on one line
    short_lines = "".join(f"line {n}\n" for n in range(100_000))
    write(tmp_path / "in" / "long.md", long_line)
    write(tmp_path / "in" / "short.md", short_lines)
    report = import_paths(lib, [tmp_path / "in"])
    assert [r.outcome for r in report.files] == [Outcome.IMPORTED, Outcome.IMPORTED]
    bodies = {lib.version(r.proposal_id).content.body for r in report.files}
    assert bodies == {long_line, short_lines}


def _import_peak(folder: Path, library_path: Path) -> tuple[int, int]:
    """(files imported, the most memory Python held meanwhile)."""
    with Library.open(library_path, create=True) as library:
        tracemalloc.start()
        try:
            report = import_paths(library, [folder])
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return len(report.of(Outcome.IMPORTED)), peak


def test_case21_memory_stays_bounded_however_many_files_are_imported(tmp_path, monkeypatch):
    # The scan keeps parsed texts up to KEEP_CHARS and reads the others again when their turn
    # comes; the library keeps a few recent bodies. Neither grows with the number of files.
    monkeypatch.setattr(sources, "KEEP_CHARS", 1_000_000)
    for count in (10, 40):
        for n in range(count):
            text = f"# 提案 {n}\n\n" + f"人工智能与著作权 {n}。" * 30_000  # ~0.9 MB
            write(tmp_path / f"in{count}" / f"{n:02}.md", text)
    few = _import_peak(tmp_path / "in10", tmp_path / "few.consult")
    many = _import_peak(tmp_path / "in40", tmp_path / "many.consult")
    assert (few[0], many[0]) == (10, 40)
    assert many[1] < few[1] * 1.5, (few, many)  # 4 times the files, about the same memory


def test_case21_cancel_from_another_thread_keeps_whole_files_and_nothing_half_imported(
    lib, tmp_path
):
    for n in range(60):
        write(
            tmp_path / "in" / f"{n:02}.md",
            f"---\ntitle: Proposal {n}\ntags: [t{n}]\n---\n\nbody {n}\n",
        )
    halfway = threading.Event()
    cancel = threading.Event()

    def progress(done, total):
        if done == 20:
            halfway.set()
            cancel.wait(5)  # the worker goes on only once the window has pressed Cancel

    results = {}
    worker = threading.Thread(
        target=lambda: results.setdefault(
            "report", import_paths(lib, [tmp_path / "in"], progress=progress, cancel=cancel.is_set)
        )
    )
    worker.start()
    assert halfway.wait(10)
    cancel.set()
    worker.join(10)
    report = results["report"]
    assert report.cancelled
    imported = report.of(Outcome.IMPORTED)
    assert len(imported) == 20
    assert {r.message for r in report.of(Outcome.SKIPPED)} == {"import cancelled"}
    assert len(report.of(Outcome.SKIPPED)) == 40
    # What the report calls imported is in the library, whole: body and tags; nothing else is.
    assert lib.count() == 20
    for result in imported:
        n = int(result.path.stem)
        proposal = lib.get(result.proposal_id)
        assert proposal.tags == (f"t{n}",)
        assert lib.version(proposal.id).content.body == f"body {n}\n"
