"""A second, independent corpus of marked and scanned ballots (docs/corpus-independent.md).

Written apart from the reader (``scanning/``) and from the first corpus (tests/scanning/corpus.py,
pens.py), and not tuned against either: the reader is trusted only on pages it was not tuned on.

- :mod:`.ballot`: the campaign (3 × 50 candidates, "选 10 名", A4, 3 pages), printed by the
  project's own layout and PDF code and rasterized by PDFium at 300 dpi;
- :mod:`.ink`: pens (pencil 2B/HB/light, ballpoint black/blue/red, gel, marker) and strokes;
- :mod:`.voter`: what a voter draws on a page and what a careful person reads from it;
- :mod:`.acquire`: scanners and document cameras, and the files they write;
- :mod:`.visible`: what of each drawn mark the image shows (a mark the acquisition lost is
  ``unseen``);
- :mod:`.generate`: ballots from seeds, with each page's truth;
- :mod:`.figures`: reading them through the real pipeline and scoring.

Seeds (one seed = one ballot, its serial): TUNING 1000–1999 (the reader's authors may look at
these), CHECK 5000–5999 (the tests' fixed sample), BENCHMARK 9000–9999 (benchmarks/reading.py).
"""
