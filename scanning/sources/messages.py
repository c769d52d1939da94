"""Problem texts in Simplified Chinese and English.

``scanning`` has neither Qt (no ``tr()``) nor the desktop core: its texts are registered in the
ballot format's catalogue (``ballotformat.messages``, the bottom layer both import), in the
same shape as the other features' (code -> (Chinese, English), ``str.format`` parameters), and
read in the same language; every code starts with ``source_``.

Every text says what happened and what to do, and says so when nothing was lost.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from ballotformat.messages import Message, register

if TYPE_CHECKING:
    from scanning.sources.base import AcquisitionProblem


class ProblemCode(StrEnum):
    """Why an item could not be acquired. Texts in both languages: :mod:`.messages`."""

    FILE_NOT_FOUND = "source_file_not_found"
    FILE_UNREADABLE = "source_file_unreadable"
    FILE_EMPTY = "source_file_empty"
    FILE_NOT_IMAGE = "source_file_not_image"
    IMAGE_TRUNCATED = "source_image_truncated"
    IMAGE_CORRUPT = "source_image_corrupt"
    PAGE_CORRUPT = "source_page_corrupt"
    IMAGE_TOO_LARGE = "source_image_too_large"
    FILE_FAILED = "source_file_failed"
    PDF_ENCRYPTED = "source_pdf_encrypted"
    PDF_CORRUPT = "source_pdf_corrupt"
    PDF_EMPTY = "source_pdf_empty"
    FOLDER_NOT_FOUND = "source_folder_not_found"
    FOLDER_UNREADABLE = "source_folder_unreadable"
    SCANNER_SUPPORT_MISSING = "source_scanner_support_missing"
    SCANNER_INIT_FAILED = "source_scanner_init_failed"
    SCANNER_NOT_FOUND = "source_scanner_not_found"
    SCANNER_OPEN_FAILED = "source_scanner_open_failed"
    SCANNER_BUSY = "source_scanner_busy"
    SCANNER_ACCESS_DENIED = "source_scanner_access_denied"
    SCANNER_SOURCE_UNKNOWN = "source_scanner_source_unknown"
    FEEDER_EMPTY = "source_feeder_empty"
    FEEDER_JAMMED = "source_feeder_jammed"
    COVER_OPEN = "source_cover_open"
    SCANNER_IO_ERROR = "source_scanner_io_error"
    SCANNER_NO_MEMORY = "source_scanner_no_memory"
    SCANNER_CANCELLED = "source_scanner_cancelled"
    SCANNER_FAILED = "source_scanner_failed"
    SCANNER_BAD_IMAGE = "source_scanner_bad_image"
    CAMERA_OPEN_FAILED = "source_camera_open_failed"
    CAMERA_LOST = "source_camera_lost"


_NOTHING_LOST_ZH = "其余文件不受影响。"
_NOTHING_LOST_EN = "The other files are not affected."

CATALOG: dict[str, tuple[str, str]] = {
    ProblemCode.FILE_NOT_FOUND: (
        "找不到文件“{path}”。",
        "File “{path}” was not found.",
    ),
    ProblemCode.FILE_UNREADABLE: (
        "无法读取文件“{path}”（没有权限或磁盘错误）。" + _NOTHING_LOST_ZH,
        "File “{path}” cannot be read (no permission or a disk error). " + _NOTHING_LOST_EN,
    ),
    ProblemCode.FILE_EMPTY: (
        "文件“{path}”是空的（0 字节），可能还没有写完。",
        "File “{path}” is empty (0 bytes); it may not have been written yet.",
    ),
    ProblemCode.FILE_NOT_IMAGE: (
        "文件“{path}”不是图片或 PDF（支持 PNG、JPEG、BMP、TIFF、PDF），已跳过。",
        "File “{path}” is not an image or a PDF (PNG, JPEG, BMP, TIFF and PDF are read); "
        "skipped.",
    ),
    ProblemCode.IMAGE_TRUNCATED: (
        "图片“{path}”不完整（文件被截断），可能在复制或扫描时中断。请重新扫描或复制这张选票。"
        + _NOTHING_LOST_ZH,
        "Image “{path}” is incomplete (the file is cut short), perhaps copying or scanning was "
        "interrupted. Scan or copy this ballot again. " + _NOTHING_LOST_EN,
    ),
    ProblemCode.IMAGE_CORRUPT: (
        "图片“{path}”已损坏，无法解码。请重新扫描这张选票。" + _NOTHING_LOST_ZH,
        "Image “{path}” is damaged and cannot be decoded. Scan this ballot again. "
        + _NOTHING_LOST_EN,
    ),
    ProblemCode.PAGE_CORRUPT: (
        "“{path}”的第 {page} 页已损坏，无法读取；其他页照常读取。",
        "Page {page} of “{path}” is damaged and cannot be read; the other pages are read as "
        "usual.",
    ),
    ProblemCode.IMAGE_TOO_LARGE: (
        "图片“{path}”过大（{megapixels} 百万像素），超过可读取的上限 {limit} 百万像素"
        "（A3 纸 1200 dpi 约 279 百万像素），未读取。请以 300–600 dpi 重新扫描。"
        + _NOTHING_LOST_ZH,
        "Image “{path}” is too large ({megapixels} megapixels), over the limit of {limit} "
        "megapixels (A3 at 1200 dpi is about 279); it was not read. Scan it again at "
        "300–600 dpi. " + _NOTHING_LOST_EN,
    ),
    ProblemCode.FILE_FAILED: (
        "文件“{path}”读取失败（{error}），已作为不计票的一页记下。" + _NOTHING_LOST_ZH,
        "File “{path}” could not be read ({error}); it is noted as a page that does not "
        "count. " + _NOTHING_LOST_EN,
    ),
    ProblemCode.PDF_ENCRYPTED: (
        "PDF“{path}”设有打开密码，无法读取。请在扫描仪上关闭 PDF 加密后重新扫描。",
        "PDF “{path}” is password-protected and cannot be read. Turn off PDF encryption on the "
        "scanner and scan again.",
    ),
    ProblemCode.PDF_CORRUPT: (
        "PDF“{path}”已损坏或不完整，无法打开。" + _NOTHING_LOST_ZH,
        "PDF “{path}” is damaged or incomplete and cannot be opened. " + _NOTHING_LOST_EN,
    ),
    ProblemCode.PDF_EMPTY: (
        "PDF“{path}”没有任何页面。",
        "PDF “{path}” has no pages.",
    ),
    ProblemCode.FOLDER_NOT_FOUND: (
        "找不到文件夹“{path}”。",
        "Folder “{path}” was not found.",
    ),
    ProblemCode.FOLDER_UNREADABLE: (
        "无法读取文件夹“{path}”（没有权限或磁盘错误）。",
        "Folder “{path}” cannot be read (no permission or a disk error).",
    ),
    ProblemCode.SCANNER_SUPPORT_MISSING: (
        "未安装扫描仪支持（python-sane 与 SANE）。请安装 ballotdesk[scanner]，"
        "或让扫描仪“扫描到文件夹”后导入文件夹。",
        "Scanner support (python-sane and SANE) is not installed. Install ballotdesk[scanner], "
        "or let the scanner scan to a folder and import the folder.",
    ),
    ProblemCode.SCANNER_INIT_FAILED: (
        "无法启动扫描仪驱动（SANE）：{error}",
        "The scanner drivers (SANE) could not be started: {error}",
    ),
    ProblemCode.SCANNER_NOT_FOUND: (
        "找不到扫描仪“{device}”。请检查电源和数据线，然后刷新扫描仪列表。",
        "Scanner “{device}” was not found. Check its power and cable, then refresh the list.",
    ),
    ProblemCode.SCANNER_OPEN_FAILED: (
        "无法打开扫描仪“{device}”：{error}",
        "Scanner “{device}” could not be opened: {error}",
    ),
    ProblemCode.SCANNER_BUSY: (
        "扫描仪“{device}”正被其他程序使用。请关闭其他扫描软件后重试。",
        "Scanner “{device}” is in use by another program. Close other scanning software and "
        "try again.",
    ),
    ProblemCode.SCANNER_ACCESS_DENIED: (
        "没有使用扫描仪“{device}”的权限。",
        "No permission to use scanner “{device}”.",
    ),
    ProblemCode.SCANNER_SOURCE_UNKNOWN: (
        "扫描仪“{device}”没有“{source}”这个进纸方式。可选：{sources}（或 ADF、duplex、flatbed）。",
        "Scanner “{device}” has no source “{source}”. It has: {sources} (or say ADF, duplex, "
        "flatbed).",
    ),
    ProblemCode.FEEDER_EMPTY: (
        "进纸器里没有选票。请放入选票后再开始扫描。",
        "The document feeder is empty. Load the ballots, then start scanning.",
    ),
    ProblemCode.FEEDER_JAMMED: (
        "扫描仪卡纸（第 {sheet} 张）。已扫描的 {scanned} 张已保存。请取出卡住的选票，"
        "把它和尚未扫描的选票一起重新放入进纸器，然后继续扫描。",
        "Paper jam at sheet {sheet}. The {scanned} sheets scanned before it are kept. Remove "
        "the jammed ballot, put it back in the feeder with the unscanned ones and continue.",
    ),
    ProblemCode.COVER_OPEN: (
        "扫描仪盖板或进纸器打开（第 {sheet} 张）。已扫描的 {scanned} 张已保存。"
        "请合上后把未扫描的选票重新放入，继续扫描。",
        "The scanner's cover or feeder is open (sheet {sheet}). The {scanned} sheets scanned "
        "before it are kept. Close it, reload the unscanned ballots and continue.",
    ),
    ProblemCode.SCANNER_IO_ERROR: (
        "与扫描仪通信出错（第 {sheet} 张）。已扫描的 {scanned} 张已保存。"
        "请检查数据线，把未扫描的选票重新放入后继续。",
        "Communication with the scanner failed (sheet {sheet}). The {scanned} sheets scanned "
        "before it are kept. Check the cable, reload the unscanned ballots and continue.",
    ),
    ProblemCode.SCANNER_NO_MEMORY: (
        "扫描仪或电脑内存不足（第 {sheet} 张）。已扫描的 {scanned} 张已保存。",
        "The scanner or the computer ran out of memory (sheet {sheet}). The {scanned} sheets "
        "scanned before it are kept.",
    ),
    ProblemCode.SCANNER_CANCELLED: (
        "扫描在扫描仪上被取消（第 {sheet} 张）。已扫描的 {scanned} 张已保存。",
        "Scanning was cancelled at the scanner (sheet {sheet}). The {scanned} sheets scanned "
        "before it are kept.",
    ),
    ProblemCode.SCANNER_FAILED: (
        "扫描仪报告错误（第 {sheet} 张）：{error}。已扫描的 {scanned} 张已保存。",
        "The scanner reported an error at sheet {sheet}: {error}. The {scanned} sheets scanned "
        "before it are kept.",
    ),
    ProblemCode.SCANNER_BAD_IMAGE: (
        "扫描仪送来的第 {sheet} 张图像无法使用（{error}）。请重新扫描这张选票。",
        "The scanner's image of sheet {sheet} cannot be used ({error}). Scan this ballot "
        "again.",
    ),
    ProblemCode.CAMERA_OPEN_FAILED: (
        "无法打开摄像头或高拍仪“{camera}”。请检查连接，并关闭正在使用它的其他程序。",
        "Camera or document camera “{camera}” could not be opened. Check the connection and "
        "close any other program using it.",
    ),
    ProblemCode.CAMERA_LOST: (
        "摄像头“{camera}”停止了画面（第 {frame} 帧后）。已拍下的选票已保存；请检查连接后重新打开。",
        "Camera “{camera}” stopped sending pictures (after frame {frame}). Ballots already "
        "captured are kept; check the connection and open it again.",
    ),
}


register(dict(CATALOG))


def problem_text(problem: AcquisitionProblem, language: str | None = None) -> str:
    return Message(problem.code, problem.params).text(language)
