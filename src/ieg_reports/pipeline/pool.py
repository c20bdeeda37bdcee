"""Rendering in worker processes, one started before the workbook is even read.

The first worker imports the renderers (reportlab, python-docx, jinja2…) while the main
process loads and checks the workbook, so those imports cost no wall time. The others are
started only when the plan has work for them: after an edit that rebuilds one pack, a
second worker importing everything would only take the CPU the first one needs. Work goes
out in chunks that carry the pickled workshop once each, a chunk to each free worker.
"""

from __future__ import annotations

import hashlib
import math
import pickle
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

from ieg_reports.pipeline.distribute import MailJob, render_mail
from ieg_reports.pipeline.render import RenderSettings, forget_composed, render_target
from ieg_reports.pipeline.targets import Target

Result = tuple[str, bytes, list[str]]
# From this many drafts and invitations on, the workers not yet started are started for them.
MAIL_WORKERS_FROM = 64
# The most packs (with their twins) and drafts in one chunk: at 100×, about 30 MB of files.
PACKS_AT_ONCE = 64
MAILS_AT_ONCE = 32
_CACHE: dict[str, Any] = {}


def warm_up() -> None:
    """Import what rendering needs (runs in each worker as it starts)."""
    exit_with_parent()
    import ieg_reports.charts
    import ieg_reports.charts.assets  # not charts.qr: its numpy, for links stored encoded
    import ieg_reports.compose
    import ieg_reports.compose.environment
    import ieg_reports.compose.markup
    import ieg_reports.render.docx_writer
    import ieg_reports.render.pdf_writer  # noqa: F401

    freeze()


def freeze() -> None:
    """Move every object alive now (modules, the workshop) out of the collector's sight.

    They live as long as the worker; each document's collection then only walks what that
    document made, instead of every imported module (73 ms → a few per document).
    """
    import gc

    gc.collect()
    gc.freeze()


def exit_with_parent(interval: float = 0.5) -> None:
    """End this worker when the build that started it is gone (killed, laptop asleep…).

    A killed parent cannot stop its workers; each watches for it and exits on its own.
    """
    import os
    import signal
    import threading
    import time

    # Ctrl-C reaches the whole process group: the build stops its workers itself, so a
    # worker must not print its own KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="ieg-parent-watch").start()


def _ready() -> bool:
    return True


def _render_chunk(
    payload: bytes, digest: str, settings: RenderSettings, targets: list[Target]
) -> list[Result]:
    workshop = _workshop(payload, digest)
    forget_composed()  # twins share a composition within a chunk, never across builds
    results = []
    for target in targets:
        results.append((target.name, *render_target(target, workshop, settings)))
        if target.theme is None:
            forget_composed()  # a synthesis has no twin in its chunk: drop it now
    # A synthesis is alone in its chunk: its peak is handed back here. A full collection
    # walks every object made since the freeze (the pack index grows with the workshop):
    # once per chunk, not once per pack, whose cost then grew with the workshop.
    release_memory()
    return results


def _mail_chunk(
    payload: bytes, digest: str, settings: RenderSettings, jobs: list[MailJob]
) -> list[tuple[str, bytes]]:
    return [
        (job.target.name, render_mail(job, _workshop(payload, digest), settings)) for job in jobs
    ]


def _workshop(payload: bytes, digest: str) -> Any:
    """The build's model, unpickled once per worker and build."""
    if digest not in _CACHE:
        _CACHE.clear()
        _CACHE[digest] = pickle.loads(payload)
        freeze()
    return _CACHE[digest]


def release_memory() -> None:
    """Collect garbage and hand freed heap pages back to the system (glibc)."""
    import contextlib
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def plan_chunks(targets: list[Target], jobs: int) -> list[list[Target]]:
    """Longest work first: each synthesis alone, then the packs (a pack with its twin) in
    shrinking chunks.

    A pack and its Word twin go to the same worker, which draws their chart once.
    """
    first = [[t] for t in targets if t.theme is None]
    twins: dict[str, list[Target]] = {}
    for target in targets:
        if target.theme is not None:
            twins.setdefault(target.theme, []).append(target)
    packs = shrinking(list(twins.values()), jobs, 2, PACKS_AT_ONCE)
    return first + [[t for group in chunk for t in group] for chunk in packs]


