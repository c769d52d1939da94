<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <source>Password</source>
        <extracomment>The user name signed in last, offered again at the next start.</extracomment>
        <translation>Password</translation>
    </message>
    <message>
        <source>at least %1 characters</source>
        <translation>at least %1 characters</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>AccountTableModel</name>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabled</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>New account…</source>
        <extracomment>Only people who may manage accounts see this page in the navigation.</extracomment>
        <translation>New account…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>Organisers manage the registry, printing, results and accounts; the counting team scans and reviews ballots; observers see everything and change nothing. A disabled account cannot sign in; its work stays in the audit log.</source>
        <translation>Organisers manage the registry, printing, results and accounts; the counting team scans and reviews ballots; observers see everything and change nothing. A disabled account cannot sign in; its work stays in the audit log.</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Change role</translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation>Role of %1:</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <source>Disable the account “%1”? It can no longer sign in; what it recorded stays.</source>
        <translation>Disable the account “%1”? It can no longer sign in; what it recorded stays.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>The password of %1 was changed.</source>
        <translation>The password of %1 was changed.</translation>
    </message>
</context>
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
    <name>AuditController</name>
    <message>
        <source>Verify the audit chain</source>
        <extracomment>The table shows at most this many entries (the newest); filters reach older ones. Findings listed in the message box; the rest are counted. What dialogs and messages open over.</extracomment>
        <translation>Verify the audit chain</translation>
    </message>
    <message numerus="yes">
        <source>%1, matches the %n anchor(s) written down</source>
        <translation>
            <numerusform>%1, matches the %n anchor written down</numerusform>
            <numerusform>%1, matches the %n anchors written down</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.

Audit anchor (write it down to check the log later):
%2</source>
        <translation>%1.

Audit anchor (write it down to check the log later):
%2</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>CSV file (*.csv);;JSON lines (*.jsonl)</source>
        <translation>CSV file (*.csv);;JSON lines (*.jsonl)</translation>
    </message>
    <message>
        <source>%1 entries exported to “%2”, with their hashes: anyone can check them (see docs/audit.md).</source>
        <translation>%1 entries exported to “%2”, with their hashes: anyone can check them (see docs/audit.md).</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>Exporting the audit log…</translation>
    </message>
</context>
<context>
    <name>AuditModels</name>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Verify the audit chain</source>
        <translation>Verify the audit chain</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the anchor, to keep it in the minutes or a message</source>
        <translation>Copy the anchor, to keep it in the minutes or a message</translation>
    </message>
    <message>
        <source>id:hash written down earlier, e.g. 1234:9f86d081884c7d65</source>
        <translation>id:hash written down earlier, e.g. 1234:9f86d081884c7d65</translation>
    </message>
    <message>
        <source>Verify also checks that each entry named here still has the hash written down (several: separate them with spaces or commas).</source>
        <translation>Verify also checks that each entry named here still has the hash written down (several: separate them with spaces or commas).</translation>
    </message>
    <message>
        <source>Audit anchor (the head):</source>
        <translation>Audit anchor (the head):</translation>
    </message>
    <message>
        <source>Check against:</source>
        <translation>Check against:</translation>
    </message>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source>Search in any field…</source>
        <translation>Search in any field…</translation>
    </message>
    <message>
        <source>Current campaign only</source>
        <translation>Current campaign only</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <source>Object:</source>
        <translation>Object:</translation>
    </message>
    <message>
        <source>Actor:</source>
        <translation>Actor:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>All actions</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>All objects</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>The newest %1 entries; narrow the filter to see older ones.</source>
        <translation>The newest %1 entries; narrow the filter to see older ones.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an entry to see it in full.</source>
        <translation>Choose an entry to see it in full.</translation>
    </message>
    <message>
        <source>No. %1 · %2 · %3 · %4 (%5) · %6</source>
        <translation>No. %1 · %2 · %3 · %4 (%5) · %6</translation>
    </message>
    <message>
        <source>(empty log)</source>
        <translation>(empty log)</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Actor</source>
        <translation>Actor</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>Before → after</translation>
    </message>
    <message>
        <source>(nobody signed in)</source>
        <translation>(nobody signed in)</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Cancel</source>
        <extracomment>Progress dialogs appear only for work that takes longer than this. Tasks still running, kept alive until their result has been delivered.</extracomment>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BackupSecretsDialog</name>
    <message>
        <source>Back up</source>
        <translation>Back up</translation>
    </message>
    <message>
        <source>The database holds secrets: the campaign secrets that sign the ballots and this computer&apos;s station key. The backup keeps them sealed with a passphrase, asked for when it is restored; or leaves them out.</source>
        <translation>The database holds secrets: the campaign secrets that sign the ballots and this computer&apos;s station key. The backup keeps them sealed with a passphrase, asked for when it is restored; or leaves them out.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Passphrase again</translation>
    </message>
    <message>
        <source>Leave the secrets out (a database restored from this backup cannot print or check ballots)</source>
        <translation>Leave the secrets out (a database restored from this backup cannot print or check ballots)</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>BallotJobs</name>
    <message>
        <source>Printing ballots</source>
        <translation>Printing ballots</translation>
    </message>
</context>
<context>
    <name>BallotsController</name>
    <message>
        <source>Print preview — sample ballot, never counted</source>
        <extracomment>Resolution of the on-screen preview images (sharp at &quot;fit width&quot; on a large screen). What dialogs and messages open over. The running print job (the batch&apos;s, then a PrinterJob&apos;s), or None.</extracomment>
        <translation>Print preview — sample ballot, never counted</translation>
    </message>
    <message>
        <source>Delete ballot box</source>
        <translation>Delete ballot box</translation>
    </message>
    <message>
        <source>Delete the ballot box “%1”?</source>
        <translation>Delete the ballot box “%1”?</translation>
    </message>
    <message>
        <source>Print ballots</source>
        <translation>Print ballots</translation>
    </message>
    <message>
        <source>Add a ballot box first: every batch belongs to one.</source>
        <translation>Add a ballot box first: every batch belongs to one.</translation>
    </message>
    <message>
        <source>with photos</source>
        <translation>with photos</translation>
    </message>
    <message>
        <source>without photos</source>
        <translation>without photos</translation>
    </message>
    <message>
        <source>%1 paper, instructions in %2, %3 (change them above the preview)</source>
        <translation>%1 paper, instructions in %2, %3 (change them above the preview)</translation>
    </message>
    <message>
        <source>Printing cancelled: no serial was recorded and no file was written.</source>
        <translation>Printing cancelled: no serial was recorded and no file was written.</translation>
    </message>
    <message>
        <source>%1 ballots for “%2”, serials %3–%4, saved to:
%5</source>
        <translation>%1 ballots for “%2”, serials %3–%4, saved to:
%5</translation>
    </message>
    <message>
        <source>%1 of %2 ballots for “%3” sent to %4.</source>
        <translation>%1 of %2 ballots for “%3” sent to %4.</translation>
    </message>
    <message>
        <source>Print job: %1 (the system&apos;s print queue shows it).</source>
        <translation>Print job: %1 (the system&apos;s print queue shows it).</translation>
    </message>
    <message>
        <source>Not sent to the printer</source>
        <translation>Not sent to the printer</translation>
    </message>
    <message>
        <source>Serials %1–%2 were not printed and are recorded as unused.</source>
        <translation>Serials %1–%2 were not printed and are recorded as unused.</translation>
    </message>
    <message>
        <source>Printer problem: %1</source>
        <translation>Printer problem: %1</translation>
    </message>
</context>
<context>
    <name>BallotsPage</name>
    <message>
        <source>Print ballots…</source>
        <translation>Print ballots…</translation>
    </message>
    <message>
        <source>Record spoiled / unused serials…</source>
        <translation>Record spoiled / unused serials…</translation>
    </message>
    <message>
        <source>Ballot preview</source>
        <translation>Ballot preview</translation>
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
        <source>Ballot boxes</source>
        <translation>Ballot boxes</translation>
    </message>
    <message>
        <source>Printed batches</source>
        <translation>Printed batches</translation>
    </message>
    <message>
        <source>Issued = printed − unused. Returned counts scanned ballots, those of spoiled or unused serials too (shown apart; each waits for a decision in the review). Not returned = printed − returned − spoiled or unused not returned: in red once voting is over (phase Counting), when they are missing.</source>
        <translation>Issued = printed − unused. Returned counts scanned ballots, those of spoiled or unused serials too (shown apart; each waits for a decision in the review). Not returned = printed − returned − spoiled or unused not returned: in red once voting is over (phase Counting), when they are missing.</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
