"""The cyclic garbage collector while the rules run, and the trees they keep.

A static pass builds and drops hundreds of thousands of libcst and ast nodes. None
of them is in a reference cycle (a tree has no links back to its parents), so
reference counting frees each one as soon as it is dropped; the cyclic collector
finds nothing among them. Yet it runs every few hundred allocations and walks every
tree still held: measured, an eighth of the static pass. So it is paused while an
entry point of the engine runs (``paused``), and resumed after; the few cycles made
meanwhile (an exception's traceback) are collected then.

A cache can also be emptied when the last running call ends (``per_call``): the ast
of every cell (masking.parse_masked), which the context scan and the notebook rules
read within a call. Kept after it, a notebook's trees sit in every collection made
until they are evicted (half of what the collector still spent), while reading
them again on the next call costs a few milliseconds a notebook. libcst's trees are
kept: parsing them again would cost the repair loop's repeated calls more than they
cost the collector.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from functools import wraps

_lock = threading.Lock()
_running = 0  # calls under way (threads may run passes at the same time)
_resume = False  # whether the collector was on when the first of them started
_PER_CALL: list[Callable[[], None]] = []  # how to empty each cache that lives for a call


def per_call(clear: Callable[[], None]) -> None:
    """Empty a cache (``clear``) when no call of the engine is running any more."""
    _PER_CALL.append(clear)


def paused(function):
    """``function`` with the cyclic collector off while it runs; the last of concurrent calls empties the
    ``per_call`` caches and turns the collector back on, if it was on before the first began."""

    @wraps(function)
    def run(*args, **kwargs):
        global _running, _resume
        with _lock:
            if _running == 0:
                _resume = gc.isenabled()
                gc.disable()
            _running += 1
        try:
            return function(*args, **kwargs)
        finally:
            with _lock:
                _running -= 1
                if _running == 0:
                    for clear in _PER_CALL:
                        clear()  # the trees are freed here, before the collector could walk them
                    if _resume:
                        gc.enable()

    return run
