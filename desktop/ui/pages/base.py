"""What every page of the main window is: a widget over the campaign context, with its place
in the navigation, refreshed when another campaign is chosen or a page changed the data.

A page names its navigation entry as class data (``nav_text``, marked for lupdate with
``QT_TRANSLATE_NOOP("Navigation", …)``; ``nav_icon``; ``nav_permission``), builds its widgets
in ``__init__``, then calls :meth:`Page.watch_campaign`; ``refresh()`` shows the campaign as
it is now. Its controller sees it through a view protocol (a :class:`PageView` declared
in the controller's module, which the page implements), so that neither imports the other.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.core.enums import Permission
from desktop.ui.context import CampaignContext


class PageView(Protocol):
    """What every controller asks of its page; a controller's own view protocol adds the
    rest."""

    def widget(self) -> QWidget:
        """The widget the controller's dialogs and messages open over."""
        ...


class Page(QWidget):
    #: The navigation's title: ``QT_TRANSLATE_NOOP("Navigation", English source text)``.
    nav_text: ClassVar[object]
    #: The name of its drawing in resources/icons/nav.
    nav_icon: ClassVar[str]
    #: Left out of the navigation of people whose role lacks it (None: everyone sees it).
    nav_permission: ClassVar[Permission | None] = None

    def __init__(self, context: CampaignContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    @classmethod
    def nav_title(cls) -> str:
        return QCoreApplication.translate("Navigation", str(cls.nav_text))

    def watch_campaign(self, now: bool = True) -> None:
        """Refresh whenever another campaign is chosen or the data changed; and at once
        unless ``now`` is False (a page that computes only once it is shown)."""
        self.context.campaignChanged.connect(self.refresh)
        self.context.dataChanged.connect(self.refresh)
        if now:
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError(type(self).__name__)

    def widget(self) -> QWidget:
        """The widget the controller's dialogs and messages open over: the page itself."""
        return self
