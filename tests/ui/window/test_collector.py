"""Cycles are collected by a timer on the GUI thread while the app runs, never on a worker."""

from __future__ import annotations

import gc
import threading
import weakref

from reader.ui.common.collector import GuiCollector, due_generation


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_due_generation_follows_pythons_counts() -> None:
    assert due_generation((5, 0, 0), (700, 10, 10)) is None
    assert due_generation((701, 0, 0), (700, 10, 10)) == 0
    assert due_generation((701, 11, 0), (700, 10, 10)) == 1
    assert due_generation((0, 0, 11), (700, 10, 10)) == 2
    assert due_generation((9999, 9, 9), (0, 10, 10)) is None  # threshold 0: collection off


def test_cycles_wait_for_the_gui_threads_timer(qtbot) -> None:
    thresholds = gc.get_threshold()
    collector = GuiCollector(interval_ms=10)
    try:
        assert not gc.isenabled()
        collected_on: list[str] = []

        def make_garbage() -> None:  # on a worker, allocating far past the threshold
            node = _Node()
            ref = weakref.ref(node, lambda _r: collected_on.append(
                threading.current_thread().name))
            refs.append(ref)
            del node
            junk = [[] for _ in range(50_000)]
            del junk

        refs: list[weakref.ref[_Node]] = []
        worker = threading.Thread(target=make_garbage, name="worker")
        worker.start()
        worker.join()
        assert refs[0]() is not None  # nothing collected it on the worker
        gc.set_threshold(1, 1, 1)  # so that the next tick collects everything
        qtbot.waitUntil(lambda: refs[0]() is None, timeout=2000)
        assert collected_on == [threading.main_thread().name]
    finally:
        gc.set_threshold(*thresholds)
        collector.stop()
    assert gc.isenabled()
