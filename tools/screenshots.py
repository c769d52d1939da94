#!/usr/bin/env python3
"""Render the documentation screenshots offscreen from the demo campaign in a temp database.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Writes main_zh_CN.png and main_en.png (candidates page, 1280×800), units_zh_CN.png (the quota
overview), import_zh_CN.png (the import wizard's preview) and ballots_zh_CN.png (the ballot
preview with boxes, a printed batch and spoiled serials), scan_zh_CN.png (the scan page after a
folder of ticked ballots, a photocopy and a broken file), scan_camera_zh_CN.png (the camera
preview with the page outline) and review_zh_CN.png (the review queue on an overvoted sheet, its
boxes outlined and zoomed), review_unread_zh_CN.png (a torn page whose marks were not read: the
tick list of its candidates), votes_zh_CN.png (online sources with an imported export and
the expert score matrix), results_zh_CN.png, sign_in_zh_CN.png (the sign-in form refusing a
wrong password) and accounts_zh_CN.png (the organiser's accounts page). Nothing touches the
user's data.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOW_SIZE = (1280, 800)
#: Demo candidates that get an invented portrait, so the photo column shows something.
PORTRAITS = 6
#: The demo's organiser, and the password of every demo account.
ORGANISER_NAME = "陈明"
DEMO_PASSWORD = "演示用的密码2026"
#: The other demo accounts: user name, full name, role value, still active.
DEMO_ACCOUNTS = (("zhoujie", "周杰", "counting", True), ("lina", "李娜", "counting", True),
                 ("observer1", "社区监督员 赵强", "observer", True),
                 ("wanggang", "王刚", "counting", False))


def _sandbox() -> Path:
    """Offscreen Qt and throwaway settings/data folders, before Qt or platformdirs load."""
    folder = Path(tempfile.mkdtemp(prefix="ballotdesk-shots-"))
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(folder / name.lower())
    return folder


def _portrait(path: Path, hue: int) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 400), (225, 232, 240))
    draw = ImageDraw.Draw(image)
    colour = (60 + hue * 25 % 120, 90, 150 - hue * 15 % 80)
    draw.ellipse((95, 70, 205, 190), fill=(238, 205, 180))
    draw.rounded_rectangle((50, 210, 250, 420), radius=60, fill=colour)
    image.save(path)


def _prepare(folder: Path) -> tuple[object, int]:
    sys.path.insert(0, str(ROOT))
    from desktop.core.accounts import service as accounts
    from desktop.core.demo import create_demo
    from desktop.core.enums import Role
    from desktop.core.services import Services
    from desktop.core.store.db import Database

    db = Database.open(f"sqlite:///{folder / 'demo.sqlite3'}")
    organiser = accounts.setup(db, ORGANISER_NAME, DEMO_PASSWORD, "陈明（评选办）")
    team = accounts.Accounts(db, organiser)
    for name, full_name, role, active in DEMO_ACCOUNTS:
        team.create(name, Role(role), DEMO_PASSWORD, full_name)
        if not active:
            team.update(name, active=False)
    services = Services.for_database(db, organiser)
    campaign = create_demo(services)
    for index, candidate in enumerate(services.candidates.list(campaign.id)[:PORTRAITS]):
        photo = folder / f"portrait{index}.png"
        _portrait(photo, index)
        services.candidates.set_photo(candidate.id, photo)
    # One unit with a quota lowered below its nominations, so the overview shows red.
    unit = services.registry.list_units(campaign.id)[0]
    services.registry.update_unit(unit.id, quota=3)
    _print_demo_ballots(services, campaign.id, folder)
    return services, campaign.id


def _print_demo_ballots(services: object, campaign_id: int, folder: Path) -> None:
    """Two ballot boxes, a batch for each, some serials spoiled and unused."""
    from desktop.core.enums import SerialState
    from desktop.core.printing.service import PrintOptions

    boxes, printing = services.boxes, services.printing  # type: ignore[attr-defined]
    first = boxes.add_box(campaign_id, "东湖社区服务中心 1号箱", "东湖社区服务中心一楼大厅", "王丽")
    second = boxes.add_box(campaign_id, "西山镇便民服务中心 2号箱", "西山镇政府门厅", "李建军")
    printing.print_batch(campaign_id, first.id, 120, folder / "东湖1号箱.pdf", PrintOptions())
    printing.print_batch(campaign_id, second.id, 80, folder / "西山2号箱.pdf", PrintOptions())
    boxes.note_serials(campaign_id, [7, 8, 9], SerialState.SPOILED, "印刷污损")
    boxes.note_serials(campaign_id, range(101, 121), SerialState.UNUSED, "未发出")


def _import_file(folder: Path) -> Path:
    path = folder / "推荐汇总表.csv"
    path.write_text(
        "奖项,推荐单位,姓名,性别,出生年月,工作单位及职务,事迹简介,联系电话\n"
        "十佳优秀服务标兵,杏林乡,林晓燕,女,1987.4,杏林乡卫生院护士长,扎根乡村医疗十五年。,138\n"
        "十佳优秀服务标兵,新港镇,陈志强,男,1979年8月,新港镇便民服务中心主任,一窗通办。,139\n"
        "十佳优秀服务标兵,柳湾镇,,男,1990-02,柳湾镇综治中心,,137\n"
        "十佳优良服务窗口,云溪街道,云溪街道就业服务窗口,,,,,136\n",
        encoding="utf-8")
    return path


#: Ballots ticked and "scanned" for the scan page's screenshot.
SCANNED_BALLOTS = 8


def _scanned_ballots(services: object, campaign_id: int, folder: Path) -> Path:
    """A folder of filled-in ballots as 300 dpi JPEG scans, plus a photocopy of one page and a
    file cut short, so the outcomes show every colour."""
    import cv2
    import numpy as np

    from desktop.core.printing.service import PrintOptions
    from scanning.synthetic import draw_tick, rasterize_pdf

    boxes, printing = services.boxes, services.printing  # type: ignore[attr-defined]
    box = boxes.list_boxes(campaign_id)[-1]
    pdf = folder / "scan-batch.pdf"
    batch = printing.print_batch(campaign_id, box.id, SCANNED_BALLOTS, pdf, PrintOptions())
    layout = printing.stored_layout(campaign_id, batch.layout_version)
    pages = rasterize_pdf(pdf)
    rng = np.random.default_rng(2026)
    out = folder / "扫描件"
    out.mkdir()
    for index, page in enumerate(pages):
        ballot, number = divmod(index, layout.page_count)
        # Votes lean towards a few candidates so that leaders emerge; a few ballots stay blank.
        for target in layout.pages[number].targets:
            weight = 0.5 if int(target.candidate) % 7 == 2 else 0.06
            if ballot % 5 != 4 and rng.random() < weight:
                draw_tick(page, target.box_mm)
        cv2.imwrite(str(out / f"箱2-{ballot + 1:02d}-p{number + 1}.jpg"), page,
                    [cv2.IMWRITE_JPEG_QUALITY, 85])
    first = cv2.imread(str(out / "箱2-01-p1.jpg"), cv2.IMREAD_GRAYSCALE)
    cv2.imwrite(str(out / "箱2-99-复印件.jpg"), first, [cv2.IMWRITE_JPEG_QUALITY, 60])
    broken = (out / "箱2-02-p1.jpg").read_bytes()
    (out / "箱2-98-中断.jpg").write_bytes(broken[: len(broken) // 3])
    return out


def _camera_frame(scans: Path) -> object:
    """A document camera's view of a ballot on a desk, outline and marks drawn as taken."""
    import cv2
    import numpy as np

    from desktop.ui.camera import analyse_sighting, preview_image
    from scanning.sources import CaptureState, CaptureStep

    page = cv2.imread(str(scans / "箱2-03-p1.jpg"), cv2.IMREAD_GRAYSCALE)
    page = cv2.resize(page, None, fx=1000 / page.shape[0], fy=1000 / page.shape[0],
                      interpolation=cv2.INTER_AREA)
    desk = np.full((1080, 1920), 140, np.uint8)
    h, w = page.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 2.5, 1.0)
    matrix[:, 2] += (960 - w / 2, 540 - h / 2)
    paper = cv2.warpAffine(page, matrix, (1920, 1080))
    cover = cv2.warpAffine(np.full_like(page, 255), matrix, (1920, 1080))
    np.copyto(desk, paper, where=cover > 0)
    frame = cv2.cvtColor(desk, cv2.COLOR_GRAY2BGR)
    sighting = analyse_sighting(frame)
    return preview_image(frame, sighting, CaptureStep(CaptureState.HOLDING, 0.4, sighting.serial))


