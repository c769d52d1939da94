"""The signed station package: writing one, and checking one whole before anything is merged.

A package is a zip file (docs/stations.md has the exact format):

* ``manifest.json``: format and version, the package's uuid, the station (name and public
  key), the campaign (its name and a tag that identifies it without revealing its secret:
  HMAC-SHA256(secret, "station-package")), the layouts its sheets use, when, by whom, with
  which version, and ``files``: the SHA-256 of every other file in the zip;
* ``manifest.sig``: the station's Ed25519 signature over the exact bytes of ``manifest.json``;
* ``sheets.json``: every sheet of the campaign in the station's database, with its marks and
  review decisions (who, when);
* ``boxes.json``: the station's reconciliation per box and its spoiled/unused serial notes;
* ``images/<sha256>.<ext>``: the archived scans, unless left out.

So the signature covers the manifest, and the manifest covers every byte of every other file.
The package is written to a temporary name and renamed when complete: a package with its final
name is whole. :func:`verify_package` checks everything and writes nothing; any problem refuses
the package whole with a message naming it (the merge is in :mod:`desktop.core.stations.merge`).

A package comes from another machine, so before anything is read its zip directory is checked
(:func:`check_members`): at most :data:`MAX_MEMBERS` members, each named as the format names
them (no ``../``, no absolute path, no other folder), none a symbolic link, none twice, each no
larger than its kind allows (:data:`MAX_MANIFEST_BYTES`, :data:`MAX_JSON_BYTES`,
:data:`MAX_IMAGE_BYTES`) and all together no more than :data:`MAX_PACKAGE_BYTES`. Those sizes
are what the zip declares; every member is then read with its limit as a cap (:func:`_read`,
:func:`stream_member`), so a member that unpacks to more than declared is refused too.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import stat
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from ballotformat import BallotKeys, PayloadError, decode_payload
from ballotformat.messages import RuleError, error, register
from desktop.core import audit
from desktop.core.accounts import Actor
from desktop.core.enums import SerialState
from desktop.core.printing import Boxes, ballot_keys, batch_of
from desktop.core.records import returned_serials, store_marks
from desktop.core.store import (
    BallotBox,
    Campaign,
    Database,
    LayoutVersion,
    ReviewDecision,
    SerialNote,
    Sheet,
    Station,
    StoredMark,
    app_version,
)
from scanning.decide import MarkState
from scanning.reasons import Reason, Status

register({
    "package_not_zip": (
        "“{file}”不是完整的计票站数据包：无法作为 zip 文件读取（可能被截断或损坏）。"
        "未导入任何内容。",
        "“{file}” is not a complete station package: it cannot be read as a zip file "
        "(truncated or damaged?). Nothing was imported.",
    ),
    "package_damaged": (
        "数据包已损坏：“{member}”无法读出（{reason}）。未导入任何内容。",
        "The package is damaged: “{member}” cannot be read ({reason}). Nothing was imported.",
    ),
    "package_no_manifest": (
        "“{file}”不是计票站数据包：缺少 manifest.json。未导入任何内容。",
        "“{file}” is not a station package: it has no manifest.json. Nothing was imported.",
    ),
    "package_bad_manifest": (
        "数据包清单 manifest.json 无法读取：{reason}。未导入任何内容。",
        "The package's manifest.json cannot be read: {reason}. Nothing was imported.",
    ),
    "package_unknown_format": (
        "无法识别的数据包格式“{format}”版本 {version}（本程序读取版本 {supported}）。"
        "未导入任何内容。",
        "Unknown package format “{format}” version {version} (this program reads version "
        "{supported}). Nothing was imported.",
    ),
    "package_unsigned": (
        "数据包没有签名（缺少 manifest.sig），不予接受。未导入任何内容。",
        "The package is not signed (no manifest.sig) and is refused. Nothing was imported.",
    ),
    "package_station_unknown": (
        "计票站“{station}”（指纹 {fingerprint}）未登记，其数据包不予接受：请先登记这个计票站。",
        "Station “{station}” (fingerprint {fingerprint}) is not registered, so its package "
        "is refused: register the station first.",
    ),
    "package_station_revoked": (
        "计票站“{station}”已于 {at} 撤销，其数据包不予接受。未导入任何内容。",
        "Station “{station}” was revoked on {at}; its package is refused. Nothing was "
        "imported.",
    ),
    "package_bad_signature": (
        "数据包签名无效：清单在签名后被修改过，或不是计票站“{station}”的密钥签署的。未导入任何内容。",
        "The package's signature is not valid: the manifest was changed after signing, or "
        "station “{station}”'s key did not sign it. Nothing was imported.",
    ),
    "package_file_changed": (
        "数据包中的“{member}”与签名清单中的哈希不符（内容被改动）。未导入任何内容。",
        "“{member}” in the package does not match its hash in the signed manifest (its content "
        "was changed). Nothing was imported.",
    ),
    "package_file_missing": (
        "数据包中缺少签名清单列出的“{member}”。未导入任何内容。",
        "“{member}”, listed in the signed manifest, is missing from the package. Nothing was "
        "imported.",
    ),
    "package_file_unlisted": (
        "数据包中有签名清单未列出的文件“{member}”。未导入任何内容。",
        "The package holds “{member}”, which the signed manifest does not list. Nothing was "
        "imported.",
    ),
    "package_bad_content": (
        "数据包中的“{member}”无法读取：{reason}。未导入任何内容。",
        "“{member}” in the package cannot be read: {reason}. Nothing was imported.",
    ),
    "package_too_many_members": (
        "数据包中有 {count} 个文件，超过上限 {limit} 个，不予接受。未导入任何内容。",
        "The package holds {count} files, more than the {limit} allowed; it is refused. "
        "Nothing was imported.",
    ),
    "package_member_unsafe": (
        "数据包中的文件名“{member}”不是计票站数据包的文件名（如含 ../、绝对路径或其他文件夹），"
        "不予接受。未导入任何内容。",
        "The package holds “{member}”, which is no name of a station package (a ../, an "
        "absolute path or another folder); it is refused. Nothing was imported.",
    ),
    "package_member_link": (
        "数据包中的“{member}”是符号链接，不予接受。未导入任何内容。",
        "“{member}” in the package is a symbolic link; the package is refused. Nothing was "
        "imported.",
    ),
    "package_member_duplicate": (
        "数据包中的“{member}”出现了不止一次，不予接受。未导入任何内容。",
        "“{member}” is in the package more than once; it is refused. Nothing was imported.",
    ),
    "package_member_too_large": (
        "数据包中的“{member}”解压后有 {size}，超过上限 {limit}，不予接受。未导入任何内容。",
        "“{member}” in the package unpacks to {size}, more than the {limit} allowed; it is "
        "refused. Nothing was imported.",
    ),
    "package_too_large": (
        "数据包解压后共 {size}，超过上限 {limit}，不予接受。未导入任何内容。",
        "The package unpacks to {size} in all, more than the {limit} allowed; it is refused. "
        "Nothing was imported.",
    ),
    "package_campaign_unknown": (
        "数据包属于评选活动“{campaign}”，本数据库中没有这个活动（或不是同一个活动）。未导入任何内容。",
        "The package belongs to the campaign “{campaign}”, which this database does not have "
        "(or not the same one). Nothing was imported.",
    ),
    "package_layout_unknown": (
        "数据包中的选票使用版式 {version}，本数据库中没有这个版式或版式不同。未导入任何内容。",
        "The package's ballots use layout {version}, which this database lacks or has "
        "differently. Nothing was imported.",
    ),
    "package_serial_unknown": (
        "数据包中的票号 {serial} 在本数据库中没有印制记录。未导入任何内容。",
        "Serial {serial} in the package was never printed in this database. Nothing was "
        "imported.",
    ),
    "package_sheet_not_signed": (
        "数据包中计入的票号 {serial} 第 {page} 页，其二维码签名在本数据库无法核验"
        "（不是为该票号所属投票箱印制的选票）。未导入任何内容。",
        "Serial {serial} page {page}, counted in the package, does not carry a signature "
        "this database verifies (not a ballot printed for that serial's box). Nothing was "
        "imported.",
    ),
})

FORMAT = "ballotdesk-station-package"
FORMAT_VERSION = 1
MANIFEST, SIGNATURE, SHEETS, BOXES = "manifest.json", "manifest.sig", "sheets.json", "boxes.json"
IMAGES_DIR = "images"
#: What the campaign tag is an HMAC of (with the campaign's secret as the key).
CAMPAIGN_TAG_CONTEXT = b"station-package"
#: An archived file's path as recording.archive_file makes it: "ab/ab…(64 hex).ext".
_ARCHIVE_PATH = re.compile(r"(?P<prefix>[0-9a-f]{2})/(?P=prefix)[0-9a-f]{62}\.[a-z0-9]{2,4}")
#: An image's name in the package: "images/" and the archived file's name.
_IMAGE_MEMBER = re.compile(IMAGES_DIR + r"/[0-9a-f]{64}\.[a-z0-9]{2,4}")
MIB = 1 << 20
#: Members of a package at most: one per archived scan file, and the four files. A station's
#: boxes hold a few thousand ballots; 250 000 is more pages than any station scans in a
#: campaign, and the zip's directory of that many is still only ~25 MB to list.
MAX_MEMBERS = 250_000
#: manifest.json at most: its ``files`` lists every member's SHA-256, ~100 bytes each, so
#: MAX_MEMBERS of them take ~25 MB. It is read whole, before the signature is checked.
MAX_MANIFEST_BYTES = 32 * MIB
#: manifest.sig at most: an Ed25519 signature is 64 bytes.
MAX_SIGNATURE_BYTES = 1024
#: sheets.json and boxes.json at most, each: a sheet of a 60-name ballot with its marks takes
#: ~6 KB, so this holds 40 000 pages; it is parsed whole (a few times its size in memory).
MAX_JSON_BYTES = 256 * MIB
#: One image at most: the largest scan file a page makes, an uncompressed TIFF of an A3 page
#: at 1200 dpi in colour (scanning.sources MAX_PAGE_PIXELS · 3 bytes), is ~900 MB.
MAX_IMAGE_BYTES = 1024 * MIB
#: The whole package unpacked at most: its images are copied into the archive. 300 dpi JPEG
#: scans take ~0.5 MB a page, so this is 60 000 pages, with room for larger scans.
MAX_PACKAGE_BYTES = 32 * 1024 * MIB
_MEMBER_LIMITS = {MANIFEST: MAX_MANIFEST_BYTES, SIGNATURE: MAX_SIGNATURE_BYTES,
                  SHEETS: MAX_JSON_BYTES, BOXES: MAX_JSON_BYTES}
#: Bytes read at a time from a member.
_CHUNK_BYTES = MIB
#: Hex digits per group when a fingerprint is shown to people.
FINGERPRINT_GROUP = 4
#: (done, total) of a long step, for progress bars.
Progress = Callable[[int, int], None]


def fingerprint_of(public_key: bytes) -> str:
    """A station key's fingerprint: SHA-256 of the raw 32-byte public key, hex."""
    return hashlib.sha256(public_key).hexdigest()


