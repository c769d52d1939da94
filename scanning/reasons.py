"""Why a ballot page needs a human or cannot count: one enum, and which reasons reject.

The value is what gets stored with the ballot and counted in reports; docs/scanning.md explains
each one. ``DUPLICATE``, ``SPOILED_SERIAL``, ``UNUSED_SERIAL`` and ``PAST_ROUND`` are never set
by the image pipeline: the recording layer sets them when a serial and page it already holds
comes back, a serial staff recorded as spoiled or unused does, or a ballot of a round that is
over.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Status(StrEnum):
    ACCEPTED = "accepted"  # counts as read
    REVIEW = "review"  # counts only after a human confirms or corrects it
    REJECTED = "rejected"  # never counts (not a valid ballot page of this database)


class Reason(StrEnum):
    #: The file could not be decoded as an image at all.
    IMAGE_UNREADABLE = "image_unreadable"
    #: Four registration marks were not found (not a ballot, folded corner, cut off).
    PAGE_NOT_FOUND = "page_not_found"
    #: No QR code could be read, or its text is not a BallotDesk payload.
    CODE_UNREADABLE = "code_unreadable"
    #: The signature does not match the campaign's secret: forged, altered or a preview.
    BAD_HMAC = "bad_hmac"
    #: A well-formed code of a campaign this database does not hold.
    FOREIGN_CAMPAIGN = "foreign_campaign"
    #: This database holds the campaign but not the key that checks this page: at a station,
    #: a ballot of another box or an old-format ballot (signed with the campaign secret, which
    #: only the organiser holds). It counts only where its key is: scan it there.
    KEY_NOT_HELD = "key_not_held"
    #: A BallotDesk code of another payload format version (newer or older program).
    UNSUPPORTED_FORMAT = "unsupported_format"
    #: The layout version (or its page) is not stored here.
    UNKNOWN_LAYOUT = "unknown_layout"
    #: The marks do not fit the layout's paper size (printed scaled or on other paper).
    WRONG_PAGE_SIZE = "wrong_page_size"
    #: The page was located and its code verified, but the printed boxes are not where the fit
    #: puts them: every target is read as unclear and a person checks each one.
    MISREGISTERED = "misregistered"
    #: Some targets (with the paper around them) are not on the image: a photo's corner out
    #: of frame, a page past the scanner's edge. They are unclear, for a person to read on the
    #: paper, or for the page to be scanned again.
    TARGETS_OFF_IMAGE = "targets_off_image"
    #: At least one target is neither clearly marked nor clearly empty.
    AMBIGUOUS_MARK = "ambiguous_mark"
    #: A category has more marks than it allows: void on this sheet (the others count).
    OVERVOTE = "overvote"
    #: This serial and page was recorded before (set by the recording layer).
    DUPLICATE = "duplicate"
    #: Staff recorded this serial as spoiled (作废): it counts only if a person says so (set by
    #: the recording layer, and by the review for a sheet recorded before the serial was noted).
    SPOILED_SERIAL = "spoiled_serial"
    #: Staff recorded this serial as never handed out: as SPOILED_SERIAL.
    UNUSED_SERIAL = "unused_serial"
    #: A ballot printed for a campaign round that is over (a round-1 ballot fed while the
    #: campaign counts round 2): filed with its image, never counted (set by the recording
    #: layer, which knows the rounds; docs/rounds.md).
    PAST_ROUND = "past_round"
    #: A note, not a problem: the image is black and white only (1-bit); light marks (pencil)
    #: may have been lost by the scanner before BallotDesk saw them.
    BILEVEL_SCAN = "bilevel_scan"


#: Reasons that make a page worthless as a vote: it is not a valid ballot page of ours.
REJECTING = frozenset({
    Reason.IMAGE_UNREADABLE, Reason.CODE_UNREADABLE, Reason.BAD_HMAC, Reason.FOREIGN_CAMPAIGN,
    Reason.KEY_NOT_HELD, Reason.UNSUPPORTED_FORMAT, Reason.UNKNOWN_LAYOUT, Reason.PAST_ROUND,
})


#: Reasons that only inform: they are stored and shown with the sheet but send nothing to review.
NOTES = frozenset({Reason.BILEVEL_SCAN})


def status_for(reasons: Iterable[Reason]) -> Status:
    """Rejected if any reason rejects, review if there is any other reason, else accepted.

    PAGE_NOT_FOUND alone is a review (the code was read and verified, so it is one of our
    ballots that a human can still read); with CODE_UNREADABLE it is rejected through that.
    DUPLICATE is a review: a rescan and a photocopy look alike, a human tells which it is.
    WRONG_PAGE_SIZE is a review: the marks are measured, but a human checks them.
    """
    found = set(reasons) - NOTES
    if found & REJECTING:
        return Status.REJECTED
    return Status.REVIEW if found else Status.ACCEPTED
