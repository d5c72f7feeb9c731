"""Export proposals to a folder of Markdown files.

Layout of `OUT/`:

    index.md                      what was exported: links, kind, status, tags, version
    <title>.md                    each proposal's latest version: front matter, blank line, body
    <title>/v1.md … vN.md         with `history`: every version, same format (`version: N`)

File names come from titles (`names.safe_stem`: Chinese kept, portable, ≤ 255 bytes). A name
already used in this export, or by a file already in the folder, gets " (2)", " (3)" …; the
folder's files are never overwritten unless `overwrite=True` is given (then a file of the same
name is replaced, atomically). The history folder of a proposal shares its file's name, so both
are claimed together. Every file is written atomically (`atomic.write_atomic`); the first file
that cannot be written stops the export with a message naming it and the system's reason, and
leaves no partial or temporary file; `index.md` is written last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from consult import clock
from consult.errors import CorruptVersion, InvalidInput
from consult.i18n import join, language, ntr, os_reason, tr
from consult.library import Library
from consult.markdown_io.atomic import WriteFailed, sync_folder, write_atomic
from consult.markdown_io.front_matter import join_front_matter
from consult.markdown_io.metadata import INDEX_MARK, front_matter
from consult.markdown_io.names import FolderNames, inside, safe_stem
from consult.model import Proposal, value_name

INDEX_STEM = "index"


@dataclass
class ExportedFile:
    proposal: Proposal
    path: Path  # the latest version's file
    history: list[Path] = field(default_factory=list)  # v1.md … vN.md with `history`
    note: str = ""  # e.g. why the name has a suffix


@dataclass
class ExportReport:
    """What an export wrote, what it could not, and whether it ran to the end."""

    folder: Path
    files: list[ExportedFile] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (proposal id, why)
    index: Path | None = None
    cancelled: bool = False
    stopped: str | None = None  # why the export stopped early (a file could not be written)

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None and not self.cancelled

    def lines(self) -> list[str]:
        """The report as lines of text for a terminal or a dialog."""
        out = [
            ntr(
                "{count} proposal exported to {folder}",
                "{count} proposals exported to {folder}",
                len(self.files),
                folder=self.folder,
            )
        ]
        out += [
            tr("note: {name}: {note}", name=f.path.name, note=f.note) for f in self.files if f.note
        ]
        out += [tr("failed: {id}: {reason}", id=pid, reason=why) for pid, why in self.failed]
        if self.cancelled:
            out.append(tr("Export cancelled; the files listed in the index were written"))
        if self.stopped:
            out.append(tr("Export stopped: {reason}", reason=self.stopped))
        return out


def export_proposals(
    library: Library,
    folder: str | Path,
    ids: Iterable[str] | None = None,
    *,
    history: bool = False,
    overwrite: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportReport:
    """Write the proposals `ids` (None: every proposal not in the trash) into `folder`.

    `progress(done, total)` is called after each proposal; `cancel()` is asked before each one
    and, when it answers True, the export stops there (the files written stay, the index lists
    them). Unknown ids raise NotFound before anything is written. Safe to run in a worker
    thread with a Library of its own.
    """
    folder = Path(folder)
    proposals = (
        library.list_proposals()
        if ids is None
        else [library.get(pid) for pid in dict.fromkeys(ids)]
    )
    report = ExportReport(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InvalidInput(
            tr("Cannot create the folder {path}: {reason}", path=folder, reason=os_reason(e))
        ) from e
    if not folder.is_dir():
        raise InvalidInput(tr("{path} is not a folder", path=folder))
    names = FolderNames(folder, keep_existing=not overwrite)
    index_name = names.claim(INDEX_STEM, ".md")
    for done, proposal in enumerate(proposals):
        if cancel is not None and cancel():
            report.cancelled = True
            break
        try:
            exported = _export_one(library, proposal, folder, names, history, overwrite)
        except CorruptVersion as e:
            report.failed.append((proposal.id, str(e)))
            continue
        except WriteFailed as e:
            report.stopped = str(e)
            break
        report.files.append(exported)
        if progress is not None:
            progress(done + 1, len(proposals))
    if report.stopped is None:
        index = folder / index_name
        try:
            write_atomic(index, _index_text(report, history), replace=overwrite)
            report.index = index
        except WriteFailed as e:
            report.stopped = str(e)
    sync_folder(folder)
    return report


def _export_one(
    library: Library,
    proposal: Proposal,
    folder: Path,
    names: FolderNames,
    history: bool,
    overwrite: bool,
) -> ExportedFile:
    stem = safe_stem(proposal.title)
    name = names.claim(stem, ".md", also="" if history else None)
    path = folder / name
    if not inside(folder, path, root=names.root):  # safe_stem rules it out; checked all the same
        raise WriteFailed(
            tr(
                "Could not write “{name}”: the name leads outside {folder}",
                name=name,
                folder=folder,
            )
        )
    exported = ExportedFile(proposal, path, note=_note(names, stem, name))
    latest = library.version(proposal.id)
    if history:
        versions = folder / name.removesuffix(".md")
        _make_history_folder(versions, folder, overwrite)
        for info in library.versions(proposal.id):
            try:
                version = (
                    latest
                    if info.number == latest.number
                    else library.version(proposal.id, info.number)
                )
            except CorruptVersion:
                exported.note = tr(
                    "version {number} is damaged in the library; not exported", number=info.number
                )
                continue
            meta = front_matter(proposal, version, latest=info.number == latest.number)
            target = versions / f"v{info.number}.md"
            write_atomic(target, join_front_matter(meta, version.content.body), replace=overwrite)
            exported.history.append(target)
        sync_folder(versions)
    text = join_front_matter(front_matter(proposal, latest), latest.content.body)
    write_atomic(path, text, replace=overwrite)
    return exported


def _make_history_folder(versions: Path, folder: Path, overwrite: bool) -> None:
    if versions.is_symlink() or not inside(folder, versions):
        raise WriteFailed(tr("Could not write {path}: it is a link, not followed", path=versions))
    try:
        versions.mkdir(exist_ok=overwrite)
    except OSError as e:
        raise WriteFailed(
            tr("Could not write {path}: {reason}", path=versions, reason=os_reason(e))
        ) from e


def _note(names: FolderNames, stem: str, name: str) -> str:
    wanted = stem + ".md"
    if name == wanted:
        return ""
    if names.is_existing(wanted) and names.keep_existing:
        return tr(
            "{wanted} was already in the folder (kept); written as {name}", wanted=wanted, name=name
        )
    return tr(
        "another proposal in this export is also named {wanted}; written as {name}",
        wanted=wanted,
        name=name,
    )


def _index_text(report: ExportReport, history: bool) -> str:
    meta = {
        "consult": INDEX_MARK,
        "exported": clock.stamp()[0],
        "proposals": len(report.files),
    }
    # The index is read by people: its words are in the user's language (the import knows
    # it by its front matter, not by its words).
    lines = ["# " + tr("Exported proposals"), ""]
    if not report.files:
        lines.append(tr("Nothing was exported."))
        return join_front_matter(meta, "\n".join(lines) + "\n")
    heads = [tr("Title"), tr("Kind"), tr("Status"), tr("Tags"), tr("Version"), tr("Updated")]
    if history:
        heads.append(tr("History"))
    lines += ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    for exported in report.files:
        p = exported.proposal
        cells = [
            f"[{_cell(p.title)}]({_href(exported.path.name)})",
            value_name("kind", p.kind.value, language()),
            value_name("status", p.status.value, language()),
            _cell(join(p.tags)),
            str(p.version),
            p.updated[:10],
        ]
        if history:
            folder_name = exported.path.name.removesuffix(".md")
            count = len(exported.history)
            versions = ntr("{count} version", "{count} versions", count)
            cells.append(f"[{_cell(versions)}]({_href(folder_name)}/)")
        lines.append("| " + " | ".join(cells) + " |")
    return join_front_matter(meta, "\n".join(lines) + "\n")


_MARKDOWN_PUNCTUATION = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#"})
_HREF_ESCAPES = str.maketrans({ch: f"%{ord(ch):02X}" for ch in ' %()[]<>#`\\^{}|"'})


def _cell(text: str) -> str:
    """Text in a table cell, its Markdown punctuation escaped (a title is not markup)."""
    return text.translate(_MARKDOWN_PUNCTUATION)


def _href(name: str) -> str:
    """A relative link to `name`: ASCII punctuation that ends or breaks a link is %-encoded;
    letters of every script stay readable (CommonMark and browsers take them as they are)."""
    return name.translate(_HREF_ESCAPES)
