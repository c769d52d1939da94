"""The printed wording of a ballot in Chinese and English, and the glyph check before printing."""

from __future__ import annotations

from dataclasses import dataclass

from ballotformat import messages
from ballotformat.font_file import missing_glyphs
from ballotformat.messages import Message, RuleError
from ballotformat.spec import BallotSpec

messages.register({
    "ballot_missing_glyphs": (
        "奖项“{category}”{number}号“{name}”的{field}中有字符 {chars} 在选票字体中缺失，无法打印。",
        "“{category}” no. {number} “{name}”: the {field} contains {chars}, which the ballot "
        "font cannot print.",
    ),
    "ballot_text_missing_glyphs": (
        "选票上的“{text}”中有字符 {chars} 在选票字体中缺失，无法打印。",
        "“{text}” on the ballot contains {chars}, which the ballot font cannot print.",
    ),
})

_ZH, _EN = 0, 1
#: Between the round, the kind of ballot and the box on the header line.
BOX_LINE_SEPARATOR = " · "

INSTRUCTIONS: tuple[tuple[str, ...], tuple[str, ...]] = (
    (
        "填票说明：",
        "1. 在所选候选对象编号左侧的方框内划“√”；划“○”“×”等清楚的记号同样有效。",
        "2. 每个奖项可选人数见奖项标题（如“选 10 名”），可以少选，不能多选。",
        "3. 某奖项所划记号超过规定人数的，该奖项作废，不影响其他奖项。",
        "4. 请勿在二维码、票号和四角黑色方块处书写，请勿折叠、污损选票。",
    ),
    (
        "How to vote:",
        "1. Tick (√) the box beside each candidate you choose; ○, × or other clear marks count.",
        "2. Each category says how many you may choose (\"vote for at most 10\"); fewer is fine.",
        "3. A category with more marks than allowed is void; the other categories still count.",
        "4. Do not write on the QR code, the serial or the black corner squares; do not fold.",
    ),
)

_CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (category numbering up to 99)."""
    tens, ones = divmod(n, 10)
    if n < 10:
        return _CHINESE_DIGITS[n]
    head = "" if tens == 1 else _CHINESE_DIGITS[tens]
    return head + "十" + (_CHINESE_DIGITS[ones] if ones else "")


@dataclass(frozen=True)
class Wording:
    language: str

    @property
    def _index(self) -> int:
        return _EN if self.language == "en" else _ZH

    def instructions(self) -> tuple[str, ...]:
        return INSTRUCTIONS[self._index]

    def box_line(self, box_name: str, round_position: int = 1, ballot_kind: str = "") -> str:
        """The header line under the title: the round after the first, the kind of ballot
        when it is not the public's (代表投票), the box."""
        parts = []
        if round_position > 1:
            parts.append((f"第 {round_position} 轮", f"Round {round_position}")[self._index])
        if ballot_kind:
            parts.append(ballot_kind)
        parts.append((f"投票箱：{box_name}", f"Ballot box: {box_name}")[self._index])
        return BOX_LINE_SEPARATOR.join(parts)

    def page_line(self, page: int, pages: int) -> str:
        return (f"第 {page} 页 / 共 {pages} 页", f"Page {page} of {pages}")[self._index]

    def heading(self, position: int, name: str, max_marks: int, continued: bool) -> str:
        if self._index == _EN:
            more = " (continued)" if continued else ""
            return f"{position}. {name} — vote for at most {max_marks}{more}"
        more = "，续上页" if continued else ""
        return f"{chinese_ordinal(position)}、{name}（选 {max_marks} 名{more}）"

    def serial_template(self) -> str:
        return ("票号 {serial}", "Serial {serial}")[self._index]


SERIAL_DIGITS = 6


def serial_text(template: str, serial: int) -> str:
    return template.format(serial=f"{serial:0{SERIAL_DIGITS}d}")


def check_glyphs(spec: BallotSpec, fixed_texts: list[str]) -> None:
    """Refuse to lay out a ballot the font cannot print, naming every candidate concerned."""
    problems: list[Message] = []
    for text in dict.fromkeys(fixed_texts):
        chars = missing_glyphs(text)
        if chars:
            problems.append(messages.error("ballot_text_missing_glyphs", text=text,
                                           chars=" ".join(chars)))
    for category in spec.categories:
        for candidate in category.candidates:
            for field_name, value in (("number", candidate.number), ("name", candidate.name),
                                      ("unit", candidate.unit)):
                chars = missing_glyphs(value)
                if chars:
                    problems.append(messages.error(
                        "ballot_missing_glyphs", category=category.name,
                        number=candidate.number, name=candidate.name, field=field_name,
                        chars=" ".join(chars)))
    if problems:
        raise MissingGlyphsError(problems)


class MissingGlyphsError(RuleError):
    """Some printed text has characters the ballot font lacks; one message per candidate field."""
