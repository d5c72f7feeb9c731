"""Where a library should not live: network drives and cloud-synced folders (RELIABILITY.md, 18).

SQLite's locking and syncing rely on the local file system; a network file system or a sync
client that uploads (and sometimes replaces) the file while it is open can corrupt it. The
app warns before opening or creating a library in such a place; nothing here blocks it.

Everything is decided from the path and the mount table, never by touching the file. The
platform look-ups (`mount_table`, `drive_type`) are module-level functions so that tests can
replace them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from consult.i18n import tr

# File system types (as in /proc/mounts, or macOS's f_fstypename) that are not a local disk.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",  # also how WSL 2 mounts Windows drives, where SQLite's locking is unreliable
        "afpfs",
        "webdav",
        "davfs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "sshfs",
    }
)
# FUSE file systems name the program behind them: fuse.sshfs, fuse.rclone …
NETWORK_FUSE = frozenset(
    {
        "sshfs",
        "rclone",
        "s3fs",
        "gcsfuse",
        "davfs",
        "glusterfs",
        "cephfs",
        "gvfsd-fuse",  # GNOME's smb:// and sftp:// mounts under /run/user/…/gvfs
        "kio-fuse",  # KDE's
        "onedriver",
        "google-drive-ocamlfuse",
        "pcloud",
        "seadrive",
    }
)

# Folders that a sync client uploads, by the name of one path component (compared without
# case). A name also matches followed by " - …" or " (…)" (OneDrive - Contoso, Dropbox
# (Personal)).
CLOUD_FOLDERS: dict[str, str] = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "box": "Box",
    "box sync": "Box",
    "pcloud drive": "pCloud",
    "pclouddrive": "pCloud",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "seafile": "Seafile",
    "seadrive": "Seafile",
    "nutstore": "Nutstore (坚果云)",
    "我的坚果云": "Nutstore (坚果云)",
    "坚果云": "Nutstore (坚果云)",
    "百度网盘": "Baidu Netdisk (百度网盘)",
    "baidunetdisk": "Baidu Netdisk (百度网盘)",
    "baidusyncdisk": "Baidu Netdisk (百度网盘)",
    "megasync": "MEGA",
    "yandex.disk": "Yandex Disk",
    "synologydrive": "Synology Drive",
    "synology drive": "Synology Drive",
}
_SUFFIXED = re.compile(r"^(?P<name>.+?)(?: - .+| \(.+\))$")
# Environment variables Windows sets to the OneDrive folders, wherever the user moved them.
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

Mount = tuple[str, str]  # (mount point, file system type)

DRIVE_REMOTE = 4  # GetDriveTypeW's answer for a mapped network drive


def risky_location(
    path: str | os.PathLike[str], *, mounts: Sequence[Mount] | None = None
) -> str | None:
    """Why `path` is a risky place for a library, or None when it looks like a local disk.

    The reason completes a sentence such as "The library is …": "on a network share
    (\\\\server\\share)", "in a folder synchronised by Dropbox (/home/me/Dropbox)" (in the
    user's language: consult.i18n). `mounts` replaces the system's mount table (tests).
    """
    text = os.fspath(path)
    share = _unc_share(text)
    if share:
        return tr("on a network share ({share})", share=share)
    drive = _drive_letter(text)
    if drive and drive_type(drive + "\\") == DRIVE_REMOTE:
        return tr("on a network drive ({drive})", drive=drive)
    if drive and sys.platform != "win32":
        return _cloud_folder(PureWindowsPath(text))  # a Windows path seen from elsewhere

    absolute = Path(os.path.abspath(Path(text).expanduser()))
    candidates = [absolute]
    try:
        resolved = absolute.resolve()  # a link into a synced folder counts as being in it
    except (OSError, RuntimeError):
        resolved = absolute
    if resolved != absolute:
        candidates.append(resolved)
        share = _unc_share(str(resolved))  # Windows resolves a mapped drive to its share
        if share:
            return tr("on a network share ({share})", share=share)

    table = mount_table() if mounts is None else mounts
    for candidate in candidates:
        found = _network_mount(candidate, table)
        if found:
            return found
    for candidate in candidates:
        found = _cloud_folder(candidate)
        if found:
            return found
    return None


# -- network shares and drives ---------------------------------------------------------------


def _unc_share(text: str) -> str | None:
    r"""`\\server\share` of a UNC path (also `//server/share` and `\\?\UNC\server\share`)."""
    if not (text.startswith("\\\\") or text.startswith("//")):
        return None
    parts = [p for p in re.split(r"[\\/]+", text) if p]
    if parts[:1] in (["?"], ["."]):
        if len(parts) < 2 or parts[1].upper() != "UNC":
            return None  # \\?\C:\… is a local path written the long way
        parts = parts[2:]
    if len(parts) < 2:
        return None
    return f"\\\\{parts[0]}\\{parts[1]}"


def _drive_letter(text: str) -> str | None:
    drive = PureWindowsPath(text).drive
    return drive.upper() if re.fullmatch(r"[A-Za-z]:", drive) else None


def drive_type(root: str) -> int | None:
    """Windows' GetDriveTypeW for a drive root such as `Z:\\`; None on other systems."""
    if sys.platform != "win32":
        return None
    import ctypes

    try:
        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    except (AttributeError, OSError):
        return None


