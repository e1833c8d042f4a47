"""Cached access to the in-memory snapshot: every query is keyed by the data version and its arguments, and its
answer shared read-only by every session (analytics.memo)."""
import datetime as dt
from dataclasses import dataclass

import streamlit as st

from analytics import catalog, compare, progress, quality, queries
from analytics.memo import Memo
from analytics.snapshot import Snapshot, SnapshotHolder
from common.db import db_path
from etl.mentions import Catalogue


@st.cache_resource
def _holder(path: str) -> SnapshotHolder:
    return SnapshotHolder(path)


def snapshot() -> Snapshot:
    return _holder(str(db_path())).current()


_ANSWERS = Memo(512)    # by data version, query and arguments; read-only for every session


_FROM_ROWS = {"queries.stats", "progress.expected_reports", "compare.since_previous"}   # take `fetch`


def _call(version: tuple, name: str, args: tuple, cursor, fetch):
    module, function = name.split(".")
    run = getattr({"catalog": catalog, "compare": compare, "progress": progress, "quality": quality,
                   "queries": queries}[module], function)
    extra = {"fetch": fetch} if name in _FROM_ROWS else {}
    return _ANSWERS.get(repr((version, name, args)), lambda: run(cursor, *args, **extra))


@dataclass
class Data:
    """What one script run reads: one cursor on the current snapshot; answers cached across runs and sessions."""
    snapshot: Snapshot

    def __post_init__(self):
        self.cursor = self.snapshot.con.cursor()
        # the rows behind stats, read once per unit, topic choice and day for every grouping and occasion
        self.fetch = queries.fetcher(self.cursor, _ANSWERS, self.snapshot.version)

    def _get(self, name: str, *args):
        return _call(self.snapshot.version, name, args, self.cursor, self.fetch)

    def stats(self, by: str, filters: queries.Filters, today: dt.date) -> list[dict]:
        return self._get("queries.stats", by, filters, today)

    def since_previous(self, filters: queries.Filters, periods_in_scope: tuple[str, ...], today: dt.date):
        return self._get("compare.since_previous", filters, periods_in_scope, today)

    def expected_reports(self, filters: queries.Filters, today: dt.date) -> list[dict]:
        return self._get("progress.expected_reports", filters, today)

    def failed_checks(self, filters: queries.Filters):
        return self._get("quality.failed_checks", filters)

    def catalogue(self) -> Catalogue:
        """Units, occasions and topics as the document reader matches names against them."""
        return _ANSWERS.get(repr((self.snapshot.version, "catalogue")), lambda: Catalogue.read(self.cursor))

    def upload_documents(self, upload_id: int):
        return self._get("catalog.upload_documents", upload_id)

    def plans(self):
        return self._get("catalog.plans")

    def periods(self):
        return self._get("catalog.periods")

    def topics(self):
        return self._get("catalog.topics")

    def parent_units(self):
        return self._get("catalog.parent_units")

    def ancestors(self, code: str):
        return self._get("catalog.ancestors", code)

    def subtree(self, code: str) -> frozenset[str]:
        return self._get("catalog.subtree", code)

    def has_children(self, code: str, as_of):
        return self._get("catalog.has_children", code, as_of)

    def uploads(self):
        return self._get("catalog.uploads")

    def upload_reports(self, upload_id: int):
        return self._get("catalog.upload_reports", upload_id)

    def data_date(self):
        return self._get("catalog.data_date")

    def root(self) -> str | None:
        return self._get("queries.root_code")
