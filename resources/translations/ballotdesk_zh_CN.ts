<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>New account</source>
        <translation>新建账户</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <source>Password</source>
        <extracomment>The user name signed in last, offered again at the next start.</extracomment>
        <translation>密码</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>至少 %1 个字符</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>New account…</source>
        <extracomment>Only people who may manage accounts see this page in the navigation.</extracomment>
        <translation>新建账户…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Organisers manage the registry, printing, results and accounts; the counting team scans and reviews ballots; observers see everything and change nothing. A disabled account cannot sign in; its work stays in the audit log.</source>
        <translation>组织者管理评选登记、选票印制、结果和账户；计票组扫描和审核选票；观察员可以查看一切，但不能更改任何内容。已停用的账户不能登录，其操作仍保留在审计日志中。</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation>%1 的角色：</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>Disable the account “%1”? It can no longer sign in; what it recorded stays.</source>
        <translation>停用账户“%1”？停用后不能再登录，其已记录的内容保留。</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>%1 的密码已修改。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open the database:
%1</source>
        <translation>无法打开数据库：
%1</translation>
    </message>
</context>
<context>
    <name>AuditController</name>
    <message>
        <source>Verify the audit chain</source>
        <extracomment>The table shows at most this many entries (the newest); filters reach older ones. Findings listed in the message box; the rest are counted. What dialogs and messages open over.</extracomment>
        <translation>校验审计链</translation>
    </message>
    <message numerus="yes">
        <source>%1, matches the %n anchor(s) written down</source>
        <translation>
            <numerusform>%1，与留存的 %n 个锚点相符</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.

Audit anchor (write it down to check the log later):
%2</source>
        <translation>%1。

审计链锚点（请记录下来，以便日后核对）：
%2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>……另有 %n 处</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>CSV file (*.csv);;JSON lines (*.jsonl)</source>
        <translation>CSV 文件 (*.csv);;JSON Lines 文件 (*.jsonl)</translation>
    </message>
    <message>
        <source>%1 entries exported to “%2”, with their hashes: anyone can check them (see docs/audit.md).</source>
        <translation>已将 %1 条审计记录连同哈希导出到“%2”，任何人都可以独立校验（见 docs/audit.md）。</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>正在导出审计日志…</translation>
    </message>
</context>
<context>
    <name>AuditModels</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Verify the audit chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the anchor, to keep it in the minutes or a message</source>
        <translation>复制锚点，以便记入会议纪要或发送留存</translation>
    </message>
    <message>
        <source>id:hash written down earlier, e.g. 1234:9f86d081884c7d65</source>
        <translation>此前留存的 序号:哈希，如 1234:9f86d081884c7d65</translation>
    </message>
    <message>
        <source>Verify also checks that each entry named here still has the hash written down (several: separate them with spaces or commas).</source>
        <translation>校验时也核对此处所列各条记录的哈希是否仍与留存的相符（多个锚点以空格或逗号分隔）。</translation>
    </message>
    <message>
        <source>Audit anchor (the head):</source>
        <translation>审计链锚点（链头）：</translation>
    </message>
    <message>
        <source>Check against:</source>
        <translation>核对锚点：</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Search in any field…</source>
        <translation>在任意字段中搜索…</translation>
    </message>
    <message>
        <source>Current campaign only</source>
        <translation>只看当前评选活动</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>操作：</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>Actor:</source>
        <translation>操作人：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部操作人</translation>
    </message>
    <message>
        <source>The newest %1 entries; narrow the filter to see older ones.</source>
        <translation>仅显示最新的 %1 条；缩小筛选范围可查看更早的记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an entry to see it in full.</source>
        <translation>选择一条记录以查看完整内容。</translation>
    </message>
    <message>
        <source>No. %1 · %2 · %3 · %4 (%5) · %6</source>
        <translation>第 %1 条 · %2 · %3 · %4（%5）· %6</translation>
    </message>
    <message>
        <source>(empty log)</source>
        <translation>（日志为空）</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>修改前 → 修改后</translation>
    </message>
    <message>
        <source>(nobody signed in)</source>
        <translation>（未登录）</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Cancel</source>
        <extracomment>Progress dialogs appear only for work that takes longer than this. Tasks still running, kept alive until their result has been delivered.</extracomment>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>BackupSecretsDialog</name>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The database holds secrets: the campaign secrets that sign the ballots and this computer&apos;s station key. The backup keeps them sealed with a passphrase, asked for when it is restored; or leaves them out.</source>
        <translation>数据库中有密钥：为选票签名的评选活动密钥，以及本机的计票站密钥。备份用口令封存这些密钥（恢复时需输入口令），或不备份密钥。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>Leave the secrets out (a database restored from this backup cannot print or check ballots)</source>
        <translation>不备份密钥（从此备份恢复的数据库不能印制或核验选票）</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>BallotJobs</name>
    <message>
        <source>Printing ballots</source>
        <translation>印制选票</translation>
    </message>
</context>
<context>
    <name>BallotsController</name>
    <message>
        <source>Print preview — sample ballot, never counted</source>
        <extracomment>Resolution of the on-screen preview images (sharp at &quot;fit width&quot; on a large screen). What dialogs and messages open over. The running print job (the batch&apos;s, then a PrinterJob&apos;s), or None.</extracomment>
        <translation>打印预览——样票（票号 000000，不计票）</translation>
    </message>
    <message>
        <source>Delete ballot box</source>
        <translation>删除投票箱</translation>
    </message>
    <message>
        <source>Delete the ballot box “%1”?</source>
        <translation>确定删除投票箱“%1”？</translation>
    </message>
    <message>
        <source>Print ballots</source>
        <translation>印制选票</translation>
    </message>
    <message>
        <source>Add a ballot box first: every batch belongs to one.</source>
        <translation>请先添加投票箱：每批选票都要对应一个投票箱。</translation>
    </message>
    <message>
        <source>with photos</source>
        <translation>含照片</translation>
    </message>
    <message>
        <source>without photos</source>
        <translation>不含照片</translation>
    </message>
    <message>
        <source>%1 paper, instructions in %2, %3 (change them above the preview)</source>
        <translation>%1 纸张，%2说明，%3（可在预览上方修改）</translation>
    </message>
    <message>
        <source>Printing cancelled: no serial was recorded and no file was written.</source>
        <translation>已取消印制：没有登记任何票号，也没有生成文件。</translation>
    </message>
    <message>
        <source>%1 ballots for “%2”, serials %3–%4, saved to:
%5</source>
        <translation>已为“%2”印制 %1 张选票，票号 %3–%4，保存在：
%5</translation>
    </message>
    <message>
        <source>%1 of %2 ballots for “%3” sent to %4.</source>
        <translation>“%3”的选票已送%4 %1 张（共 %2 张）。</translation>
    </message>
    <message>
        <source>Print job: %1 (the system&apos;s print queue shows it).</source>
        <translation>打印作业：%1（可在系统的打印队列中查看）。</translation>
    </message>
    <message>
        <source>Not sent to the printer</source>
        <translation>未送打印机</translation>
    </message>
    <message>
        <source>Serials %1–%2 were not printed and are recorded as unused.</source>
        <translation>票号 %1–%2 未打印，已登记为“未发放”。</translation>
    </message>
    <message>
        <source>Printer problem: %1</source>
        <translation>打印机问题：%1</translation>
    </message>
</context>
<context>
    <name>BallotsPage</name>
    <message>
        <source>Print ballots…</source>
        <translation>印制选票…</translation>
    </message>
    <message>
        <source>Record spoiled / unused serials…</source>
        <translation>登记作废/未发放票号…</translation>
    </message>
    <message>
        <source>Ballot preview</source>
        <translation>选票预览</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Ballot boxes</source>
        <translation>投票箱</translation>
    </message>
    <message>
        <source>Printed batches</source>
        <translation>印制记录</translation>
    </message>
    <message>
        <source>Issued = printed − unused. Returned counts scanned ballots, those of spoiled or unused serials too (shown apart; each waits for a decision in the review). Not returned = printed − returned − spoiled or unused not returned: in red once voting is over (phase Counting), when they are missing.</source>
        <translation>发放 = 印制 − 未发放。收回按已扫描的选票计，已登记作废或未发放的票号被收回的也计入（另列一栏，每张等待人工审核决定）。未收回 = 印制 − 收回 − 未收回的作废票和未发放票：投票结束后（统计评选阶段）仍未收回的以红色标出，视为缺失。</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在印制…</translation>
    </message>
</context>
<context>
    <name>BatchJob</name>
    <message>
        <source>Printing %1 ballots for “%2”…</source>
        <translation>正在为“%2”印制 %1 张选票…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>BatchTableModel</name>
    <message>
        <source>Ballot box</source>
        <translation>投票箱</translation>
    </message>
    <message>
        <source>Serials</source>
        <translation>票号</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>张数</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>版式</translation>
    </message>
    <message>
        <source>Layout version: the scanner reads these ballots with it</source>
        <translation>版式版本：扫描时按此版本识别这些选票</translation>
    </message>
    <message>
        <source>Printed by / at</source>
        <translation>印制人/时间</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>输出到</translation>
    </message>
