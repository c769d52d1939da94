"""The texts of the results, the notice and the cast-vote record, in Chinese and English."""

from __future__ import annotations

from functools import cache

from ballotformat import messages

_MESSAGES = {
    "results_bad_weights": ("无法识别权重“{text}”，应写作“渠道=权重”，如 paper=30。",
                            "Cannot read the weight “{text}”: write CHANNEL=WEIGHT, e.g. "
                            "paper=30."),
    "results_no_weights": ("加权计算至少需要一个大于 0 的权重。",
                           "A weighted combination needs at least one weight above 0."),
    "results_weight_twice": ("渠道“{channel}”的权重写了两次。",
                             "The channel “{channel}” is weighted twice."),
    "results_unknown_channel": (
        "无法识别的渠道“{channel}”，可选：paper（纸质）、online（网络，合并）、"
        "online:平台名称（网络，分平台）、expert（专家）。",
        "Unknown channel “{channel}”; use paper, online (all sources), online:SOURCE "
        "(one source) or expert."),
    "results_unknown_source": ("没有名为“{source}”的网络投票来源（现有：{sources}）。",
                               "There is no online source “{source}” (known: {sources})."),
    "results_bad_weight": ("渠道“{channel}”的权重“{value}”应为不小于 0 的数。",
                           "The weight “{value}” of “{channel}” should be a number from 0 up."),
    "results_online_twice": (
        "网络投票不能既按合并（online）又按分平台（online:平台）加权。",
        "Online votes are weighted either together (online) or per source (online:SOURCE), "
        "not both."),
    "results_channel_unweighted": (
        "本轮渠道“{channel}”没有权重而其他渠道有：渠道权重未采用，按本活动的综合计算方法计算。",
        "The round's channel “{channel}” has no weight while others have: the channels' "
        "weights are not used; the campaign's combination rule decides."),
    "results_source_unweighted": (
        "网络投票来源“{source}”没有权重，其票数不计入综合得分。",
        "The online source “{source}” has no weight: its votes are not in the combined "
        "score."),
    "results_paper_unmatched": (
        "奖项“{category}”中编号 {number} 的 {votes} 张纸质票不属于任何入围候选对象，未计入。",
        "Number {number} in “{category}” is no shortlisted candidate: its "
        "{votes:|paper vote is|paper votes are} not counted."),
    "results_no_tie": ("奖项“{category}”的当选线上没有并列，无需决定。",
                       "There is no tie at the cut-off of “{category}”: nothing to decide."),
    "results_not_tied": ("编号 {number} 不在当选线上的并列名单（{tied}）中。",
                         "Number {number} is not among the candidates tied at the cut-off "
                         "({tied})."),
    "results_tie_seats": (
        "奖项“{category}”并列的 {tied} 中应选出 {seats} 名，而不是 {count} 名。",
        "Of the tied {tied} in “{category}”, choose {seats}, not {count}."),
    "results_tie_needs_note": ("并列决定须写明依据（如会议纪要）。",
                               "A tie decision needs a note (e.g. the meeting's minutes)."),
    "results_dir_not_empty": (
        "文件夹“{folder}”中已有其他文件，请选择空文件夹。",
        "The folder “{folder}” holds other files; choose an empty folder."),
}


@cache
def register_messages() -> None:
    messages.register(_MESSAGES)
