"""Start the desktop application: ``ballotdesk-gui [--db URL]`` (also ``ballotdesk`` alone)."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from ballotformat.font_file import ballot_font_path
from desktop.core.services import Services, app_version, open_database
from desktop.ui.collector import install_collector
from desktop.ui.dialogs.account_dialogs import ask_sign_in, start_session
from desktop.ui.errors import enable_crash_log, install_excepthook, setup_logging
from desktop.ui.i18n import LANGUAGES, chosen_language, install_language, save_language
from desktop.ui.icons import app_icon
from desktop.ui.main_window import MainWindow
from desktop.ui.placement import save_geometry, saved_geometry

log = logging.getLogger(__name__)

APP_NAME = "BallotDesk"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ballotdesk-gui", description="BallotDesk (选票台)")
    parser.add_argument("--db", metavar="URL",
                        help="database URL (default: $BALLOTDESK_DB or the user's data folder)")
    parser.add_argument("--lang", choices=LANGUAGES,
                        help="interface language for this run (default: the one last chosen "
                             "in the Language menu, else the system's)")
    args, _qt_arguments = parser.parse_known_args(argv)
    return args


def install_ui_font(app: QApplication) -> list[str]:
    """Register the shipped CJK font and make it the fallback of the interface font, so
    Chinese renders on machines without a CJK system font. Returns its family names."""
    font_id = QFontDatabase.addApplicationFont(str(ballot_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the interface font %s", ballot_font_path())
        return []
    font = QFont(app.font())
    font.setFamilies([app.font().family(), *families])
    app.setFont(font)
    return list(families)


def make_application(argv: list[str]) -> QApplication:
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(app_version())
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setWindowIcon(app_icon())
    install_ui_font(app)
    return app


class Shell(QObject):
    """Owns the main window; a language change or another user signing in rebuilds it. The
    window opens where it was left, if that fits the screen, and that place is saved when it
    closes."""

    def __init__(self, services: Services, language: str) -> None:
        super().__init__()
        self.services = services
        self.language = language
        install_language(language)
        geometry, self.maximized = saved_geometry()
        self.window = self._new_window(None, geometry)

    def show(self) -> None:
        if self.maximized:
            self.window.showMaximized()
        else:
            self.window.show()

    def _new_window(self, campaign_id: int | None, geometry: QRect | None) -> MainWindow:
        window = MainWindow(self.services, campaign_id, self.language, geometry)
        window.languageRequested.connect(self.switch_language)
        window.switchUserRequested.connect(self.switch_user)
        window.installEventFilter(self)
        return window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            save_geometry(self.window.normalGeometry(), self.window.isMaximized())
        return False

    def switch_language(self, language: str) -> None:
        """Save the choice, install its translator and rebuild the window in place."""
        save_language(language)
        self.language = language
        install_language(language)
        self._rebuild()

    def switch_user(self) -> None:
        """Someone else signs in on this computer; the window is rebuilt for their role."""
        actor = ask_sign_in(self.services.db, self.window)
        if actor is not None:
            self.services = Services.for_database(self.services.db, actor)
            self._rebuild()

    def _rebuild(self) -> None:
        old = self.window
        self.maximized = old.isMaximized()
        self.window = self._new_window(old.context.campaign_id, old.normalGeometry())
        self.show()
        old.close()
        old.deleteLater()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    log_file = setup_logging()
    crash_file = enable_crash_log(log_file.parent)
    install_excepthook()
    app = make_application([sys.argv[0], *argv])
    install_collector(app)  # reference cycles of Qt wrappers are freed on this thread only
    log.info("BallotDesk %s starting; log file %s, native crashes in %s", app_version(),
             log_file, crash_file)
    language = args.lang or chosen_language()
    install_language(language)
    try:
        db = open_database(args.db)
    except Exception as exc:
        log.exception("cannot open the database")
        QMessageBox.critical(None, APP_NAME, QCoreApplication.translate(
            "App", "Cannot open the database:\n%1").replace("%1", str(exc)))
        return 1
    try:
        actor = start_session(db)
        if actor is None:
            return 0
        log.info("signed in as %s (%s)", actor.name, actor.role.value)
        shell = Shell(Services.for_database(db, actor), language)
        shell.show()
        return app.exec()
    finally:
        db.dispose()


if __name__ == "__main__":
    sys.exit(main())