</context>
<context>
    <name>BoxCountModel</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Ballot box</source>
        <translation>投票箱</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>选票</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审核</translation>
    </message>
</context>
<context>
    <name>BoxDialog</name>
    <message>
        <source>Edit ballot box</source>
        <translation>编辑投票箱</translation>
    </message>
    <message>
        <source>New ballot box</source>
        <translation>新建投票箱</translation>
    </message>
    <message>
        <source>e.g. Donghu community centre, box 1</source>
        <translation>例如：东湖社区服务中心 1号箱</translation>
    </message>
    <message>
        <source>Box name</source>
        <translation>投票箱名称</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>设置地点</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>BoxTableModel</name>
    <message>
        <source>Ballot box</source>
        <translation>投票箱</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>设置地点</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>CampaignPage</name>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Campaign settings</source>
        <translation>活动设置</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Voting opens on</source>
        <translation>投票开始</translation>
    </message>
    <message>
        <source>Voting closes on</source>
        <translation>投票截止</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Summary length limit</source>
        <translation>事迹简介字数上限</translation>
    </message>
    <message>
        <source>Default quota per unit</source>
        <translation>每单位默认推荐限额</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Award categories (in ballot order)</source>
        <translation>奖项（按选票顺序）</translation>
    </message>
    <message>
        <source>Delete category</source>
        <translation>删除奖项</translation>
    </message>
    <message>
        <source>Delete the category “%1”?</source>
        <translation>确定删除奖项“%1”吗？</translation>
    </message>
</context>
<context>
    <name>CandidateDialog</name>
    <message>
        <source>Candidate: %1</source>
        <extracomment>Common answers for 政治面貌; the field stays free text.</extracomment>
        <translation>候选对象：%1</translation>
    </message>
    <message>
        <source>New candidate</source>
        <translation>新增候选对象</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>e.g. 1985-06</source>
        <translation>如 1985-06</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>Nominating unit</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生年月</translation>
    </message>
    <message>
        <source>Political affiliation</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Work unit and post</source>
        <translation>工作单位及职务</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>获奖情况</translation>
    </message>
    <message>
        <source>Summary of deeds</source>
        <translation>事迹简介</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 字</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <source>No.</source>
        <extracomment>Edge of the photo thumbnails drawn in the table.</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>Nominating unit</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>推荐表</translation>
    </message>
    <message>
        <source>Review note</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>审核人及时间</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
</context>
<context>
    <name>CandidatesController</name>
    <message>
        <source>New candidate</source>
        <extracomment>What dialogs and messages open over.</extracomment>
        <translation>新增候选对象</translation>
    </message>
    <message>
        <source>Add an award category on the campaign page first.</source>
        <translation>请先在“评选活动”页添加奖项。</translation>
    </message>
    <message>
        <source>Delete candidates</source>
        <translation>删除候选对象</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n candidate(s): %1?</source>
        <translation>
            <numerusform>确定删除 %n 名候选对象：%1？</numerusform>
        </translation>
    </message>
    <message>
        <source>every category</source>
        <translation>所有奖项</translation>
    </message>
    <message>
        <source>Number automatically</source>
        <translation>自动编号</translation>
    </message>
    <message>
        <source>Give numbers in registry order to the candidates of %1 that have none? Existing numbers are kept; rejected and withdrawn candidates get none.</source>
        <translation>按登记顺序为%1中尚无编号的候选对象编号吗？已有编号保持不变；不合格和已撤回的候选对象不编号。</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) numbered.</source>
        <translation>
            <numerusform>已为 %n 名候选对象编号。</numerusform>
        </translation>
    </message>
    <message>
        <source>Export candidates</source>
        <translation>导出候选对象</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Shortlisted</source>
        <translation>入围</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Number automatically</source>
        <translation>自动编号</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入候选对象…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出候选对象…</translation>
    </message>
    <message>
        <source>Search name, unit, post or number</source>
        <translation>搜索姓名、单位、职务或编号</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部奖项</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部推荐单位</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / 共 %2 名</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <source>Edit category</source>
        <translation>编辑奖项</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>新建奖项</translation>
    </message>
    <message>
        <source>e.g. Ten best service windows</source>
        <translation>如：十佳优良服务窗口</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Winners</source>
        <translation>获奖名额</translation>
    </message>
    <message>
        <source>Marks per ballot at most</source>
        <translation>每票最多可选</translation>
    </message>
    <message>
        <source>Candidate kind</source>
        <translation>候选对象类型</translation>
    </message>
</context>
<context>
    <name>CategoryPanel</name>
    <message>
        <source>Decide the tie…</source>
        <extracomment>Candidates in the chart: the top of the ranking.</extracomment>
        <translation>决定并列…</translation>
    </message>
    <message>
        <source>Paper ballots per box</source>
        <translation>各投票箱纸质选票</translation>
    </message>
    <message numerus="yes">
        <source>%n winner(s) · paper ballots: %1 valid, %2 void, %3 blank, %4 waiting for review</source>
        <translation>
            <numerusform>当选 %n 名 · 纸质选票：有效 %1，无效 %2，空白 %3，待审核 %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tie at the cut-off: %1 have the same combined score for %n seat(s). It is not broken automatically: decide it and record why.</source>
        <translation>
            <numerusform>当选线并列：%1 综合得分相同，争 %n 个名额。系统不会自动决定，请作出决定并记录依据。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tie at the cut-off (%1) decided by %2 on %3: %4 win. Note: %5</source>
        <translation>当选线并列（%1）已由 %2 于 %3 决定：%4 当选。依据：%5</translation>
    </message>
    <message>
        <source>Decide again…</source>
        <translation>重新决定…</translation>
    </message>
    <message>
        <source>Top %1: paper vs online (bar = share of the category&apos;s total in that channel)</source>
        <translation>前 %1 名：纸质选票与网络投票（条长 = 占本奖项该渠道总数的比例）</translation>
    </message>
    <message>
        <source>Paper ballots</source>
        <translation>纸质选票</translation>
    </message>
    <message>
        <source>Online votes</source>
        <translation>网络投票</translation>
    </message>
    <message>
        <source>No votes counted yet</source>
        <translation>尚未统计到选票</translation>
    </message>
</context>
<context>
    <name>CategoryTableModel</name>
    <message>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>Winners</source>
        <translation>获奖名额</translation>
    </message>
    <message>
        <source>Marks per ballot</source>
        <translation>每票最多可选</translation>
    </message>
    <message>
        <source>Candidate kind</source>
        <translation>候选对象类型</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
</context>
<context>
    <name>ColumnPage</name>
    <message>
        <source>What the columns mean</source>
        <translation>各列的含义</translation>
    </message>
    <message>
        <source>Check what each column is read as and change it where it is wrong; the choice is kept for the next file with the same headers.</source>
        <translation>请核对每一列被读作什么，不对的请改正；所做选择会保留，下次遇到表头相同的文件时沿用。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>First cells</source>
        <translation>前几个单元格</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>读作</translation>
    </message>
    <message>
        <source>row count (not imported)</source>
        <translation>序号（行数，不导入）</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>As last time for files with these headers.</source>
        <translation>沿用上次表头相同的文件的设置。</translation>
    </message>
    <message>
        <source>Suggested from the header texts.</source>
        <translation>根据表头文字建议。</translation>
    </message>
</context>
<context>
    <name>CopiesDialog</name>
    <message>
        <source>Copies of %1</source>
        <extracomment>Each image&apos;s view, in pixels: two A4 pages fit side by side on a 1366 × 768 screen.</extracomment>
        <translation>%1 的各张图像</translation>
    </message>
    <message>
        <source>The images recorded for this serial and page, the one that counts first. Compare them (a photocopy, a second scan) and choose the one to count: the other is kept, not counted. The choice is recorded with your name and the time.</source>
        <translation>本票号本页记录的各张图像，计票的一张在前。请比较（复印件、重复扫描），选定计票的一张：另一张保留但不计票。您的选择连同姓名和时间一并记录。</translation>
    </message>
    <message>
        <source>Counts now</source>
        <translation>现为计票的一张</translation>
    </message>
    <message>
        <source>Count this one instead</source>
        <translation>改计此张</translation>
    </message>
    <message>
        <source>Why (e.g. the other is a photocopy)</source>
        <translation>理由（如：另一张是复印件）</translation>
    </message>
    <message>
        <source>Image %1 · %2</source>
        <translation>图像 %1 · %2</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计票</translation>
    </message>
    <message>
        <source>Does not count</source>
        <translation>不计票</translation>
    </message>
    <message>
        <source>Marked: %1</source>
        <translation>已划：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <extracomment>The crash log starts afresh at a start that finds it larger than this. The open crash log: faulthandler writes to its descriptor when the process dies.</extracomment>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. Everything up to the last completed action has been saved.

%1</source>
        <translation>程序出错了。最后一次完成的操作之前的数据均已保存。