T = TypeVar("T")


def shrinking(items: list[T], jobs: int, least: int = 1, most: int = 64) -> list[list[T]]:
    """`items` in chunks of shrinking size, each a share of what is left, `least` to `most`.

    Chunks of one size left one worker on a long last chunk while the other idled (at 100×,
    a quarter of a minute); shrinking ones let the workers end together, in few chunks.
    A chunk's outputs travel back together, held twice (pickled and not) on each side:
    `most` bounds that memory (325 invitations of 1 MB each took the build past 1 GiB).
    """
    chunks, start = [], 0
    while start < len(items):
        size = min(most, max(least, math.ceil((len(items) - start) / (jobs * 3))))
        chunks.append(items[start : start + size])
        start += size
    return chunks


class RenderPool:
    """Warm worker processes (or none, for one job): one at once, the others on demand."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._sent: tuple[Any, bytes, str] | None = None
        # Each executor with its number of workers; the first starts warming up now.
        self._pools: list[tuple[ProcessPoolExecutor, int]] = []
        if jobs > 1:
            self._start(1)

    def _start(self, workers: int) -> None:
        pool = ProcessPoolExecutor(workers, initializer=warm_up)
        for _ in range(workers):
            pool.submit(_ready)  # start them now
        self._pools.append((pool, workers))

    def render(
        self, targets: list[Target], workshop: Any, settings: RenderSettings
    ) -> Iterator[Result]:
        """Render targets, yielding results as chunks complete (longest work first)."""
        if not self._pools or len(targets) <= 1:
            forget_composed()
            for target in targets:
                yield (target.name, *render_target(target, workshop, settings))
            forget_composed()
            return
        yield from self._run(_render_chunk, plan_chunks(targets, self.jobs), workshop, settings)

    def render_mail(
        self, jobs: list[MailJob], workshop: Any, settings: RenderSettings
    ) -> Iterator[tuple[str, bytes]]:
        """Render drafts and invitations, in the workers when there are any."""
        if not self._pools or len(jobs) <= 1:
            for job in jobs:
                yield job.target.name, render_mail(job, workshop, settings)
            return
        # A draft costs milliseconds, a new worker a third of a second of imports: the few
        # drafts of an edit go to the workers already warm.
        grow = len(jobs) >= MAIL_WORKERS_FROM
        workers = self.jobs if grow else sum(n for _, n in self._pools)
        chunks = shrinking(jobs, workers, 4, MAILS_AT_ONCE)
        yield from self._run(_mail_chunk, chunks, workshop, settings, grow)

    def _run(
        self,
        function: Any,
        chunk_list: list[Any],
        workshop: Any,
        settings: RenderSettings,
        grow: bool = True,
    ) -> Iterator[Any]:
        """Chunks spread over the executors, each kept busy; results as chunks complete.

        With `grow`, the workers not yet started start when there is more than one chunk.
        """
        payload, digest = self._payload(workshop)
        chunks = deque(chunk_list)
        if grow and len(chunks) > 1 and len(self._pools) == 1:
            self._start(self.jobs - 1)
        running: dict[Future[list[Any]], int] = {}

        def fill(index: int) -> None:
            pool, workers = self._pools[index]
            while chunks and list(running.values()).count(index) < workers:
                chunk = chunks.popleft()
                running[pool.submit(function, payload, digest, settings, chunk)] = index

        for index in range(len(self._pools)):
            fill(index)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                index = running.pop(future)
                yield from future.result()
                fill(index)

    def _payload(self, workshop: Any) -> tuple[bytes, str]:
        """The model pickled for the workers, once per build, and its digest."""
        if self._sent is None or self._sent[0] is not workshop:
            payload = pickle.dumps(workshop, protocol=pickle.HIGHEST_PROTOCOL)
            self._sent = (workshop, payload, hashlib.sha256(payload).hexdigest())
        return self._sent[1], self._sent[2]

    def terminate(self) -> None:
        """Stop the workers now (Ctrl-C or a failure): nothing outlives the build."""
        for pool, _ in self._pools:
            processes = list(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)

    def close(self) -> None:
        """Stop the workers (pending work is cancelled)."""
        for pool, _ in self._pools:
            pool.shutdown(wait=True, cancel_futures=True)
