"""What every page shares: the services and the campaign being worked on."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

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
