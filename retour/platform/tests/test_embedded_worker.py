"""The background worker beside `retour serve`: restarted when it dies, left
stopped when it exits cleanly, and never stopped by a forked web worker."""

from __future__ import annotations

import os
import sys
import time

from django.test import SimpleTestCase

from retour.platform.embedded import EmbeddedWorker


class _Scripted(EmbeddedWorker):
    """Runs a tiny Python program instead of `retour worker`."""

    def __init__(self, code: str) -> None:
        super().__init__(settings_module="config.settings.test")
        self.code = code
        self.starts = 0

    def command(self) -> list[str]:
        self.starts += 1
        return [sys.executable, "-c", self.code]


def _wait_until(predicate, seconds: float = 60.0) -> bool:
    # Not a speed check: a bound so a broken supervisor fails instead of hanging.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


class EmbeddedWorkerTests(SimpleTestCase):
    def test_a_clean_exit_is_not_restarted(self):
        worker = _Scripted("raise SystemExit(0)")
        worker.start()
        self.assertTrue(_wait_until(lambda: not worker._thread.is_alive()))
        self.assertEqual(worker.starts, 1)

    def test_a_crash_is_restarted(self):
        worker = _Scripted("raise SystemExit(3)")
        worker.start()
        try:
            self.assertTrue(_wait_until(lambda: worker.starts >= 2))
        finally:
            worker.stop()

    def test_a_forked_child_does_not_stop_the_worker(self):
        worker = _Scripted("import time; time.sleep(120)")
        worker.start()
        try:
            self.assertTrue(_wait_until(lambda: worker.process is not None))
            process = worker.process
            assert process is not None
            worker._owner_pid = os.getpid() + 1  # as seen from a forked web worker
            worker.stop()
            self.assertIsNone(process.poll(), "the forked child stopped the worker")
            self.assertFalse(worker._stopping.is_set())
        finally:
            worker._owner_pid = os.getpid()
            worker.stop()
        self.assertIsNotNone(process.poll())
