"""A private CUPS scheduler with a cups-pdf queue, for the printing test and benchmark.

``cupsd`` runs with its own configuration, spool and socket in a temporary folder (nothing in
/etc is read or changed), and ``$CUPS_SERVER`` points ``lp``, ``lpstat`` and Qt at it. The
queue prints through the ``cups-pdf`` backend (printer-driver-cups-pdf), which writes each job
as a PDF where /etc/cups/cups-pdf.conf says (``Out``, by default ``~/PDF`` of the job's user),
named after the job's title (plus whatever it adds): give every job a unique title and
:meth:`CupsServer.wait_for` finds its file.

cups-pdf only runs as root (CUPS runs a backend as root only when it is not readable by
others), so :func:`unavailable` gives the reason to skip elsewhere.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CUPSD = Path("/usr/sbin/cupsd")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
QUEUE = "ballotdesk-test-pdf"
#: How long the scheduler may take to come up, and a job to come out.
START_TIMEOUT_S = 20
JOB_TIMEOUT_S = 300
POLL_S = 0.1


def unavailable() -> str:
    """Why this machine cannot run the private scheduler ("" when it can)."""
    missing = [str(p) for p in (CUPSD, CUPS_PDF_BACKEND, CUPS_PDF_PPD) if not p.exists()]
    if missing or not shutil.which("lp") or not shutil.which("lpadmin"):
        return ("CUPS with cups-pdf is not installed (apt-get install --no-install-recommends "
                "cups cups-client printer-driver-cups-pdf); missing: "
                + ", ".join(missing or ["lp/lpadmin"]))
    if os.geteuid() != 0:
        return "cups-pdf runs only under a scheduler started as root"
    return ""


def output_folder(user: str) -> Path:
    """Where cups-pdf writes ``user``'s jobs: ``Out`` of cups-pdf.conf, ``${HOME}`` filled."""
    folder = "${HOME}/PDF"
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip().startswith("Out "):
                folder = line.strip()[4:].strip()
    home = pwd.getpwnam(user).pw_dir
    return Path(folder.replace("${HOME}", home).replace("${USER}", user))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class CupsServer:
    root: Path
    process: subprocess.Popen[bytes]
    queue: str
    output: Path

    @property
    def socket(self) -> str:
        return str(self.root / "cups.sock")

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": self.socket}

    def wait_for(self, job_id: str, title: str, timeout_s: float = JOB_TIMEOUT_S) -> Path:
        """The PDF cups-pdf wrote for ``job_id`` (``<title>…-job_<n>.pdf``: it may add to the
        title), once the job is completed; AssertionError with the scheduler's log when it
        failed or timed out."""
        number = job_id.rpartition("-")[2]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            done = subprocess.run(["lpstat", "-W", "completed", "-o", self.queue],
                                  capture_output=True, text=True, env=self.env(), check=False)
            if re.search(rf"^{re.escape(job_id)}\s", done.stdout, re.MULTILINE):
                found = sorted(self.output.glob(f"{glob.escape(title)}*-job_{number}.pdf"))
                if len(found) == 1:
                    return found[0]
                raise AssertionError(f"job {job_id}: {found} in {self.output}:\n{self.log()}")
            time.sleep(POLL_S)
        raise AssertionError(f"job {job_id} not completed in {timeout_s} s:\n{self.log()}")

    def log(self) -> str:
        errors = self.root / "error_log"
        return errors.read_text(errors="replace")[-4000:] if errors.exists() else ""


def _write_config(root: Path) -> None:
    for name in ("spool", "cache", "state", "tmp"):
        (root / name).mkdir()
    # Filters run as the "lp" user: they must write their temporary files.
    (root / "tmp").chmod(0o1777)
    (root / "cupsd.conf").write_text(
        f"Listen {root / 'cups.sock'}\nListen 127.0.0.1:{_free_port()}\nLogLevel warn\n"
        "WebInterface No\nBrowsing No\n<Location />\n  Order allow,deny\n  Allow all\n"
        "</Location>\n", encoding="ascii")
    (root / "cups-files.conf").write_text(
        f"ServerRoot {root}\nRequestRoot {root / 'spool'}\nCacheDir {root / 'cache'}\n"
        f"StateDir {root / 'state'}\nTempDir {root / 'tmp'}\nErrorLog {root / 'error_log'}\n"
        f"AccessLog {root / 'access_log'}\nPageLog {root / 'page_log'}\n", encoding="ascii")


@contextlib.contextmanager
def private_cups(root: Path) -> Iterator[CupsServer]:
    """A scheduler in ``root`` (an empty folder) with one cups-pdf queue, stopped at the end."""
    _write_config(root)
    process = subprocess.Popen(
        [str(CUPSD), "-f", "-c", str(root / "cupsd.conf"), "-s", str(root / "cups-files.conf")],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = CupsServer(root, process, QUEUE, output_folder(pwd.getpwuid(os.geteuid()).pw_name))
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        add_queue = ["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-P", str(CUPS_PDF_PPD)]
        # lpadmin fails until the scheduler listens ("lpstat -r" exits 0 either way).
        while subprocess.run(add_queue, capture_output=True, env=server.env(),
                             check=False).returncode != 0:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start:\n{server.log()}")
            time.sleep(POLL_S)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=START_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
