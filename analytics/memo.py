"""A small process-wide memo: values by key, the least recently used dropped past `size`.

What it holds is handed out as is, to every session: callers treat it as read-only (pages and exports work on
copies). Unlike st.cache_data it neither hashes arguments with Streamlit's hasher nor copies the value per call,
which on a page of a few tables and charts was most of a script run."""
import threading
from collections import OrderedDict


class Memo:
    def __init__(self, size: int = 256):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key, build):
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = build()    # outside the lock: two sessions may build the same value once each
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value