def grouped(fingerprint: str) -> str:
    """``ab12 cd34 …``: easier to read aloud and compare."""
    return " ".join(fingerprint[i:i + FINGERPRINT_GROUP]
                    for i in range(0, len(fingerprint), FINGERPRINT_GROUP))


def campaign_tag(secret: bytes) -> str:
    return hmac.new(secret, CAMPAIGN_TAG_CONTEXT, hashlib.sha256).hexdigest()


def tag_of(campaign: Campaign) -> str | None:
    """The campaign's package tag: from its secret, or as a station copy keeps it."""
    return campaign_tag(campaign.secret) if campaign.secret else campaign.package_tag


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def _moment(text: Any) -> dt.datetime:
    moment = dt.datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return moment


# -- writing ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportInfo:
    path: Path
    package_id: str
    sheets: int
    images: int
    size_bytes: int


def _sheet_json(sheet: Sheet, box_names: dict[int, str], image: str | None) -> dict[str, Any]:
    return {
        "image_key": sheet.image_key, "image_sha256": sheet.image_sha256,
        "page_index": sheet.page_index, "archive_path": sheet.archive_path, "image": image,
        "source": sheet.source, "in_campaign": sheet.campaign_id is not None,
        "serial": sheet.serial, "layout_version": sheet.layout_version, "page": sheet.page,
        "box": box_names.get(sheet.box_id) if sheet.box_id is not None else None,
        "status": sheet.status, "reasons": list(sheet.reasons),
        "counted": sheet.counted_key is not None, "qr_text": sheet.qr_text,
        "homography": sheet.homography, "image_scale": sheet.image_scale,
        "station": sheet.station, "recorded_by": sheet.recorded_by,
        "recorded_at": _iso(sheet.recorded_at),
        "marks": [{"category": m.category, "candidate": m.candidate, "state": m.state,
                   "score": m.score} for m in sheet.marks],
        "decisions": [{"category": d.category, "candidate": d.candidate,
                       "decision": d.decision, "reason": d.reason, "operator": d.operator,
                       "decided_at": _iso(d.decided_at)} for d in sheet.decisions],
    }


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def write_package(db: Database, actor: Actor, archive: Path, station: str,
                  key: Ed25519PrivateKey, campaign_id: int, path: Path, include_images: bool,
                  progress: Progress | None) -> ExportInfo:
    """Write the package (see the module docstring) and record the export in the audit log;
    ``archive`` is the folder of the scanned images."""
    with db.transaction() as s:
        campaign = s.get_one(Campaign, campaign_id)
        name, tag = campaign.name, tag_of(campaign)
        box_names = {b.id: b.name for b in s.scalars(
            select(BallotBox).where(BallotBox.campaign_id == campaign_id))}
        sheets = list(s.scalars(
            select(Sheet).options(selectinload(Sheet.decisions))
            .where(or_(Sheet.campaign_id == campaign_id, Sheet.campaign_id.is_(None)))
            .order_by(Sheet.id)))
        versions = {sh.layout_version for sh in sheets
                    if sh.campaign_id is not None and sh.layout_version is not None}
        layouts = {str(lv.version): lv.fingerprint for lv in s.scalars(
            select(LayoutVersion).where(LayoutVersion.campaign_id == campaign_id,
                                        LayoutVersion.version.in_(versions)))}
        notes = [{"serial": n.serial, "state": n.state.value, "note": n.note,
                  "recorded_by": n.recorded_by, "recorded_at": _iso(n.recorded_at)}
                 for n in s.scalars(select(SerialNote).where(SerialNote.campaign_id == campaign_id)
                                    .order_by(SerialNote.serial))]
    images = {}
    if include_images:
        for sheet in sheets:
            if (archive / sheet.archive_path).is_file():
                images[sheet.archive_path] = f"{IMAGES_DIR}/{Path(sheet.archive_path).name}"
    lines, total = Boxes(db, actor, returned_serials).reconciliation(campaign_id)
    boxes = {"boxes": [{"name": line.box.name if line.box else None, "printed": line.printed,
                        "unused": line.unused, "spoiled": line.spoiled,
                        "returned": line.returned, "missing": line.missing}
                       for line in [*lines, total]],
             "serial_notes": notes}
    sheets_json = [_sheet_json(sh, box_names, images.get(sh.archive_path)) for sh in sheets]
    files: dict[str, str] = {}
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        with zipfile.ZipFile(temporary, "w") as zf:
            for member, data in ((SHEETS, _json_bytes(sheets_json)), (BOXES, _json_bytes(boxes))):
                files[member] = hashlib.sha256(data).hexdigest()
                zf.writestr(member, data, zipfile.ZIP_DEFLATED)
            for done, (archive_path, member) in enumerate(sorted(images.items()), 1):
                data = (archive / archive_path).read_bytes()
                files[member] = hashlib.sha256(data).hexdigest()
                zf.writestr(member, data, zipfile.ZIP_STORED)  # scans are compressed already
                if progress is not None:
                    progress(done, len(images))
            manifest = _json_bytes({
                "format": FORMAT, "version": FORMAT_VERSION, "package_uuid": str(uuid.uuid4()),
                "station": {"name": station, "public_key": base64.b64encode(
                    key.public_key().public_bytes_raw()).decode("ascii")},
                "campaign": {"name": name, "tag": tag}, "layouts": layouts,
                "exported_at": _iso(dt.datetime.now(dt.UTC)), "exported_by": actor.name,
                "app_version": app_version(), "sheets": len(sheets), "files": files,
            })
            zf.writestr(MANIFEST, manifest, zipfile.ZIP_DEFLATED)
            zf.writestr(SIGNATURE, key.sign(manifest), zipfile.ZIP_STORED)
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    package_id = hashlib.sha256(manifest).hexdigest()
    with db.transaction() as s:
        audit.record(s, actor=actor, action="package_export", entity="campaign",
                     entity_id=campaign_id, campaign_id=campaign_id,
                     after={"file": path.name, "package_id": package_id, "station": station,
                            "sheets": len(sheets), "images": len(images)})
    return ExportInfo(path, package_id, len(sheets), len(images), path.stat().st_size)