def _scan_shots(window: object, services: object, campaign_id: int, folder: Path, out: Path,
                settle: object) -> list[Path]:
    from desktop.ui.pages.scan_controller import capture_text
    from desktop.ui.pages.scan_jobs import SourceKind
    from desktop.ui.pages.scan_page import ScanPage

    scans = _scanned_ballots(services, campaign_id, folder)
    window.show_page(ScanPage)  # type: ignore[attr-defined]
    page = window.page(ScanPage)  # type: ignore[attr-defined]
    page.station.setText("东湖计票点")
    page.sources.paths.setText(str(scans))
    page.start_button.click()
    controller = page.controller
    while (controller.job is not None or controller._tally_running
           or controller._tally_timer.isActive()):  # the count per category comes last
        time.sleep(0.05)
        settle()  # type: ignore[operator]
    written = [out / "scan_zh_CN.png"]
    window.grab().save(str(written[-1]))  # type: ignore[attr-defined]
    page.sources.choose(SourceKind.CAMERA)
    page.sources.camera.setText("0")
    settle()  # type: ignore[operator]
    page.show_frame(_camera_frame(scans), capture_text("holding"))
    written.append(out / "scan_camera_zh_CN.png")
    window.grab().save(str(written[-1]))  # type: ignore[attr-defined]
    return written


