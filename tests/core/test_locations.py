"""RELIABILITY 18: network drives and cloud-synced folders are recognised from the path and the
mount table, before anything is opened or created there."""

from __future__ import annotations

import pytest

from consult import locations
from consult.locations import parse_bsd_mount, parse_proc_mounts, risky_location

LINUX_MOUNTS = parse_proc_mounts(
    "/dev/vda / ext4 rw,relatime 0 0\n"
    "tmpfs /tmp tmpfs rw 0 0\n"
    "srv:/export/home /mnt/nfs nfs4 rw,vers=4.2 0 0\n"
    "//srv/docs /mnt/smb\\040share cifs rw 0 0\n"
    "me@host:/data /home/me/remote fuse.sshfs rw 0 0\n"
    "drive: /home/me/gdrive fuse.rclone rw 0 0\n"
    "/dev/sdb1 /mnt/nfs/local-cache ext4 rw 0 0\n"
    "gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw 0 0\n"
    "C:\\134 /mnt/c 9p rw,aname=drvfs 0 0\n"
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (r"\\server\share\library.consult", r"on a network share (\\server\share)"),
        ("//server/share/sub/library.consult", r"on a network share (\\server\share)"),
        (r"\\?\UNC\server\share\library.consult", r"on a network share (\\server\share)"),
    ],
)
def test_case18_unc_paths_are_network_shares(path, expected):
    assert risky_location(path, mounts=[]) == expected


def test_case18_long_form_local_windows_path_is_not_a_share(monkeypatch):
    monkeypatch.setattr(locations, "drive_type", lambda root: 3)  # DRIVE_FIXED
    assert risky_location(r"\\?\C:\Users\me\library.consult", mounts=[]) is None


def test_case18_mapped_network_drive(monkeypatch):
    asked = []

    def drive_type(root):
        asked.append(root)
        return locations.DRIVE_REMOTE if root == "Z:\\" else 3

    monkeypatch.setattr(locations, "drive_type", drive_type)
    assert risky_location(r"z:\Shared\library.consult", mounts=[]) == "on a network drive (Z:)"
    assert risky_location(r"C:\Users\me\library.consult", mounts=[]) is None
    assert asked == ["Z:\\", "C:\\"]


@pytest.mark.parametrize(
    ("path", "fstype", "point"),
    [
        ("/mnt/nfs/me/library.consult", "nfs4", "/mnt/nfs"),
        ("/mnt/smb share/library.consult", "cifs", "/mnt/smb share"),
        ("/home/me/remote/library.consult", "fuse.sshfs", "/home/me/remote"),
        ("/home/me/gdrive/a/b/library.consult", "fuse.rclone", "/home/me/gdrive"),
        ("/run/user/1000/gvfs/smb-share:server=s/library.consult", "fuse.gvfsd-fuse", None),
        ("/mnt/c/Users/me/library.consult", "9p", "/mnt/c"),
    ],
)
def test_case18_network_file_systems_from_the_mount_table(path, fstype, point):
    point = point or "/run/user/1000/gvfs"
    assert risky_location(path, mounts=LINUX_MOUNTS) == (
        f"on a network file system ({fstype} at {point})"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/home/me/library.consult",
        "/tmp/library.consult",
        "/mnt/nfs/local-cache/library.consult",  # a local disk mounted inside the share
        "/mnt/nfsx/library.consult",  # a name that only starts like the share's
    ],
)
def test_case18_local_disks_are_not_flagged(path):
    assert risky_location(path, mounts=LINUX_MOUNTS) is None


def test_case18_the_system_mount_table_is_used_by_default(monkeypatch, tmp_path):
    monkeypatch.setattr(locations, "mount_table", lambda: [("/", "ext4"), (str(tmp_path), "nfs")])
    assert risky_location(tmp_path / "library.consult") == (
        f"on a network file system (nfs at {tmp_path})"
    )


def test_case18_a_real_temporary_folder_is_local():
    # Whatever this machine mounts, the test's own folder is not a sync folder or a share
    # (if it were, the other tests' libraries would be at risk too).
    import tempfile

    assert risky_location(tempfile.gettempdir()) is None


