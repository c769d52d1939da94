"""What the online reader decides on a file's head holds for the whole file (issue 15, part 7).

The import reads a UTF-8 file's head in Python and lets pandas decode the rest, hashes the file
as it reads it in pieces, and sifts IPs and voters by hash buckets before grouping their texts.
These files are bigger than that head (``online_read.HEAD_BYTES``), with what matters past it:
a speed-motivated change that decided on the head alone, or took a bucket for a text, fails
here.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ballotformat.messages import RuleError
from desktop.core.online.match import Mapping
from desktop.core.online.read import HEAD_BYTES
from desktop.core.online.votes import FraudRules, VoteColumn, count_votes
from desktop.core.registry.service import CampaignInfo
from desktop.core.services import Services
from tests.online.test_online_common import WINDOW, codes, counts, ids

__all__ = ["ids"]
Ids = dict[tuple[str, int], int]
HEADER = f"投票时间,用户ID,IP,{WINDOW}"
#: ASCII rows (the candidate by number), two seconds apart and each from its own IP and voter:
#: nothing for the fraud checks; as many as fill more than the head.
QUIET_ROWS = HEAD_BYTES // 40 + 1000


def quiet_rows(count: int = QUIET_ROWS) -> list[str]:
    start = pd.Timestamp("2026-05-01 00:00:00")
    return [f"{(start + pd.Timedelta(seconds=2 * i)):%Y-%m-%d %H:%M:%S},u{i},"
            f"10.{i // 65536}.{i // 256 % 256}.{i % 256},{i % 3 + 1}" for i in range(count)]


def test_a_file_utf8_in_its_head_and_gbk_after_it_is_read_as_gbk(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    tail = "2026-06-01 08:00:00,后来的人,10.9.9.9,东湖街道便民窗口"
    # an ASCII header (the choice column named by a mapping): the head is UTF-8 as well
    path.write_bytes("\r\n".join(["time,voter,IP,window", *quiet_rows()]).encode("gbk")
                     + b"\r\n" + tail.encode("gbk"))
    assert path.stat().st_size > HEAD_BYTES
    mapping = Mapping({"window": f"choice:{WINDOW}"})
    preview = services.online.preview(campaign.id, path, "平台A", mapping)
    assert preview.ok, [m.text("en") for m in preview.errors]
    assert preview.encoding in ("gbk", "gb18030")
    # the GBK name past the head is read as its candidate: one vote more for number 1
    assert preview.totals[ids[WINDOW, 1]] == (QUIET_ROWS + 2) // 3 + 1


def test_a_bom_file_with_bytes_past_the_head_that_are_not_utf8_is_refused(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    tail = "2026-06-01 08:00:00,后来的人,10.9.9.9,东湖街道便民窗口".encode("gbk")
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join([HEADER, *quiet_rows()]).encode()
                     + b"\r\n" + tail)
    before = counts(services)
    with pytest.raises(RuleError) as refused:
        services.online.preview(campaign.id, path, "平台A")
    assert [m.code for m in refused.value.messages] == ["file_encoding"]
    assert counts(services) == before


def test_a_nul_byte_past_the_head_is_a_binary_file(services: Services, campaign: CampaignInfo,
                                                   ids: Ids, tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes("\r\n".join([HEADER, *quiet_rows()]).encode() + b"\r\n\x00\x00")
    with pytest.raises(RuleError) as refused:
        services.online.preview(campaign.id, path, "平台A")
    assert [m.code for m in refused.value.messages] == ["file_binary"]


def test_flags_the_hash_and_the_same_rows_in_a_file_bigger_than_the_head(
        services: Services, campaign: CampaignInfo, ids: Ids, tmp_path: Path) -> None:
    burst = [f"2026-06-01 08:00:{s:02d},b{s},10.200.0.1,2" for s in range(25)]  # 25 in 25 s
    rows = [HEADER, *quiet_rows(), *burst]
    path = tmp_path / "votes.csv"
    path.write_bytes("\r\n".join(rows).encode("utf-8-sig"))
    preview = services.online.preview(campaign.id, path, "平台A")
    assert preview.ok, [m.text("en") for m in preview.errors]
    assert preview.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert [f.row for f in preview.flags] == list(range(QUIET_ROWS + 2, QUIET_ROWS + 27))
    assert {f.reasons for f in preview.flags} == {("ip_burst",)}
    assert preview.unflagged[ids[WINDOW, 2]] == preview.totals[ids[WINDOW, 2]] - 25
    services.online.commit(preview)
    # the same rows with other line ends: another file (hash), the same votes
    resaved = tmp_path / "votes_lf.csv"
    resaved.write_bytes("\n".join(rows).encode("utf-8"))
    again = services.online.preview(campaign.id, resaved, "平台A")
    assert codes(again.errors) == ["online_same_rows"]


def test_texts_that_share_a_hash_bucket_are_not_taken_for_one() -> None:
    # two IPs whose hashes agree in their low 16 bits (more than the buckets of 6 rows use)
    seen: dict[int, str] = {}
    for n in itertools.count():
        text = f"10.0.{n // 256}.{n % 256}" if n < 65536 else f"172.16.{n}"
        other = seen.setdefault(hash(text) & 0xFFFF, text)
        if other != text:
            break
    ips = np.array([other] * 3 + [text] * 3, object)
    votes = VoteColumn(0, np.zeros(6, np.int64), ((1,),))
    times = np.array([f"2026-05-01 10:00:0{s}" for s in range(6)], object)
    rules = FraudRules(ip_burst_votes=3, ip_burst_seconds=60)
    assert count_votes([votes], {1: 1}, times, None, ips, rules).flags == {}
    ips[2] = text  # now one IP has 4 votes within the minute
    flagged = count_votes([votes], {1: 1}, times, None, ips, rules).flags
    assert flagged == dict.fromkeys(range(2, 6), ("ip_burst",))