def _overvoted_ballot(services: object, campaign_id: int, folder: Path
                      ) -> tuple[Path, tuple[str, str], tuple[str, str]]:
    """One more ballot, page 1 only: eleven ticks where ten are allowed, and a dot (unclear).
    Returns the scan, the eleventh tick and the dot."""
    import cv2

    from desktop.core.printing.service import PrintOptions
    from scanning.synthetic import SCAN_DPI, draw_tick, rasterize_pdf

    boxes, printing = services.boxes, services.printing  # type: ignore[attr-defined]
    box = boxes.list_boxes(campaign_id)[0]
    pdf = folder / "review-batch.pdf"
    batch = printing.print_batch(campaign_id, box.id, 1, pdf, PrintOptions())
    layout = printing.stored_layout(campaign_id, batch.layout_version)
    page = rasterize_pdf(pdf)[0]
    category = layout.categories[0][0]
    targets = [t for t in layout.pages[0].targets if t.category == category]
    for target in targets[:11]:
        draw_tick(page, target.box_mm)
    x, y, w, h = targets[13].box_mm  # a pen rested in the box: a dot
    px = SCAN_DPI / 25.4
    cv2.circle(page, (round((x + w * 0.4) * px), round((y + h * 0.55) * px)), round(0.7 * px),
               0, -1)
    path = folder / "东湖1号箱-扫描-0001.jpg"
    cv2.imwrite(str(path), page, [cv2.IMWRITE_JPEG_QUALITY, 85])
    return path, (category, targets[10].candidate), (category, targets[13].candidate)