%1</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>ExpertImportWizard</name>
    <message>
        <source>Import expert scores</source>
        <translation>导入专家评分</translation>
    </message>
    <message>
        <source>One row per score (专家, 编号 or 名称, 分数) or one row per candidate with a column per expert, headed by the expert&apos;s name.</source>
        <translation>每行一个评分（专家、编号或名称、分数），或每行一个候选对象、每位专家一列（以专家姓名为表头）。</translation>
    </message>
</context>
<context>
    <name>ExpertMatrixModel</name>
    <message>
        <source>No.</source>
        <extracomment>Decimals shown for scores and averages. The first expert&apos;s column; the average comes after the last expert. (candidate id, expert, the text typed).</extracomment>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Left out of the average (highest or lowest)</source>
        <translation>不计入平均分（最高分或最低分）</translation>
    </message>
    <message>
        <source>Not scored yet by this expert</source>
        <translation>该专家尚未评分</translation>
    </message>
</context>
<context>
    <name>ExpertPreviewPage</name>
    <message>
        <source>Check the scores</source>
        <translation>核对评分</translation>
    </message>
    <message>
        <source>Errors (red) stop the import. Nothing is saved yet.</source>
        <translation>有错误（红色）时不能导入。目前尚未保存任何内容。</translation>
    </message>
    <message>
        <source>%1 scores read: %2 errors.</source>
        <translation>读取到 %1 个评分：%2 个错误。</translation>
    </message>
</context>
<context>
    <name>ExpertRuleDialog</name>
    <message>
        <source>Scoring rule</source>
        <extracomment>None: the whole campaign. None: inherit.</extracomment>
        <translation>评分规则</translation>
    </message>
    <message>
        <source>the whole campaign</source>
        <translation>整个评选活动</translation>
    </message>
    <message>
        <source>Use the campaign&apos;s rule</source>
        <translation>沿用活动的评分规则</translation>
    </message>
    <message>
        <source>Drop the highest and the lowest score</source>
        <translation>去掉一个最高分和一个最低分</translation>
    </message>
    <message>
        <source>With at least 3 scores, one highest and one lowest are left out, then the rest are averaged.</source>
        <translation>评分不少于 3 个时，去掉一个最高分和一个最低分，其余取平均分。</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>适用于：</translation>
    </message>
    <message>
        <source>Highest score:</source>
        <translation>满分：</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Not saved</source>
        <extracomment>The colour of refusals and problems written on a page or a form rather than in a box.</extracomment>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>仍要保存吗？</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Tables (%1)</source>
        <translation>表格文件 (%1)</translation>
    </message>
</context>
<context>
    <name>FirstOrganiserDialog</name>
    <message>
        <source>Create the first organiser</source>
        <translation>创建第一位组织者</translation>
    </message>
    <message>
        <source>This database has no accounts yet. Create the first organiser: everyone signs in, and organisers create the accounts of the others.</source>
        <translation>此数据库还没有任何账户。请创建第一位组织者：每个人都需要登录，其他人的账户由组织者创建。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
</context>
<context>
    <name>FlagTableModel</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Voter</source>
        <translation>投票人</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>候选对象</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>Nominating unit</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名/名称</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>Package imported</source>
        <translation>数据包已导入</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>没有冲突。</translation>
    </message>
    <message>
        <source>Conflicts (the station&apos;s page is kept for review, never counted twice):</source>
        <translation>冲突（计票站的这一页留待人工审核，不会重复计票）：</translation>
    </message>
</context>
<context>
    <name>ImportTableModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>票数</translation>
    </message>
    <message>
        <source>Flagged rows</source>
        <translation>标记行数</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>计入</translation>
    </message>
    <message>
        <source>withdrawn: %1</source>
        <translation>已撤回：%1</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import candidates</source>
        <extracomment>The encoding the user picked for a text file; None: the one detected.</extracomment>
        <translation>导入候选对象</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx, .xls) or a CSV file with one candidate per row and a header row (奖项, 推荐单位, 姓名…).</source>
        <translation>Excel 工作簿（.xlsx、.xls）或 CSV 文件：每行一个候选对象，带表头行（奖项、推荐单位、姓名…）。</translation>
    </message>
</context>
<context>
    <name>ImportsModel</name>
    <message>
        <source>Station</source>
        <translation>计票站</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>New pages</source>
        <translation>新增页</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>已有</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>BallotDesk</source>
        <translation>选票台</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <extracomment>Room around the longest page name: the list&apos;s frame, item padding and spacing. The database path in the status bar gives way to the window&apos;s width down to this. The user picked another interface language (the app rebuilds the window). Someone else wants to sign in (the app rebuilds the window for them).</extracomment>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>评选活动</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>评选活动：</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>新建评选活动…</translation>
    </message>
    <message>
        <source>Open the demo campaign</source>
        <translation>打开演示活动</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>切换用户…</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About BallotDesk</source>
        <translation>关于选票台</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n categories</source>
        <translation>
            <numerusform>%n 个奖项</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n units</source>
        <translation>
            <numerusform>%n 个推荐单位</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n candidates</source>
        <translation>
            <numerusform>%n 名候选对象</numerusform>
        </translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>新建评选活动</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Creating the demo campaign…</source>
        <translation>正在创建演示评选活动…</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>你的密码已修改。</translation>
    </message>
    <message>
        <source>&lt;b&gt;BallotDesk&lt;/b&gt; (选票台) %1&lt;br&gt;Community award campaigns: registry, barcoded paper ballots, scanning and tallies.&lt;br&gt;Licence: GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;选票台&lt;/b&gt;（BallotDesk）%1&lt;br&gt;社区评选活动管理：候选对象登记、条码纸质选票、扫描计票与统计。&lt;br&gt;许可证：GPL-3.0-or-later。</translation>
    </message>
</context>
<context>
    <name>MaintenanceActions</name>
    <message>
        <source>Back up…</source>
        <extracomment>Bytes in the megabytes a backup&apos;s size is told in. The database was replaced by a backup: the window should ask for a sign-in again.</extracomment>
        <translation>备份…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Read every scanned image again…</source>
        <translation>重新识别全部扫描图像…</translation>
    </message>
    <message>
        <source>Read the archived images with this version&apos;s reader and list what differs from the record.</source>
        <translation>用当前版本的识别程序重新识别存档图像，列出与记录不同之处。</translation>
    </message>
    <message>
        <source>Back up into a folder</source>
        <translation>选择备份存放的文件夹</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Copying the database and the scanned images…</source>
        <translation>正在复制数据库和扫描图像…</translation>
    </message>
    <message numerus="yes">
        <source>Backed up to “%1”: %n file(s), %2 MB.</source>
        <translation>
            <numerusform>已备份到“%1”：%n 个文件，%2 MB。</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a backup folder</source>
        <translation>选择备份文件夹</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在校验备份…</translation>
    </message>
    <message>
        <source>Replace the database with the backup of %1? What was entered since then is replaced; a copy of the current database is kept beside it. You will sign in again afterwards.</source>
        <translation>用 %1 的备份替换数据库吗？此后录入的内容将被替换；当前数据库会另存一份副本。恢复后需重新登录。</translation>
    </message>
    <message>
        <source>Restoring the database and the scanned images…</source>
        <translation>正在恢复数据库和扫描图像…</translation>
    </message>
    <message>
        <source>Restored from the backup of %1.</source>
        <translation>已从 %1 的备份恢复。</translation>
    </message>
    <message>
        <source>The audit anchor when the backup was taken: %1. Check the restored log against it on the audit page.</source>
        <translation>备份时的审计链锚点：%1。请在审计日志页用它核对恢复后的审计链。</translation>
    </message>
    <message>
        <source>Read every scanned image again</source>
        <translation>重新识别全部扫描图像</translation>
    </message>
    <message>
        <source>Reading the archived images…</source>
        <translation>正在识别存档图像…</translation>
    </message>
    <message numerus="yes">
        <source>Read %n image(s) again: every reading matches the record.</source>
        <translation>
            <numerusform>已重新识别 %n 张图像：与记录完全一致。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) read differently from the record: see the details, and look at those sheets on the review page.</source>
        <translation>
            <numerusform>%n 张图像的识别结果与记录不同：请查看详细信息，并在审核页面核对这些选票。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>What the columns mean</source>
        <extracomment>The encoding chosen for a text file (None: the detected one). What the user set: header → meaning, option text → candidate reference. The mapping of the last analysis (saved, guessed or edited), which edits amend.</extracomment>
        <translation>列的含义</translation>
    </message>
    <message>
        <source>Check how the file was understood. Set a column&apos;s meaning or pick the candidate of an option; the mapping is kept for the next file with the same headers.</source>
        <translation>请核对文件的识别结果。可以指定列的含义，或为选项选择候选对象；映射会保存下来，供下一个表头相同的文件使用。</translation>
    </message>
    <message>
        <source>Edit the column meanings</source>
        <translation>编辑列的含义</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>First cells</source>
        <translation>前几个单元格</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Options and the candidates they matched:</source>
        <translation>选项及匹配到的候选对象：</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选对象</translation>
    </message>
    <message>
        <source>Options are also separated by:</source>
        <extracomment>What joins chosen options besides the usual separators (wjx: ┋), as learned from the data or typed; &apos;&apos; for none. The encodings that decode the file, when more than one does.</extracomment>
        <translation>选项之间另有分隔符：</translation>
    </message>
    <message>
        <source>Read the file as:</source>
        <translation>文件编码：</translation>
    </message>
    <message>
        <source>The mapping saved for files with these headers was applied.</source>
        <translation>已应用为相同表头的文件保存的映射。</translation>
    </message>
    <message>
        <source>Your mapping is applied.</source>
        <translation>已应用您指定的映射。</translation>
    </message>
    <message>
        <source>The columns were recognised from their headers.</source>
        <translation>已根据表头识别各列。</translation>
    </message>
    <message>
        <source>Chosen options are separated by “%1”.</source>
        <translation>所选选项以“%1”分隔。</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
    <message>
        <source>number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>exact name</source>
        <translation>名称完全一致</translation>
    </message>
    <message>
        <source>normalised name</source>
        <translation>规范化名称</translation>
    </message>
    <message>
        <source>name without aside</source>
        <translation>去掉括号注释的名称</translation>
    </message>
    <message>
        <source>mapping</source>
        <translation>映射</translation>
    </message>
    <message>
        <source>unmatched</source>
        <translation>未匹配</translation>
    </message>
    <message>
        <source>— choose the candidate —</source>
        <translation>— 选择候选对象 —</translation>
    </message>