</context>
<context>
    <name>BatchJob</name>
    <message>
        <source>Printing %1 ballots for “%2”…</source>
        <translation>Printing %1 ballots for “%2”…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>BatchTableModel</name>
    <message>
        <source>Ballot box</source>
        <translation>Ballot box</translation>
    </message>
    <message>
        <source>Serials</source>
        <translation>Serials</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>Ballots</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message>
        <source>Layout version: the scanner reads these ballots with it</source>
        <translation>Layout version: the scanner reads these ballots with it</translation>
    </message>
    <message>
        <source>Printed by / at</source>
        <translation>Printed by / at</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
</context>
<context>
    <name>BoxCountModel</name>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Ballot box</source>
        <translation>Ballot box</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>Ballots</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>Blank</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
</context>
<context>
    <name>BoxDialog</name>
    <message>
        <source>Edit ballot box</source>
        <translation>Edit ballot box</translation>
    </message>
    <message>
        <source>New ballot box</source>
        <translation>New ballot box</translation>
    </message>
    <message>
        <source>e.g. Donghu community centre, box 1</source>
        <translation>e.g. Donghu community centre, box 1</translation>
    </message>
    <message>
        <source>Box name</source>
        <translation>Box name</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>Responsible person</translation>
    </message>
</context>
<context>
    <name>BoxTableModel</name>
    <message>
        <source>Ballot box</source>
        <translation>Ballot box</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Responsible</translation>
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
        <extracomment>What dialogs and messages open over.</extracomment>
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
    <name>CategoryPanel</name>
    <message>
        <source>Decide the tie…</source>
        <extracomment>Candidates in the chart: the top of the ranking.</extracomment>
        <translation>Decide the tie…</translation>
    </message>
    <message>
        <source>Paper ballots per box</source>
        <translation>Paper ballots per box</translation>
    </message>
    <message numerus="yes">
        <source>%n winner(s) · paper ballots: %1 valid, %2 void, %3 blank, %4 waiting for review</source>
        <translation>
            <numerusform>%n winner · paper ballots: %1 valid, %2 void, %3 blank, %4 waiting for review</numerusform>
            <numerusform>%n winners · paper ballots: %1 valid, %2 void, %3 blank, %4 waiting for review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Tie at the cut-off: %1 have the same combined score for %n seat(s). It is not broken automatically: decide it and record why.</source>
        <translation>
            <numerusform>Tie at the cut-off: %1 have the same combined score for %n seat. It is not broken automatically: decide it and record why.</numerusform>
            <numerusform>Tie at the cut-off: %1 have the same combined score for %n seats. It is not broken automatically: decide it and record why.</numerusform>
        </translation>
    </message>
    <message>
        <source>Tie at the cut-off (%1) decided by %2 on %3: %4 win. Note: %5</source>
        <translation>Tie at the cut-off (%1) decided by %2 on %3: %4 win. Note: %5</translation>
    </message>
    <message>
        <source>Decide again…</source>
        <translation>Decide again…</translation>
    </message>
    <message>
        <source>Top %1: paper vs online (bar = share of the category&apos;s total in that channel)</source>
        <translation>Top %1: paper vs online (bar = share of the category&apos;s total in that channel)</translation>
    </message>
    <message>
        <source>Paper ballots</source>
        <translation>Paper ballots</translation>
    </message>
    <message>
        <source>Online votes</source>
        <translation>Online votes</translation>
    </message>
    <message>
        <source>No votes counted yet</source>
        <translation>No votes counted yet</translation>
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
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Current password</translation>
    </message>
</context>
<context>
    <name>ColumnPage</name>
    <message>
        <source>What the columns mean</source>
        <translation>What the columns mean</translation>
    </message>
    <message>
        <source>Check what each column is read as and change it where it is wrong; the choice is kept for the next file with the same headers.</source>
        <translation>Check what each column is read as and change it where it is wrong; the choice is kept for the next file with the same headers.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>First cells</source>
        <translation>First cells</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>Read as</translation>
    </message>
    <message>
        <source>row count (not imported)</source>
        <translation>row count (not imported)</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>not imported</translation>
    </message>
    <message>
        <source>As last time for files with these headers.</source>
        <translation>As last time for files with these headers.</translation>
    </message>
    <message>
        <source>Suggested from the header texts.</source>
        <translation>Suggested from the header texts.</translation>
    </message>
</context>
<context>
    <name>CopiesDialog</name>
    <message>
        <source>Copies of %1</source>
        <extracomment>Each image&apos;s view, in pixels: two A4 pages fit side by side on a 1366 × 768 screen.</extracomment>
        <translation>Copies of %1</translation>
    </message>
    <message>
        <source>The images recorded for this serial and page, the one that counts first. Compare them (a photocopy, a second scan) and choose the one to count: the other is kept, not counted. The choice is recorded with your name and the time.</source>
        <translation>The images recorded for this serial and page, the one that counts first. Compare them (a photocopy, a second scan) and choose the one to count: the other is kept, not counted. The choice is recorded with your name and the time.</translation>
    </message>
    <message>
        <source>Counts now</source>
        <translation>Counts now</translation>
    </message>
    <message>
        <source>Count this one instead</source>
        <translation>Count this one instead</translation>
    </message>
    <message>
        <source>Why (e.g. the other is a photocopy)</source>
        <translation>Why (e.g. the other is a photocopy)</translation>
    </message>
    <message>
        <source>Image %1 · %2</source>
        <translation>Image %1 · %2</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>Counts</translation>
    </message>
    <message>
        <source>Does not count</source>
        <translation>Does not count</translation>
    </message>
    <message>
        <source>Marked: %1</source>
        <translation>Marked: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Unexpected error</source>
        <extracomment>The crash log starts afresh at a start that finds it larger than this. The open crash log: faulthandler writes to its descriptor when the process dies.</extracomment>
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
    <name>ExpertImportWizard</name>
    <message>
        <source>Import expert scores</source>
        <translation>Import expert scores</translation>
    </message>
    <message>
        <source>One row per score (专家, 编号 or 名称, 分数) or one row per candidate with a column per expert, headed by the expert&apos;s name.</source>
        <translation>One row per score (专家, 编号 or 名称, 分数) or one row per candidate with a column per expert, headed by the expert&apos;s name.</translation>
    </message>
</context>
<context>
    <name>ExpertMatrixModel</name>
    <message>
        <source>No.</source>
        <extracomment>Decimals shown for scores and averages. The first expert&apos;s column; the average comes after the last expert. (candidate id, expert, the text typed).</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Average</translation>
    </message>
    <message>
        <source>Left out of the average (highest or lowest)</source>
        <translation>Left out of the average (highest or lowest)</translation>
    </message>
    <message>
        <source>Not scored yet by this expert</source>
        <translation>Not scored yet by this expert</translation>
    </message>
</context>
<context>
    <name>ExpertPreviewPage</name>
    <message>
        <source>Check the scores</source>
        <translation>Check the scores</translation>
    </message>
    <message>
        <source>Errors (red) stop the import. Nothing is saved yet.</source>
        <translation>Errors (red) stop the import. Nothing is saved yet.</translation>
    </message>
    <message>
        <source>%1 scores read: %2 errors.</source>
        <translation>%1 scores read: %2 errors.</translation>
    </message>
</context>
<context>
    <name>ExpertRuleDialog</name>
    <message>
        <source>Scoring rule</source>
        <extracomment>None: the whole campaign. None: inherit.</extracomment>
        <translation>Scoring rule</translation>
    </message>
    <message>
        <source>the whole campaign</source>
        <translation>the whole campaign</translation>
    </message>
    <message>
        <source>Use the campaign&apos;s rule</source>
        <translation>Use the campaign&apos;s rule</translation>
    </message>
    <message>
        <source>Drop the highest and the lowest score</source>
        <translation>Drop the highest and the lowest score</translation>
    </message>
    <message>
        <source>With at least 3 scores, one highest and one lowest are left out, then the rest are averaged.</source>
        <translation>With at least 3 scores, one highest and one lowest are left out, then the rest are averaged.</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>For:</translation>
    </message>
    <message>
        <source>Highest score:</source>
        <translation>Highest score:</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Not saved</source>
        <extracomment>The colour of refusals and problems written on a page or a form rather than in a box.</extracomment>
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
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Tables (%1)</source>
        <translation>Tables (%1)</translation>
    </message>