# -- reading ------------------------------------------------------------------------------------
def sheet_from(s: Session | None, data: dict[str, Any], campaign_id: int | None,
               box_id: int | None) -> Sheet:
    """A sheet of ``sheets.json`` as a new (unsaved) row; ValueError/KeyError/TypeError when
    it is malformed. ``s`` None: the marks are checked but not stored (checking a package)."""
    archive_path = str(data["archive_path"])
    if not _ARCHIVE_PATH.fullmatch(archive_path):
        raise ValueError(f"archive path {archive_path!r}")
    image = data["image"]
    if image is not None and image != f"{IMAGES_DIR}/{Path(archive_path).name}":
        raise ValueError(f"image {image!r}")
    Status(data["status"])
    for reason in data["reasons"]:
        Reason(reason)
    homography = data["homography"]
    sheet = Sheet(
        image_key=str(data["image_key"]), image_sha256=str(data["image_sha256"]),
        page_index=int(data["page_index"]), archive_path=archive_path,
        source=str(data["source"]), campaign_id=campaign_id if data["in_campaign"] else None,
        serial=_optional_int(data["serial"]), layout_version=_optional_int(data["layout_version"]),
        page=_optional_int(data["page"]), box_id=box_id, counted_key=None,
        status=str(data["status"]), reasons=[str(r) for r in data["reasons"]],
        qr_text=data["qr_text"] if data["qr_text"] is None else str(data["qr_text"]),
        homography=None if homography is None else [float(v) for v in homography],
        image_scale=float(data["image_scale"]), station=str(data["station"]),
        recorded_by=str(data["recorded_by"]), recorded_at=_moment(data["recorded_at"]))
    marks = [StoredMark(str(m["category"]), str(m["candidate"]), MarkState(m["state"]).value,
                        float(m["score"])) for m in data["marks"]]
    if s is not None:
        store_marks(s, sheet, marks)
    sheet.decisions = [ReviewDecision(
        category=d["category"] if d["category"] is None else str(d["category"]),
        candidate=d["candidate"] if d["candidate"] is None else str(d["candidate"]),
        decision=str(d["decision"]), reason=str(d["reason"]), operator=str(d["operator"]),
        decided_at=_moment(d["decided_at"])) for d in data["decisions"]]
    return sheet


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def note_from(data: dict[str, Any], campaign_id: int) -> SerialNote:
    return SerialNote(campaign_id=campaign_id, serial=int(data["serial"]),
                      state=SerialState(data["state"]), note=str(data["note"]),
                      recorded_by=str(data["recorded_by"]),
                      recorded_at=_moment(data["recorded_at"]))