</context>
<context>
    <name>Meaning</name>
    <message>
        <source>not used</source>
        <extracomment>Errors listed on the mapping page (the preview lists them all).</extracomment>
        <translation>不使用</translation>
    </message>
    <message>
        <source>candidate number</source>
        <translation>候选对象编号</translation>
    </message>
    <message>
        <source>candidate name</source>
        <translation>候选对象名称</translation>
    </message>
    <message>
        <source>votes</source>
        <translation>票数</translation>
    </message>
    <message>
        <source>vote time</source>
        <translation>投票时间</translation>
    </message>
    <message>
        <source>voter</source>
        <translation>投票人</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>options chosen (any category)</source>
        <translation>所选选项（不分奖项）</translation>
    </message>
    <message>
        <source>options chosen in %1</source>
        <translation>“%1”中所选选项</translation>
    </message>
    <message>
        <source>1/0 for %1</source>
        <translation>%1（1/0）</translation>
    </message>
</context>
<context>
    <name>MessageModel</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Campaign</source>
        <translation>评选活动</translation>
    </message>
    <message>
        <source>Candidates</source>
        <extracomment>Starting widths of the columns that do not stretch, in pixels. Taller than other lists: each row shows the candidate&apos;s photo thumbnail.</extracomment>
        <translation>候选对象</translation>
    </message>
    <message>
        <source>Nominating units</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>选票</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Audit log</source>
        <extracomment>The first date of the date filters, shown as &quot;any&quot;. Typing in the search box reloads after this pause. Between the head&apos;s anchor and the field of anchors to check.</extracomment>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Online votes and expert scores</source>
        <extracomment>Gaps listed under the matrix; the rest are counted.</extracomment>
        <translation>网络投票与专家评分</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>计票站</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
</context>
<context>
    <name>NoteSerialsDialog</name>
    <message>
        <source>Record spoiled / unused serials</source>
        <translation>登记作废/未发放票号</translation>
    </message>
    <message>
        <source>e.g. 101-120, 135</source>
        <translation>例如：101-120, 135</translation>
    </message>
    <message>
        <source>Why, e.g. misprinted, torn, not handed out</source>
        <translation>原因，例如：印错、破损、未发出</translation>
    </message>
    <message>
        <source>Serials</source>
        <translation>票号</translation>
    </message>
    <message>
        <source>Record as</source>
        <translation>登记为</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Numbers and ranges, separated by commas or spaces.</source>
        <translation>可填单个票号或范围，用逗号或空格分隔。</translation>
    </message>
    <message numerus="yes">
        <source>%n serial(s)</source>
        <translation>
            <numerusform>共 %n 个票号</numerusform>
        </translation>
    </message>
    <message>
        <source>Type at least one serial.</source>
        <translation>请至少填写一个票号。</translation>
    </message>
    <message numerus="yes">
        <source>%n serial(s) recorded as “%1”.</source>
        <translation>
            <numerusform>%n 个票号已登记为“%1”。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Notice settings</source>
        <translation>公示设置</translation>
    </message>
    <message>
        <source>Phone, address or e-mail for objections</source>
        <translation>受理异议的电话、地址或电子邮箱</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> 个工作日</translation>
    </message>
    <message>
        <source>the notice date</source>
        <translation>同落款日期</translation>
    </message>
    <message>
        <source>the day it is written</source>
        <translation>生成当天</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <source>Organiser:</source>
        <translation>落款单位：</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>联系方式：</translation>
    </message>
    <message>
        <source>Objection period:</source>
        <translation>公示期：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>起始日期：</translation>
    </message>
    <message>
        <source>Notice date:</source>
        <translation>落款日期：</translation>
    </message>
</context>
<context>
    <name>Online</name>
    <message>
        <source>over the per-voter limit</source>
        <extracomment>The roles a vote table&apos;s cell answers with its value: shown, and as its tooltip.</extracomment>
        <translation>超过每人限投</translation>
    </message>
    <message>
        <source>burst from one IP</source>
        <translation>同一 IP 集中投票</translation>
    </message>
    <message>
        <source>spike within a minute</source>
        <translation>每分钟突增</translation>
    </message>
</context>
<context>
    <name>OnlineExpertsController</name>
    <message>
        <source>Withdraw an import</source>
        <extracomment>The open import wizard, if any. What dialogs and messages open over. Experts added in the window, shown as empty columns until they score.</extracomment>
        <translation>撤回导入</translation>
    </message>
    <message>
        <source>No import counts at the moment.</source>
        <translation>目前没有计入的导入。</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>“%1” is not a score.</source>
        <translation>“%1”不是有效的分数。</translation>
    </message>
    <message>
        <source>Add an expert</source>
        <translation>新增专家</translation>
    </message>
    <message>
        <source>Expert&apos;s name:</source>
        <translation>专家姓名：</translation>
    </message>
</context>
<context>
    <name>OnlineExpertsPage</name>
    <message>
        <source>New source…</source>
        <extracomment>The wizard open over the page, if any (for tests and the screenshots).</extracomment>
        <translation>新增来源…</translation>
    </message>
    <message>
        <source>Import online votes…</source>
        <translation>导入网络投票…</translation>
    </message>
    <message>
        <source>Withdraw an import…</source>
        <translation>撤回导入…</translation>
    </message>
    <message>
        <source>Double-click a source to change its fraud rules.</source>
        <translation>双击来源可修改其刷票检查规则。</translation>
    </message>
    <message>
        <source>Online votes</source>
        <translation>网络投票</translation>
    </message>
    <message>
        <source>Scoring rule…</source>
        <translation>评分规则…</translation>
    </message>
    <message>
        <source>Add an expert…</source>
        <translation>新增专家…</translation>
    </message>
    <message>
        <source>Import expert scores…</source>
        <translation>导入专家评分…</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>奖项：</translation>
    </message>
    <message>
        <source>Double-click a cell to enter a score. Struck-through grey scores are left out of the average; amber cells are missing scores.</source>
        <translation>双击单元格可录入评分。灰色删除线的分数不计入平均分；琥珀色单元格表示缺少评分。</translation>
    </message>
    <message>
        <source>Expert scores</source>
        <translation>专家评分</translation>
    </message>
    <message>
        <source>Scores 0–%1.</source>
        <translation>评分范围 0–%1。</translation>
    </message>
    <message>
        <source>The highest and the lowest score are dropped, the rest averaged.</source>
        <translation>去掉一个最高分和一个最低分后取平均分。</translation>
    </message>
    <message>
        <source>Average of all scores.</source>
        <translation>取全部评分的平均分。</translation>
    </message>
    <message>
        <source>… and %1 more missing scores</source>
        <translation>……另有 %1 处缺少评分</translation>
    </message>
</context>
<context>
    <name>OnlineWizard</name>
    <message>
        <source>Import online votes</source>
        <extracomment>The encoding the user picked for a text file; None: the one detected.</extracomment>
        <translation>导入网络投票</translation>
    </message>