def _review_shot(window: object, services: object, campaign_id: int, folder: Path, out: Path,
                 settle: object) -> Path:
    """The review page on the overvoted sheet, one of its ticks already judged a slip."""
    from desktop.core.records.recording import Recorder
    from desktop.core.records.review import Decision, Review
    from desktop.core.records.scanjob import scan_paths
    from desktop.ui.pages.review_page import ReviewPage

    path, slip, dot = _overvoted_ballot(services, campaign_id, folder)
    db, actor = services.db, services.actor  # type: ignore[attr-defined]
    list(scan_paths(Recorder(db, actor), [path], workers=1))
    review = Review(db, actor)
    overvoted = next(s for s in review.queue(campaign_id) if s.source == str(path))
    review.decide(campaign_id, overvoted.sheet_id, Decision.EMPTY, [slip])
    window.show_page(ReviewPage)  # type: ignore[attr-defined]
    page = window.page(ReviewPage)  # type: ignore[attr-defined]
    page.refresh()
    settle()  # type: ignore[operator]
    page.select_row(page.queue_model.row_of(overvoted.sheet_id))
    settle()  # type: ignore[operator]
    page.controller.choose_target(dot)
    settle()  # type: ignore[operator]
    window.grab().save(str(out / "review_zh_CN.png"))  # type: ignore[attr-defined]
    return out / "review_zh_CN.png"


def _review_unread_shot(window: object, services: object, campaign_id: int, folder: Path,
                        out: Path, settle: object) -> Path:
    """The review page on a ballot page torn below its top third (the code verifies, the marks
    cannot be read): the tick list of its candidates, two ticked, not yet saved."""
    import cv2

    from desktop.core.printing.service import PrintOptions
    from desktop.core.records.recording import Recorder
    from desktop.core.records.review import Review
    from desktop.core.records.scanjob import scan_paths
    from desktop.ui.pages.review_page import ReviewPage
    from scanning.synthetic import draw_tick, rasterize_pdf

    boxes, printing = services.boxes, services.printing  # type: ignore[attr-defined]
    box = boxes.list_boxes(campaign_id)[0]
    pdf = folder / "review-unread-batch.pdf"
    batch = printing.print_batch(campaign_id, box.id, 1, pdf, PrintOptions())
    layout = printing.stored_layout(campaign_id, batch.layout_version)
    page = rasterize_pdf(pdf)[0]
    ticked = [layout.pages[0].targets[i] for i in (0, 5)]
    for target in ticked:
        draw_tick(page, target.box_mm)
    path = folder / "东湖1号箱-扫描-0002.jpg"
    cv2.imwrite(str(path), page[: round(page.shape[0] * 0.3)], [cv2.IMWRITE_JPEG_QUALITY, 85])
    db, actor = services.db, services.actor  # type: ignore[attr-defined]
    list(scan_paths(Recorder(db, actor), [path], workers=1))
    torn = next(s for s in Review(db, actor).queue(campaign_id) if s.source == str(path))
    window.show_page(ReviewPage)  # type: ignore[attr-defined]
    review = window.page(ReviewPage)  # type: ignore[attr-defined]
    review.refresh()
    settle()  # type: ignore[operator]
    review.select_row(review.queue_model.row_of(torn.sheet_id))
    settle()  # type: ignore[operator]
    for target in ticked:
        review.ticks.set_ticked((target.category, target.candidate), True)
    review.controller.choose_target((ticked[-1].category, ticked[-1].candidate))
    settle()  # type: ignore[operator]
    window.grab().save(str(out / "review_unread_zh_CN.png"))  # type: ignore[attr-defined]
    return out / "review_unread_zh_CN.png"


