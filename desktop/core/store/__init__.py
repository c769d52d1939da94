"""The store: the database (``Database``, URL, Alembic migrations on open), the typed models,
backups and restores, the sealed secrets, and where BallotDesk keeps its files.

What the command line, the window and the other packages may use is imported from here
(``from desktop.core.store import …``); the modules beside this file are its inside, which
ruff's banned-API rule keeps everyone else out of (docs/architecture.md). The names are
imported from their modules on first use, so that importing the package costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ballotformat import lazy

if TYPE_CHECKING:
    from desktop.core.store.backups import (
        AutomaticBackup,
        BackupInfo,
        BackupSecrets,
        automatic_backup,
        backup,
        backup_secrets,
        restore,
        secrets_missing,
        unseal_secrets,
        verify_backup,
    )
    from desktop.core.store.db import (
        Database,
        head_revision,
        is_write_conflict,
        resolve_url,
        safe_url,
    )
    from desktop.core.store.models import (
        MARK_STATE_CODES,
        MARK_STATE_OF_CODE,
        Account,
        AuditEntry,
        AuditHead,
        BallotBox,
        Base,
        BoxKey,
        Campaign,
        CampaignRound,
        Candidate,
        Category,
        CommitteeDecision,
        DecisionLine,
        ExpertRule,
        ExpertScore,
        LayoutVersion,
        MarkTargets,
        OnlineFlag,
        OnlineImport,
        OnlineMapping,
        OnlineSource,
        OnlineTotal,
        PackageImport,
        Photo,
        PrintBatch,
        ResultSetting,
        ReviewDecision,
        RoundAdvance,
        RoundCandidate,
        RoundChannel,
        RoundTie,
        SerialNote,
        Sheet,
        SignInFailure,
        Station,
        StationIdentity,
        StoredMark,
        TieDecision,
        Unit,
        UTCDateTime,
        pack_marks,
        unpack_marks,
        utcnow,
    )
    from desktop.core.store.paths import app_version, data_dir, log_dir, private_file, sha256_file
    from desktop.core.store.sealing import blank_secrets, check_passphrase, read_secrets

__getattr__ = lazy.exports(__name__, {
    "desktop.core.store.backups": ("AutomaticBackup", "BackupInfo", "BackupSecrets",
        "automatic_backup", "backup", "backup_secrets", "restore", "secrets_missing",
        "unseal_secrets", "verify_backup"),
    "desktop.core.store.db": ("Database", "head_revision", "is_write_conflict", "resolve_url",
        "safe_url"),
    "desktop.core.store.models": ("MARK_STATE_CODES", "MARK_STATE_OF_CODE", "Account",
        "AuditEntry", "AuditHead",
        "BallotBox", "Base", "BoxKey", "Campaign", "CampaignRound", "Candidate", "Category",
        "CommitteeDecision", "DecisionLine", "ExpertRule",
        "ExpertScore", "LayoutVersion", "MarkTargets", "OnlineFlag", "OnlineImport",
        "OnlineMapping", "OnlineSource", "OnlineTotal", "PackageImport", "Photo", "PrintBatch",
        "ResultSetting", "ReviewDecision", "RoundAdvance", "RoundCandidate",
        "RoundChannel", "RoundTie", "SerialNote", "Sheet", "SignInFailure", "Station",
        "StationIdentity", "StoredMark", "TieDecision", "UTCDateTime", "Unit", "pack_marks",
        "unpack_marks", "utcnow"),
    "desktop.core.store.paths": ("app_version", "data_dir", "log_dir", "private_file",
        "sha256_file"),
    "desktop.core.store.sealing": ("blank_secrets", "check_passphrase", "read_secrets"),
})

__all__ = [
    "MARK_STATE_CODES", "MARK_STATE_OF_CODE", "Account", "AuditEntry", "AuditHead",
    "AutomaticBackup", "BackupInfo",
    "BackupSecrets", "BallotBox", "Base", "BoxKey", "Campaign", "CampaignRound", "Candidate",
    "Category", "CommitteeDecision", "Database", "DecisionLine",
    "ExpertRule", "ExpertScore", "LayoutVersion", "MarkTargets", "OnlineFlag", "OnlineImport",
    "OnlineMapping", "OnlineSource", "OnlineTotal", "PackageImport", "Photo", "PrintBatch",
    "ResultSetting", "ReviewDecision", "RoundAdvance", "RoundCandidate", "RoundChannel", "RoundTie",
    "SerialNote", "Sheet", "SignInFailure", "Station",
    "StationIdentity", "StoredMark", "TieDecision", "UTCDateTime", "Unit", "app_version",
    "automatic_backup", "backup", "backup_secrets", "blank_secrets", "check_passphrase", "data_dir",
    "head_revision", "is_write_conflict", "log_dir", "pack_marks", "private_file", "read_secrets",
    "resolve_url", "restore", "safe_url", "secrets_missing", "sha256_file", "unpack_marks",
    "unseal_secrets", "utcnow", "verify_backup",
]