</context>
<context>
    <name>OutcomeTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Serial / page</source>
        <translation>票号 / 页</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>PhotoBox</name>
    <message>
        <source>Choose photo…</source>
        <extracomment>A file chosen to replace the photo, or None. True when the user removed the stored photo.</extracomment>
        <translation>选择照片…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
    <message>
        <source>Choose photo</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图片 (%1)</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>“%1” is not an image this program can read.</source>
        <translation>“%1”不是可识别的图片文件。</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Notice – %1</source>
        <translation>公示 – %1</translation>
    </message>
    <message>
        <source>Open the PDF</source>
        <translation>打开 PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check the rows</source>
        <translation>检查数据</translation>
    </message>
    <message>
        <source>Rows in red have errors and stop the import; rows in amber have warnings and will be imported. Nothing is saved yet.</source>
        <translation>红色行有错误，须改正后才能导入；黄色行有提醒，仍会导入。此时尚未保存任何数据。</translation>
    </message>
    <message>
        <source>Create them along with the import</source>
        <translation>导入时一并创建</translation>
    </message>
    <message>
        <source>Read the file as:</source>
        <extracomment>The encodings that decode the file, when more than one does.</extracomment>
        <translation>文件编码：</translation>
    </message>
    <message>
        <source>%1 rows read: %2 errors, %3 warnings.</source>
        <translation>共读取 %1 行：%2 个错误，%3 个提醒。</translation>
    </message>
    <message>
        <source>Check the import</source>
        <translation>核对导入内容</translation>
    </message>
    <message>
        <source>Errors (red) stop the import; warnings (amber) do not. Flagged votes are kept and counted apart. Nothing is saved yet.</source>
        <translation>有错误（红色）时不能导入；警告（琥珀色）不影响导入。被标记的投票会保留并单独统计。目前尚未保存任何内容。</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>正在读取并检查文件…</translation>
    </message>
    <message>
        <source>%1 rows (%2): %3 votes as exported, %4 without the %5 flagged rows. %6 errors, %7 warnings.</source>
        <translation>共 %1 行（%2）：导出票数 %3 票，去掉 %5 个被标记行后 %4 票。%6 个错误，%7 个警告。</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>Flagged votes (%1)</source>
        <translation>被标记的投票（%1）</translation>
    </message>
    <message>
        <source>Votes per candidate (%1)</source>
        <translation>各候选对象票数（%1）</translation>
    </message>
    <message>
        <source>totals per candidate</source>
        <translation>每个候选对象一行的汇总</translation>
    </message>
    <message>
        <source>one row per vote</source>
        <translation>每票一行</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <source>Show photos</source>
        <extracomment>Instruction languages of the printed ballot, named as their readers call them. The paper, language, photos or box changed: the preview should be made again.</extracomment>
        <translation>显示照片</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>说明语言</translation>
    </message>
    <message>
        <source>Box header</source>
        <translation>票头投票箱</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <source>(no box)</source>
        <translation>（不指定投票箱）</translation>
    </message>
    <message>
        <source>Making the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Layout version %1 (archived)</source>
        <translation>第 %1 版（已存档）</translation>
    </message>
    <message>
        <source>Printing will create layout version %1</source>
        <translation>将生成第 %1 版</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) per ballot</source>
        <translation>
            <numerusform>每张选票 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无法预览</translation>
    </message>
    <message>
        <source>Fix this on the Candidates page (shortlist and number the candidates); the preview follows by itself.</source>
        <translation>请在“候选对象”页处理（设为入围并编号），预览会自动更新。</translation>
    </message>
</context>
<context>
    <name>PreviewStatus</name>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
</context>
<context>
    <name>PrintBatchDialog</name>
    <message>
        <source>Print ballots</source>
        <extracomment>The PDF to write, or None for the system printer.</extracomment>
        <translation>印制选票</translation>
    </message>
    <message>
        <source> ballots</source>
        <translation> 张</translation>
    </message>
    <message>
        <source>PDF file (for the print shop)</source>
        <translation>PDF 文件（交印刷厂）</translation>
    </message>
    <message>
        <source>Printer…</source>
        <translation>打印机…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Ballot box</source>
        <translation>投票箱</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Ballot</source>
        <translation>选票</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Save ballots as</source>
        <translation>选票保存为</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Add a ballot box first.</source>
        <translation>请先添加投票箱。</translation>
    </message>
    <message>
        <source>Choose the PDF file to write.</source>
        <translation>请选择要保存的 PDF 文件。</translation>
    </message>
</context>
<context>
    <name>PrinterJob</name>
    <message>
        <source>Handing %1 ballots to the print queue “%2”…</source>
        <translation>正在把 %1 张选票交给打印队列“%2”…</translation>
    </message>
    <message>
        <source>Sending %1 ballots to the printer…</source>
        <translation>正在将 %1 张选票送往打印机…</translation>
    </message>
    <message>
        <source>Stopping after the current ballot…</source>
        <translation>打印完当前这张选票后停止…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>PDF printer</source>
        <extracomment>Page images finer than this gain nothing on paper (QR modules are ≥ 0.5 mm) and cost memory (an A4 page in grey at 600 dpi is 35 MB). The print preview dialog only has to be legible on screen. Temporary folders that hold a batch on its way to a printer; the recorded destination is ``&lt;folder&gt;/&lt;printer name&gt;.pdf``, which :func:`describe_destination` shows as the printer.</extracomment>
        <translation>PDF 打印机</translation>
    </message>
    <message>
        <source>Printer: %1</source>
        <translation>打印机：%1</translation>
    </message>
    <message>
        <source>The printer could not start printing.</source>
        <translation>打印机无法开始打印。</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Serial / page</source>
        <translation>票号 / 页</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>审核原因</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
</context>
<context>
    <name>QuotaTableModel</name>
    <message>
        <source>Nominating unit</source>
        <extracomment>The first category&apos;s column; category ``i`` is at ``COL_FIRST_CATEGORY + i``.</extracomment>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>限额</translation>
    </message>
    <message>
        <source>%1 nominations, %2 over the quota of %3</source>
        <translation>已推荐 %1 名，超出限额（%3 名）%2 名</translation>
    </message>
</context>
<context>
    <name>RankingModel</name>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Nominated by</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸质选票</translation>
    </message>
    <message>
        <source>Online
%1</source>
        <translation>网络投票
%1</translation>
    </message>
    <message>
        <source>Expert avg.</source>
        <translation>专家平均分</translation>
    </message>
    <message>
        <source>Combined</source>
        <translation>综合得分</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>As exported: %1 · without flagged votes: %2</source>
        <translation>按导出：%1 · 剔除可疑票：%2</translation>
    </message>
</context>
<context>
    <name>ReconciliationModel</name>
    <message>
        <source>Ballot box</source>
        <extracomment>Returned ballots whose serial was noted spoiled or unused (part of &quot;returned&quot;).</extracomment>
        <translation>投票箱</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已印制</translation>
    </message>
    <message>
        <source>Unused</source>
        <translation>未发放</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已收回</translation>
    </message>
    <message>
        <source>Spoiled</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Returned spoiled/unused</source>
        <translation>收回的作废/未发放票</translation>
    </message>
    <message>
        <source>Not returned</source>
        <translation>未收回</translation>
    </message>
    <message>
        <source>Returned ballots whose serial was recorded as spoiled (%1) or unused (%2): counted once, in Returned; each waits for a person&apos;s decision in the review.</source>
        <translation>已收回、但票号登记为作废（%1）或未发放（%2）的选票：只在“收回”中计一次；每张都等待人工审核决定。</translation>
    </message>
    <message>
        <source>Printed − returned − spoiled or unused not returned: voting is over, these ballots are missing.</source>
        <translation>印制 − 收回 − 未收回的作废票和未发放票：投票已结束，这些选票缺失。</translation>
    </message>
    <message>
        <source>Printed − returned − spoiled or unused not returned: still out while voting runs.</source>
        <translation>印制 − 收回 − 未收回的作废票和未发放票：投票进行中，尚在选民手中。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Counted from scanned ballots once scanning is in use.</source>
        <translation>启用扫描后按扫描的选票计数。</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Reject sheet</source>
        <translation>作废选票</translation>
    </message>
    <message>
        <source>Reject sheet %1: it will not be counted. The decision is recorded with your name and the time, and can be undone only by reopening the sheet.</source>
        <translation>作废选票 %1：这张选票将不计票。此决定连同您的姓名和时间一并记录，只能通过重新审核撤销。</translation>
    </message>
    <message>
        <source>Photocopy or second scan of a counted ballot</source>
        <translation>已计入选票的复印件或重复扫描</translation>
    </message>
    <message>
        <source>Ballot altered or damaged</source>
        <translation>选票被涂改或损坏</translation>
    </message>
    <message>
        <source>Not a ballot of this campaign</source>
        <translation>非本次评选的选票</translation>
    </message>
    <message>
        <source>Marks cannot be read</source>
        <translation>划票记号无法辨认</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <source>Type a reason or pick a usual one.</source>
        <translation>请填写理由，或选择常用理由。</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>为 %1 设置新密码</translation>
    </message>
    <message>
        <source>Tell the person their new password in private; they can change it after signing in.</source>
        <translation>请私下告知本人新密码；登录后可以自行修改。</translation>
    </message>