# -- network file systems --------------------------------------------------------------------


def mount_table() -> list[Mount]:
    """The mounted file systems, as (mount point, type); empty where it cannot be read."""
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/mounts", encoding="utf-8", errors="replace") as f:
                return parse_proc_mounts(f.read())
        except OSError:
            return []
    if sys.platform == "darwin":
        try:
            result = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=2, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return []
        return parse_bsd_mount(result.stdout)
    return []


def parse_proc_mounts(text: str) -> list[Mount]:
    r"""Lines of /proc/mounts (`device mountpoint type options 0 0`, spaces written `\040`)."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
            mounts.append((point, fields[2]))
    return mounts


def parse_bsd_mount(text: str) -> list[Mount]:
    """Lines of macOS's `mount` output: `//me@server/share on /Volumes/share (smbfs, …)`."""
    mounts = []
    for line in text.splitlines():
        match = re.match(r"^.+? on (?P<point>.+) \((?P<type>[^,)]+)", line)
        if match:
            mounts.append((match["point"], match["type"].strip()))
    return mounts


def is_network_filesystem(fstype: str) -> bool:
    fstype = fstype.lower()
    if fstype in NETWORK_FILESYSTEMS:
        return True
    kind, _, program = fstype.partition(".")
    return kind in ("fuse", "fuseblk") and program in NETWORK_FUSE | NETWORK_FILESYSTEMS


def _network_mount(path: Path, mounts: Iterable[Mount]) -> str | None:
    """The reason when the deepest mount holding `path` is a network file system."""
    best: Mount | None = None
    for point, fstype in mounts:
        if PurePosixPath(path.as_posix()).is_relative_to(point) and (
            best is None or len(point) >= len(best[0])
        ):
            best = (point, fstype)  # later entries over the same point hide earlier ones
    if best is not None and is_network_filesystem(best[1]):
        return tr("on a network file system ({type} at {mount})", type=best[1], mount=best[0])
    return None


# -- cloud-synced folders --------------------------------------------------------------------


def _cloud_folder(path: PurePath) -> str | None:
    for variable in ONEDRIVE_VARIABLES:
        folder = os.environ.get(variable)
        if folder and path.is_relative_to(type(path)(folder)):  # Windows: without case
            return tr(
                "in a folder synchronised by {service} ({folder})",
                service="OneDrive",
                folder=folder,
            )
    parts = path.parts
    lowered = [part.casefold() for part in parts]
    for i, part in enumerate(lowered):
        end, service = i, _service(part)
        # macOS: ~/Library/Mobile Documents is iCloud Drive; ~/Library/CloudStorage/ holds a
        # folder per File Provider client: OneDrive-Personal, GoogleDrive-me@…, Box-Box …
        if i >= 1 and lowered[i - 1] == "library":
            if part == "mobile documents":
                service = "iCloud Drive"
            elif part == "cloudstorage" and i + 1 < len(parts):
                provider = lowered[i + 1]
                end = i + 1
                service = (
                    _service(provider)
                    or _service(provider.partition("-")[0])
                    or tr("a cloud storage provider")
                )
        if service:
            return tr(
                "in a folder synchronised by {service} ({folder})",
                service=service,
                folder=type(path)(*parts[: end + 1]),
            )
    return None


def _service(component: str) -> str | None:
    """The sync service whose folder is named `component` (OneDrive, "OneDrive - Contoso",
    "Dropbox (Personal)" …)."""
    match = _SUFFIXED.match(component)
    return CLOUD_FOLDERS.get(match["name"] if match else component)
