<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Cannot open the database:
%1</source>
        <translation>Cannot open the database:
%1</translation>
    </message>
</context>
<context>
    <name>CampaignPage</name>
    <message>
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Campaign settings</source>
        <translation>Campaign settings</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>Starts on</translation>
    </message>
    <message>
        <source>Voting opens on</source>
        <translation>Voting opens on</translation>
    </message>
    <message>
        <source>Voting closes on</source>
        <translation>Voting closes on</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Ends on</translation>
    </message>
    <message>
        <source>Summary length limit</source>
        <translation>Summary length limit</translation>
    </message>
    <message>
        <source>Default quota per unit</source>
        <translation>Default quota per unit</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Award categories (in ballot order)</source>
        <translation>Award categories (in ballot order)</translation>
    </message>
    <message>
        <source>Delete category</source>
        <translation>Delete category</translation>
    </message>
    <message>
        <source>Delete the category “%1”?</source>
        <translation>Delete the category “%1”?</translation>
    </message>
</context>
<context>
    <name>CandidateDialog</name>
    <message>
        <source>Candidate: %1</source>
        <extracomment>Common answers for 政治面貌; the field stays free text.</extracomment>
        <translation>Candidate: %1</translation>
    </message>
    <message>
        <source>New candidate</source>
        <translation>New candidate</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>e.g. 1985-06</source>
        <translation>e.g. 1985-06</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Nominating unit</source>
        <translation>Nominating unit</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Political affiliation</source>
        <translation>Political affiliation</translation>
    </message>
    <message>
        <source>Work unit and post</source>
        <translation>Work unit and post</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>Awards</translation>
    </message>
    <message>
        <source>Summary of deeds</source>
        <translation>Summary of deeds</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>%1 / %2 characters</source>
        <translation>%1 / %2 characters</translation>
    </message>
</context>
<context>
    <name>CandidateTableModel</name>
    <message>
        <source>No.</source>
        <extracomment>Edge of the photo thumbnails drawn in the table.</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Nominating unit</source>
        <translation>Nominating unit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Review note</source>
        <translation>Review note</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>Incomplete</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Missing: %1</translation>
    </message>
</context>
<context>
    <name>CandidatesController</name>
    <message>
        <source>New candidate</source>
        <translation>New candidate</translation>
    </message>
    <message>
        <source>Add an award category on the campaign page first.</source>
        <translation>Add an award category on the campaign page first.</translation>
    </message>
    <message>
        <source>Delete candidates</source>
        <translation>Delete candidates</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n candidate(s): %1?</source>
        <translation>
            <numerusform>Delete %n candidate: %1?</numerusform>
            <numerusform>Delete %n candidates: %1?</numerusform>
        </translation>
    </message>
    <message>
        <source>every category</source>
        <translation>every category</translation>
    </message>
    <message>
        <source>Number automatically</source>
        <translation>Number automatically</translation>
    </message>
    <message>
        <source>Give numbers in registry order to the candidates of %1 that have none? Existing numbers are kept; rejected and withdrawn candidates get none.</source>
        <translation>Give numbers in registry order to the candidates of %1 that have none? Existing numbers are kept; rejected and withdrawn candidates get none.</translation>
    </message>
    <message numerus="yes">
        <source>%n candidate(s) numbered.</source>
        <translation>
            <numerusform>%n candidate numbered.</numerusform>
            <numerusform>%n candidates numbered.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export candidates</source>
        <translation>Export candidates</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualified</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Shortlisted</source>
        <translation>Shortlisted</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Number automatically</source>
        <translation>Number automatically</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Search name, unit, post or number</source>
        <translation>Search name, unit, post or number</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 of %2 shown</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <source>Edit category</source>
        <translation>Edit category</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>New category</translation>
    </message>
    <message>
        <source>e.g. Ten best service windows</source>
        <translation>e.g. Ten best service windows</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Winners</source>
        <translation>Winners</translation>
    </message>
    <message>
        <source>Marks per ballot at most</source>
        <translation>Marks per ballot at most</translation>
    </message>
    <message>
        <source>Candidate kind</source>
        <translation>Candidate kind</translation>
    </message>
</context>
<context>
    <name>CategoryTableModel</name>
    <message>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Winners</source>
        <translation>Winners</translation>
    </message>
    <message>
        <source>Marks per ballot</source>
        <translation>Marks per ballot</translation>
    </message>
    <message>
        <source>Candidate kind</source>
        <translation>Candidate kind</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Something went wrong. Everything up to the last completed action has been saved.

%1</source>
        <translation>Something went wrong. Everything up to the last completed action has been saved.

