"""eval's append-only JSON-lines files: whole lines only, and a torn last line never swallows the next record."""

from __future__ import annotations

from mlemodernizer.eval import jsonl


def test_records_are_appended_one_per_line_without_blank_lines(tmp_path):
    path = tmp_path / "r.jsonl"
    jsonl.append(path, {"b": 1, "a": 2})
    jsonl.append(path, {"c": 3})
    assert path.read_bytes() == b'{"a": 2, "b": 1}\n{"c": 3}\n'
    assert jsonl.read(path) == [{"a": 2, "b": 1}, {"c": 3}]


def test_a_torn_last_line_is_ended_before_the_next_record_and_skipped_when_read(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"a": 1}\n{"key": "x", "outc')  # a writer killed mid-line
    jsonl.append(path, {"a": 2})
    assert path.read_bytes() == b'{"a": 1}\n{"key": "x", "outc\n{"a": 2}\n'
    assert jsonl.read(path) == [{"a": 1}, {"a": 2}]
    assert jsonl.read(tmp_path / "none.jsonl") == []
