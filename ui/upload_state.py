"""What the upload page remembers between reruns of its load section, under one session key: the uploader's round
and the batch of files the user last acted on (dry run, load, leave out, take back)."""
from dataclasses import dataclass, replace

import streamlit as st

from etl.loader import Summary

KEY = "upload_state"


@dataclass(frozen=True)
class Check:
    """One dry run or load of a batch: the files it left out, whether it allowed reverts, and what it found."""
    left_out: frozenset[str]
    allow_revert: bool
    summary: Summary


@dataclass(frozen=True)
class Batch:
    """The files chosen in the uploader and the kind asked for, with what the page knows about exactly them."""
    file_ids: tuple[str, ...]
    kind: str | None
    left_out: frozenset[str] = frozenset()    # the names of failing files set aside
    last: Check | None = None                 # the last dry run or load of these files

    def result(self) -> Summary | None:
        """The last summary of the files checked now: none once files were set aside or taken back since."""
        return self.last.summary if self.last and self.last.left_out == self.left_out else None

    def ready_to_commit(self, allow_revert: bool) -> bool:
        """Loadable only after a dry run of exactly these files, with this answer about reverts, found no error."""
        result = self.result()
        return result is not None and result.status == "dry-run" and self.last.allow_revert == allow_revert

    def blocking(self) -> frozenset[str]:
        """The files whose errors kept the last check of these files from going in."""
        result = self.result()
        if result is None or result.status != "rejected":
            return frozenset()
        return frozenset(f.file for f in result.files if f.errors)

    def checked(self, summary: Summary, allow_revert: bool) -> "Batch":
        return replace(self, last=Check(self.left_out, allow_revert, summary))


@dataclass(frozen=True)
class LoadState:
    uploader_round: int = 0   # part of the uploader's key: a load that went in starts a fresh, empty uploader
    batch: Batch | None = None

    def batch_of(self, file_ids, kind: str | None) -> Batch:
        """The remembered batch if these are its files and kind. Other files or another kind start afresh, with no
        file left out and no dry run, so their commit button waits for a dry run of their own."""
        chosen = Batch(tuple(sorted(file_ids)), kind)
        same = self.batch is not None and (self.batch.file_ids, self.batch.kind) == (chosen.file_ids, chosen.kind)
        return self.batch if same else chosen

    @property
    def shown(self) -> Summary | None:
        """The last summary, shown below the uploader until the next one: after a load, above an empty uploader."""
        return self.batch.last.summary if self.batch and self.batch.last else None


def load_state() -> LoadState:
    return st.session_state.get(KEY) or LoadState()


def keep(state: LoadState) -> None:
    st.session_state[KEY] = state


def keep_batch(batch: Batch) -> None:
    keep(replace(load_state(), batch=batch))


def leave_out(batch: Batch) -> None:
    """Callback: check and load the batch without the files whose errors blocked it."""
    keep_batch(replace(batch, left_out=batch.left_out | batch.blocking()))


def take_back(batch: Batch) -> None:
    """Callback: check the files set aside again, with the others."""
    keep_batch(replace(batch, left_out=frozenset()))