def test_case18_macos_mount_output_is_read():
    mounts = parse_bsd_mount(
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//me@nas._smb._tcp.local/Team on /Volumes/Team Files (smbfs, nodev, nosuid, mounted by me)\n"
        "nas:/export on /Volumes/nfs (nfs, asynchronous)\n"
    )
    assert mounts == [("/", "apfs"), ("/Volumes/Team Files", "smbfs"), ("/Volumes/nfs", "nfs")]
    assert risky_location("/Volumes/Team Files/lib.consult", mounts=mounts) == (
        "on a network file system (smbfs at /Volumes/Team Files)"
    )
    assert risky_location("/Users/me/lib.consult", mounts=mounts) is None


@pytest.mark.parametrize(
    ("path", "service", "folder"),
    [
        ("/home/me/Dropbox/drafts/library.consult", "Dropbox", "/home/me/Dropbox"),
        ("/home/me/Dropbox (Personal)/library.consult", "Dropbox", "/home/me/Dropbox (Personal)"),
        ("/home/me/OneDrive/library.consult", "OneDrive", "/home/me/OneDrive"),
        (
            "/Users/me/Library/Mobile Documents/com~apple~CloudDocs/library.consult",
            "iCloud Drive",
            "/Users/me/Library/Mobile Documents",
        ),
        (
            "/Users/me/Library/CloudStorage/GoogleDrive-me@example.com/My Drive/library.consult",
            "Google Drive",
            "/Users/me/Library/CloudStorage/GoogleDrive-me@example.com",
        ),
        (
            "/Users/me/Library/CloudStorage/OneDrive-Personal/library.consult",
            "OneDrive",
            "/Users/me/Library/CloudStorage/OneDrive-Personal",
        ),
        (
            "/Users/me/Library/CloudStorage/SomeNewSync-me/library.consult",
            "a cloud storage provider",
            "/Users/me/Library/CloudStorage/SomeNewSync-me",
        ),
        ("/home/me/Box/library.consult", "Box", "/home/me/Box"),
        ("/home/me/pCloudDrive/library.consult", "pCloud", "/home/me/pCloudDrive"),
        ("/home/me/Nextcloud/library.consult", "Nextcloud", "/home/me/Nextcloud"),
        ("/home/me/ownCloud/library.consult", "ownCloud", "/home/me/ownCloud"),
        ("/home/me/Seafile/Lib/library.consult", "Seafile", "/home/me/Seafile"),
        ("/home/me/我的坚果云/library.consult", "Nutstore (坚果云)", "/home/me/我的坚果云"),
        ("/home/me/百度网盘/library.consult", "Baidu Netdisk (百度网盘)", "/home/me/百度网盘"),
        (
            r"C:\Users\me\OneDrive - Contoso\library.consult",
            "OneDrive",
            r"C:\Users\me\OneDrive - Contoso",
        ),
        (r"C:\Users\me\iCloudDrive\library.consult", "iCloud Drive", r"C:\Users\me\iCloudDrive"),
        (r"G:\My Drive\library.consult", "Google Drive", r"G:\My Drive"),
    ],
)
def test_case18_cloud_sync_folders_by_name(monkeypatch, path, service, folder):
    monkeypatch.setattr(locations, "drive_type", lambda root: 3)
    assert risky_location(path, mounts=[("/", "ext4")]) == (
        f"in a folder synchronised by {service} ({folder})"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/home/me/Documents/library.consult",
        "/home/me/mega-project/library.consult",
        "/home/me/boxes/library.consult",
        "/home/me/dropbox-export-notes/library.consult",
        "/home/me/Library/library.consult",
        r"C:\Users\me\Documents\library.consult",
    ],
)
def test_case18_ordinary_folders_are_not_sync_folders(monkeypatch, path):
    monkeypatch.setattr(locations, "drive_type", lambda root: 3)
    for variable in locations.ONEDRIVE_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    assert risky_location(path, mounts=[("/", "ext4")]) is None


def test_case18_onedrive_moved_elsewhere_is_found_through_its_variable(monkeypatch, tmp_path):
    synced = tmp_path / "Work files"
    monkeypatch.setenv("OneDriveCommercial", str(synced))
    assert risky_location(synced / "library.consult", mounts=[("/", "ext4")]) == (
        f"in a folder synchronised by OneDrive ({synced})"
    )
    assert (
        risky_location(tmp_path / "elsewhere" / "library.consult", mounts=[("/", "ext4")]) is None
    )


def test_case18_a_link_into_a_synced_folder_counts(tmp_path):
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    link = tmp_path / "drafts"
    link.symlink_to(synced, target_is_directory=True)
    assert risky_location(link / "library.consult", mounts=[("/", "ext4")]) == (
        f"in a folder synchronised by Dropbox ({synced})"
    )
