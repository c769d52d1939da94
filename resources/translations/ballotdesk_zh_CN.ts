<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
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
    <name>Feedback</name>
    <message>
        <source>Not saved</source>
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
        <source>An Excel workbook (.xlsx) or a CSV file with one candidate per row and a header row (奖项, 推荐单位, 姓名…).</source>
        <translation>Excel 工作簿（.xlsx）或 CSV 文件：第一行为表头（奖项、推荐单位、姓名…），以下每行一名候选对象。</translation>
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
    <name>ImportWizard</name>
    <message>
        <source>Import candidates</source>
        <translation>导入候选对象</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>BallotDesk</source>
        <extracomment>The user picked another interface language (the app rebuilds the window).</extracomment>
        <translation>选票台</translation>
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
        <source>&lt;b&gt;BallotDesk&lt;/b&gt; (选票台) %1&lt;br&gt;Community award campaigns: registry, barcoded paper ballots, scanning and tallies.&lt;br&gt;Licence: GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;选票台&lt;/b&gt;（BallotDesk）%1&lt;br&gt;社区评选活动管理：候选对象登记、条码纸质选票、扫描计票与统计。&lt;br&gt;许可证：GPL-3.0-or-later。</translation>
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
        <extracomment>Starting widths of the columns that do not stretch, in pixels.</extracomment>
        <translation>候选对象</translation>
    </message>
    <message>
        <source>Nominating units</source>
        <translation>推荐单位</translation>
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
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <source>%1 rows read: %2 errors, %3 warnings.</source>
        <translation>共读取 %1 行：%2 个错误，%3 个提醒。</translation>
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
    <name>ResultPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
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
</TS>
