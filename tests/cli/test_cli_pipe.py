"""``ballotdesk … | head``: a reader that leaves early ends the command quietly, as a Unix
tool ends (status 141, 128 + SIGPIPE), not with "无法读写文件“”：Broken pipe"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop.cli import SIGPIPE_STATUS
from desktop.cli.common import PASSWORD_ENV_VAR, USER_ENV_VAR
from tests.conftest import ORGANISER, PASSWORD, Cli

#: Enough output that the command is still writing when the reader has gone (a pipe holds
#: 64 KiB on Linux).
MIN_OUTPUT_BYTES = 256 * 1024


def test_a_reader_that_leaves_early_ends_the_command_quietly(cli: Cli, db_url: str,
                                                             tmp_path: Path) -> None:
    cli.ok("demo")
    command = [sys.executable, "-m", "desktop.cli", "--db", db_url, "--json", "audit", "list"]
    env = {**os.environ, USER_ENV_VAR: ORGANISER.name, PASSWORD_ENV_VAR: PASSWORD,
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    whole = subprocess.run(command, env=env, capture_output=True, check=True)
    assert len(whole.stdout) > MIN_OUTPUT_BYTES, "too little output to fill the pipe"
    # What `| head -c 10` does: read a little, then close the pipe.
    reader = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.read(10) == whole.stdout[:10]
    reader.stdout.close()
    error = reader.stderr.read()
    assert reader.wait(timeout=60) == SIGPIPE_STATUS
    assert error == b"", error.decode("utf-8", "replace")