</context>
<context>
    <name>FirstOrganiserDialog</name>
    <message>
        <source>Create the first organiser</source>
        <translation>Create the first organiser</translation>
    </message>
    <message>
        <source>This database has no accounts yet. Create the first organiser: everyone signs in, and organisers create the accounts of the others.</source>
        <translation>This database has no accounts yet. Create the first organiser: everyone signs in, and organisers create the accounts of the others.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
</context>
<context>
    <name>FlagTableModel</name>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Voter</source>
        <translation>Voter</translation>
    </message>
    <message>
        <source>IP</source>
        <translation>IP</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>Candidates</translation>
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
    <name>ImportResultDialog</name>
    <message>
        <source>Package imported</source>
        <translation>Package imported</translation>
    </message>
    <message>
        <source>No conflicts.</source>
        <translation>No conflicts.</translation>
    </message>
    <message>
        <source>Conflicts (the station&apos;s page is kept for review, never counted twice):</source>
        <translation>Conflicts (the station&apos;s page is kept for review, never counted twice):</translation>
    </message>
</context>
<context>
    <name>ImportTableModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Flagged rows</source>
        <translation>Flagged rows</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>counted</translation>
    </message>
    <message>
        <source>withdrawn: %1</source>
        <translation>withdrawn: %1</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import candidates</source>
        <extracomment>The encoding the user picked for a text file; None: the one detected.</extracomment>
        <translation>Import candidates</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx, .xls) or a CSV file with one candidate per row and a header row (奖项, 推荐单位, 姓名…).</source>
        <translation>An Excel workbook (.xlsx, .xls) or a CSV file with one candidate per row and a header row (奖项, 推荐单位, 姓名…).</translation>
    </message>
</context>
<context>
    <name>ImportsModel</name>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>New pages</source>
        <translation>New pages</translation>
    </message>
    <message>
        <source>Already here</source>
        <translation>Already here</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>BallotDesk</source>
        <translation>BallotDesk</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <extracomment>Room around the longest page name: the list&apos;s frame, item padding and spacing. The database path in the status bar gives way to the window&apos;s width down to this. The user picked another interface language (the app rebuilds the window). Someone else wants to sign in (the app rebuilds the window for them).</extracomment>
        <translation>%1 — %2 (%3)</translation>
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
        <source>Switch user…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Change password…</translation>
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
        <source>Signed in: %1 (%2)</source>
        <translation>Signed in: %1 (%2)</translation>
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
        <source>Creating the demo campaign…</source>
        <translation>Creating the demo campaign…</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Your password was changed.</translation>
    </message>
    <message>
        <source>&lt;b&gt;BallotDesk&lt;/b&gt; (选票台) %1&lt;br&gt;Community award campaigns: registry, barcoded paper ballots, scanning and tallies.&lt;br&gt;Licence: GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;BallotDesk&lt;/b&gt; (选票台) %1&lt;br&gt;Community award campaigns: registry, barcoded paper ballots, scanning and tallies.&lt;br&gt;Licence: GPL-3.0-or-later.</translation>
    </message>
</context>
<context>
    <name>MaintenanceActions</name>
    <message>
        <source>Back up…</source>
        <extracomment>Bytes in the megabytes a backup&apos;s size is told in. The database was replaced by a backup: the window should ask for a sign-in again.</extracomment>
        <translation>Back up…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>Read every scanned image again…</source>
        <translation>Read every scanned image again…</translation>
    </message>
    <message>
        <source>Read the archived images with this version&apos;s reader and list what differs from the record.</source>
        <translation>Read the archived images with this version&apos;s reader and list what differs from the record.</translation>
    </message>
    <message>
        <source>Back up into a folder</source>
        <translation>Back up into a folder</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>Back up</translation>
    </message>
    <message>
        <source>Copying the database and the scanned images…</source>
        <translation>Copying the database and the scanned images…</translation>
    </message>
    <message numerus="yes">
        <source>Backed up to “%1”: %n file(s), %2 MB.</source>
        <translation>
            <numerusform>Backed up to “%1”: %n file, %2 MB.</numerusform>
            <numerusform>Backed up to “%1”: %n files, %2 MB.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose a backup folder</source>
        <translation>Choose a backup folder</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Checking the backup…</translation>
    </message>
    <message>
        <source>Replace the database with the backup of %1? What was entered since then is replaced; a copy of the current database is kept beside it. You will sign in again afterwards.</source>
        <translation>Replace the database with the backup of %1? What was entered since then is replaced; a copy of the current database is kept beside it. You will sign in again afterwards.</translation>
    </message>
    <message>
        <source>Restoring the database and the scanned images…</source>
        <translation>Restoring the database and the scanned images…</translation>
    </message>
    <message>
        <source>Restored from the backup of %1.</source>
        <translation>Restored from the backup of %1.</translation>
    </message>
    <message>
        <source>The audit anchor when the backup was taken: %1. Check the restored log against it on the audit page.</source>
        <translation>The audit anchor when the backup was taken: %1. Check the restored log against it on the audit page.</translation>
    </message>
    <message>
        <source>Read every scanned image again</source>
        <translation>Read every scanned image again</translation>
    </message>
    <message>
        <source>Reading the archived images…</source>
        <translation>Reading the archived images…</translation>
    </message>
    <message numerus="yes">
        <source>Read %n image(s) again: every reading matches the record.</source>
        <translation>
            <numerusform>Read %n image again: every reading matches the record.</numerusform>
            <numerusform>Read %n images again: every reading matches the record.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) read differently from the record: see the details, and look at those sheets on the review page.</source>
        <translation>
            <numerusform>%n image read differently from the record: see the details, and look at those sheets on the review page.</numerusform>
            <numerusform>%n images read differently from the record: see the details, and look at those sheets on the review page.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>What the columns mean</source>
        <extracomment>The encoding chosen for a text file (None: the detected one). What the user set: header → meaning, option text → candidate reference. The mapping of the last analysis (saved, guessed or edited), which edits amend.</extracomment>
        <translation>What the columns mean</translation>
    </message>
    <message>
        <source>Check how the file was understood. Set a column&apos;s meaning or pick the candidate of an option; the mapping is kept for the next file with the same headers.</source>
        <translation>Check how the file was understood. Set a column&apos;s meaning or pick the candidate of an option; the mapping is kept for the next file with the same headers.</translation>
    </message>
    <message>
        <source>Edit the column meanings</source>
        <translation>Edit the column meanings</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>First cells</source>
        <translation>First cells</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Meaning</translation>
    </message>
    <message>
        <source>Options and the candidates they matched:</source>
        <translation>Options and the candidates they matched:</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>Matched by</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>Candidate</translation>
    </message>
    <message>
        <source>Options are also separated by:</source>
        <extracomment>What joins chosen options besides the usual separators (wjx: ┋), as learned from the data or typed; &apos;&apos; for none. The encodings that decode the file, when more than one does.</extracomment>
        <translation>Options are also separated by:</translation>
    </message>
    <message>
        <source>Read the file as:</source>
        <translation>Read the file as:</translation>
    </message>
    <message>
        <source>The mapping saved for files with these headers was applied.</source>
        <translation>The mapping saved for files with these headers was applied.</translation>
    </message>
    <message>
        <source>Your mapping is applied.</source>
        <translation>Your mapping is applied.</translation>
    </message>
    <message>
        <source>The columns were recognised from their headers.</source>
        <translation>The columns were recognised from their headers.</translation>
    </message>
    <message>
        <source>Chosen options are separated by “%1”.</source>
        <translation>Chosen options are separated by “%1”.</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <source>number</source>
        <translation>number</translation>
    </message>
    <message>
        <source>exact name</source>
        <translation>exact name</translation>
    </message>
    <message>
        <source>normalised name</source>
        <translation>normalised name</translation>
    </message>
    <message>
        <source>name without aside</source>
        <translation>name without aside</translation>
    </message>
    <message>
        <source>mapping</source>
        <translation>mapping</translation>
    </message>
    <message>
        <source>unmatched</source>
        <translation>unmatched</translation>
    </message>
    <message>
        <source>— choose the candidate —</source>
        <translation>— choose the candidate —</translation>
    </message>
