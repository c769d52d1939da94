"""Whether more reading workers are ever slower: wall and CPU seconds of ``interpret_files`` on
batches of 300 dpi JPEG scans with 1 and 2 workers, each run in a fresh process (as the CLI
runs: the reading pool, its fork server included, starts from nothing), the runs interleaved
(1, 2, 1, 2, … workers for each batch size) so that the machine's other load falls on both
alike, with the load average before each run.

    .venv/bin/python benchmarks/workers.py [--pages 20 80] [--repeats 3]

"read" is the wall time of the batch inside the process (pool start and close included);
"process" is the whole process seen from here (Python and the imports, and the wait at exit
for a pool that started but was never used); CPU counts the process and every worker.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tests.scanning.corpus import CAMPAIGN_ID, SECRET, make_layout

from interpret import write_scans
from reading import CpuMeter
from scanning import batch

WORKER_COUNTS = (1, 2)


def read_once(folder: Path, pages: int, workers: int) -> dict[str, float | int]:
    """In the child process: read the first ``pages`` scans once."""
    paths = sorted(folder.glob("*.jpg"))[:pages]
    context = batch.ReadContext.of({CAMPAIGN_ID: SECRET}, [make_layout()])
    stats = batch.ReadStats()
    start = time.perf_counter()
    with CpuMeter() as meter:
        tasks = ((str(path), str(path)) for path in paths)
        accepted = sum(result is not None and result.status.value == "accepted"
                       for _path, result in batch.read_in_order(tasks, context, workers,
                                                                expected=len(paths),
                                                                stats=stats))
    return {"read_s": time.perf_counter() - start, "cpu_s": meter.seconds,
            "accepted": accepted, "pool": stats.workers, "in_process": stats.in_process,
            "in_workers": stats.in_workers}


def run_child(folder: Path, pages: int, workers: int) -> dict[str, float | int]:
    start = time.perf_counter()
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), str(pages), str(workers)],
        check=True, capture_output=True, text=True).stdout
    result: dict[str, float | int] = json.loads(output.strip().splitlines()[-1])
    result["process_s"] = time.perf_counter() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, nargs="+", default=[20, 80])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, pages, workers = args.child
        print(json.dumps(read_once(Path(folder), int(pages), int(workers))))
        return
    print(f"cores: {os.cpu_count()}; MIN_PAGES_PER_WORKER {batch.MIN_PAGES_PER_WORKER}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_scans(folder, max(args.pages), ".jpg")
        runs: dict[tuple[int, int], list[dict[str, float | int]]] = {}
        for pages in args.pages:
            for repeat in range(args.repeats):
                for workers in WORKER_COUNTS:
                    load = os.getloadavg()[0]
                    result = run_child(folder, pages, workers)
                    result["load"] = load
                    runs.setdefault((pages, workers), []).append(result)
                    print(f"{pages:4d} pages, {workers} worker(s), run {repeat + 1}: read "
                          f"{result['read_s']:.2f} s wall, {result['cpu_s']:.2f} s CPU; process "
                          f"{result['process_s']:.2f} s; pool {result['pool']} "
                          f"({result['in_process']} pages here, {result['in_workers']} in "
                          f"workers); load {load:.2f}", flush=True)
    print("\nmedians:")
    for pages in args.pages:
        row = {workers: runs[(pages, workers)] for workers in WORKER_COUNTS}
        med = {w: {key: statistics.median(r[key] for r in results)
                   for key in ("read_s", "cpu_s", "process_s")} for w, results in row.items()}
        print(f"{pages:4d} pages: 1 worker read {med[1]['read_s']:.2f} s / CPU "
              f"{med[1]['cpu_s']:.2f} s / process {med[1]['process_s']:.2f} s; 2 workers "
              f"{med[2]['read_s']:.2f} / {med[2]['cpu_s']:.2f} / {med[2]['process_s']:.2f} s; "
              f"2 over 1 (process wall): {med[2]['process_s'] / med[1]['process_s']:.2f}×")


if __name__ == "__main__":
    main()
