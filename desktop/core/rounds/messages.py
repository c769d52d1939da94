"""The rounds' messages, Chinese first (registered when the package is imported)."""

from __future__ import annotations

from ballotformat import messages

#: Field names the rounds' messages use, beside the core's (messages.FIELD_LABELS).
FIELDS: dict[str, tuple[str, str]] = {
    "round": ("评选轮次", "round"),
    "channel": ("投票渠道", "voting channel"),
    "meeting": ("会议", "meeting"),
    "attendees": ("出席人员", "attendees"),
    "advancing": ("晋级人数", "advancing count"),
}


def register_messages() -> None:
    clash = set(FIELDS) & set(messages.FIELD_LABELS)
    if clash:
        raise ValueError(f"field labels defined twice: {sorted(clash)}")
    messages.FIELD_LABELS.update(FIELDS)
    messages.register({
        "round_name_taken": ("本评选活动已有名为“{name}”的轮次。",
                             "The campaign already has a round named “{name}”."),
        "round_closed": ("第 {position} 轮“{name}”已结束，不能再更改。",
                         "Round {position} “{name}” is closed and cannot change."),
        "round_not_closed": ("第 {position} 轮“{name}”尚未结束：先结束本轮，再确定晋级名单。",
                             "Round {position} “{name}” is still open: close it before "
                             "advancing its candidates."),
        "round_is_last": ("第 {position} 轮是最后一轮：没有下一轮可以晋级，"
                          "最终名单由组织审定决定。",
                          "Round {position} is the last: there is no next round to advance "
                          "to; the final list is the committee's decision."),
        "round_not_last": ("组织审定决定针对最后一轮；第 {position} 轮之后还有轮次。",
                           "The committee decides on the last round; round {position} is "
                           "not the last."),
        "round_no_candidates": ("第 {position} 轮“{name}”还没有候选名单：先确定上一轮的晋级名单，"
                                "再印制本轮选票。",
                                "Round {position} “{name}” has no candidates yet: advance the "
                                "round before it, then print this round's ballots."),
        "round_already_advanced": ("第 {position} 轮已有晋级名单，不能再次确定。",
                                   "Round {position} already has its candidates advanced."),
        "round_no_advancing": ("第 {position} 轮未设定“{category}”的晋级人数。",
                               "Round {position} has no advancing count for “{category}”."),
        "round_tie_open": ("“{category}”的晋级线并列（{tied}，{seats} 个名额）尚未裁定。",
                           "The tie at the cut of “{category}” ({tied}, {seats:|place|places}) "
                           "is not decided yet."),
        "round_no_tie": ("“{category}”的晋级线没有并列。",
                         "There is no tie at the cut of “{category}”."),
        "round_tie_seats": ("“{category}”的晋级线并列者（{tied}）中须选 {seats} 个，"
                            "给出了 {count} 个。",
                            "Of the tie at the cut of “{category}” ({tied}), {seats} must go "
                            "on; {count} given."),
        "round_not_tied": ("{number} 不在晋级线并列者（{tied}）之中。",
                           "{number} is not among those tied at the cut ({tied})."),
        "channel_name_taken": ("本轮已有名为“{name}”的渠道。",
                               "The round already has a channel named “{name}”."),
        "channel_needs_source": ("网络投票渠道须指定网络投票来源。",
                                 "An online channel needs its online source."),
        "channel_bad_weight": ("渠道权重须为正数，给出的是 {value}。",
                               "A channel's weight must be positive; {value} given."),
        "channel_not_paper": ("渠道“{name}”不是纸质选票渠道，投票箱不能归入它。",
                              "The channel “{name}” is not a paper channel: a box cannot "
                              "belong to it."),
        "round_bad_advancing": ("晋级人数须为正整数，给出的是 {value}。",
                                "An advancing count must be a positive whole number; {value} "
                                "given."),
        "decision_needs": ("组织审定决定须写明{field}。",
                           "The committee's decision needs its {field}."),
        "decision_count": ("“{category}”须确定 {seats} 个，给出了 {count} 个。",
                           "“{category}” needs {seats} chosen; {count} given."),
        "decision_not_standing": ("“{category}”的 {number} 不在本轮候选名单中。",
                                  "{number} of “{category}” does not stand in this round."),
        "decision_missing_category": ("组织审定决定缺少“{category}”的名单。",
                                      "The decision has no list for “{category}”."),
        "decision_reason_chosen": (
            "“{category}”选定了 {number}（第 {rank} 名），与排名不一致，须写明理由。",
            "{number} of “{category}” (ranked {rank}) is chosen against the ranking: give "
            "the reason."),
        "decision_reason_left_out": (
            "“{category}”未选 {number}（第 {rank} 名），与排名不一致，须写明理由。",
            "{number} of “{category}” (ranked {rank}) is left out against the ranking: give "
            "the reason."),
    })
