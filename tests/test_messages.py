"""The core's messages are complete in Chinese and English, with the same parameters."""

from __future__ import annotations

import importlib
import pkgutil
import string

import desktop.cli
import desktop.core
from ballotformat.messages import CATALOG, FIELD_LABELS, Message


def _load_every_core_module() -> None:
    """Modules register their own codes when imported (the core's and the CLI's)."""
    for package in (desktop.core, desktop.cli):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" not in module.name and not module.name.endswith("__main__"):
                importlib.import_module(module.name)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_the_same_parameters() -> None:
    _load_every_core_module()
    assert len(CATALOG) > 20
    for code, (zh, en) in CATALOG.items():
        assert zh.strip() and en.strip(), code
        assert _placeholders(zh) == _placeholders(en), code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{code}: Chinese text expected"
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.replace("“", "")), code


def test_field_labels_are_translated() -> None:
    for key, (zh, en) in FIELD_LABELS.items():
        assert zh != key and en, key
    message = Message("missing_field", {"field": "review_note"})
    assert message.text("zh_CN") == "缺少必填项：审核意见。"
    assert message.text("en") == "Required field missing: review note."


def test_every_value_shown_to_users_has_a_label_in_both_languages() -> None:
    from ballotformat import Paper
    from desktop.core.enums import CandidateKind, CandidateStatus, Phase, SerialState, Sex
    from desktop.core.labels import LABELS, label
    from desktop.core.records.review import Decision
    from scanning.decide import MarkState
    from scanning.reasons import Reason, Status

    for kind in (Phase, CandidateStatus, CandidateKind, Sex, Paper, SerialState, Status,
                 MarkState, Reason, Decision):
        for member in kind:
            assert (kind, member.value) in LABELS, member
            assert label(member, "zh_CN")
            assert label(member, "en")
    # Equal values of different enums keep their own words.
    assert label(CandidateStatus.REJECTED, "zh_CN") != label(Status.REJECTED, "zh_CN")


def test_english_counts_take_the_right_form_and_no_text_says_s_in_brackets() -> None:
    _load_every_core_module()
    assert Message("import_has_errors", {"count": 1}).text("en").startswith(
        "Nothing was imported: 1 error;")
    assert "3 errors;" in Message("import_has_errors", {"count": 3}).text("en")
    assert "有 1 个错误" in Message("import_has_errors", {"count": 1}).text("zh_CN")
    assert "its 1 paper vote is not" in Message(
        "results_paper_unmatched", {"votes": 1, "number": "07", "category": "x"}).text("en")
    bracketed = [code for code, (_zh, en) in CATALOG.items() if "(s)" in en or "(ies)" in en]
    assert not bracketed, f"plural forms written as (s): {bracketed}"