</context>
<context>
    <name>RestoreSecretsDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>This backup&apos;s secrets (the campaign secrets, the station key) are sealed with a passphrase.</source>
        <translation>此备份的密钥（评选活动密钥、计票站密钥）已用口令封存。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Restore without the secrets (the database will not print or check ballots)</source>
        <translation>不恢复密钥（恢复后的数据库不能印制或核验选票）</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <source>Tied, to be decided</source>
        <translation>并列待定</translation>
    </message>
    <message>
        <source>Winner (tie decided)</source>
        <translation>当选（并列已决定）</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>当选</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n ballot(s) wait for review</source>
        <translation>
            <numerusform>%1：%n 张选票待审核</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: a tie at the cut-off (%2) waits for your decision</source>
        <translation>%1：当选线并列（%2）待决定</translation>
    </message>
</context>
<context>
    <name>ResultsController</name>
    <message>
        <source>Notice settings saved.</source>
        <extracomment>Changes in a burst (a reviewer&apos;s decisions) give one computation. While the page is on screen, the results follow other stations this often. What dialogs and messages open over. Someone waits for the computation on its way (the page says it is recalculating). The computation on its way shows an earlier count (``_earlier_count``).</extracomment>
        <translation>公示设置已保存。</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写出…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>已写入：%1</translation>
    </message>
    <message>
        <source>Write the notice PDF</source>
        <translation>生成公示 PDF</translation>
    </message>
    <message>
        <source>%1 results notice</source>
        <translation>%1结果公示</translation>
    </message>
    <message>
        <source>Notice written</source>
        <translation>公示已生成</translation>
    </message>
    <message>
        <source>The notice was written to %1.

Show page 1?</source>
        <translation>公示已写入 %1。

预览第 1 页？</translation>
    </message>
    <message>
        <source>Rendering page 1…</source>
        <translation>正在生成第 1 页预览…</translation>
    </message>
    <message>
        <source>Export the results table</source>
        <translation>导出结果表</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1结果</translation>
    </message>
    <message>
        <source>Cast-vote record: an empty folder</source>
        <translation>投票记录（CVR）：选择一个空文件夹</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Recalculating…</source>
        <translation>正在重新计算…</translation>
    </message>
    <message>
        <source>Combination rule…</source>
        <translation>计分办法…</translation>
    </message>
    <message>
        <source>Notice settings…</source>
        <translation>公示设置…</translation>
    </message>
    <message>
        <source>Write the notice PDF…</source>
        <translation>生成公示 PDF…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the cast-vote record…</source>
        <translation>导出投票记录（CVR）…</translation>
    </message>
    <message>
        <source>Computing the results…</source>
        <translation>正在计算结果…</translation>
    </message>
    <message>
        <source>Provisional results, for checking only:</source>
        <translation>临时结果，仅供核对：</translation>
    </message>
    <message numerus="yes">
        <source>%n paper ballot(s) counted, %1 of them blank</source>
        <translation>
            <numerusform>已统计纸质选票 %n 张，其中空白 %1 张</numerusform>
        </translation>
    </message>
    <message>
        <source>rule set by %1 on %2</source>
        <translation>计分办法由 %1 于 %2 设定</translation>
    </message>
    <message>
        <source>default rule (not set yet)</source>
        <translation>默认计分办法（尚未设定）</translation>
    </message>
    <message>
        <source>computed at %1</source>
        <translation>计算于 %1</translation>
    </message>
    <message>
        <source>paper ballots as counted at %1, before the latest changes</source>
        <translation>纸质选票为 %1 时的计数，尚未计入此后的变动</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>image %1</source>
        <translation>图像 %1</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
</context>
<context>
    <name>ReviewKeys</name>
    <message>
        <source>↑/↓ or J/K: box in question</source>
        <translation>↑/↓ 或 J/K：上/下一个方框</translation>
    </message>
    <message>
        <source>M: marked</source>
        <translation>M：认定已划</translation>
    </message>
    <message>
        <source>E or N: not marked</source>
        <translation>E 或 N：认定未划</translation>
    </message>
    <message>
        <source>A: accept sheet</source>
        <translation>A：确认整张</translation>
    </message>
    <message>
        <source>R: reject…</source>
        <translation>R：作废…</translation>
    </message>
    <message>
        <source>U: reopen last</source>
        <translation>U：重新审核上一张</translation>
    </message>
    <message>
        <source>unread page: S save ticks, G align, V no votes, Esc cancel</source>
        <translation>未读出的页：S 保存勾选，G 手工定位，V 本页无选票记号，Esc 取消</translation>
    </message>
    <message>
        <source>Enter/Space: next sheet (Shift: previous)</source>
        <translation>回车/空格：下一张（加 Shift 上一张）</translation>
    </message>
    <message>
        <source>+/−/0: zoom</source>
        <translation>+/−/0：缩放</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>No ballots waiting for review</source>
        <extracomment>The unread sheet (and its decisions) whose ticks are in the list.</extracomment>
        <translation>没有待审核的选票</translation>
    </message>
    <message>
        <source>Accept sheet (A)</source>
        <translation>确认整张 (A)</translation>
    </message>
    <message>
        <source>Reject… (R)</source>
        <translation>作废… (R)</translation>
    </message>
    <message>
        <source>Reopen last (U)</source>
        <translation>重新审核上一张 (U)</translation>
    </message>
    <message>
        <source>Compare copies…</source>
        <translation>并排比较…</translation>
    </message>
    <message>
        <source>Waiting for review (%1)</source>
        <translation>待审核 (%1)</translation>
    </message>
    <message>
        <source>Loading the image…</source>
        <translation>正在载入图像…</translation>
    </message>
    <message>
        <source>The archived image cannot be shown.</source>
        <translation>存档的图像无法显示。</translation>
    </message>
    <message>
        <source>The marks were not read: tick the candidates in the list, or press G and click the four corner marks to read the page.</source>
        <translation>本页记号未读出：请在右侧名单中勾选已划的候选对象，或按 G 后依次点击四角定位标记来读取本页。</translation>
    </message>
    <message>
        <source>The page was not found on the image: no boxes to show.</source>
        <translation>图像上找不到选票页面，无法标出方框。</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Last settled: %1, %2. Press U to reopen it.</source>
        <translation>上一张：%1，%2。按 U 重新审核。</translation>
    </message>
    <message>
        <source>decided by a person</source>
        <translation>人工认定</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Combination rule</source>
        <extracomment>Weights offered when the organiser switches to a weighted score for the first time.</extracomment>
        <translation>计分办法</translation>
    </message>
    <message>
        <source>Before the first notice, confirm how the results are combined, above all whether the online votes the fraud checks flagged count.</source>
        <translation>发布第一份公示前，请确认综合计分办法，尤其是被防刷检查标记的网络票是否计入。</translation>
    </message>
    <message>
        <source>Plain sum of votes (paper + every online source; expert scores shown, not added)</source>
        <translation>票数直接相加（纸质选票 + 各网络平台；专家评分仅列示，不计入）</translation>
    </message>
    <message>
        <source>Weighted score (each channel as a share of the category&apos;s top or total)</source>
        <translation>加权计分（各渠道按占本奖项最高值或总和的比例折算）</translation>
    </message>
    <message>
        <source>As exported by the platform</source>
        <translation>按平台导出的票数</translation>
    </message>
    <message>
        <source>Without the votes the fraud checks flagged</source>
        <translation>剔除被标记的可疑票</translation>
    </message>
    <message>
        <source>Online votes:</source>
        <extracomment>The choice about flagged votes, stated plainly.</extracomment>
        <translation>网络投票：</translation>
    </message>
    <message>
        <source>Share of the category&apos;s highest figure</source>
        <translation>占本奖项该项最高值的比例</translation>
    </message>
    <message>
        <source>Share of the category&apos;s total</source>
        <translation>占本奖项该项总和的比例</translation>
    </message>
    <message>
        <source>All sources as one channel</source>
        <translation>各平台合为一个渠道</translation>
    </message>
    <message>
        <source>Each source apart</source>
        <translation>各平台分别计权</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Each channel as:</source>
        <translation>各渠道折算：</translation>
    </message>
    <message>
        <source>Paper ballots:</source>
        <translation>纸质选票：</translation>
    </message>
    <message>
        <source>  all sources:</source>
        <translation>  全部平台：</translation>
    </message>
    <message>
        <source>  source %1:</source>
        <translation>  平台 %1：</translation>
    </message>
    <message>
        <source>Expert average:</source>
        <translation>专家平均分：</translation>
    </message>
    <message>
        <source>Flagged online votes are left out: a vote the fraud checks flagged (an IP burst, a minute spike, a voter over the limit) decides nothing. A result that counting them would change is marked %1.</source>
        <translation>被标记的网络票不计入：被防刷检查标记的票（同一 IP 集中投票、每分钟突增、超过限票的投票人）不决定任何结果。若计入它们会改变的结果，标注 %1。</translation>
    </message>
    <message>
        <source>Flagged online votes count as the platform exported them: suspicious votes can decide a seat. Every result they decide is marked %1 in the results, the notice and the tables.</source>
        <translation>被标记的网络票按平台导出的票数计入：可疑票可能决定当选名额。由它们决定的每个结果在统计结果、公示和表格中标注 %1。</translation>
    </message>
