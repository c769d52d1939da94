"""What every page shares: the services, the campaign being worked on, and who works."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.core.accounts import denied
from desktop.core.enums import Permission
from desktop.core.registry import CampaignInfo
from desktop.core.services import Services


class CampaignContext(QObject):
    """Handed to each page instead of a global application object.

    ``campaignChanged`` fires when another campaign is chosen; ``dataChanged`` when a page
    changed the registry (so that, say, the quota view sees an import at once).
    """

    campaignChanged = Signal()
    dataChanged = Signal()

    def __init__(self, services: Services, campaign_id: int | None = None) -> None:
        super().__init__()
        self.services = services
        self.campaign_id = campaign_id

    @property
    def campaign(self) -> CampaignInfo | None:
        if self.campaign_id is None:
            return None
        return self.services.registry.get_campaign(self.campaign_id)

    def set_campaign(self, campaign_id: int | None) -> None:
        if campaign_id != self.campaign_id:
            self.campaign_id = campaign_id
            self.campaignChanged.emit()

    def changed(self) -> None:
        self.dataChanged.emit()

    def guard(self, permission: Permission, *controls: QWidget | QAction) -> bool:
        """Whether the signed-in person has ``permission``. If not, ``controls`` are disabled
        and their tooltip says what the role may not do; a page that enables them again
        (after a selection) asks with the result. The service refuses anyway: this only
        spares the person a refusal."""
        actor = self.services.actor
        if actor.can(permission):
            return True
        why = denied(actor, permission).text()
        for control in controls:
            control.setEnabled(False)
            control.setToolTip(why)
        return False
