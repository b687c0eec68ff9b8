"""The cyclic collector is off while an engine call runs, and back as it was after (collector.py)."""

import gc
import threading

import pytest
from mlemodernizer.agent.rules import collector
from mlemodernizer.agent.rules.collector import paused
from mlemodernizer.agent.rules.masking import parse_masked


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()


def test_off_during_a_call_and_on_after():
    seen = []
    paused(lambda: seen.append(gc.isenabled()))()
    assert seen == [False] and gc.isenabled()


def test_back_on_after_an_exception():
    @paused
    def fails():
        raise ValueError("x")

    with pytest.raises(ValueError):
        fails()
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    paused(lambda: None)()
    assert not gc.isenabled()


def test_nested_calls_resume_only_at_the_outermost():
    seen = []
    inner = paused(lambda: seen.append(gc.isenabled()))
    paused(lambda: (inner(), seen.append(gc.isenabled())))()
    assert seen == [False, False] and gc.isenabled()


def test_concurrent_calls_resume_when_the_last_ends():
    first_in, second_done, seen = threading.Event(), threading.Event(), []

    @paused
    def slow():
        first_in.set()
        second_done.wait(10)
        seen.append(gc.isenabled())

    worker = threading.Thread(target=slow)
    worker.start()
    first_in.wait(10)
    paused(lambda: None)()  # ends while slow() still runs: the collector stays off
    seen.append(gc.isenabled())
    second_done.set()
    worker.join(10)
    assert seen == [False, False] and gc.isenabled()


def test_per_call_caches_are_emptied_when_the_call_ends():
    sizes = []

    @paused
    def reads():
        parse_masked("x = 1\n")
        sizes.append(parse_masked.cache_info().currsize)

    reads()
    assert sizes[0] >= 1 and parse_masked.cache_info().currsize == 0
    assert parse_masked.cache_clear in collector._PER_CALL