</context>
<context>
    <name>Meaning</name>
    <message>
        <source>not used</source>
        <extracomment>Errors listed on the mapping page (the preview lists them all).</extracomment>
        <translation>not used</translation>
    </message>
    <message>
        <source>candidate number</source>
        <translation>candidate number</translation>
    </message>
    <message>
        <source>candidate name</source>
        <translation>candidate name</translation>
    </message>
    <message>
        <source>votes</source>
        <translation>votes</translation>
    </message>
    <message>
        <source>vote time</source>
        <translation>vote time</translation>
    </message>
    <message>
        <source>voter</source>
        <translation>voter</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP address</translation>
    </message>
    <message>
        <source>category</source>
        <translation>category</translation>
    </message>
    <message>
        <source>options chosen (any category)</source>
        <translation>options chosen (any category)</translation>
    </message>
    <message>
        <source>options chosen in %1</source>
        <translation>options chosen in %1</translation>
    </message>
    <message>
        <source>1/0 for %1</source>
        <translation>1/0 for %1</translation>
    </message>
</context>
<context>
    <name>MessageModel</name>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
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
        <extracomment>Starting widths of the columns that do not stretch, in pixels. Taller than other lists: each row shows the candidate&apos;s photo thumbnail.</extracomment>
        <translation>Candidates</translation>
    </message>
    <message>
        <source>Nominating units</source>
        <translation>Nominating units</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>Ballots</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Audit log</source>
        <extracomment>The first date of the date filters, shown as &quot;any&quot;. Typing in the search box reloads after this pause. Between the head&apos;s anchor and the field of anchors to check.</extracomment>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Online votes and expert scores</source>
        <extracomment>Gaps listed under the matrix; the rest are counted.</extracomment>
        <translation>Online votes and expert scores</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
</context>
<context>
    <name>NoteSerialsDialog</name>
    <message>
        <source>Record spoiled / unused serials</source>
        <translation>Record spoiled / unused serials</translation>
    </message>
    <message>
        <source>e.g. 101-120, 135</source>
        <translation>e.g. 101-120, 135</translation>
    </message>
    <message>
        <source>Why, e.g. misprinted, torn, not handed out</source>
        <translation>Why, e.g. misprinted, torn, not handed out</translation>
    </message>
    <message>
        <source>Serials</source>
        <translation>Serials</translation>
    </message>
    <message>
        <source>Record as</source>
        <translation>Record as</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Numbers and ranges, separated by commas or spaces.</source>
        <translation>Numbers and ranges, separated by commas or spaces.</translation>
    </message>
    <message numerus="yes">
        <source>%n serial(s)</source>
        <translation>
            <numerusform>%n serial</numerusform>
            <numerusform>%n serials</numerusform>
        </translation>
    </message>
    <message>
        <source>Type at least one serial.</source>
        <translation>Type at least one serial.</translation>
    </message>
    <message numerus="yes">
        <source>%n serial(s) recorded as “%1”.</source>
        <translation>
            <numerusform>%n serial recorded as “%1”.</numerusform>
            <numerusform>%n serials recorded as “%1”.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Notice settings</source>
        <translation>Notice settings</translation>
    </message>
    <message>
        <source>Phone, address or e-mail for objections</source>
        <translation>Phone, address or e-mail for objections</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> working days</translation>
    </message>
    <message>
        <source>the notice date</source>
        <translation>the notice date</translation>
    </message>
    <message>
        <source>the day it is written</source>
        <translation>the day it is written</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Title:</translation>
    </message>
    <message>
        <source>Organiser:</source>
        <translation>Organiser:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <source>Objection period:</source>
        <translation>Objection period:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>From:</translation>
    </message>
    <message>
        <source>Notice date:</source>
        <translation>Notice date:</translation>
    </message>
</context>
<context>
    <name>Online</name>
    <message>
        <source>over the per-voter limit</source>
        <extracomment>The roles a vote table&apos;s cell answers with its value: shown, and as its tooltip.</extracomment>
        <translation>over the per-voter limit</translation>
    </message>
    <message>
        <source>burst from one IP</source>
        <translation>burst from one IP</translation>
    </message>
    <message>
        <source>spike within a minute</source>
        <translation>spike within a minute</translation>
    </message>
</context>
<context>
    <name>OnlineExpertsController</name>
    <message>
        <source>Withdraw an import</source>
        <extracomment>The open import wizard, if any. What dialogs and messages open over. Experts added in the window, shown as empty columns until they score.</extracomment>
        <translation>Withdraw an import</translation>
    </message>
    <message>
        <source>No import counts at the moment.</source>
        <translation>No import counts at the moment.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>“%1” is not a score.</source>
        <translation>“%1” is not a score.</translation>
    </message>
    <message>
        <source>Add an expert</source>
        <translation>Add an expert</translation>
    </message>
    <message>
        <source>Expert&apos;s name:</source>
        <translation>Expert&apos;s name:</translation>
    </message>
</context>
<context>
    <name>OnlineExpertsPage</name>
    <message>
        <source>New source…</source>
        <extracomment>The wizard open over the page, if any (for tests and the screenshots).</extracomment>
        <translation>New source…</translation>
    </message>
    <message>
        <source>Import online votes…</source>
        <translation>Import online votes…</translation>
    </message>
    <message>
        <source>Withdraw an import…</source>
        <translation>Withdraw an import…</translation>
    </message>
    <message>
        <source>Double-click a source to change its fraud rules.</source>
        <translation>Double-click a source to change its fraud rules.</translation>
    </message>
    <message>
        <source>Online votes</source>
        <translation>Online votes</translation>
    </message>
    <message>
        <source>Scoring rule…</source>
        <translation>Scoring rule…</translation>
    </message>
    <message>
        <source>Add an expert…</source>
        <translation>Add an expert…</translation>
    </message>
    <message>
        <source>Import expert scores…</source>
        <translation>Import expert scores…</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>Double-click a cell to enter a score. Struck-through grey scores are left out of the average; amber cells are missing scores.</source>
        <translation>Double-click a cell to enter a score. Struck-through grey scores are left out of the average; amber cells are missing scores.</translation>
    </message>
    <message>
        <source>Expert scores</source>
        <translation>Expert scores</translation>
    </message>
    <message>
        <source>Scores 0–%1.</source>
        <translation>Scores 0–%1.</translation>
    </message>
    <message>
        <source>The highest and the lowest score are dropped, the rest averaged.</source>
        <translation>The highest and the lowest score are dropped, the rest averaged.</translation>
    </message>
    <message>
        <source>Average of all scores.</source>
        <translation>Average of all scores.</translation>
    </message>
    <message>
        <source>… and %1 more missing scores</source>
        <translation>… and %1 more missing scores</translation>
    </message>
</context>
<context>
    <name>OnlineWizard</name>
    <message>
        <source>Import online votes</source>
        <extracomment>The encoding the user picked for a text file; None: the one detected.</extracomment>
        <translation>Import online votes</translation>
    </message>