</context>
<context>
    <name>ScanController</name>
    <message>
        <source>Looking for a ballot…</source>
        <extracomment>The count per category is refreshed at most this often while sheets come in. A live tally that took T waits at least this many times T before the next: the count on screen keeps up, and on a county&apos;s campaign (a tally of seconds) it takes at most a quarter of a core from the batch being read. How long the status line stays green or red after a sheet. category → candidate number as printed → name</extracomment>
        <translation>正在寻找选票…</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>请保持不动…</translation>
    </message>
    <message>
        <source>Reading the QR code…</source>
        <translation>正在识别二维码…</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>已拍摄</translation>
    </message>
    <message>
        <source>Taken: lay the next sheet on it, or take it away</source>
        <translation>已拍摄：请放上下一张，或将本张取走</translation>
    </message>
    <message>
        <source>Scan ballots</source>
        <extracomment>What dialogs and messages open over.</extracomment>
        <translation>扫描选票</translation>
    </message>
    <message>
        <source>Waiting for sheets…</source>
        <translation>等待选票…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在识别…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>%1 counted, %2 for review, %3 not counted, %4 recorded before.</source>
        <translation>已计入 %1 张，待审核 %2 张，不计票 %3 张，此前已记录 %4 张。</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <source>%1 sheets</source>
        <translation>%1 张</translation>
    </message>
    <message>
        <source>Looking for scanners…</source>
        <translation>正在查找扫描仪…</translation>
    </message>
    <message>
        <source>No scanner found. Is it switched on and connected?</source>
        <translation>未找到扫描仪。请检查扫描仪是否已开机并连接。</translation>
    </message>
    <message>
        <source>%1 ballots returned, %2 of them blank.</source>
        <translation>已收回选票 %1 张，其中空白票 %2 张。</translation>
    </message>
</context>
<context>
    <name>ScanModels</name>
    <message>
        <source>Recorded before</source>
        <extracomment>Candidates named in the &quot;leading so far&quot; column. (text, background) per kind.</extracomment>
        <translation>此前已记录</translation>
    </message>
    <message>
        <source>Source stopped</source>
        <translation>来源中断</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1，第 %2 页</translation>
    </message>
    <message>
        <source>file page %1</source>
        <translation>文件第 %1 页</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>Candidate number as printed → name, for the &quot;leading&quot; column.</extracomment>
        <translation>%1 %2（%3 票）</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>Scan ballots</source>
        <translation>扫描选票</translation>
    </message>
    <message>
        <source>Recorded with every sheet, to tell the counting stations apart</source>
        <translation>随每张选票记录，用于区分各计票点</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>清空列表</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>计票点：</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>高拍仪画面</translation>
    </message>
    <message>
        <source>The picture appears when the camera starts.</source>
        <translation>开始后在此显示高拍仪/摄像头画面。</translation>
    </message>
    <message>
        <source>This run</source>
        <translation>本次扫描</translation>
    </message>
    <message>
        <source>Recorded before</source>
        <translation>此前已记录</translation>
    </message>
    <message>
        <source>Why not counted:</source>
        <translation>未计入原因：</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>只显示问题</translation>
    </message>
    <message>
        <source>Sheets, newest first</source>
        <translation>扫描记录（最新在上）</translation>
    </message>
    <message>
        <source>Count per category (paper ballots so far)</source>
        <translation>各奖项计票（目前已扫描的纸质选票）</translation>
    </message>
    <message>
        <source>none so far</source>
        <translation>暂无</translation>
    </message>
</context>
<context>
    <name>ScoreTableModel</name>
    <message>
        <source>Category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>专家</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>评分</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <source>New source</source>
        <extracomment>Upper bounds of the spin boxes (the core checks the values themselves).</extracomment>
        <translation>新增来源</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>e.g. 平台A, 党代表纸质投票</source>
        <translation>例如：平台A、党代表纸质投票</translation>
    </message>
    <message>
        <source> votes</source>
        <translation> 票</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>in total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Votes per voter and category:</source>
        <translation>每人每个奖项限投：</translation>
    </message>
    <message>
        <source>Limit period:</source>
        <translation>限投周期：</translation>
    </message>
    <message>
        <source>Same IP: more than</source>
        <translation>同一 IP 超过</translation>
    </message>
    <message>
        <source>…within</source>
        <translation>……时间范围</translation>
    </message>
    <message>
        <source>One candidate: more than, per minute</source>
        <translation>同一候选对象每分钟超过</translation>
    </message>
    <message>
        <source>Rows over these thresholds are flagged, never dropped; both totals are kept. Defaults: %1 votes from one IP within %2 s, %3 votes per candidate per minute.</source>
        <translation>超过这些阈值的行只做标记（刷票嫌疑），不会删除；两种合计都会保留。默认值：同一 IP 在 %2 秒内超过 %1 票，同一候选对象每分钟超过 %3 票。</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>A platform&apos;s export (.xlsx or .csv): totals per candidate, or one row per vote. Name the source it comes from.</source>
        <translation>平台导出的文件（.xlsx 或 .csv）：每个候选对象一行的汇总，或每票一行。请注明数据来源。</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
</context>
<context>
    <name>SourcePanel</name>
    <message>
        <source>Files or folder</source>
        <extracomment>Separates several paths in the files field (also what the file dialog puts there). The scanner list should be (re)loaded.</extracomment>
        <translation>文件/文件夹</translation>
    </message>
    <message>
        <source>Watched folder</source>
        <translation>监视文件夹</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描仪</translation>
    </message>
    <message>
        <source>Document camera / webcam</source>
        <translation>高拍仪/摄像头</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Scanned images, PDF or TIFF files, or a folder</source>
        <translation>扫描图像、PDF 或 TIFF 文件，或一个文件夹</translation>
    </message>
    <message>
        <source>Files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>The folder the scanner saves to</source>
        <translation>扫描仪保存图像的文件夹</translation>
    </message>
    <message>
        <source>Find scanners</source>
        <translation>查找扫描仪</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>双面</translation>
    </message>
    <message>
        <source>Options, e.g. source=ADF; resolution=300</source>
        <translation>选项，例如 source=ADF; resolution=300</translation>
    </message>
    <message>
        <source>Camera number (0 is the first camera), or a video file</source>
        <translation>摄像头编号（0 为第一个摄像头），或视频文件</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>视频文件…</translation>
    </message>
    <message>
        <source>Lay each sheet under the camera; it is taken once it lies still.</source>
        <translation>将选票逐张放在镜头下，放稳后自动拍摄。</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <source>Scanned ballots</source>
        <translation>扫描的选票</translation>
    </message>
    <message>
        <source>Images and PDF (%1)</source>
        <translation>图像和 PDF（%1）</translation>
    </message>
    <message>
        <source>Folder of scanned ballots</source>
        <translation>扫描选票所在文件夹</translation>
    </message>
    <message>
        <source>Video file</source>
        <translation>视频文件</translation>
    </message>
    <message>
        <source>Videos (%1)</source>
        <translation>视频（%1）</translation>
    </message>
    <message>
        <source>Choose the scanned files or a folder first.</source>
        <translation>请先选择扫描文件或文件夹。</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>找不到：%1</translation>
    </message>
    <message>
        <source>Choose an existing folder to watch.</source>
        <translation>请选择一个已存在的文件夹进行监视。</translation>
    </message>
    <message>
        <source>No scanner chosen: click “Find scanners”.</source>
        <translation>未选择扫描仪：请点击“查找扫描仪”。</translation>
    </message>
    <message>
        <source>Scanner options are written name=value: %1</source>
        <translation>扫描仪选项应写成“名称=值”：%1</translation>
    </message>
</context>
<context>
    <name>SourceTableModel</name>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>导入次数</translation>
    </message>
    <message>
        <source>Votes as exported</source>
        <translation>导出票数</translation>
    </message>
    <message>
        <source>Votes without flagged</source>
        <translation>去掉标记后票数</translation>
    </message>
    <message>
        <source>Flagged rows</source>
        <translation>标记行数</translation>
    </message>
</context>
<context>
    <name>StationsController</name>
    <message>
        <source>New key</source>
        <extracomment>What dialogs and messages open over.</extracomment>
        <translation>新密钥</translation>
    </message>
    <message>
        <source>Make a new key for this station? Packages signed with the old key are refused once the organiser registers the new one in its place.</source>
        <translation>为本计票站生成新密钥？组织者改为登记新密钥后，旧密钥签名的数据包将不再被接受。</translation>
    </message>
    <message>
        <source>Revoke station</source>
        <translation>撤销计票站</translation>
    </message>
    <message>
        <source>Refuse every package of “%1” from now on? Packages imported already stay.</source>
        <translation>从现在起拒绝“%1”的所有数据包？已导入的数据包保留。</translation>
    </message>
    <message>
        <source>Export a package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>Station package (*.zip)</source>
        <translation>计票站数据包 (*.zip)</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在写入数据包…</translation>
    </message>
    <message>
        <source>“%1” written: %2 pages, %3 images, %4 KB, signed with this station&apos;s key.

