"""How `make test` spreads the suite over pytest-xdist workers: one pass, costliest first.

The suite used to run in two passes: everything but the browser tests on the
workers, then the browser tests alone. On 2 cores that left one core idle for
the whole second pass (a browser test mostly waits for Chromium and the live
server), and with ``--dist loadscope`` the biggest units (the route walker's two
walks, the demo loads) often started last, so one worker ran alone at the end.

Here the browser tests are one work unit (``browser``): one worker runs them one
after another, in one Chromium, while the other workers take the rest. And the
units go out costliest first (longest-processing-time first, the classic greedy
rule for packing jobs on machines), by the seconds each unit took in the last
run on this machine (``var/test-durations.json``, written at the end of every
xdist run) or, on a fresh clone, in the run recorded in ``test_durations.json``
beside this file. A unit neither file knows counts as its number of tests
(xdist's own order). Which tests run, and what they check, does not change:
only the order and the worker.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

BROWSER_UNIT = "browser"
SHIPPED = Path(__file__).with_name("test_durations.json")


def local_file() -> Path:
    return Path(__file__).resolve().parents[2] / "var" / "test-durations.json"


def unit_of(nodeid: str) -> str:
    """The work unit of a test: every browser test module is in one unit, else
    xdist's loadscope (the class, or the module for plain functions)."""
    path = nodeid.split("::", 1)[0]
    if BROWSER_UNIT in path.rsplit("/", 1)[-1]:
        return BROWSER_UNIT
    return nodeid.rsplit("::", 1)[0]


def known_costs() -> dict[str, float]:
    costs: dict[str, float] = {}
    for path in (SHIPPED, local_file()):  # the local run wins
        try:
            costs.update(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return costs


class CostliestFirstScheduling(LoadScopeScheduling):
    _ordered = False

    def _split_scope(self, nodeid: str) -> str:
        return unit_of(nodeid)

    def _assign_work_unit(self, node) -> None:
        if not self._ordered:
            costs = known_costs()
            # Seconds when known; otherwise the test count (a unit of n tests
            # that no run timed is assumed to take about n seconds).
            ranked = sorted(
                self.workqueue.items(),
                key=lambda item: -costs.get(item[0], float(len(item[1]))),
            )
            self.workqueue.clear()
            self.workqueue.update(ranked)
            self._ordered = True
        super()._assign_work_unit(node)


class DurationRecorder:
    """Adds up each unit's setup + call + teardown seconds in the controller and
    writes them to var/test-durations.json when the run ends."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report) -> None:
        self.seconds[unit_of(report.nodeid)] += report.duration

    def pytest_sessionfinish(self, session, exitstatus) -> None:
        if not self.seconds or exitstatus != 0:  # a failed run times broken units
            return
        path = local_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            rounded = {unit: round(s, 1) for unit, s in sorted(self.seconds.items())}
            path.write_text(json.dumps(rounded, indent=0), encoding="utf-8")
        except OSError:
            pass  # a read-only checkout still runs its tests