</context>
<context>
    <name>OutcomeTableModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Serial / page</source>
        <translation>Serial / page</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
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
    <name>PreviewDialog</name>
    <message>
        <source>Notice – %1</source>
        <translation>Notice – %1</translation>
    </message>
    <message>
        <source>Open the PDF</source>
        <translation>Open the PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
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
        <source>Read the file as:</source>
        <extracomment>The encodings that decode the file, when more than one does.</extracomment>
        <translation>Read the file as:</translation>
    </message>
    <message>
        <source>%1 rows read: %2 errors, %3 warnings.</source>
        <translation>%1 rows read: %2 errors, %3 warnings.</translation>
    </message>
    <message>
        <source>Check the import</source>
        <translation>Check the import</translation>
    </message>
    <message>
        <source>Errors (red) stop the import; warnings (amber) do not. Flagged votes are kept and counted apart. Nothing is saved yet.</source>
        <translation>Errors (red) stop the import; warnings (amber) do not. Flagged votes are kept and counted apart. Nothing is saved yet.</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Reading and checking the file…</translation>
    </message>
    <message>
        <source>%1 rows (%2): %3 votes as exported, %4 without the %5 flagged rows. %6 errors, %7 warnings.</source>
        <translation>%1 rows (%2): %3 votes as exported, %4 without the %5 flagged rows. %6 errors, %7 warnings.</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Problems (%1)</translation>
    </message>
    <message>
        <source>Flagged votes (%1)</source>
        <translation>Flagged votes (%1)</translation>
    </message>
    <message>
        <source>Votes per candidate (%1)</source>
        <translation>Votes per candidate (%1)</translation>
    </message>
    <message>
        <source>totals per candidate</source>
        <translation>totals per candidate</translation>
    </message>
    <message>
        <source>one row per vote</source>
        <translation>one row per vote</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <source>Show photos</source>
        <extracomment>Instruction languages of the printed ballot, named as their readers call them. The paper, language, photos or box changed: the preview should be made again.</extracomment>
        <translation>Show photos</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>Box header</source>
        <translation>Box header</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Print preview…</source>
        <translation>Print preview…</translation>
    </message>
    <message>
        <source>(no box)</source>
        <translation>(no box)</translation>
    </message>
    <message>
        <source>Making the preview…</source>
        <translation>Making the preview…</translation>
    </message>
    <message>
        <source>Layout version %1 (archived)</source>
        <translation>Layout version %1 (archived)</translation>
    </message>
    <message>
        <source>Printing will create layout version %1</source>
        <translation>Printing will create layout version %1</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) per ballot</source>
        <translation>
            <numerusform>%n page per ballot</numerusform>
            <numerusform>%n pages per ballot</numerusform>
        </translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>No preview</translation>
    </message>
    <message>
        <source>Fix this on the Candidates page (shortlist and number the candidates); the preview follows by itself.</source>
        <translation>Fix this on the Candidates page (shortlist and number the candidates); the preview follows by itself.</translation>
    </message>
</context>
<context>
    <name>PreviewStatus</name>
    <message>
        <source>Reading the file…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>The file cannot be read.</translation>
    </message>
