"""The collector pause restores the collector's previous state, whatever happens in the block."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from bench.gcpause import no_cycle_collection


@pytest.fixture
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_on_again_after(collector_on: None) -> None:
    with no_cycle_collection():
        assert not gc.isenabled()
        with no_cycle_collection():  # nested: the inner exit keeps the outer pause
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_exception_in_the_block_restores_the_collector(collector_on: None) -> None:
    with pytest.raises(ValueError), no_cycle_collection():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with no_cycle_collection():
        pass
    assert not gc.isenabled()


def test_as_a_decorator(collector_on: None) -> None:
    @no_cycle_collection()
    def state() -> bool:
        return gc.isenabled()

    assert state() is False and state() is False
    assert gc.isenabled()
