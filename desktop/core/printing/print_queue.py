"""Ballot PDFs handed to the system's print queue (CUPS) as they are: vector pages.

Where the operating system prints through CUPS (Linux, macOS), ``lp -d QUEUE file.pdf`` gives
the batch PDF to the queue and CUPS's own filters turn it into what the printer speaks, text
and QR codes as vectors: 2–5 KB spooled a page instead of about 1 MB for an image of the page
(docs/benchmarks.md). Elsewhere the interface paints page images onto the printer instead
(:mod:`desktop.ui.printing`). No Qt here: the command line and benchmarks use it too.

The queue gets exactly one copy, never scaled (a ballot printed smaller reads as
``wrong_page_size``), on the ballot's paper.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from ballotformat import Paper
from ballotformat.messages import RuleError, error, register

register({
    "print_queue_failed": (
        "打印队列“{queue}”没有接收这批选票：{error}",
        "The print queue “{queue}” did not take the batch: {error}",
    ),
    "print_queue_no_lp": (
        "找不到 CUPS 的 lp 命令，无法把选票交给打印队列“{queue}”。",
        "CUPS's lp command was not found: the batch cannot go to the print queue “{queue}”.",
    ),
})

#: ``lp`` copies the whole file to the scheduler: ample for the largest batch on a slow disk.
LP_TIMEOUT_S = 600
#: Asking the scheduler whether a queue exists; a network CUPS server may be slow to answer.
LPSTAT_TIMEOUT_S = 10
#: The ``media`` option CUPS takes for each ballot paper.
MEDIA = {Paper.A4: "A4", Paper.A3: "A3", Paper.LETTER: "Letter"}
#: lp's answer: "request id is office-42 (1 file(s))".
_REQUEST_ID = re.compile(r"request id is (\S+)")


def is_print_queue(name: str) -> bool:
    """True when ``name`` is a queue of the CUPS scheduler that ``lp`` reaches (the default
    server, or ``$CUPS_SERVER``) and ``lp`` is installed."""
    lpstat = shutil.which("lpstat")
    if not name or lpstat is None or shutil.which("lp") is None:
        return False
    try:
        found = subprocess.run([lpstat, "-p", name], capture_output=True,
                               timeout=LPSTAT_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return found.returncode == 0


def lp_arguments(queue: str, pdf: Path, title: str, paper: Paper,
                 options: Mapping[str, str] | None = None) -> list[str]:
    """The ``lp`` command line (without the program) for one batch."""
    arguments = ["-d", queue, "-t", title, "-n", "1",
                 "-o", f"media={MEDIA[paper]}", "-o", "print-scaling=none"]
    for name, value in (options or {}).items():
        arguments += ["-o", f"{name}={value}"]
    return [*arguments, "--", str(pdf)]


def submit_pdf(queue: str, pdf: Path, title: str, paper: Paper,
               options: Mapping[str, str] | None = None) -> str:
    """Give ``pdf`` to the CUPS queue ``queue``; returns the print job's id ("office-42").

    ``options`` are further CUPS job options (``sides=two-sided-long-edge``). Raises
    :class:`RuleError` (``print_queue_failed``, with lp's own words) when the queue refuses
    it: the file is then not printed at all.
    """
    lp = shutil.which("lp")
    if lp is None:
        raise RuleError([error("print_queue_no_lp", queue=queue)])
    try:
        done = subprocess.run([lp, *lp_arguments(queue, pdf, title, paper, options)],
                              capture_output=True, text=True, timeout=LP_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as failure:
        raise RuleError([error("print_queue_failed", queue=queue, error=failure)]) from failure
    said = (done.stderr.strip() or done.stdout.strip()).removeprefix("lp: ")
    found = _REQUEST_ID.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise RuleError([error("print_queue_failed", queue=queue,
                               error=said or f"lp exit status {done.returncode}")])
    return found.group(1)
