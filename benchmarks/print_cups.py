"""Benchmark: ballots through a real CUPS queue (cups-pdf), vector PDF against page images.

    .venv/bin/python benchmarks/print_cups.py [--ballots 25] [--routes vector raster]
        [--raster-dpi DPI]

Needs root and CUPS with cups-pdf (apt-get install --no-install-recommends cups cups-client
printer-driver-cups-pdf); a private ``cupsd`` is started in a temporary folder for each route
(tests/cups_server.py), nothing system-wide is changed. cups-pdf writes into ~/PDF; the
files are removed at the end.

Routes: ``vector`` is what the app does with a CUPS queue (the batch PDF through ``lp``,
:func:`desktop.core.printing.print_queue.submit_pdf`); ``raster`` is the fallback for printers that
are no queue (page images painted with QPainter onto a QPrinter for the same queue, grey, at the
printer's resolution: :func:`desktop.ui.printing.paint_pdf`; ``--raster-dpi`` tries another).
For each: bytes spooled per page, our process's time to hand the job over, and the wall time
until cups-pdf's PDF is complete (pages/min). CPU seconds are those of our process and of the
scheduler with all its filters (counted when the private cupsd has stopped), printed beside the
wall time with the load average, because the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.print_ballots import SECRET, demo_spec
from tests.cups_server import CupsServer, private_cups, unavailable

from ballotformat import Paper, build_layout, render_batch
from desktop.core.printing.print_queue import submit_pdf
from desktop.core.printing.sample import sample_spec


@dataclass
class Run:
    route: str
    pages: int
    spooled_bytes: int
    handover_s: float
    done_s: float
    own_cpu_s: float
    cups_cpu_s: float
    load: tuple[float, float, float]

    def line(self) -> str:
        per_page_kb = self.spooled_bytes / self.pages / 1024
        return (f"{self.route:>14}: {self.pages} pages, {per_page_kb:7.1f} KB/page spooled;"
                f" handed over in {self.handover_s:5.1f} s, printed in "
                f"{self.done_s:6.1f} s = {self.pages / self.done_s * 60:6.0f} pages/min; CPU: ours "
                f"{self.own_cpu_s:5.1f} s, cupsd + filters {self.cups_cpu_s:6.1f} s; load "
                + " ".join(f"{v:.1f}" for v in self.load))


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def spooled_size(server: CupsServer, job_id: str) -> int:
    """The job's size as the scheduler holds it (``lpstat -W all -o``'s third column)."""
    listing = subprocess.run(["lpstat", "-W", "all", "-o", server.queue], capture_output=True,
                             text=True, env=server.env(), check=True).stdout
    for line in listing.splitlines():
        fields = line.split()
        if fields and fields[0] == job_id:
            return int(fields[2])
    raise RuntimeError(f"{job_id} not listed:\n{listing}")


def last_job(server: CupsServer) -> str:
    listing = subprocess.run(["lpstat", "-W", "all", "-o", server.queue], capture_output=True,
                             text=True, env=server.env(), check=True).stdout
    return max((line.split()[0] for line in listing.splitlines() if line.strip()),
               key=lambda job: int(job.rpartition("-")[2]))


def vector(server: CupsServer, pdf: Path, title: str, _dpi: int | None) -> str:
    return submit_pdf(server.queue, pdf, title, Paper.A4)


def raster(server: CupsServer, pdf: Path, title: str, dpi: int | None) -> str:
    """The fallback painting, onto a QPrinter that Qt sends to the same queue."""
    from PySide6.QtWidgets import QApplication  # noqa: TID251 - the fallback is Qt painting

    from desktop.ui.printing import new_printer, paint_pdf

    _app = QApplication.instance() or QApplication(["benchmark"])
    printer = new_printer(Paper.A4)
    printer.setPrinterName(server.queue)
    printer.setDocName(title)
    if printer.printerName() != server.queue:
        raise RuntimeError("Qt does not see the private queue ($CUPS_SERVER read too late?)")
    paint_pdf(printer, pdf, dpi)
    return last_job(server)


def measure(route: str, pdf: Path, pages: int, dpi: int | None = None) -> Run:
    title = f"ballotdesk-bench-{uuid.uuid4().hex[:10]}"
    with tempfile.TemporaryDirectory(prefix="ballotdesk-cups-") as folder:
        Path(folder).chmod(0o755)  # CUPS's filters run as "lp"
        cpu_before = children_cpu()
        with private_cups(Path(folder)) as server:
            os.environ["CUPS_SERVER"] = server.socket  # for Qt, which reads it once
            own_before, started = own_cpu(), time.perf_counter()
            job = (vector if route == "vector" else raster)(server, pdf, title, dpi)
            handover_s = time.perf_counter() - started
            own_s = own_cpu() - own_before
            printed = server.wait_for(job, title)
            done_s = time.perf_counter() - started
            load = os.getloadavg()
            spooled = spooled_size(server, job)
            printed.unlink()
        cups_s = children_cpu() - cpu_before  # cupsd stopped: its filters are counted now
    name = f"{route} {dpi} dpi" if dpi else route
    return Run(name, pages, spooled, handover_s, done_s, own_s, cups_s, load)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=25)
    parser.add_argument("--routes", nargs="+", default=["vector", "raster"],
                        choices=["vector", "raster"])
    parser.add_argument("--raster-dpi", type=int,
                        help="paint page images at this resolution instead of the printer's")
    args = parser.parse_args()
    reason = unavailable()
    if reason:
        sys.exit(f"cannot run: {reason}")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    spec = demo_spec(Paper.A4) or sample_spec(paper=Paper.A4)
    layout = build_layout(spec)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "batch.pdf"
        result = render_batch(layout, range(1, args.ballots + 1), SECRET, pdf)
        print(f"{result.ballots} ballots, {result.pages} A4 pages, batch PDF "
              f"{result.bytes_written / result.pages / 1024:.1f} KB/page; load before "
              + " ".join(f"{v:.1f}" for v in os.getloadavg()))
        for route in args.routes:
            dpi = args.raster_dpi if route == "raster" else None
            print(measure(route, pdf, result.pages, dpi).line(), flush=True)


if __name__ == "__main__":
    main()
