"""precis.io: BOM, newlines, encodings named with offsets, binary refused, atomic writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from precis.errors import EncodingError, InputError, MismatchError, OutputError
from precis.io import (
    TEMP_PREFIX,
    atomic_writer,
    check_same_length,
    read_lines,
    read_text,
    write_text_atomic,
)


def test_bom_stripped_and_crlf_normalized(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffL'été\r\nà Paris\rfin\n".encode())
    assert read_text(path) == "L'été\nà Paris\nfin\n"


def test_latin1_error_names_file_offset_and_option(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Le café".encode("latin-1"))
    with pytest.raises(EncodingError) as info:
        read_text(path)
    message = str(info.value)
    assert str(path) in message and "offset 6" in message and "--encoding" in message
    assert read_text(path, encoding="cp1252") == "Le café"


def test_binary_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.txt"
    path.write_bytes(b"abc\x00def")
    with pytest.raises(InputError, match="binary"):
        read_text(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        read_text(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")


def test_read_lines_keeps_empty_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("un\n\ntrois\n", encoding="utf-8")
    assert read_lines(path) == ["un", "", "trois"]


def test_check_same_length_names_both_files() -> None:
    with pytest.raises(MismatchError) as info:
        check_same_length({"hyp.txt": ["a", "b"], "ref.txt": ["a"]})
    assert "hyp.txt: 2 lines" in str(info.value) and "ref.txt: 1 lines" in str(info.value)
    assert check_same_length({"a": ["x"], "b": ["y"]}) == 1


def test_atomic_write_leaves_nothing_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writer(target) as fh:
        fh.write("half")
        raise RuntimeError("crash mid-write")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(TEMP_PREFIX)]
    write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"


def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write to read-only folders (root)")
        with pytest.raises(OutputError, match="cannot write"):
            write_text_atomic(folder / "x.txt", "x")
    finally:
        folder.chmod(0o700)
