"""Makes the office files under tests/data/imports/ (run by hand; the tests read the committed
files and need neither this script nor LibreOffice).

    apt-get install -y --no-install-recommends libreoffice-calc-nogui
    .venv/bin/python tests/data/imports/make_files.py

乡镇推荐表.xlsx is the form as a township fills it in (title row, a two-row header whose
基本情况 group is merged over 性别/出生年月/政治面貌, a 序号 column, a 推荐奖项 column merged
over the rows of one category, a 填表人/日期 footer). LibreOffice re-saves it as .xlsx, as
legacy .xls (Excel 97, what WPS and old offices send) and as a GBK CSV, the way the office's
own program writes them.

平台A投票明细_gbk.csv is an online platform's per-vote export (GBK, as Chinese platforms write
it) for the candidates of tests/online/test_online_common.py, 平台A票数_gbk.csv its totals export;
LibreOffice re-saves each as .xlsx, the way an organiser "tidies" a file before sending it on.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
STAFF, WINDOW = "十佳优秀服务标兵", "十佳优良服务窗口"
ROWS = [
    ["1", STAFF, "周洋", "东湖街道", "男", "1980-05", "中共党员", "扎根基层二十年"],
    ["2", None, "孙悦", "东湖街道", "女", "1990-01", "群众", "窗口服务零投诉"],
    ["3", None, "陈曾", "西山镇", "男", "1975-11", "中共党员", "调解纠纷三百件"],
    ["4", WINDOW, "东湖街道便民服务中心", "东湖街道", None, None, None, "一窗通办"],
]


#: The same form from a Big5 office (traditional characters, 陳曾 whose Big5 bytes are also
#: valid GBK: 朝纯).
BIG5_ROWS = [
    ["1", "十佳優秀服務標兵", "陳曾", "東湖街道", "男", "1975-11", "群眾", "調解糾紛三百件"],
    ["2", None, "張偉明", "東湖街道", "男", "1980-05", "群眾", "紮根基層"],
]
#: Its headers: 奖项 and 推荐单位 in traditional characters are other words.
BIG5_HEADER = ["序號", "獎項", "姓名", "推薦單位", "基本情況", None, None, "事蹟簡介"]


def form(path: Path, rows: list[list[str | None]] = ROWS,
         header: list[str | None] | None = None) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "推荐汇总"
    sheet.append(["2026年度十佳评选推荐汇总表"])
    sheet.merge_cells("A1:H1")
    sheet.append(header or ["序号", "推荐奖项", "姓名", "推荐单位", "基本情况", None, None,
                            "事迹简介"])
    sheet.append([None, None, None, None, "性别", "出生年月", "政治面貌", None])
    for column in "ABCDH":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("E2:G2")
    for row in rows:
        sheet.append(row)
    sheet.merge_cells(f"B4:B{3 + len(rows) - (rows is ROWS)}")  # the first category's rows
    sheet.append([])
    sheet.append(["填表人：王芳", None, None, None, None, "日期：2026年11月2日"])
    book.save(path)


def online_exports(folder: Path) -> None:
    rng = random.Random(13)
    options = ["01.张三", "02.李四", "03.王芳"]
    lines = ["投票时间,用户ID,IP,十佳优秀服务标兵"]
    counts = dict.fromkeys(options, 0)
    for i in range(240):
        option = rng.choice(options)
        counts[option] += 1
        second = rng.randrange(60)
        lines.append(f"2026-05-{1 + i // 60:02d} {8 + i % 12:02d}:{i % 60:02d}:{second:02d},"
                     f"wx_{rng.randrange(10**6):06d},"
                     f"10.0.{rng.randrange(256)}.{rng.randrange(256)},{option}")
    (folder / "平台A投票明细_gbk.csv").write_bytes("\r\n".join(lines).encode("gbk"))
    totals = ["奖项,编号,名称,票数"] + [
        f"十佳优秀服务标兵,{option[:2]},{option[3:]},{n}" for option, n in counts.items()]
    (folder / "平台A票数_gbk.csv").write_bytes("\r\n".join(totals).encode("gbk"))


def convert(source: Path, target: Path, filter_name: str) -> None:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["soffice", "--headless", "--convert-to", filter_name, "--outdir", out,
                        str(source)], check=True, capture_output=True, timeout=120)
        shutil.move(next(Path(out).iterdir()), target)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        written = Path(tmp) / "form.xlsx"
        form(written)
        convert(written, HERE / "乡镇推荐表.xlsx", "xlsx")
        convert(written, HERE / "乡镇推荐表.xls", "xls")
        # The CSV filter's options: commas (44), quotes (34), the character set (67: GBK,
        # 68: Big5).
        convert(written, HERE / "乡镇推荐表_gbk.csv", "csv:Text - txt - csv (StarCalc):44,34,67")
        traditional = Path(tmp) / "big5.xlsx"
        form(traditional, BIG5_ROWS, BIG5_HEADER)
        convert(traditional, HERE / "推薦表_big5.csv", "csv:Text - txt - csv (StarCalc):44,34,68")
        online_exports(HERE)
        for name in ("平台A投票明细", "平台A票数"):
            # the CSV import filter's options: commas, quotes, GBK (67), from line 1
            shutil.copy(HERE / f"{name}_gbk.csv", Path(tmp) / f"{name}.csv")
            subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,67,1",
                            "--convert-to", "xlsx", "--outdir", tmp,
                            str(Path(tmp) / f"{name}.csv")], check=True, capture_output=True,
                           timeout=120)
            shutil.move(Path(tmp) / f"{name}.xlsx", HERE / f"{name}.xlsx")


if __name__ == "__main__":
    main()
