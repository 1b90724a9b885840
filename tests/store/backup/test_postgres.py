"""Reading PostgreSQL's COPY text: every value back as it was stored, `\\N` as no value."""

from __future__ import annotations

from nightcramp.store.backup.postgres import copied_rows

SCRIPT = r"""
SET statement_timeout = 0;
COPY public.diary_episode (id, notes, side) FROM stdin;
1	a\ttab, a\\backslash and a\nnew line	\N
2	caf\303\251 \x41 "quoted" \\N	left
\.

COPY public.django_migrations (id, app, name) FROM stdin;
1	diary	0001_initial
\.
"""


def test_copy_blocks_are_read_by_table_with_escapes_undone() -> None:
    rows = copied_rows(SCRIPT.splitlines())
    assert rows["diary_episode"][0] == {
        "id": "1",
        "notes": "a\ttab, a\\backslash and a\nnew line",
        "side": None,
    }
    assert rows["diary_episode"][1]["notes"] == 'café A "quoted" \\N'
    assert rows["diary_episode"][1]["side"] == "left"
    assert rows["django_migrations"] == [{"id": "1", "app": "diary", "name": "0001_initial"}]


def test_lines_outside_copy_blocks_are_not_rows() -> None:
    assert copied_rows(["SET x = 1;", "SELECT 1;"]) == {}
