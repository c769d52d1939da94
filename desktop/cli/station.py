"""``ballotdesk station key|register|list|revoke|export|import|imports``: offline counting
stations and their signed packages (docs/stations.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ballotformat import messages
from desktop.cli.common import Context
from desktop.cli.parsing import Builder, Subparsers

messages.register({
    "cli_station_key": (
        "本计票站：{name}\n指纹：{fingerprint}\n二维码文本：{qr}",
        "This station: {name}\nfingerprint: {fingerprint}\nQR text: {qr}",
    ),
    "cli_station_qr_saved": ("二维码已保存到“{file}”。", "QR code saved to “{file}”."),
    "cli_station_registered": (
        "已登记计票站“{name}”（指纹 {fingerprint}）{key}。",
        "Station “{name}” registered (fingerprint {fingerprint}){key}.",
    ),
    "cli_station_key_later": ("；公钥随其第一个数据包存入",
                              "; its key comes with its first package"),
    "cli_station_revoked": ("已撤销计票站“{name}”：不再接受它的数据包。",
                            "Station “{name}” revoked: its packages are refused from now on."),
    "cli_station_exported": (
        "已导出数据包“{file}”：{sheets} 页选票，{images} 个图像，{size_kb} KB，由“{station}”签名。",
        "Exported the package “{file}”: {sheets:|page|pages}, {images:|image|images}, "
        "{size_kb} KB, signed by “{station}”.",
    ),
    "cli_station_conflicts": ("冲突：", "Conflicts:"),
    "cli_station_database": (
        "已写出“{file}”（仅本人可读写）：含投票箱 {boxes} 的选票密钥，账户 {accounts}；"
        "不含评选活动密钥和组织者账户。在计票站上用 --db sqlite:///{file} 打开，"
        "登录后生成本站密钥（ballotdesk station key --name 名称）。",
        "Wrote “{file}” (owner-only): the ballot keys of the boxes {boxes}, the accounts "
        "{accounts}; no campaign secret, no organiser's account. Open it on the station with "
        "--db sqlite:///{file}, sign in and make the station's key "
        "(ballotdesk station key --name NAME).",
    ),
    "cli_station_database_none": ("（无）", "(none)"),
    "cli_col_fingerprint": ("指纹", "fingerprint"),
    "cli_col_key": ("公钥", "key"),
    "cli_col_registered": ("登记", "registered"),
    "cli_col_revoked": ("撤销时间", "revoked"),
    "cli_col_packages": ("数据包", "packages"),
    "cli_col_station": ("计票站", "station"),
    "cli_col_exported": ("导出时间", "exported"),
    "cli_col_imported": ("导入", "imported"),
    "cli_col_new": ("新增", "new"),
    "cli_col_same": ("已有", "same"),
    "cli_col_conflicts": ("冲突", "conflicts"),
    "cli_yes": ("有", "yes"),
    "cli_no": ("无", "no"),
})


def add_parsers(b: Builder, sub: Subparsers) -> None:
    t = b.t
    group = b.group(sub, "station", "计票站：密钥、登记、签名数据包的导出与导入",
                    "counting stations: key, registration, signed packages out and in")
    key = b.command(group, "key", "显示本计票站的密钥指纹和二维码文本（首次使用时生成密钥）",
                    "show this station's key fingerprint and QR text (made on first use)",
                    run_key)
    key.add_argument("--name", metavar="NAME", help=t("本计票站的名称", "this station's name"))
    key.add_argument("--new", action="store_true", help=t(
        "生成新密钥（从其他计票站的数据库副本设置本站时必须）",
        "make a new key (needed when this station was set up from another's database copy)"))
    key.add_argument("--qr", type=Path, metavar="FILE", help=t(
        "把二维码保存为 .png 或 .svg 文件", "save the QR code as a .png or .svg file"))
    register = b.command(group, "register", "登记计票站：此后接受其签名的数据包",
                         "register a station: accept its signed packages from now on",
                         run_register)
    register.add_argument("name", metavar="NAME", help=t(
        "计票站名称（为空则用二维码文本中的名称）", "station name (empty: the QR text's)"))
    register.add_argument("key", metavar="KEY|FINGERPRINT|QRTEXT", help=t(
        "二维码文本、公钥（base64）或指纹（64 位十六进制，可含空格）",
        "QR text, public key (base64) or fingerprint (64 hex digits, spaces allowed)"))
    b.command(group, "list", "列出已登记的计票站", "list the registered stations", run_list)
    revoke = b.command(group, "revoke", "撤销计票站：不再接受其数据包",
                       "revoke a station: refuse its packages from now on", run_revoke)
    revoke.add_argument("name", metavar="NAME", help=t("计票站名称", "station name"))
    export = b.command(group, "export", "把本站的选票导出为签名数据包（zip）",
                       "export this station's sheets as a signed package (zip)", run_export)
    export.add_argument("file", type=Path, metavar="FILE", help=t("数据包文件", "package file"))
    export.add_argument("--no-images", action="store_true", help=t(
        "不含扫描图像（数据包小得多，但组织者看不到图像）",
        "leave the scanned images out (much smaller; the organiser sees no images)"))
    load = b.command(group, "import", "校验并合并计票站数据包（重复导入不改变任何内容）",
                     "verify and merge a station package (importing it again changes nothing)",
                     run_import)
    load.add_argument("file", type=Path, metavar="FILE", help=t("数据包文件", "package file"))
    b.command(group, "imports", "列出已导入的数据包", "list the packages imported", run_imports)
    copy = b.command(group, "database",
                     "为离线计票站写出本数据库的 SQLite 副本（只含其投票箱的选票密钥和计票账户）",
                     "write a SQLite copy of this database for an offline station (only its "
                     "boxes' ballot keys and the counting accounts)", run_database)
    copy.add_argument("file", type=Path, metavar="FILE", help=t(
        "新的 SQLite 文件（已存在则替换）", "the new SQLite file (replaced if it exists)"))
    copy.add_argument("--box", action="append", required=True, metavar="BOX", help=t(
        "该站清点的投票箱（名称或编号，可重复）：副本只能核验这些投票箱的选票",
        "a ballot box the station counts (name or id, repeatable): the copy checks only "
        "these boxes' ballots"))
    copy.add_argument("--account", action="append", metavar="NAME", help=t(
        "带到计票站的账户（可重复；默认：所有启用的计票组账户；组织者账户不可带）",
        "an account the station needs (repeatable; default: every active counting-team "
        "account; an organiser's cannot go)"))


def run_key(ctx: Context, args: argparse.Namespace) -> int:
    from desktop.core.stations import qr_code

    key = ctx.services.stations.identity(args.name, new=args.new)
    if args.qr is not None:
        qr_code(key.qr_text).save(str(args.qr), scale=8, border=4)
    if ctx.json:
        ctx.emit({"name": key.name, "fingerprint": key.fingerprint,
                  "fingerprint_text": key.fingerprint_text, "qr_text": key.qr_text,
                  "qr_file": args.qr})
        return 0
    ctx.say("cli_station_key", name=key.name, fingerprint=key.fingerprint_text, qr=key.qr_text)
    if args.qr is not None:
        ctx.say("cli_station_qr_saved", file=args.qr)
    return 0


def run_register(ctx: Context, args: argparse.Namespace) -> int:
    info = ctx.services.stations.register(args.name, args.key)
    if ctx.json:
        ctx.emit(info)
    else:
        ctx.say("cli_station_registered", name=info.name, fingerprint=info.fingerprint_text,
                key="" if info.has_key else ctx.text("cli_station_key_later"))
    return 0


def run_list(ctx: Context, args: argparse.Namespace) -> int:
    stations = ctx.services.stations.registered()
    if ctx.json:
        ctx.emit(stations)
        return 0
    ctx.table(ctx.columns("title", "fingerprint", "key", "registered", "revoked", "packages"),
              [(s.name, s.fingerprint_text, ctx.text("cli_yes" if s.has_key else "cli_no"),
                f"{s.registered_at.astimezone():%Y-%m-%d %H:%M} {s.registered_by}",
                f"{s.revoked_at.astimezone():%Y-%m-%d %H:%M}" if s.revoked_at else "",
                s.packages) for s in stations])
    return 0


def run_revoke(ctx: Context, args: argparse.Namespace) -> int:
    info = ctx.services.stations.revoke(args.name)
    if ctx.json:
        ctx.emit(info)
    else:
        ctx.say("cli_station_revoked", name=info.name)
    return 0


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    stations = ctx.services.stations
    info = stations.export_package(ctx.campaign().id, args.file,
                                   include_images=not args.no_images)
    station = stations.current()
    if ctx.json:
        ctx.emit(info)
    else:
        ctx.say("cli_station_exported", file=info.path, sheets=info.sheets, images=info.images,
                size_kb=round(info.size_bytes / 1024), station=station.name if station else "")
    return 0


def run_import(ctx: Context, args: argparse.Namespace) -> int:
    report = ctx.services.stations.import_package(args.file)
    if ctx.json:
        ctx.emit({**report.stored_summary(), "package_id": report.package_id,
                  "station": report.station, "campaign": report.campaign,
                  "already_imported": report.already_imported,
                  "message": report.summary(),
                  "conflict_messages": report.conflict_messages()})
        return 0
    print(report.summary().text(ctx.language))
    conflicts = report.conflict_messages()
    if conflicts:
        ctx.say("cli_station_conflicts")
        for message in conflicts:
            print(f"  • {message.text(ctx.language)}")
    return 0


def run_imports(ctx: Context, args: argparse.Namespace) -> int:
    imports = ctx.services.stations.imports()
    if ctx.json:
        ctx.emit(imports)
        return 0
    ctx.table(ctx.columns("station", "exported", "imported", "new", "same", "conflicts"),
              [(i.station, f"{i.exported_at.astimezone():%Y-%m-%d %H:%M}",
                f"{i.imported_at.astimezone():%Y-%m-%d %H:%M} {i.imported_by}",
                i.count("new"), i.count("same"), i.conflict_count())
               for i in imports])
    return 0


def run_database(ctx: Context, args: argparse.Namespace) -> int:
    campaign = ctx.campaign()
    boxes = [ctx.services.boxes.find_box(campaign.id, name).id for name in args.box]
    copy = ctx.services.stations.station_database(args.file.resolve(), boxes, args.account)
    if ctx.json:
        ctx.emit({"file": copy.path, "boxes": copy.boxes, "accounts": copy.accounts})
    else:
        none = ctx.text("cli_station_database_none")
        comma = messages.list_separator(ctx.language)
        ctx.say("cli_station_database", file=copy.path, boxes=comma.join(copy.boxes) or none,
                accounts=comma.join(copy.accounts) or none)
    return 0