def _votes_shot(window: object, services: object, campaign_id: int, folder: Path, out: Path,
                settle: object) -> Path:
    """The votes page: a platform's per-vote export with an IP burst imported, expert scores of
    the first category with extremes dropped and one gap."""
    from desktop.core.online.votes import FraudRules
    from desktop.ui.pages.online_experts_page import OnlineExpertsPage

    online, experts = services.online, services.experts  # type: ignore[attr-defined]
    candidates = services.candidates.list(campaign_id)  # type: ignore[attr-defined]
    category = candidates[0].category
    first = [c for c in candidates if c.category == category][:6]
    online.set_source(campaign_id, "平台A", FraudRules(ip_burst_votes=5))
    rows = ["投票时间,用户ID,IP,投票选项"]
    for n in range(120):
        chosen = first[n % 7 % len(first)]
        ip = "10.8.0.9" if 40 <= n < 52 else f"10.0.{n % 9}.{n}"
        rows.append(f"2025-05-01 08:{n // 60:02d}:{n % 60:02d},u{n},{ip},{chosen.name}")
    path = folder / "平台A投票明细.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    online.commit(online.preview(campaign_id, path, "平台A"))
    online.set_source(campaign_id, "平台B")
    totals = folder / "平台B汇总.csv"
    totals.write_text("奖项,编号,票数\n" + "".join(
        f"{category},{c.number},{300 + 17 * i}\n" for i, c in enumerate(first)), encoding="utf-8")
    online.commit(online.preview(campaign_id, totals, "平台B"))
    experts.set_rule(campaign_id, None, 100.0, True)
    panel = ("王教授", "李主任", "陈研究员", "赵处长", "周老师")
    experts.set_scores(campaign_id, [(c.id, e, float(95 - (i * 3 + j * 7) % 23))
                                     for i, c in enumerate(first) for j, e in enumerate(panel)
                                     if (i, j) != (4, 2)])
    window.show_page(OnlineExpertsPage)  # type: ignore[attr-defined]
    window.page(OnlineExpertsPage).refresh()  # type: ignore[attr-defined]
    settle()  # type: ignore[operator]
    window.grab().save(str(out / "votes_zh_CN.png"))  # type: ignore[attr-defined]
    return out / "votes_zh_CN.png"


def _results_shot(window: object, services: object, campaign_id: int, folder: Path, out: Path,
                  settle: object) -> Path:
    """The results page after the scans above, with an online platform's totals added."""
    from desktop.ui.pages.results_page import ResultsPage

    registry, candidates = services.registry, services.candidates  # type: ignore[attr-defined]
    online = services.online  # type: ignore[attr-defined]
    category = registry.list_categories(campaign_id)[0].name
    rows = ["奖项,编号,票数"] + [
        f"{category},{c.number_text},{60 + int(c.number_text) * 37 % 420}"
        for c in candidates.list(campaign_id) if c.category == category and c.number_text]
    totals = folder / "网络投票汇总.csv"
    totals.write_text("\n".join(rows) + "\n", encoding="utf-8")
    online.commit(online.preview(campaign_id, totals, "微信小程序"))
    window.show_page(ResultsPage)  # type: ignore[attr-defined]
    page = window.page(ResultsPage)  # type: ignore[attr-defined]
    page.refresh()
    while page.controller.busy or page.results is None:
        time.sleep(0.05)
        settle()  # type: ignore[operator]
    window.grab().save(str(out / "results_zh_CN.png"))  # type: ignore[attr-defined]
    return out / "results_zh_CN.png"


