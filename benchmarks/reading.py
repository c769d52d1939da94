"""How well ballots are read: the independent corpus (docs/corpus-independent.md) from BENCHMARK
seeds, read through the real pipeline on every core, scored against its truth.

    .venv/bin/python benchmarks/reading.py [--ballots 200] [--seed 9000] [--out DIR]
                                           [--workers N] [--json figures.json]

A folder already holding these ballots (same seeds, same generator) is read again as it is.
Prints pages and targets; confident wrong reads (the first 20 listed); doubtful targets sent to
review; clear pages sent to review; findable pages lost; pages with a visible code nobody can
record; the same per subset (scanner, camera, 1-bit, colour, PDF); CPU and wall time; load.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.scanning.independent import ballot, figures, generate
from tests.scanning.independent.generate import BENCHMARK_SEEDS, PageTruth

#: Ballots per generation task handed to a worker.
CHUNK = 4
#: Beside the corpus: the hash of the generator that made it (another generator: made again).
GENERATOR_STAMP = "generator.sha256"
GENERATOR_MODULES = ("ballot.py", "ink.py", "voter.py", "acquire.py", "visible.py",
                     "generate.py")


def generator_hash() -> str:
    folder = Path(generate.__file__).parent
    digest = hashlib.sha256()
    for name in GENERATOR_MODULES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


def _generate_chunk(seeds: list[int], out: Path) -> list[PageTruth]:
    return generate.generate(seeds, out)


def corpus(seeds: list[int], out: Path, workers: int) -> list[PageTruth]:
    """The ballots of ``seeds`` in ``out``: read from its truth file when it has exactly these,
    generated on ``workers`` processes otherwise."""
    stamp = out / GENERATOR_STAMP
    if (out / generate.TRUTH_FILE).is_file() and stamp.is_file() \
            and stamp.read_text() == generator_hash():
        truths = generate.load_truth(out)
        if sorted({t.seed for t in truths}) == seeds and all(
                (out / t.file).is_file() for t in truths):
            print(f"reusing {len(truths)} pages in {out}")
            return truths
    out.mkdir(parents=True, exist_ok=True)
    chunks = [seeds[i:i + CHUNK] for i in range(0, len(seeds), CHUNK)]
    started = time.monotonic()
    truths = []
    with ProcessPoolExecutor(workers) as pool:
        for done, part in enumerate(pool.map(_generate_chunk, chunks, [out] * len(chunks)), 1):
            truths += part
            print(f"\rgenerated {done * CHUNK}/{len(seeds)} ballots", end="", flush=True)
    print(f"\rgenerated {len(seeds)} ballots ({len(truths)} pages) in "
          f"{time.monotonic() - started:.0f} s")
    generate.write_truth(truths, out)
    stamp.write_text(generator_hash())
    return truths


class CpuMeter:
    """CPU seconds of this process and all its descendants while running. The reading workers
    are started by a fork server, so they are not our children for ``getrusage``: on Linux they
    are sampled from /proc every ``SAMPLE_S`` (the last fraction of a sample may be missed)."""

    SAMPLE_S = 0.2

    def __init__(self) -> None:
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> CpuMeter:
        self.start = self._own()
        self.before = self._descendants()
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        self.seconds = self._own() - self.start + sum(
            cpu - self.before.get(pid, 0.0) for pid, cpu in self.seen.items())

    @staticmethod
    def _own() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def _run(self) -> None:
        while not self.stop.wait(self.SAMPLE_S):
            for pid, cpu in self._descendants().items():
                self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))
        for pid, cpu in self._descendants().items():
            self.seen[pid] = max(cpu, self.seen.get(pid, 0.0))

    def _descendants(self) -> dict[int, float]:
        """pid → CPU seconds of every process below this one (empty without /proc)."""
        stats: dict[int, tuple[int, float]] = {}
        for entry in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = entry.read_text()
            except OSError:
                continue
            fields = text[text.rindex(")") + 2:].split()
            stats[int(entry.parent.name)] = (int(fields[1]),
                                             (int(fields[11]) + int(fields[12])) / self.tick)
        mine, found = {os.getpid()}, {}
        grew = True
        while grew:
            grew = False
            for pid, (parent, cpu) in stats.items():
                if parent in mine and pid not in mine:
                    mine.add(pid)
                    found[pid] = cpu
                    grew = True
        return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=200)
    parser.add_argument("--seed", type=int, default=BENCHMARK_SEEDS.start)
    parser.add_argument("--out", type=Path, help="the corpus folder (made or reused)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    seeds = list(range(args.seed, args.seed + args.ballots))
    if seeds[0] not in BENCHMARK_SEEDS or seeds[-1] not in BENCHMARK_SEEDS:
        parser.error(f"seeds must lie in the benchmark range {BENCHMARK_SEEDS.start}–"
                     f"{BENCHMARK_SEEDS.stop - 1}: the others are for tuning and for tests")
    out = args.out or Path(tempfile.gettempdir()) / f"ballotdesk-reading-{args.seed}-{args.ballots}"
    truths = corpus(seeds, out, args.workers)

    load_before = os.getloadavg()
    wall = time.monotonic()
    with CpuMeter() as meter:
        results = figures.read_pages(out, truths, ballot.read_context(), args.workers)
    cpu, wall = meter.seconds, time.monotonic() - wall
    load_after = os.getloadavg()

    scored = figures.score(truths, results)
    print(figures.report(scored))
    timing = {"pages": len(truths), "workers": args.workers, "cpu_seconds": round(cpu, 1),
              "wall_seconds": round(wall, 1), "cpu_ms_per_page": round(1000 * cpu / len(truths)),
              "load_before": [round(v, 2) for v in load_before],
              "load_after": [round(v, 2) for v in load_after]}
    print(f"\nread {len(truths)} pages on {args.workers} processes: CPU {cpu:.1f} s "
          f"({timing['cpu_ms_per_page']} ms/page), wall {wall:.1f} s; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (1 min)")
    if args.json:
        figures.write_json(scored, args.json, {"ballots": args.ballots, "seed": args.seed,
                                               "folder": str(out), "timing": timing})
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