@dataclass(frozen=True)
class VerifiedPackage:
    """A package whose every check passed, with what the merge needs."""

    path: Path
    package_id: str  # SHA-256 of the signed manifest
    package_uuid: str
    station_id: int
    station: str
    public_key: bytes
    campaign_id: int
    campaign: str
    exported_at: dt.datetime
    sheets: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    #: Image member → its SHA-256.
    images: dict[str, str]


def _refuse(code: str, **params: Any) -> RuleError:
    return RuleError([error(code, **params)])


def _size_text(size: int) -> str:
    return f"{size / MIB:,.1f} MB"


def member_limit(member: str) -> int:
    """The most bytes ``member`` may unpack to (its kind's limit; see the module docstring)."""
    return _MEMBER_LIMITS.get(member, MAX_IMAGE_BYTES)


def _too_large(member: str, size: str) -> RuleError:
    return _refuse("package_member_too_large", member=member, size=size,
                   limit=_size_text(member_limit(member)))


def check_members(zf: zipfile.ZipFile) -> None:
    """The zip's directory against the format and the limits, before any member is read."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse("package_too_many_members", count=len(infos), limit=MAX_MEMBERS)
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _refuse("package_member_link", member=name)
        if name not in _MEMBER_LIMITS and not _IMAGE_MEMBER.fullmatch(name) \
                and name != IMAGES_DIR + "/":
            raise _refuse("package_member_unsafe", member=name)
        if name in seen:
            raise _refuse("package_member_duplicate", member=name)
        seen.add(name)
        if info.file_size > member_limit(name):
            raise _too_large(name, _size_text(info.file_size))
        total += info.file_size
    if total > MAX_PACKAGE_BYTES:
        raise _refuse("package_too_large", size=_size_text(total),
                      limit=_size_text(MAX_PACKAGE_BYTES))


def stream_member(zf: zipfile.ZipFile, member: str, sink: Callable[[bytes], object]) -> None:
    """Every byte of ``member`` to ``sink``, a chunk at a time, refused past its limit (however
    small the zip declared it)."""
    limit = member_limit(member)
    done = 0
    try:
        with zf.open(member) as handle:
            while chunk := handle.read(_CHUNK_BYTES):
                done += len(chunk)
                if done > limit:
                    raise _too_large(member, f"> {_size_text(limit)}")
                sink(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _refuse("package_damaged", member=member, reason=exc) from exc


def _read(zf: zipfile.ZipFile, member: str) -> bytes:
    """A member whole (the manifest, its signature, the JSON files), read with its limit."""
    parts: list[bytes] = []
    stream_member(zf, member, parts.append)
    return b"".join(parts)


def _hash_member(zf: zipfile.ZipFile, member: str) -> str:
    digest = hashlib.sha256()
    stream_member(zf, member, digest.update)
    return digest.hexdigest()


def _manifest(zf: zipfile.ZipFile, path: Path) -> tuple[bytes, dict[str, Any]]:
    names = set(zf.namelist())
    if MANIFEST not in names:
        raise _refuse("package_no_manifest", file=path.name)
    raw = _read(zf, MANIFEST)
    try:
        manifest = json.loads(raw.decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
    except ValueError as exc:
        raise _refuse("package_bad_manifest", reason=exc) from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise _refuse("package_unknown_format", format=manifest.get("format"),
                      version=manifest.get("version"), supported=FORMAT_VERSION)
    if SIGNATURE not in names:
        raise _refuse("package_unsigned")
    return raw, manifest


def verify_package(db: Database, path: Path) -> VerifiedPackage:
    """Check the package whole (see the module docstring); RuleError at the first problem."""
    if not path.is_file():
        raise _refuse("file_not_found", file=str(path))
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse("package_not_zip", file=path.name) from exc
    with zf:
        check_members(zf)
        raw, manifest = _manifest(zf, path)
        try:
            station_name = str(manifest["station"]["name"])
            public_key = base64.b64decode(manifest["station"]["public_key"], validate=True)
            verifier = Ed25519PublicKey.from_public_bytes(public_key)
            listed: dict[str, str] = {str(k): str(v) for k, v in manifest["files"].items()}
            campaign_name, tag = str(manifest["campaign"]["name"]), manifest["campaign"]["tag"]
            layouts = {int(v): str(f) for v, f in manifest["layouts"].items()}
            exported_at = _moment(manifest["exported_at"])
            package_uuid = str(manifest["package_uuid"])
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
            raise _refuse("package_bad_manifest", reason=f"{type(exc).__name__}: {exc}") from exc
        fingerprint = fingerprint_of(public_key)
        with db.transaction() as s:
            station = s.scalar(select(Station).where(Station.fingerprint == fingerprint))
            if station is None:
                raise _refuse("package_station_unknown", station=station_name,
                              fingerprint=grouped(fingerprint))
            if station.revoked_at is not None:
                raise _refuse("package_station_revoked", station=station.name,
                              at=f"{station.revoked_at.astimezone():%Y-%m-%d %H:%M}")
            station_id, station_label = station.id, station.name
        try:
            verifier.verify(_read(zf, SIGNATURE), raw)
        except InvalidSignature as exc:
            raise _refuse("package_bad_signature", station=station_label) from exc
        present = [n for n in zf.namelist() if not n.endswith("/")]
        for member in present:
            if member not in listed and member not in (MANIFEST, SIGNATURE):
                raise _refuse("package_file_unlisted", member=member)
        for member in (*listed, SHEETS, BOXES):
            if member not in present:
                raise _refuse("package_file_missing", member=member)
        for member, digest in listed.items():
            if _hash_member(zf, member) != digest:
                raise _refuse("package_file_changed", member=member)
            if member.startswith(IMAGES_DIR + "/") and Path(member).stem != digest:
                raise _refuse("package_bad_content", member=member, reason="name ≠ SHA-256")
        sheets = _json_list(zf, SHEETS, None)
        notes = _json_list(zf, BOXES, "serial_notes")
    return _check_against_database(db, VerifiedPackage(
        path, hashlib.sha256(raw).hexdigest(), package_uuid, station_id, station_label,
        public_key, 0, campaign_name, exported_at, sheets, notes,
        {m: d for m, d in listed.items() if m.startswith(IMAGES_DIR + "/")}), tag, layouts)


def _json_list(zf: zipfile.ZipFile, member: str, key: str | None) -> list[dict[str, Any]]:
    try:
        value = json.loads(_read(zf, member).decode("utf-8"))
        items = value if key is None else value[key]
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ValueError("not a list of objects")
    except (ValueError, KeyError, TypeError) as exc:
        raise _refuse("package_bad_content", member=member, reason=exc) from exc
    return items


def _check_against_database(db: Database, package: VerifiedPackage, tag: Any,
                            layouts: dict[int, str]) -> VerifiedPackage:
    """The campaign, layouts and serials of a signed package, against this database."""
    with db.transaction() as s:
        campaign = next((c for c in s.scalars(select(Campaign))
                         if hmac.compare_digest(tag_of(c) or "", str(tag))), None)
        if campaign is None:
            raise _refuse("package_campaign_unknown", campaign=package.campaign)
        here = {lv.version: lv.fingerprint for lv in s.scalars(
            select(LayoutVersion).where(LayoutVersion.campaign_id == campaign.id))}
        for version, fingerprint in sorted(layouts.items()):
            if here.get(version) != fingerprint:
                raise _refuse("package_layout_unknown", version=version)
        serials: set[int] = set()
        counted: list[Sheet] = []
        for number, data in enumerate(package.sheets, 1):
            try:
                sheet = sheet_from(None, data, campaign.id, None)
            except (KeyError, TypeError, ValueError) as exc:
                raise _refuse("package_bad_content", member=f"{SHEETS} #{number}",
                              reason=f"{type(exc).__name__}: {exc}") from exc
            if sheet.campaign_id is not None and sheet.layout_version is not None \
                    and sheet.layout_version not in layouts:
                raise _refuse("package_layout_unknown", version=sheet.layout_version)
            if data["counted"] and sheet.serial is not None and sheet.campaign_id is not None:
                serials.add(sheet.serial)
                counted.append(sheet)
        for number, data in enumerate(package.notes, 1):
            try:
                serials.add(note_from(data, campaign.id).serial)
            except (KeyError, TypeError, ValueError) as exc:
                raise _refuse("package_bad_content", member=f"{BOXES} #{number}",
                              reason=f"{type(exc).__name__}: {exc}") from exc
        for serial in sorted(serials):
            if batch_of(s, campaign.id, serial) is None:
                raise _refuse("package_serial_unknown", serial=serial)
        keys = ballot_keys(s)
        for sheet in counted:
            _check_signed(sheet, keys)
        return replace(package, campaign_id=campaign.id, campaign=campaign.name)


def _check_signed(sheet: Sheet, keys: BallotKeys) -> None:
    """A counted sheet's QR text verifies here with the key of its serial's box and names the
    sheet's own campaign, serial, page and layout. The station's signature vouches for the
    station only: a station holds its own boxes' keys, and so cannot bring a countable sheet
    of another box, even one it wrote into its database by hand."""
    try:
        payload = decode_payload(sheet.qr_text or "", keys.key_for)
    except PayloadError:
        payload = None
    if payload is None or (payload.campaign_id, payload.serial, payload.page,
                           payload.layout_version) != (sheet.campaign_id, sheet.serial,
                                                       sheet.page, sheet.layout_version):
        raise _refuse("package_sheet_not_signed", serial=sheet.serial, page=sheet.page)

