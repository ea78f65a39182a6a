"""A growing wait after wrong passwords, per key (a browser session, a client address).

The first ``free`` wrong attempts cost nothing; after that every further attempt must wait twice as
long as the one before (1 s, 2 s, 4 s, ...), at most ``max_wait_s``. A right password clears the key.
A key nobody has used for ``forget_after_s`` is forgotten, so the table stays small.

>>> clock = iter([0.0, 0.0, 0.0, 0.5, 0.5]).__next__
>>> t = Throttle(free=1, max_wait_s=60, clock=clock)
>>> t.failed("a"); t.wait_s("a")
0.0
>>> t.failed("a"); t.wait_s("a")
0.5
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Throttle:
    """Counts wrong attempts per key and says how long the next one must wait. Thread-safe."""

    def __init__(
        self,
        free: int,
        max_wait_s: float,
        forget_after_s: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.max_wait_s, self.forget_after_s = free, max_wait_s, forget_after_s
        self._clock = clock
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (wrong attempts, time of the last)
        self._lock = threading.Lock()

    def delay_after(self, failures: int) -> float:
        """The wait after ``failures`` wrong attempts: 0 for the free ones, then 1, 2, 4, ... seconds."""
        if failures <= self.free:
            return 0.0
        return float(min(2.0 ** (failures - self.free - 1), self.max_wait_s))

    def wait_s(self, key: str) -> float:
        """Seconds before ``key`` may try again (0: now)."""
        with self._lock:
            failures, last = self._failures.get(key, (0, 0.0))
            return max(0.0, last + self.delay_after(failures) - self._clock())

    def failed(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            failures, _ = self._failures.get(key, (0, now))
            self._failures[key] = (failures + 1, now)
            stale = [k for k, (_, last) in self._failures.items() if now - last > self.forget_after_s]
            for k in stale:
                del self._failures[k]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
