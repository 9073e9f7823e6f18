"""Command-line paths to inputs: no symlink leads out of a tree handed over."""
from __future__ import annotations

from pathlib import Path

from cli.inputs import expand


def test_a_symlink_out_of_the_tree_is_not_followed(tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hemlig.pdf").write_bytes(b"%PDF-1.4 secret")
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.pdf").write_bytes(b"%PDF-1.4 a")
    (tree / "sub" / "inside.pdf").symlink_to(tree / "a.pdf")
    (tree / "hostname").symlink_to("/etc/hostname")
    (tree / "secret.pdf").symlink_to(outside / "hemlig.pdf")
    (tree / "dir").symlink_to(outside, target_is_directory=True)

    found = expand([tree])

    assert sorted(p.relative_to(tree).as_posix() for p in found) == ["a.pdf", "sub/inside.pdf"]


def test_a_file_named_directly_is_taken_even_as_a_symlink(tmp_path: Path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 a")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "a.pdf")
    assert expand([tmp_path / "link.pdf"]) == [tmp_path / "link.pdf"]
