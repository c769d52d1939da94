"""Python's cyclic garbage collector runs on the GUI thread only.

Left automatic, a collection runs on whichever thread happens to allocate when a threshold is
crossed, and in this application that is usually a background job (SQLAlchemy allocates a lot).
A language switch leaves the old window's Python wrappers behind in reference cycles; freeing
them on a worker thread while the GUI thread builds the new window crashed the process
(SIGSEGV, exit 139, "Garbage-collecting" on the worker in faulthandler's report). So automatic
collection is off and a timer on the GUI thread does what it would have done: a generation is
collected when its count passes the same threshold.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
COLLECT_INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Created on the GUI thread (a child of the application); turns automatic collection off
    for the life of the process."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(COLLECT_INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def collect_due(self) -> None:
        """Collect the oldest generation whose count passed its threshold (with the younger)."""
        counts = gc.get_count()
        due = -1
        for generation, (count, threshold) in enumerate(
                zip(counts, self.thresholds, strict=True)):
            if threshold and count > threshold:
                due = generation
            else:
                break
        if due >= 0:
            gc.collect(due)


def install_collector(parent: QObject) -> GuiThreadCollector:
    """Collect garbage on the GUI thread only, from now on (idempotent per ``parent``)."""
    existing = parent.findChild(GuiThreadCollector)
    return existing if existing is not None else GuiThreadCollector(parent)
