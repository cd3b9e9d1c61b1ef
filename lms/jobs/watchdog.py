"""The watchdog of a ``db_worker`` process: requeues jobs whose worker died.

django-tasks-db never re-runs a task whose worker died, so each worker process runs this
small daemon thread: every ``LMS_JOB_WATCHDOG_SECONDS`` it puts running jobs whose lease
expired back in the queue (:func:`lms.jobs.services.job_requeue_stale`). A restarted
worker therefore picks stale jobs up again once their lease has expired.
"""

from __future__ import annotations

import logging
import sys
import threading
import time

from django.db import close_old_connections, connection

from lms.jobs import conf

logger = logging.getLogger(__name__)

_started = threading.Event()


def watchdog_start_in_worker(argv: list[str] | None = None) -> bool:
    """Start the watchdog thread if this process is a ``db_worker`` (once per process)."""
    argv = sys.argv if argv is None else argv
    interval = conf.watchdog_seconds()
    if interval <= 0 or "db_worker" not in argv[1:2] or _started.is_set():
        return False
    _started.set()
    thread = threading.Thread(
        target=_watch, args=(interval,), name="lms-jobs-watchdog", daemon=True
    )
    thread.start()
    return True


def _watch(interval: float) -> None:
    from lms.jobs.services import job_requeue_stale

    while True:
        time.sleep(interval)
        try:
            close_old_connections()
            requeued = job_requeue_stale()
            if requeued:
                logger.warning("Watchdog requeued jobs %s.", requeued)
        except Exception:
            logger.exception("The jobs watchdog failed; it will try again.")
        finally:
            connection.close()
