"""Bounds on login attempts: how many Argon2 computations run at once, and how soon an address may try again.

One Argon2 check takes 64 MiB and about 0,2 s of CPU (1,5 cores); fifty at once took 2 GB and six seconds from
every other user of the server (issue 12, item 4). So at most CONCURRENT_CHECKS run at a time and the next one
waits BUSY_WAIT seconds at most, after which it is answered "busy" without being checked. Failures are counted
in this process's memory, per client address and per (address, name), never per name alone, so nobody can slow
down or shut out somebody else's account by guessing at it from elsewhere. The first few failures are free;
each one after that doubles the wait before the next try, up to MAX_WAIT. An attempt counts as a failure from
the moment it starts until it succeeds, so fifty sent at once from one address get FREE_PER_NAME checks."""
import datetime as dt
import math
import os
import threading
from dataclasses import dataclass

CONCURRENT_CHECKS = max(1, (os.cpu_count() or 2) // 2)
BUSY_WAIT = 3.0                     # seconds an attempt waits for a free check before "busy"
CHECKS = threading.BoundedSemaphore(CONCURRENT_CHECKS)

FREE_PER_NAME = 5                   # the account lock (security.sessions.MAX_FAILURES) comes first
FREE_PER_ADDRESS = 10               # an office behind one address shares these
MAX_WAIT = 60                       # seconds
WINDOW = dt.timedelta(minutes=15)   # failures older than this are forgotten
MAX_ENTRIES = 10_000                # memory bound against names sprayed at random


@dataclass
class _Count:
    failures: int
    last: dt.datetime


def _wait(count: _Count | None, free: int, now: dt.datetime) -> float:
    if count is None or count.failures < free:
        return 0.0
    due = count.last + dt.timedelta(seconds=min(2 ** (count.failures - free), MAX_WAIT))
    return max(0.0, (due - now).total_seconds())


class Throttle:
    """Failures per client address and per (address, name), in memory; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple, _Count] = {}   # oldest change first

    def _current(self, key: tuple, now: dt.datetime) -> _Count | None:
        count = self._counts.get(key)
        return count if count is not None and abs(now - count.last) <= WINDOW else None

    def clean(self, address: str, now: dt.datetime) -> bool:
        """No recent failure from this address, under any name."""
        with self._lock:
            return self._current((address,), now) is None

    def admit(self, address: str, name: str, now: dt.datetime) -> int:
        """0 if the attempt may go ahead, which then counts as a failure until `passed`; otherwise the whole
        seconds to wait before the next try."""
        keys = {(address,): FREE_PER_ADDRESS, (address, name): FREE_PER_NAME}
        with self._lock:
            wait = max(_wait(self._current(key, now), free, now) for key, free in keys.items())
            if wait:
                return math.ceil(wait)
            for key in keys:
                count = self._current(key, now) or _Count(0, now)
                self._counts.pop(key, None)              # re-inserted last: the dict stays oldest first
                self._counts[key] = _Count(count.failures + 1, now)
            while self._counts and (len(self._counts) > MAX_ENTRIES
                                    or now - next(iter(self._counts.values())).last > WINDOW):
                del self._counts[next(iter(self._counts))]
            return 0

    def passed(self, address: str, name: str) -> None:
        """The attempt was right: the name's failures from this address are forgiven, the address's are kept."""
        with self._lock:
            self._counts.pop((address, name), None)
            count = self._counts.get((address,))
            if count is not None:
                count.failures -= 1
                if count.failures <= 0:
                    del self._counts[(address,)]


LOGINS = Throttle()
