"""gunicorn.conf.py plus a report of what stalls a worker: every garbage collection of
the oldest generation (and any other over 5 ms) with its duration, and when each worker
started and began to exit (its replacement is forked once it has exited). For finding where slow requests come from (docs/performance.md, "p99"):

    bench/run.py --sizes 600 --skip-load --skip-race --skip-import --passes cached \\
        --only home --gunicorn-config bench/gunicorn_probe.py

The lines go to gunicorn's log (``bench-gunicorn-*.log`` in the temporary directory,
each named when its server stops): ``gc pid=… generation=2 ms=… collected=…``."""

import gc
import os
import sys
import time
from pathlib import Path

_production = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
exec(compile(_production.read_text(), str(_production), "exec"))  # noqa: S102

_production_post_fork = globals().get("post_fork")


def post_fork(server, worker):  # noqa: F811 (wraps the production hook, if any)
    if _production_post_fork:
        _production_post_fork(server, worker)
    started = {}

    def timed(phase, info):
        if phase == "start":
            started["at"] = time.perf_counter()
            return
        ms = (time.perf_counter() - started.get("at", time.perf_counter())) * 1000
        if info["generation"] == 2 or ms > 5:
            sys.stderr.write(
                f"gc at={time.time():.3f} pid={os.getpid()} generation={info['generation']} ms={ms:.1f} "
                f"collected={info['collected']}\n"
            )

    gc.callbacks.append(timed)
    sys.stderr.write(f"worker pid={os.getpid()} started at {time.time():.3f}\n")


def worker_exit(server, worker):
    sys.stderr.write(f"worker pid={os.getpid()} exiting at {time.time():.3f}\n")