def _account_shots(window: object, services: object, out: Path, settle: object) -> list[Path]:
    """The sign-in form after a wrong password, and the accounts page with one selected."""
    from desktop.ui.dialogs.account_dialogs import SignInDialog, remember_user
    from desktop.ui.pages.accounts_page import AccountsPage

    remember_user(DEMO_ACCOUNTS[0][0])
    dialog = SignInDialog(services.db, window)  # type: ignore[attr-defined, arg-type]
    dialog.password.setText("错误的密码")
    dialog.show()
    dialog.accept()
    dialog.password.setText("*" * len(DEMO_PASSWORD))
    settle()  # type: ignore[operator]
    dialog.grab().save(str(out / "sign_in_zh_CN.png"))
    dialog.close()
    window.show_page(AccountsPage)  # type: ignore[attr-defined]
    page = window.page(AccountsPage)  # type: ignore[attr-defined]
    page.select(DEMO_ACCOUNTS[-1][0])
    settle()  # type: ignore[operator]
    window.grab().save(str(out / "accounts_zh_CN.png"))  # type: ignore[attr-defined]
    return [out / "sign_in_zh_CN.png", out / "accounts_zh_CN.png"]


def _stations_shot(window: object, services: object, out: Path, settle: object) -> Path:
    """This station's key and QR code, two registered stations (one revoked)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.core.stations.service import qr_text
    from desktop.ui.pages.stations_page import StationsPage

    stations = services.stations  # type: ignore[attr-defined]
    stations.identity("组织者办公室")
    for name in ("东湖社区站", "西山镇站"):
        key = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
        stations.register(name, qr_text(name, key))
    stations.revoke("西山镇站")
    window.show_page(StationsPage)  # type: ignore[attr-defined]
    window.page(StationsPage).refresh()  # type: ignore[attr-defined]
    settle()  # type: ignore[operator]
    window.grab().save(str(out / "stations_zh_CN.png"))  # type: ignore[attr-defined]
    return out / "stations_zh_CN.png"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    folder = _sandbox()
    args.out.mkdir(parents=True, exist_ok=True)

    from desktop.ui.app import make_application
    from desktop.ui.background import wait_for_background
    from desktop.ui.i18n import install_language
    from desktop.ui.main_window import MainWindow
    from desktop.ui.pages.ballots_page import BallotsPage
    from desktop.ui.pages.candidates_import import ImportWizard
    from desktop.ui.pages.candidates_page import CandidatesPage
    from desktop.ui.pages.units_page import UnitsPage

    app = make_application([sys.argv[0]])
    services, campaign_id = _prepare(folder)

    def settle() -> None:
        for _ in range(5):
            wait_for_background()
            app.processEvents()

    written = []
    for language in ("zh_CN", "en"):
        install_language(language)
        window = MainWindow(services, campaign_id, language)  # type: ignore[arg-type]
        window.resize(*WINDOW_SIZE)
        window.show()
        window.show_page(CandidatesPage)
        settle()
        written.append(args.out / f"main_{language}.png")
        window.grab().save(str(written[-1]))
        if language == "zh_CN":
            window.show_page(UnitsPage)
            settle()
            written.append(args.out / "units_zh_CN.png")
            window.grab().save(str(written[-1]))
            wizard = ImportWizard(services, campaign_id, window)  # type: ignore[arg-type]
            wizard.show()
            wizard.file_page.path.setText(str(_import_file(folder)))
            wizard.next()
            settle()
            written.append(args.out / "import_zh_CN.png")
            wizard.grab().save(str(written[-1]))
            wizard.close()
            window.show_page(BallotsPage)
            preview = window.page(BallotsPage).preview  # type: ignore[attr-defined]
            preview.box.setCurrentIndex(1)  # the first box's name in the ballot header
            settle()
            written.append(args.out / "ballots_zh_CN.png")
            window.grab().save(str(written[-1]))
            written += [*_scan_shots(window, services, campaign_id, folder, args.out, settle),
                        _review_shot(window, services, campaign_id, folder, args.out, settle),
                        _review_unread_shot(window, services, campaign_id, folder, args.out,
                                            settle),
                        _votes_shot(window, services, campaign_id, folder, args.out, settle),
                        _results_shot(window, services, campaign_id, folder, args.out, settle),
                        *_account_shots(window, services, args.out, settle),
                        _stations_shot(window, services, args.out, settle)]
        window.close()
    app.processEvents()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
