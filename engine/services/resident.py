"""Forked worker processes that keep what they build from one task to the next.

A cold audit parses every record, then evaluates every procedure once the catalogue-wide context is
known. The workers of a plain pool forget the procedures they parsed, so these would be stored and read
back; a ``ResidentWorkers`` worker keeps them in its memory, and is later asked to evaluate its own.

A task is a module-level function and its argument, sent through a pipe (the function by reference:
workers are forked from this process, so they have its modules). A worker that dies loses only the
tasks it was given, which the caller does again; an exception in a task is raised in the parent.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from typing import Any

Task = Callable[[Any], Any]
# What a worker builds mostly lives until it ends (parsed procedures, findings), so the collector's
# default, a collection every 700 new objects, spends about 5% of a cold audit finding nothing: a
# cold audit of the real catalogue took 5.8 s with these against 6.2 s (medians of 4 alternated runs).
WORKER_GC_THRESHOLD = (20_000, 20, 20)
# Tasks sent ahead to each worker: with one, a worker of a cold audit waited 1.5 ms after each task for the
# next, 0.1 s in all of its 2 s of parsing.
IN_FLIGHT = 2


class ResidentWorkers:
    """``count`` forked workers, each with a pipe. Use as a context manager.

    >>> from operator import neg
    >>> with ResidentWorkers(2) as workers:
    ...     sorted(result for _, _, result in workers.map(neg, [1, 2, 3]))
    [-3, -2, -1]
    """

    def __init__(self, count: int) -> None:
        # As in ``forked_pool``: a collection in a worker would copy every page of the parent it touches.
        gc.freeze()
        context = multiprocessing.get_context("fork")
        self._conns: list[Connection] = []
        self._processes: list[Any] = []
        self._cpu: dict[int, float] = {}  # CPU seconds each live worker last reported
        self.lost: list[Any] = []  # the tasks of the latest ``map`` or ``map_each`` lost with a worker
        for _ in range(count):
            parent_end, child_end = context.Pipe()
            # The child closes every parent end it inherits, its own too: else it never sees the EOF
            # that tells it the parent has gone.
            inherited = [*self._conns, parent_end]
            process = context.Process(target=_serve, args=(child_end, inherited), daemon=True)
            process.start()
            child_end.close()
            self._conns.append(parent_end)
            self._processes.append(process)
        self._alive = set(range(count))

    def __enter__(self) -> ResidentWorkers:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        self.close(wait_for_workers=kind is None)

    def alive(self, worker: int) -> bool:
        return worker in self._alive

    def cpu_seconds(self) -> float:
        """CPU seconds the live workers have spent (as of their latest answers)."""
        return sum(self._cpu.values())

    def map(self, task: Task, args: Sequence[Any]) -> Iterator[tuple[int, int, Any]]:
        """``task(args[i])`` on whichever worker is free: yields (i, worker, result) as each ends. The
        indices lost with a dead worker are in ``lost`` once the iterator is exhausted."""
        queue = deque(range(len(args)))
        self.lost = []
        return self._drive(task, lambda _: queue.popleft() if queue else None, args.__getitem__)

    def map_each(self, task: Task, args: dict[int, list[Any]]) -> Iterator[tuple[int, int, Any]]:
        """``task(a)`` for each ``a`` of ``args[worker]``, on that worker, in order: yields (worker, j,
        result); the (worker, j) lost with a dead worker, sent or not, are in ``lost`` at the end."""
        queues = {w: deque(range(len(items))) for w, items in args.items() if w in self._alive}
        self.lost = [(w, j) for w, items in args.items() if w not in self._alive for j in range(len(items))]

        def next_task(worker: int) -> tuple[int, int] | None:
            queue = queues.get(worker)
            return (worker, queue.popleft()) if queue else None

        def lose_rest(worker: int) -> None:
            self.lost += [(worker, j) for j in queues.pop(worker, ())]

        driven = self._drive(task, next_task, lambda key: args[key[0]][key[1]], lose_rest)
        return ((w, j, result) for (w, j), _, result in driven)

    def _drive(
        self,
        task: Task,
        next_task: Callable[[int], Any],
        arg_of: Callable[[Any], Any],
        lose_rest: Callable[[int], None] | None = None,
    ) -> Iterator[tuple[Any, int, Any]]:
        # Each worker has up to ``IN_FLIGHT`` tasks sent, so that it starts the next as it ends one instead
        # of waiting for this process to read its answer and send another.
        sent: dict[int, deque[Any]] = {worker: deque() for worker in self._alive}

        def give(worker: int) -> None:
            while len(sent[worker]) < IN_FLIGHT and (key := next_task(worker)) is not None:
                sent[worker].append(key)
                try:
                    self._conns[worker].send((task, arg_of(key)))
                except OSError:  # the worker has died: reading from it says so, and loses this task too
                    return

        for worker in sorted(self._alive):
            give(worker)
        while busy := [w for w in sent if sent[w]]:
            ready = wait([self._conns[w] for w in busy])
            for worker in [w for w in busy if self._conns[w] in ready]:
                try:
                    status, value, cpu = self._conns[worker].recv()
                except (EOFError, OSError):  # the worker died (killed, out of memory, a crash)
                    self._bury(worker)
                    self.lost += sent.pop(worker)
                    if lose_rest:
                        lose_rest(worker)
                    continue
                key = sent[worker].popleft()  # a worker answers its tasks in the order sent
                self._cpu[worker] = cpu
                if status == "error":
                    assert isinstance(value, BaseException)
                    raise value
                yield key, worker, value
                give(worker)

    def _bury(self, worker: int) -> None:
        self._alive.discard(worker)
        self._cpu.pop(worker, None)
        self._processes[worker].join(5)

    def close(self, wait_for_workers: bool = True) -> None:
        """Stop the workers: asked to end, then ended if they do not within a few seconds."""
        try:
            for worker in sorted(self._alive) if wait_for_workers else ():
                with suppress(OSError):
                    self._conns[worker].send(None)
            deadline = time.monotonic() + 5
            for worker, process in enumerate(self._processes):
                if wait_for_workers:
                    process.join(max(0.0, deadline - time.monotonic()))
                if process.is_alive():
                    process.terminate()
                    process.join(5)
                self._conns[worker].close()
            self._alive.clear()
            self._cpu.clear()
        finally:
            gc.unfreeze()


def _serve(conn: Connection, inherited: list[Connection]) -> None:
    """A worker's loop: run each task sent until told to stop or the parent has gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it ends the workers
    gc.set_threshold(*WORKER_GC_THRESHOLD)
    for other in inherited:
        other.close()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task, arg = message
        try:
            reply: tuple[str, Any] = ("ok", task(arg))
        except Exception as error:
            reply = ("error", error)
        try:
            conn.send((*reply, time.process_time()))
        except Exception:  # a result or an exception that does not pickle
            conn.send(("error", RuntimeError(traceback.format_exc()), time.process_time()))