Take it to the organiser (a USB stick will do).</source>
        <translation>已写入“%1”：%2 页选票，%3 个图像，%4 KB，已用本计票站的密钥签名。

请交给组织者（用U盘即可）。</translation>
    </message>
    <message>
        <source>Import a package</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Checking and merging the package…</source>
        <translation>正在校验并合并数据包…</translation>
    </message>
</context>
<context>
    <name>StationsModel</name>
    <message>
        <source>Station</source>
        <translation>计票站</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>公钥</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>撤销时间</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>已存</translation>
    </message>
    <message>
        <source>with the first package</source>
        <translation>随第一个数据包存入</translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>This station&apos;s key</source>
        <translation>本计票站的密钥</translation>
    </message>
    <message>
        <source>e.g. Donghu community centre</source>
        <translation>例如：东湖社区服务中心</translation>
    </message>
    <message>
        <source>Make this station&apos;s key</source>
        <translation>生成本站密钥</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>新密钥…</translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation>复制指纹</translation>
    </message>
    <message>
        <source>Copy QR text</source>
        <translation>复制二维码文本</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Export a package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>Writes every sheet of the current campaign scanned here, with its marks, review decisions and the box reconciliation, into one file signed with this station&apos;s key. Take it to the organiser.</source>
        <translation>把本站扫描的当前评选活动的每一页选票（含识别结果、审核决定和投票箱核对）写入一个用本站密钥签名的文件，交给组织者。</translation>
    </message>
    <message>
        <source>Include the scanned images</source>
        <translation>包含扫描图像</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>导出数据包…</translation>
    </message>
    <message>
        <source>Registered stations (organiser)</source>
        <translation>已登记的计票站（组织者）</translation>
    </message>
    <message>
        <source>(from the QR text)</source>
        <translation>（取自二维码文本）</translation>
    </message>
    <message>
        <source>Paste the station&apos;s QR text, public key or fingerprint</source>
        <translation>粘贴计票站的二维码文本、公钥或指纹</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <source>Station name:</source>
        <translation>计票站名称：</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>密钥：</translation>
    </message>
    <message>
        <source>Packages imported</source>
        <translation>已导入的数据包</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>导入数据包…</translation>
    </message>
    <message>
        <source>This installation has no station key yet. Name the station and make its key: the organiser registers it before accepting its packages.</source>
        <translation>本机还没有计票站密钥。请填写计票站名称并生成密钥：组织者登记后才接受本站的数据包。</translation>
    </message>
    <message>
        <source>Station “%1”. Read the fingerprint to the organiser, or let them scan the QR code.</source>
        <translation>计票站“%1”。请把指纹念给组织者核对，或让组织者扫描二维码。</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>改名</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Mark as %1</source>
        <translation>标记为“%1”</translation>
    </message>
    <message numerus="yes">
        <source>%n selected candidate(s) will be marked “%1”.</source>
        <translation>
            <numerusform>所选 %n 名候选对象将标记为“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（选填）</translation>
    </message>
</context>
<context>
    <name>TallyTableModel</name>
    <message>
        <source>Category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>Ballots counted</source>
        <translation>已统计票数</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Leading so far</source>
        <translation>目前领先</translation>
    </message>
</context>
<context>
    <name>TickPanel</name>
    <message>
        <source>The marks of this page were not read. Tick the candidates marked on the paper, then save: the others are recorded as not marked.</source>
        <translation>本页记号未读出。请对照纸质选票勾选已划的候选对象，然后保存：未勾选的均记为未划。</translation>
    </message>
    <message>
        <source>Save ticks (S)</source>
        <translation>保存勾选 (S)</translation>
    </message>
    <message>
        <source>Align by the four marks (G)</source>
        <translation>按四角定位标记读取 (G)</translation>
    </message>
    <message>
        <source>No votes on this page (V)</source>
        <translation>本页无选票记号 (V)</translation>
    </message>
    <message>
        <source>%1 (at most %2)</source>
        <translation>%1（最多 %2 项）</translation>
    </message>
    <message>
        <source>top-left</source>
        <translation>左上</translation>
    </message>
    <message>
        <source>top-right</source>
        <translation>右上</translation>
    </message>
    <message>
        <source>bottom-right</source>
        <translation>右下</translation>
    </message>
    <message>
        <source>bottom-left</source>
        <translation>左下</translation>
    </message>
    <message>
        <source>Align (%1/4): click the centre of the %2 registration mark. Esc cancels.</source>
        <translation>手工定位（%1/4）：请点击%2定位标记的中心。按 Esc 取消。</translation>
    </message>
    <message>
        <source>Reading the page through the four marks…</source>
        <translation>正在按四角定位标记读取本页…</translation>
    </message>
    <message>
        <source>The page could not be read through these points.</source>
        <translation>按这四个点无法读取本页。</translation>
    </message>
    <message>
        <source>Read through your four points: %1 marked, %2 unclear (shaded). Check the ticks, then save (S): nothing counts before.</source>
        <translation>已按您点的四个定位点读取：%1 格已划，%2 格不清楚（底色标出）。请核对勾选后保存（S）：保存前不计票。</translation>
    </message>
</context>
<context>
    <name>TieDialog</name>
    <message>
        <source>Decide the tie – %1</source>
        <translation>决定并列 – %1</translation>
    </message>
    <message>
        <source>These candidates have the same combined score at the cut-off of “%1”. Choose the %2 who win. The decision is recorded with your name, the time and the note, and stated in the notice.</source>
        <translation>以下候选对象在“%1”的当选线上综合得分相同。请选出当选的 %2 名。决定将连同您的姓名、时间和依据一并记录，并在公示中说明。</translation>
    </message>
    <message>
        <source>Grounds of the decision (required), e.g. the meeting and its minutes</source>
        <translation>决定依据（必填），如会议及纪要编号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>依据：</translation>
    </message>
    <message>
        <source>Choose %1 (chosen: %2).</source>
        <translation>请选择 %1 名（已选 %2 名）。</translation>
    </message>
    <message>
        <source>A note is required.</source>
        <translation>必须填写决定依据。</translation>
    </message>
</context>
<context>
    <name>TotalTableModel</name>
    <message>
        <source>Category</source>
        <translation>奖项</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Votes as exported</source>
        <translation>导出票数</translation>
    </message>
    <message>
        <source>Votes without flagged</source>
        <translation>去掉标记后票数</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Edit nominating unit</source>
        <translation>编辑推荐单位</translation>
    </message>
    <message>
        <source>New nominating unit</source>
        <translation>新增推荐单位</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Quota per category</source>
        <translation>每个奖项推荐限额</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <source>Nominating unit</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>Quota per category</source>
        <translation>每个奖项推荐限额</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Nominating units</source>
        <translation>推荐单位</translation>
    </message>
    <message>
        <source>Only units over quota</source>
        <translation>只看超限额单位</translation>
    </message>
    <message>
        <source>Each cell: nominations counted / quota. Rejected and withdrawn candidates do not count. Red: over the quota.</source>
        <translation>每格为“已推荐人数 / 限额”，不合格和已撤回的不计入。红色表示超出限额。</translation>
    </message>
    <message>
        <source>Quota overview</source>
        <translation>推荐限额一览</translation>
    </message>
    <message>
        <source>%1 of %2 units over quota</source>
        <translation>%2 个单位中有 %1 个超限额</translation>
    </message>
    <message>
        <source>Quota lowered</source>
        <translation>限额已降低</translation>
    </message>
    <message>
        <source>Delete nominating unit</source>
        <translation>删除推荐单位</translation>
    </message>
    <message>
        <source>Delete the nominating unit “%1”?</source>
        <translation>确定删除推荐单位“%1”吗？</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to BallotDesk</source>
        <translation>欢迎使用选票台</translation>
    </message>
    <message>
        <source>Run a “ten best” selection from nomination to the published results: award categories, nominating units and their quotas, candidates and their review.</source>
        <translation>组织“十佳”评选，从推荐报名到结果公示：奖项设置、推荐单位及限额、候选对象登记与资格审查。</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>新建评选活动…</translation>
    </message>
    <message>
        <source>Open the demo campaign</source>
        <translation>打开演示活动</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw an import</source>
        <translation>撤回导入</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 (%4 votes)</source>
        <translation>%1 · %2 · %3（%4 票）</translation>
    </message>
    <message>
        <source>Why is it withdrawn? (required)</source>
        <translation>撤回原因（必填）</translation>
    </message>
    <message>
        <source>The import is kept and marked as withdrawn; its votes stop counting and the file may be imported again.</source>
        <translation>该导入会保留并标记为已撤回；其票数不再计入，文件可以重新导入。</translation>
    </message>
    <message>
        <source>Import:</source>
        <translation>导入：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
</context>
<context>
    <name>ZoomPanel</name>
    <message>
        <source>%1 (decided by a person)</source>
        <translation>%1（人工认定）</translation>
    </message>
</context>
</TS>
