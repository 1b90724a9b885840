"""The parsed copy kept beside content files: used only when made from the same files."""

from __future__ import annotations

from pathlib import Path

from nightcramp.core.marshal_cache import cache_file, read_cached, write_cached


def test_a_copy_is_read_back_only_under_the_key_it_was_made_with(tmp_path: Path) -> None:
    cache = cache_file(str(tmp_path), "relief")
    assert Path(cache).parent.name == "__pycache__"
    assert read_cached(cache, ("a", 1)) is None
    write_cached(cache, ("a", 1), {"calf": {"steps": ["stretch"]}})
    assert read_cached(cache, ("a", 1)) == {"calf": {"steps": ["stretch"]}}
    assert read_cached(cache, ("a", 2)) is None  # a file changed: parse again


def test_a_damaged_copy_is_ignored(tmp_path: Path) -> None:
    cache = cache_file(str(tmp_path), "services")
    Path(cache).parent.mkdir()
    Path(cache).write_bytes(b"\x00not marshal")
    assert read_cached(cache, "key") is None


def test_a_folder_that_cannot_be_written_is_fine(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    cache = cache_file(str(blocked), "relief")
    write_cached(cache, "key", {"x": 1})  # no error
    assert read_cached(cache, "key") is None
