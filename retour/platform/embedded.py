"""One worker process beside `retour serve` / `retour demo`, so the embedded
setup runs background jobs and schedules with no configuration. It is
restarted if it dies (its unfinished job is recovered once its lease expires);
a worker that exits cleanly was asked to stop (Ctrl-C reaches the whole process
group) and stays stopped."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading

logger = logging.getLogger(__name__)


class EmbeddedWorker:
    def __init__(self, *, settings_module: str) -> None:
        self.settings_module = settings_module
        self.process: subprocess.Popen | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._supervise, name="retour-worker", daemon=True)
        # Only the process that started the worker may stop it. gunicorn forks its
        # web workers from this process after start(): each inherits this object
        # (and the atexit hook that calls stop()), with the Popen's waitpid lock
        # copied while the supervisor held it. Its stop() used to terminate the
        # real worker and then hang 20 s on that lock, on every web worker's exit.
        self._owner_pid = os.getpid()

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "retour.platform.cli",
            "worker",
            "--no-reload",
            "--verbosity",
            "0",
        ]

    def start(self) -> None:
        self._owner_pid = os.getpid()
        self._thread.start()

    def _supervise(self) -> None:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": self.settings_module}
        while not self._stopping.is_set():
            self.process = subprocess.Popen(self.command(), env=env)
            code = self.process.wait()
            if self._stopping.is_set():
                return
            if code == 0:
                logger.info("background worker stopped (exit 0); not restarting")
                return
            logger.warning("background worker exited with %s; restarting", code)
            self._stopping.wait(2)

    def stop(self) -> None:
        if os.getpid() != self._owner_pid:
            return  # a forked child (a gunicorn web worker): not ours to stop
        self._stopping.set()
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
