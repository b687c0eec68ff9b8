"""Safe extraction of data zips, on real archives written here."""

from __future__ import annotations

import zipfile

import pytest
from api_support import zip_bytes
from mlemodernizer.api.archive import extract_zip
from mlemodernizer.errors import InputError


def write(tmp_path, files, symlinks=None):
    path = tmp_path / "data.zip"
    path.write_bytes(zip_bytes(files, symlinks))
    return path


def test_a_flat_archive_extracts_into_the_target(tmp_path):
    source = write(tmp_path, {"train.csv": "a\n1\n", "test.csv": "a\n2\n", "sub/extra.txt": "x"})
    folder = extract_zip(source, tmp_path / "out", 10, 1000)
    assert folder == tmp_path / "out"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        "sub/extra.txt", "test.csv", "train.csv"]
    assert (folder / "train.csv").read_text() == "a\n1\n"


def test_a_single_top_folder_becomes_the_data_folder(tmp_path):
    source = write(tmp_path, {"input/train.csv": "a\n1\n", "input/test.csv.zip": b"PK", "__MACOSX/._x": "junk"})
    folder = extract_zip(source, tmp_path / "out", 10, 1000)
    assert folder == tmp_path / "out" / "input"
    assert sorted(p.name for p in folder.iterdir()) == ["test.csv.zip", "train.csv"]


def test_nothing_is_written_when_a_later_member_is_unsafe(tmp_path):
    source = write(tmp_path, {"train.csv": "a\n1\n", "../../outside.csv": "a\n"})
    with pytest.raises(InputError, match=r"points outside the archive"):
        extract_zip(source, tmp_path / "out", 10, 1000)
    assert not (tmp_path / "out").exists() and not (tmp_path.parent / "outside.csv").exists()


@pytest.mark.parametrize("name, fragment", [
    ("C:/Windows/evil.dll", "absolute path"),
    ("dir\\..\\..\\evil.csv", "backslash"),
])
def test_windows_style_escapes_are_refused(tmp_path, name, fragment):
    with pytest.raises(InputError, match=fragment):
        extract_zip(write(tmp_path, {name: "x"}), tmp_path / "out", 10, 1000)


def test_device_files_are_refused(tmp_path):
    path = tmp_path / "dev.zip"
    with zipfile.ZipFile(path, "w") as archive:
        info = zipfile.ZipInfo("fifo")
        info.external_attr = 0o010644 << 16  # S_IFIFO
        archive.writestr(info, "")
    with pytest.raises(InputError, match="not a regular file or folder"):
        extract_zip(path, tmp_path / "out", 10, 1000)


def test_the_uncompressed_total_is_bounded_across_members(tmp_path):
    source = write(tmp_path, {f"part{i}.csv": "0" * 400 for i in range(3)})  # 1200 bytes, each under 1000
    with pytest.raises(InputError, match="more than 1000 bytes"):
        extract_zip(source, tmp_path / "out", 10, 1000)
    assert extract_zip(source, tmp_path / "ok", 10, 1200) == tmp_path / "ok"
