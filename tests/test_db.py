"""common.db: one transaction helper for every writer (commit, roll back on error or on abandon, nested ones join
the outer one) and rows as dicts."""
import duckdb
import pytest

from common.db import dicts, transaction


@pytest.fixture
def con():
    with duckdb.connect() as con:
        con.execute("CREATE TABLE t (n INTEGER, name VARCHAR)")
        yield con


def rows(con) -> list[int]:
    return [n for (n,) in con.execute("SELECT n FROM t ORDER BY n").fetchall()]


def test_a_block_that_ends_commits_and_one_that_raises_or_abandons_leaves_nothing(con):
    with transaction(con):
        con.execute("INSERT INTO t VALUES (1, 'một')")
    with pytest.raises(ValueError), transaction(con):
        con.execute("INSERT INTO t VALUES (2, 'hai')")
        raise ValueError("lỗi giữa chừng")
    with transaction(con) as work:
        con.execute("INSERT INTO t VALUES (3, 'ba')")
        work.abandon()     # a dry run
    assert rows(con) == [1]


def test_a_nested_transaction_joins_the_outer_one(con):
    with transaction(con):
        con.execute("INSERT INTO t VALUES (1, 'một')")
        with transaction(con):
            con.execute("INSERT INTO t VALUES (2, 'hai')")
    assert rows(con) == [1, 2]
    with transaction(con):
        con.execute("INSERT INTO t VALUES (3, 'ba')")
        with transaction(con) as inner:
            inner.abandon()
    assert rows(con) == [1, 2]       # the inner abandon rolled back the whole
    with pytest.raises(KeyError), transaction(con):
        con.execute("INSERT INTO t VALUES (4, 'bốn')")
        with transaction(con):
            raise KeyError("x")
    assert rows(con) == [1, 2]
    with transaction(con):           # and the connection takes a new one afterwards
        con.execute("INSERT INTO t VALUES (5, 'năm')")
    assert rows(con) == [1, 2, 5]


def test_rows_come_as_dicts_keyed_by_column(con):
    con.execute("INSERT INTO t VALUES (1, 'một'), (2, NULL)")
    assert dicts(con.execute("SELECT n, name FROM t ORDER BY n")) == [{"n": 1, "name": "một"}, {"n": 2, "name": None}]
