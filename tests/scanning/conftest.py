"""Session fixtures: the corpus is built once (in a temp folder) and read once on 2 processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ballotformat import Layout
from scanning import PageResult, ReadContext, interpret_files
from tests.scanning.corpus import CAMPAIGN_ID, SECRET, Sample, build_corpus, make_layout


@pytest.fixture(scope="session")
def layout() -> Layout:
    return make_layout()


@pytest.fixture(scope="session")
def context(layout: Layout) -> ReadContext:
    return ReadContext.of({CAMPAIGN_ID: SECRET}, [layout])


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scan-corpus")
    build_corpus(folder)
    return folder


@pytest.fixture(scope="session")
def corpus(corpus_dir: Path) -> list[Sample]:
    from tests.scanning.corpus import load_corpus

    return load_corpus(corpus_dir)


@pytest.fixture(scope="session")
def corpus_results(corpus_dir: Path, corpus: list[Sample], context: ReadContext
                   ) -> list[PageResult]:
    paths = [corpus_dir / sample.file for sample in corpus]
    return [result for _path, result in interpret_files(paths, context, workers=2)]
