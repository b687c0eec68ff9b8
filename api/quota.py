"""What the uploads of unfinished jobs hold on disk, against the operator's cap (``max_held_bytes``).

Every byte an upload writes (the zip as received, then its members) is taken
from the quota before it is written, so concurrent uploads cannot pass the cap
together; a job gives its bytes back when it ends, is cancelled or is refused.
A full server answers 503 with Retry-After: the upload is fine, the moment is not.
At start-up the quota is rebuilt from the job folders of jobs still queued.
"""

from __future__ import annotations

import threading

from .archive import ServerFull


class Quota:
    def __init__(self, cap: int):
        self.cap = cap
        self._held: dict[str, int] = {}
        self._lock = threading.Lock()

    @property
    def held(self) -> int:
        with self._lock:
            return sum(self._held.values())

    def room(self) -> int:
        return max(0, self.cap - self.held)

    def take(self, job_id: str, n: int) -> None:
        """Count ``n`` more bytes for ``job_id``; ServerFull (nothing counted) when that passes the cap."""
        with self._lock:
            total = sum(self._held.values())
            if total + n > self.cap:
                raise ServerFull(f"the server holds {total} bytes of queued jobs' data, its limit being {self.cap}; "
                                 "try again when some have finished")
            self._held[job_id] = self._held.get(job_id, 0) + n

    def hold(self, job_id: str, n: int) -> None:
        """Count what a job already holds (at start-up), whatever the cap."""
        with self._lock:
            self._held[job_id] = self._held.get(job_id, 0) + n

    def give(self, job_id: str, n: int) -> None:
        with self._lock:
            if job_id in self._held:
                self._held[job_id] = max(0, self._held[job_id] - n)

    def release(self, job_id: str) -> None:
        with self._lock:
            self._held.pop(job_id, None)