%1</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Please check</translation>
    </message>
    <message>
        <source>Save anyway?</source>
        <translation>Save anyway?</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose a file</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) or a CSV file with one candidate per row and a header row (奖项, 推荐单位, 姓名…).</source>
        <translation>An Excel workbook (.xlsx) or a CSV file with one candidate per row and a header row (奖项, 推荐单位, 姓名…).</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Tables (%1)</source>
        <translation>Tables (%1)</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Nominating unit</source>
        <translation>Nominating unit</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problems</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import candidates</source>
        <translation>Import candidates</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>BallotDesk</source>
        <extracomment>The user picked another interface language (the app rebuilds the window).</extracomment>
        <translation>BallotDesk</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Campaign:</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>New campaign…</translation>
    </message>
    <message>
        <source>Open the demo campaign</source>
        <translation>Open the demo campaign</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>About BallotDesk</source>
        <translation>About BallotDesk</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n categories</source>
        <translation>
            <numerusform>%n category</numerusform>
            <numerusform>%n categories</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n units</source>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n candidates</source>
        <translation>
            <numerusform>%n candidate</numerusform>
            <numerusform>%n candidates</numerusform>
        </translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>&lt;b&gt;BallotDesk&lt;/b&gt; (选票台) %1&lt;br&gt;Community award campaigns: registry, barcoded paper ballots, scanning and tallies.&lt;br&gt;Licence: GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;BallotDesk&lt;/b&gt; (选票台) %1&lt;br&gt;Community award campaigns: registry, barcoded paper ballots, scanning and tallies.&lt;br&gt;Licence: GPL-3.0-or-later.</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Candidates</source>
        <extracomment>Starting widths of the columns that do not stretch, in pixels.</extracomment>
        <translation>Candidates</translation>
    </message>
    <message>
        <source>Nominating units</source>
        <translation>Nominating units</translation>
    </message>
</context>
<context>
    <name>PhotoBox</name>
    <message>
        <source>Choose photo…</source>
        <extracomment>A file chosen to replace the photo, or None. True when the user removed the stored photo.</extracomment>
        <translation>Choose photo…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>Choose photo</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>Images (%1)</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>“%1” is not an image this program can read.</source>
        <translation>“%1” is not an image this program can read.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check the rows</source>
        <translation>Check the rows</translation>
    </message>
    <message>
        <source>Rows in red have errors and stop the import; rows in amber have warnings and will be imported. Nothing is saved yet.</source>
        <translation>Rows in red have errors and stop the import; rows in amber have warnings and will be imported. Nothing is saved yet.</translation>
    </message>
    <message>
        <source>Create them along with the import</source>
        <translation>Create them along with the import</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>The file cannot be read.</translation>
    </message>
    <message>
        <source>%1 rows read: %2 errors, %3 warnings.</source>
        <translation>%1 rows read: %2 errors, %3 warnings.</translation>
    </message>
</context>
<context>
    <name>QuotaTableModel</name>
    <message>
        <source>Nominating unit</source>
        <extracomment>The first category&apos;s column; category ``i`` is at ``COL_FIRST_CATEGORY + i``.</extracomment>
        <translation>Nominating unit</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>%1 nominations, %2 over the quota of %3</source>
        <translation>%1 nominations, %2 over the quota of %3</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Mark as %1</source>
        <translation>Mark as %1</translation>
    </message>
    <message numerus="yes">
        <source>%n selected candidate(s) will be marked “%1”.</source>
        <translation>
            <numerusform>%n selected candidate will be marked “%1”.</numerusform>
            <numerusform>%n selected candidates will be marked “%1”.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Note (optional)</translation>
    </message>
</context>
<context>
    <name>UnitDialog</name>
    <message>
        <source>Edit nominating unit</source>
        <translation>Edit nominating unit</translation>
    </message>
    <message>
        <source>New nominating unit</source>
        <translation>New nominating unit</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Quota per category</source>
        <translation>Quota per category</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <source>Nominating unit</source>
        <translation>Nominating unit</translation>
    </message>
    <message>
        <source>Quota per category</source>
        <translation>Quota per category</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Nominating units</source>
        <translation>Nominating units</translation>
    </message>
    <message>
        <source>Only units over quota</source>
        <translation>Only units over quota</translation>
    </message>
    <message>
        <source>Each cell: nominations counted / quota. Rejected and withdrawn candidates do not count. Red: over the quota.</source>
        <translation>Each cell: nominations counted / quota. Rejected and withdrawn candidates do not count. Red: over the quota.</translation>
    </message>
    <message>
        <source>Quota overview</source>
        <translation>Quota overview</translation>
    </message>
    <message>
        <source>%1 of %2 units over quota</source>
        <translation>%1 of %2 units over quota</translation>
    </message>
    <message>
        <source>Quota lowered</source>
        <translation>Quota lowered</translation>
    </message>
    <message>
        <source>Delete nominating unit</source>
        <translation>Delete nominating unit</translation>
    </message>
    <message>
        <source>Delete the nominating unit “%1”?</source>
        <translation>Delete the nominating unit “%1”?</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to BallotDesk</source>
        <translation>Welcome to BallotDesk</translation>
    </message>
    <message>
        <source>Run a “ten best” selection from nomination to the published results: award categories, nominating units and their quotas, candidates and their review.</source>
        <translation>Run a “ten best” selection from nomination to the published results: award categories, nominating units and their quotas, candidates and their review.</translation>
    </message>
    <message>
        <source>New campaign…</source>
        <translation>New campaign…</translation>
    </message>
    <message>
        <source>Open the demo campaign</source>
        <translation>Open the demo campaign</translation>
    </message>
</context>
</TS>