</context>
<context>
    <name>PrintBatchDialog</name>
    <message>
        <source>Print ballots</source>
        <extracomment>The PDF to write, or None for the system printer.</extracomment>
        <translation>Print ballots</translation>
    </message>
    <message>
        <source> ballots</source>
        <translation> ballots</translation>
    </message>
    <message>
        <source>PDF file (for the print shop)</source>
        <translation>PDF file (for the print shop)</translation>
    </message>
    <message>
        <source>Printer…</source>
        <translation>Printer…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Ballot box</source>
        <translation>Ballot box</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Ballot</source>
        <translation>Ballot</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Save ballots as</source>
        <translation>Save ballots as</translation>
    </message>
    <message>
        <source>PDF file (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>Add a ballot box first.</source>
        <translation>Add a ballot box first.</translation>
    </message>
    <message>
        <source>Choose the PDF file to write.</source>
        <translation>Choose the PDF file to write.</translation>
    </message>
</context>
<context>
    <name>PrinterJob</name>
    <message>
        <source>Handing %1 ballots to the print queue “%2”…</source>
        <translation>Handing %1 ballots to the print queue “%2”…</translation>
    </message>
    <message>
        <source>Sending %1 ballots to the printer…</source>
        <translation>Sending %1 ballots to the printer…</translation>
    </message>
    <message>
        <source>Stopping after the current ballot…</source>
        <translation>Stopping after the current ballot…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>PDF printer</source>
        <extracomment>Page images finer than this gain nothing on paper (QR modules are ≥ 0.5 mm) and cost memory (an A4 page in grey at 600 dpi is 35 MB). The print preview dialog only has to be legible on screen. Temporary folders that hold a batch on its way to a printer; the recorded destination is ``&lt;folder&gt;/&lt;printer name&gt;.pdf``, which :func:`describe_destination` shows as the printer.</extracomment>
        <translation>PDF printer</translation>
    </message>
    <message>
        <source>Printer: %1</source>
        <translation>Printer: %1</translation>
    </message>
    <message>
        <source>The printer could not start printing.</source>
        <translation>The printer could not start printing.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Serial / page</source>
        <translation>Serial / page</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
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
    <name>RankingModel</name>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
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
        <source>Nominated by</source>
        <translation>Nominated by</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Online
%1</source>
        <translation>Online
%1</translation>
    </message>
    <message>
        <source>Expert avg.</source>
        <translation>Expert avg.</translation>
    </message>
    <message>
        <source>Combined</source>
        <translation>Combined</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>As exported: %1 · without flagged votes: %2</source>
        <translation>As exported: %1 · without flagged votes: %2</translation>
    </message>
</context>
<context>
    <name>ReconciliationModel</name>
    <message>
        <source>Ballot box</source>
        <extracomment>Returned ballots whose serial was noted spoiled or unused (part of &quot;returned&quot;).</extracomment>
        <translation>Ballot box</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>Unused</source>
        <translation>Unused</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Spoiled</source>
        <translation>Spoiled</translation>
    </message>
    <message>
        <source>Returned spoiled/unused</source>
        <translation>Returned spoiled/unused</translation>
    </message>
    <message>
        <source>Not returned</source>
        <translation>Not returned</translation>
    </message>
    <message>
        <source>Returned ballots whose serial was recorded as spoiled (%1) or unused (%2): counted once, in Returned; each waits for a person&apos;s decision in the review.</source>
        <translation>Returned ballots whose serial was recorded as spoiled (%1) or unused (%2): counted once, in Returned; each waits for a person&apos;s decision in the review.</translation>
    </message>
    <message>
        <source>Printed − returned − spoiled or unused not returned: voting is over, these ballots are missing.</source>
        <translation>Printed − returned − spoiled or unused not returned: voting is over, these ballots are missing.</translation>
    </message>
    <message>
        <source>Printed − returned − spoiled or unused not returned: still out while voting runs.</source>
        <translation>Printed − returned − spoiled or unused not returned: still out while voting runs.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Counted from scanned ballots once scanning is in use.</source>
        <translation>Counted from scanned ballots once scanning is in use.</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <source>Reject sheet</source>
        <translation>Reject sheet</translation>
    </message>
    <message>
        <source>Reject sheet %1: it will not be counted. The decision is recorded with your name and the time, and can be undone only by reopening the sheet.</source>
        <translation>Reject sheet %1: it will not be counted. The decision is recorded with your name and the time, and can be undone only by reopening the sheet.</translation>
    </message>
    <message>
        <source>Photocopy or second scan of a counted ballot</source>
        <translation>Photocopy or second scan of a counted ballot</translation>
    </message>
    <message>
        <source>Ballot altered or damaged</source>
        <translation>Ballot altered or damaged</translation>
    </message>
    <message>
        <source>Not a ballot of this campaign</source>
        <translation>Not a ballot of this campaign</translation>
    </message>
    <message>
        <source>Marks cannot be read</source>
        <translation>Marks cannot be read</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Type a reason or pick a usual one.</source>
        <translation>Type a reason or pick a usual one.</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation>New password for %1</translation>
    </message>
    <message>
        <source>Tell the person their new password in private; they can change it after signing in.</source>
        <translation>Tell the person their new password in private; they can change it after signing in.</translation>
    </message>
</context>
<context>
    <name>RestoreSecretsDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>This backup&apos;s secrets (the campaign secrets, the station key) are sealed with a passphrase.</source>
        <translation>This backup&apos;s secrets (the campaign secrets, the station key) are sealed with a passphrase.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Restore without the secrets (the database will not print or check ballots)</source>
        <translation>Restore without the secrets (the database will not print or check ballots)</translation>
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
    <message>
        <source>Nothing was imported.</source>
        <translation>Nothing was imported.</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <source>Tied, to be decided</source>
        <translation>Tied, to be decided</translation>
    </message>
    <message>
        <source>Winner (tie decided)</source>
        <translation>Winner (tie decided)</translation>
    </message>
    <message>
        <source>Winner</source>
        <translation>Winner</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n ballot(s) wait for review</source>
        <translation>
            <numerusform>%1: %n ballot wait for review</numerusform>
            <numerusform>%1: %n ballots wait for review</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: a tie at the cut-off (%2) waits for your decision</source>
        <translation>%1: a tie at the cut-off (%2) waits for your decision</translation>
    </message>
</context>
<context>
    <name>ResultsController</name>
    <message>
        <source>Notice settings saved.</source>
        <extracomment>Changes in a burst (a reviewer&apos;s decisions) give one computation. While the page is on screen, the results follow other stations this often. What dialogs and messages open over. Someone waits for the computation on its way (the page says it is recalculating). The computation on its way shows an earlier count (``_earlier_count``).</extracomment>
        <translation>Notice settings saved.</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <source>Written: %1</source>
        <translation>Written: %1</translation>
    </message>
    <message>
        <source>Write the notice PDF</source>
        <translation>Write the notice PDF</translation>
    </message>
    <message>
        <source>%1 results notice</source>
        <translation>%1 results notice</translation>
    </message>
    <message>
        <source>Notice written</source>
        <translation>Notice written</translation>
    </message>
    <message>
        <source>The notice was written to %1.

Show page 1?</source>
        <translation>The notice was written to %1.

Show page 1?</translation>
    </message>
    <message>
        <source>Rendering page 1…</source>
        <translation>Rendering page 1…</translation>
    </message>
    <message>
        <source>Export the results table</source>
        <translation>Export the results table</translation>
    </message>
    <message>
        <source>%1 results</source>
        <translation>%1 results</translation>
    </message>
    <message>
        <source>Cast-vote record: an empty folder</source>
        <translation>Cast-vote record: an empty folder</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Recalculating…</source>
        <translation>Recalculating…</translation>
    </message>
    <message>
        <source>Combination rule…</source>
        <translation>Combination rule…</translation>
    </message>
    <message>
        <source>Notice settings…</source>
        <translation>Notice settings…</translation>
    </message>
    <message>
        <source>Write the notice PDF…</source>
        <translation>Write the notice PDF…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Export the cast-vote record…</source>
        <translation>Export the cast-vote record…</translation>
    </message>
    <message>
        <source>Computing the results…</source>
        <translation>Computing the results…</translation>
    </message>
    <message>
        <source>Provisional results, for checking only:</source>
        <translation>Provisional results, for checking only:</translation>
    </message>
    <message numerus="yes">
        <source>%n paper ballot(s) counted, %1 of them blank</source>
        <translation>
            <numerusform>%n paper ballot counted, %1 of them blank</numerusform>
            <numerusform>%n paper ballots counted, %1 of them blank</numerusform>
        </translation>
    </message>
    <message>
        <source>rule set by %1 on %2</source>
        <translation>rule set by %1 on %2</translation>
    </message>
    <message>
        <source>default rule (not set yet)</source>
        <translation>default rule (not set yet)</translation>
    </message>
    <message>
        <source>computed at %1</source>
        <translation>computed at %1</translation>
    </message>
    <message>
        <source>paper ballots as counted at %1, before the latest changes</source>
        <translation>paper ballots as counted at %1, before the latest changes</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>image %1</source>
        <translation>image %1</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>page %1</translation>
    </message>
</context>
<context>
    <name>ReviewKeys</name>
    <message>
        <source>↑/↓ or J/K: box in question</source>
        <translation>↑/↓ or J/K: box in question</translation>
    </message>
    <message>
        <source>M: marked</source>
        <translation>M: marked</translation>
    </message>
    <message>
        <source>E or N: not marked</source>
        <translation>E or N: not marked</translation>
    </message>
    <message>
        <source>A: accept sheet</source>
        <translation>A: accept sheet</translation>
    </message>
    <message>
        <source>R: reject…</source>
        <translation>R: reject…</translation>
    </message>
    <message>
        <source>U: reopen last</source>
        <translation>U: reopen last</translation>
    </message>
    <message>
        <source>unread page: S save ticks, G align, V no votes, Esc cancel</source>
        <translation>unread page: S save ticks, G align, V no votes, Esc cancel</translation>
    </message>
    <message>
        <source>Enter/Space: next sheet (Shift: previous)</source>
        <translation>Enter/Space: next sheet (Shift: previous)</translation>
    </message>
    <message>
        <source>+/−/0: zoom</source>
        <translation>+/−/0: zoom</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>No ballots waiting for review</source>
        <extracomment>The unread sheet (and its decisions) whose ticks are in the list.</extracomment>
        <translation>No ballots waiting for review</translation>
    </message>
    <message>
        <source>Accept sheet (A)</source>
        <translation>Accept sheet (A)</translation>
    </message>
    <message>
        <source>Reject… (R)</source>
        <translation>Reject… (R)</translation>
    </message>
    <message>
        <source>Reopen last (U)</source>
        <translation>Reopen last (U)</translation>
    </message>
    <message>
        <source>Compare copies…</source>
        <translation>Compare copies…</translation>
    </message>
    <message>
        <source>Waiting for review (%1)</source>
        <translation>Waiting for review (%1)</translation>
    </message>
    <message>
        <source>Loading the image…</source>
        <translation>Loading the image…</translation>
    </message>
    <message>
        <source>The archived image cannot be shown.</source>
        <translation>The archived image cannot be shown.</translation>
    </message>
    <message>
        <source>The marks were not read: tick the candidates in the list, or press G and click the four corner marks to read the page.</source>
        <translation>The marks were not read: tick the candidates in the list, or press G and click the four corner marks to read the page.</translation>
    </message>
    <message>
        <source>The page was not found on the image: no boxes to show.</source>
        <translation>The page was not found on the image: no boxes to show.</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <source>Last settled: %1, %2. Press U to reopen it.</source>
        <translation>Last settled: %1, %2. Press U to reopen it.</translation>
    </message>
    <message>
        <source>decided by a person</source>
        <translation>decided by a person</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Combination rule</source>
        <extracomment>Weights offered when the organiser switches to a weighted score for the first time.</extracomment>
        <translation>Combination rule</translation>
    </message>
    <message>
        <source>Before the first notice, confirm how the results are combined, above all whether the online votes the fraud checks flagged count.</source>
        <translation>Before the first notice, confirm how the results are combined, above all whether the online votes the fraud checks flagged count.</translation>
    </message>
    <message>
        <source>Plain sum of votes (paper + every online source; expert scores shown, not added)</source>
        <translation>Plain sum of votes (paper + every online source; expert scores shown, not added)</translation>
    </message>
    <message>
        <source>Weighted score (each channel as a share of the category&apos;s top or total)</source>
        <translation>Weighted score (each channel as a share of the category&apos;s top or total)</translation>
    </message>
    <message>
        <source>As exported by the platform</source>
        <translation>As exported by the platform</translation>
    </message>
    <message>
        <source>Without the votes the fraud checks flagged</source>
        <translation>Without the votes the fraud checks flagged</translation>
    </message>
    <message>
        <source>Online votes:</source>
        <extracomment>The choice about flagged votes, stated plainly.</extracomment>
        <translation>Online votes:</translation>
    </message>
    <message>
        <source>Share of the category&apos;s highest figure</source>
        <translation>Share of the category&apos;s highest figure</translation>
    </message>
    <message>
        <source>Share of the category&apos;s total</source>
        <translation>Share of the category&apos;s total</translation>
    </message>
    <message>
        <source>All sources as one channel</source>
        <translation>All sources as one channel</translation>
    </message>
    <message>
        <source>Each source apart</source>
        <translation>Each source apart</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Weights</translation>
    </message>
    <message>
        <source>Each channel as:</source>
        <translation>Each channel as:</translation>
    </message>
    <message>
        <source>Paper ballots:</source>
        <translation>Paper ballots:</translation>
    </message>
    <message>
        <source>  all sources:</source>
        <translation>  all sources:</translation>
    </message>
    <message>
        <source>  source %1:</source>
        <translation>  source %1:</translation>
    </message>
    <message>
        <source>Expert average:</source>
        <translation>Expert average:</translation>
    </message>
    <message>
        <source>Flagged online votes are left out: a vote the fraud checks flagged (an IP burst, a minute spike, a voter over the limit) decides nothing. A result that counting them would change is marked %1.</source>
        <translation>Flagged online votes are left out: a vote the fraud checks flagged (an IP burst, a minute spike, a voter over the limit) decides nothing. A result that counting them would change is marked %1.</translation>
    </message>
    <message>
        <source>Flagged online votes count as the platform exported them: suspicious votes can decide a seat. Every result they decide is marked %1 in the results, the notice and the tables.</source>
        <translation>Flagged online votes count as the platform exported them: suspicious votes can decide a seat. Every result they decide is marked %1 in the results, the notice and the tables.</translation>
    </message>
</context>
<context>
    <name>ScanController</name>
    <message>
        <source>Looking for a ballot…</source>
        <extracomment>The count per category is refreshed at most this often while sheets come in. A live tally that took T waits at least this many times T before the next: the count on screen keeps up, and on a county&apos;s campaign (a tally of seconds) it takes at most a quarter of a core from the batch being read. How long the status line stays green or red after a sheet. category → candidate number as printed → name</extracomment>
        <translation>Looking for a ballot…</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>Hold still…</translation>
    </message>
    <message>
        <source>Reading the QR code…</source>
        <translation>Reading the QR code…</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Taken: lay the next sheet on it, or take it away</source>
        <translation>Taken: lay the next sheet on it, or take it away</translation>
    </message>
    <message>
        <source>Scan ballots</source>
        <extracomment>What dialogs and messages open over.</extracomment>
        <translation>Scan ballots</translation>
    </message>
    <message>
        <source>Waiting for sheets…</source>
        <translation>Waiting for sheets…</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stopping…</translation>
    </message>
    <message>
        <source>%1 counted, %2 for review, %3 not counted, %4 recorded before.</source>
        <translation>%1 counted, %2 for review, %3 not counted, %4 recorded before.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stopped.</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>Finished.</translation>
    </message>
    <message>
        <source>%1 sheets</source>
        <translation>%1 sheets</translation>
    </message>
    <message>
        <source>Looking for scanners…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <source>No scanner found. Is it switched on and connected?</source>
        <translation>No scanner found. Is it switched on and connected?</translation>
    </message>
    <message>
        <source>%1 ballots returned, %2 of them blank.</source>
        <translation>%1 ballots returned, %2 of them blank.</translation>
    </message>
</context>
<context>
    <name>ScanModels</name>
    <message>
        <source>Recorded before</source>
        <extracomment>Candidates named in the &quot;leading so far&quot; column. (text, background) per kind.</extracomment>
        <translation>Recorded before</translation>
    </message>
    <message>
        <source>Source stopped</source>
        <translation>Source stopped</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, page %2</translation>
    </message>
    <message>
        <source>file page %1</source>
        <translation>file page %1</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <extracomment>Candidate number as printed → name, for the &quot;leading&quot; column.</extracomment>
        <translation>%1 %2 (%3)</translation>
    </message>
</context>
<context>
    <name>ScanPage</name>
    <message>
        <source>Scan ballots</source>
        <translation>Scan ballots</translation>
    </message>
    <message>
        <source>Recorded with every sheet, to tell the counting stations apart</source>
        <translation>Recorded with every sheet, to tell the counting stations apart</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Clear the list</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>Station:</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>The picture appears when the camera starts.</source>
        <translation>The picture appears when the camera starts.</translation>
    </message>
    <message>
        <source>This run</source>
        <translation>This run</translation>
    </message>
    <message>
        <source>Recorded before</source>
        <translation>Recorded before</translation>
    </message>
    <message>
        <source>Why not counted:</source>
        <translation>Why not counted:</translation>
    </message>
    <message>
        <source>Problems only</source>
        <translation>Problems only</translation>
    </message>
    <message>
        <source>Sheets, newest first</source>
        <translation>Sheets, newest first</translation>
    </message>
    <message>
        <source>Count per category (paper ballots so far)</source>
        <translation>Count per category (paper ballots so far)</translation>
    </message>
    <message>
        <source>none so far</source>
        <translation>none so far</translation>
    </message>
</context>
<context>
    <name>ScoreTableModel</name>
    <message>
        <source>Category</source>
        <translation>Category</translation>
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
        <source>Expert</source>
        <translation>Expert</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>SourceDialog</name>
    <message>
        <source>New source</source>
        <extracomment>Upper bounds of the spin boxes (the core checks the values themselves).</extracomment>
        <translation>New source</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>e.g. 平台A, 党代表纸质投票</source>
        <translation>e.g. 平台A, 党代表纸质投票</translation>
    </message>
    <message>
        <source> votes</source>
        <translation> votes</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>per day</source>
        <translation>per day</translation>
    </message>
    <message>
        <source>in total</source>
        <translation>in total</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Votes per voter and category:</source>
        <translation>Votes per voter and category:</translation>
    </message>
    <message>
        <source>Limit period:</source>
        <translation>Limit period:</translation>
    </message>
    <message>
        <source>Same IP: more than</source>
        <translation>Same IP: more than</translation>
    </message>
    <message>
        <source>…within</source>
        <translation>…within</translation>
    </message>
    <message>
        <source>One candidate: more than, per minute</source>
        <translation>One candidate: more than, per minute</translation>
    </message>
    <message>
        <source>Rows over these thresholds are flagged, never dropped; both totals are kept. Defaults: %1 votes from one IP within %2 s, %3 votes per candidate per minute.</source>
        <translation>Rows over these thresholds are flagged, never dropped; both totals are kept. Defaults: %1 votes from one IP within %2 s, %3 votes per candidate per minute.</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>A platform&apos;s export (.xlsx or .csv): totals per candidate, or one row per vote. Name the source it comes from.</source>
        <translation>A platform&apos;s export (.xlsx or .csv): totals per candidate, or one row per vote. Name the source it comes from.</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source:</translation>
    </message>
</context>
<context>
    <name>SourcePanel</name>
    <message>
        <source>Files or folder</source>
        <extracomment>Separates several paths in the files field (also what the file dialog puts there). The scanner list should be (re)loaded.</extracomment>
        <translation>Files or folder</translation>
    </message>
    <message>
        <source>Watched folder</source>
        <translation>Watched folder</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Document camera / webcam</source>
        <translation>Document camera / webcam</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source:</translation>
    </message>
    <message>
        <source>Scanned images, PDF or TIFF files, or a folder</source>
        <translation>Scanned images, PDF or TIFF files, or a folder</translation>
    </message>
    <message>
        <source>Files…</source>
        <translation>Files…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Folder…</translation>
    </message>
    <message>
        <source>The folder the scanner saves to</source>
        <translation>The folder the scanner saves to</translation>
    </message>
    <message>
        <source>Find scanners</source>
        <translation>Find scanners</translation>
    </message>
    <message>
        <source>Both sides</source>
        <translation>Both sides</translation>
    </message>
    <message>
        <source>Options, e.g. source=ADF; resolution=300</source>
        <translation>Options, e.g. source=ADF; resolution=300</translation>
    </message>
    <message>
        <source>Camera number (0 is the first camera), or a video file</source>
        <translation>Camera number (0 is the first camera), or a video file</translation>
    </message>
    <message>
        <source>Video file…</source>
        <translation>Video file…</translation>
    </message>
    <message>
        <source>Lay each sheet under the camera; it is taken once it lies still.</source>
        <translation>Lay each sheet under the camera; it is taken once it lies still.</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Camera:</translation>
    </message>
    <message>
        <source>Scanned ballots</source>
        <translation>Scanned ballots</translation>
    </message>
    <message>
        <source>Images and PDF (%1)</source>
        <translation>Images and PDF (%1)</translation>
    </message>
    <message>
        <source>Folder of scanned ballots</source>
        <translation>Folder of scanned ballots</translation>
    </message>
    <message>
        <source>Video file</source>
        <translation>Video file</translation>
    </message>
    <message>
        <source>Videos (%1)</source>
        <translation>Videos (%1)</translation>
    </message>
    <message>
        <source>Choose the scanned files or a folder first.</source>
        <translation>Choose the scanned files or a folder first.</translation>
    </message>
    <message>
        <source>Not found: %1</source>
        <translation>Not found: %1</translation>
    </message>
    <message>
        <source>Choose an existing folder to watch.</source>
        <translation>Choose an existing folder to watch.</translation>
    </message>
    <message>
        <source>No scanner chosen: click “Find scanners”.</source>
        <translation>No scanner chosen: click “Find scanners”.</translation>
    </message>
    <message>
        <source>Scanner options are written name=value: %1</source>
        <translation>Scanner options are written name=value: %1</translation>
    </message>
</context>
<context>
    <name>SourceTableModel</name>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Imports</source>
        <translation>Imports</translation>
    </message>
    <message>
        <source>Votes as exported</source>
        <translation>Votes as exported</translation>
    </message>
    <message>
        <source>Votes without flagged</source>
        <translation>Votes without flagged</translation>
    </message>
    <message>
        <source>Flagged rows</source>
        <translation>Flagged rows</translation>
    </message>
</context>
<context>
    <name>StationsController</name>
    <message>
        <source>New key</source>
        <extracomment>What dialogs and messages open over.</extracomment>
        <translation>New key</translation>
    </message>
    <message>
        <source>Make a new key for this station? Packages signed with the old key are refused once the organiser registers the new one in its place.</source>
        <translation>Make a new key for this station? Packages signed with the old key are refused once the organiser registers the new one in its place.</translation>
    </message>
    <message>
        <source>Revoke station</source>
        <translation>Revoke station</translation>
    </message>
    <message>
        <source>Refuse every package of “%1” from now on? Packages imported already stay.</source>
        <translation>Refuse every package of “%1” from now on? Packages imported already stay.</translation>
    </message>
    <message>
        <source>Export a package</source>
        <translation>Export a package</translation>
    </message>
    <message>
        <source>Station package (*.zip)</source>
        <translation>Station package (*.zip)</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>Writing the package…</translation>
    </message>
    <message>
        <source>“%1” written: %2 pages, %3 images, %4 KB, signed with this station&apos;s key.

Take it to the organiser (a USB stick will do).</source>
        <translation>“%1” written: %2 pages, %3 images, %4 KB, signed with this station&apos;s key.

Take it to the organiser (a USB stick will do).</translation>
    </message>
    <message>
        <source>Import a package</source>
        <translation>Import a package</translation>
    </message>
    <message>
        <source>Checking and merging the package…</source>
        <translation>Checking and merging the package…</translation>
    </message>
</context>
<context>
    <name>StationsModel</name>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Packages</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>stored</translation>
    </message>
    <message>
        <source>with the first package</source>
        <translation>with the first package</translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>This station&apos;s key</source>
        <translation>This station&apos;s key</translation>
    </message>
    <message>
        <source>e.g. Donghu community centre</source>
        <translation>e.g. Donghu community centre</translation>
    </message>
    <message>
        <source>Make this station&apos;s key</source>
        <translation>Make this station&apos;s key</translation>
    </message>
    <message>
        <source>New key…</source>
        <translation>New key…</translation>
    </message>
    <message>
        <source>Copy fingerprint</source>
        <translation>Copy fingerprint</translation>
    </message>
    <message>
        <source>Copy QR text</source>
        <translation>Copy QR text</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Export a package</source>
        <translation>Export a package</translation>
    </message>
    <message>
        <source>Writes every sheet of the current campaign scanned here, with its marks, review decisions and the box reconciliation, into one file signed with this station&apos;s key. Take it to the organiser.</source>
        <translation>Writes every sheet of the current campaign scanned here, with its marks, review decisions and the box reconciliation, into one file signed with this station&apos;s key. Take it to the organiser.</translation>
    </message>
    <message>
        <source>Include the scanned images</source>
        <translation>Include the scanned images</translation>
    </message>
    <message>
        <source>Export package…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <source>Registered stations (organiser)</source>
        <translation>Registered stations (organiser)</translation>
    </message>
    <message>
        <source>(from the QR text)</source>
        <translation>(from the QR text)</translation>
    </message>
    <message>
        <source>Paste the station&apos;s QR text, public key or fingerprint</source>
        <translation>Paste the station&apos;s QR text, public key or fingerprint</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>Station name:</source>
        <translation>Station name:</translation>
    </message>
    <message>
        <source>Key:</source>
        <translation>Key:</translation>
    </message>
    <message>
        <source>Packages imported</source>
        <translation>Packages imported</translation>
    </message>
    <message>
        <source>Import package…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <source>This installation has no station key yet. Name the station and make its key: the organiser registers it before accepting its packages.</source>
        <translation>This installation has no station key yet. Name the station and make its key: the organiser registers it before accepting its packages.</translation>
    </message>
    <message>
        <source>Station “%1”. Read the fingerprint to the organiser, or let them scan the QR code.</source>
        <translation>Station “%1”. Read the fingerprint to the organiser, or let them scan the QR code.</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Rename</translation>
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
    <name>TallyTableModel</name>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Ballots counted</source>
        <translation>Ballots counted</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>Blank</source>
        <translation>Blank</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Leading so far</source>
        <translation>Leading so far</translation>
    </message>
</context>
<context>
    <name>TickPanel</name>
    <message>
        <source>The marks of this page were not read. Tick the candidates marked on the paper, then save: the others are recorded as not marked.</source>
        <translation>The marks of this page were not read. Tick the candidates marked on the paper, then save: the others are recorded as not marked.</translation>
    </message>
    <message>
        <source>Save ticks (S)</source>
        <translation>Save ticks (S)</translation>
    </message>
    <message>
        <source>Align by the four marks (G)</source>
        <translation>Align by the four marks (G)</translation>
    </message>
    <message>
        <source>No votes on this page (V)</source>
        <translation>No votes on this page (V)</translation>
    </message>
    <message>
        <source>%1 (at most %2)</source>
        <translation>%1 (at most %2)</translation>
    </message>
    <message>
        <source>top-left</source>
        <translation>top-left</translation>
    </message>
    <message>
        <source>top-right</source>
        <translation>top-right</translation>
    </message>
    <message>
        <source>bottom-right</source>
        <translation>bottom-right</translation>
    </message>
    <message>
        <source>bottom-left</source>
        <translation>bottom-left</translation>
    </message>
    <message>
        <source>Align (%1/4): click the centre of the %2 registration mark. Esc cancels.</source>
        <translation>Align (%1/4): click the centre of the %2 registration mark. Esc cancels.</translation>
    </message>
    <message>
        <source>Reading the page through the four marks…</source>
        <translation>Reading the page through the four marks…</translation>
    </message>
    <message>
        <source>The page could not be read through these points.</source>
        <translation>The page could not be read through these points.</translation>
    </message>
    <message>
        <source>Read through your four points: %1 marked, %2 unclear (shaded). Check the ticks, then save (S): nothing counts before.</source>
        <translation>Read through your four points: %1 marked, %2 unclear (shaded). Check the ticks, then save (S): nothing counts before.</translation>
    </message>
</context>
<context>
    <name>TieDialog</name>
    <message>
        <source>Decide the tie – %1</source>
        <translation>Decide the tie – %1</translation>
    </message>
    <message>
        <source>These candidates have the same combined score at the cut-off of “%1”. Choose the %2 who win. The decision is recorded with your name, the time and the note, and stated in the notice.</source>
        <translation>These candidates have the same combined score at the cut-off of “%1”. Choose the %2 who win. The decision is recorded with your name, the time and the note, and stated in the notice.</translation>
    </message>
    <message>
        <source>Grounds of the decision (required), e.g. the meeting and its minutes</source>
        <translation>Grounds of the decision (required), e.g. the meeting and its minutes</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Choose %1 (chosen: %2).</source>
        <translation>Choose %1 (chosen: %2).</translation>
    </message>
    <message>
        <source>A note is required.</source>
        <translation>A note is required.</translation>
    </message>
</context>
<context>
    <name>TotalTableModel</name>
    <message>
        <source>Category</source>
        <translation>Category</translation>
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
        <source>Votes as exported</source>
        <translation>Votes as exported</translation>
    </message>
    <message>
        <source>Votes without flagged</source>
        <translation>Votes without flagged</translation>
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
<context>
    <name>WithdrawDialog</name>
    <message>
        <source>Withdraw an import</source>
        <translation>Withdraw an import</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 (%4 votes)</source>
        <translation>%1 · %2 · %3 (%4 votes)</translation>
    </message>
    <message>
        <source>Why is it withdrawn? (required)</source>
        <translation>Why is it withdrawn? (required)</translation>
    </message>
    <message>
        <source>The import is kept and marked as withdrawn; its votes stop counting and the file may be imported again.</source>
        <translation>The import is kept and marked as withdrawn; its votes stop counting and the file may be imported again.</translation>
    </message>
    <message>
        <source>Import:</source>
        <translation>Import:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Note:</translation>
    </message>
</context>
<context>
    <name>ZoomPanel</name>
    <message>
        <source>%1 (decided by a person)</source>
        <translation>%1 (decided by a person)</translation>
    </message>
</context>
</TS>
