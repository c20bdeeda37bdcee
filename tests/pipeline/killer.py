"""Run a build that kills itself (SIGKILL) at a chosen point: `python killer.py BOOK OUT POINT N`.

POINT is a function of `ieg_reports.pipeline.io` (`stage` or `commit`) or `save_manifest`;
the process kills itself on its N-th call, after writing the pids of its render workers
to OUT/workers.txt so the test can check that none outlives it.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import Any


def main() -> None:
    """Patch the chosen function, then build."""
    from ieg_reports.commands.build import run_build
    from ieg_reports.pipeline import io, runner

    book, out, point, count = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    module: Any = runner if point == "save_manifest" else io
    real = getattr(module, point)
    calls = [0]

    def dying(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == count:
            pids = [str(p.pid) for p in multiprocessing.active_children()]
            (out / "workers.txt").write_text("\n".join(pids), encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(module, point, dying)
    if point != "save_manifest":
        runner.stage, runner.commit = io.stage, io.commit  # the names the runner calls
    run_build(book, out, jobs=2)


if __name__ == "__main__":
    main()
