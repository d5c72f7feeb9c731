<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AmendmentsMixin</name>
    <message>
        <location filename="../../ui/window_amendments.py" line="+82"/>
        <source>Save the changes to “%1” as a new version before applying instructions?</source>
        <translation>应用修改指令之前，先把对“%1”的修改保存为新版本吗？</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot open this proposal</source>
        <translation>无法打开这份文稿</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The proposal was changed while the instructions were being applied; apply them again to its latest version.</source>
        <translation>应用修改指令期间，该文稿已有改动；请对其最新版本重新应用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Amended by instructions</source>
        <translation>依修改指令修正</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save the version</source>
        <translation>无法保存版本</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The instructions change nothing: no version was added.</source>
        <translation>这些修改指令不改变任何内容，未增加版本。</translation>
    </message>
</context>
<context>
    <name>ApplyInstructionsDialog</name>
    <message>
        <location filename="../../ui/dialogs/amendment_dialog.py" line="+281"/>
        <source>Apply Instructions</source>
        <translation>应用修改指令</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Instructions to apply to “%1” (typed, pasted, or opened from a file):</source>
        <translation>要应用于“%1”的修改指令（可输入、粘贴，或从文件打开）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>1. Article 10 is amended to read: …</source>
        <translation>一、将第十条修改为：……</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Instructions</source>
        <translation>修改指令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amendment instructions, in Chinese or English, numbered by the articles of this text</source>
        <translation>修改指令（中文或英文），按本文本的条文序号指明所改条文</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Open File…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open a file of instructions</source>
        <translation>打开修改指令文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the instructions from a Markdown or text file</source>
        <translation>从 Markdown 或文本文件读入修改指令</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Result</source>
        <translation>修改结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text as it reads with the instructions applied</source>
        <translation>应用修改指令后的全文</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save as New &amp;Version</source>
        <translation>另存为新版本(&amp;V)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save as new version</source>
        <translation>另存为新版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the result as the next version of the proposal</source>
        <translation>把修改结果保存为该文稿的下一个版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close without saving anything</source>
        <translation>关闭，不保存任何内容</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Result:</source>
        <translation>修改结果(&amp;R)：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open Instructions</source>
        <translation>打开修改指令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown and text (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown 和文本文件 (*.md *.markdown *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the file</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Applying the instructions…</source>
        <translation>正在应用修改指令…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Type, paste or open the instructions.</source>
        <translation>请输入、粘贴或打开修改指令。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not applied: %1</source>
        <translation>未能应用：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Applied. Save it as the proposal&apos;s next version?</source>
        <translation>已应用。要保存为该文稿的下一个版本吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The instructions change nothing in this text.</source>
        <translation>这些修改指令不改变本文本的任何内容。</translation>
    </message>
</context>
<context>
    <name>BackupChooser</name>
    <message>
        <location filename="../../ui/dialogs/open_problem.py" line="+399"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the backup to restore. The library as it is now is kept aside, so a restore can be undone by restoring that copy.</source>
        <translation>请选择要恢复的备份。文库的当前状态会另存一份，恢复后如需撤回，再恢复那一份即可。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The library&apos;s backups, newest first, with when and why each was made</source>
        <translation>文库的各个备份，最新的在前，注明每个备份的时间和原因</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replace the library with the chosen backup</source>
        <translation>用所选备份替换文库</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without restoring anything</source>
        <translation>关闭，不恢复任何内容</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>made when the library was opened</source>
        <translation>打开文库时自动备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made while you worked</source>
        <translation>工作期间自动备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made before an update of the library</source>
        <translation>文库升级前备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made on request</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the library as it was before a restore</source>
        <translation>恢复前的文库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — %2 — %3</source>
        <translation>%1 — %2 — %3</translation>
    </message>
</context>
<context>
    <name>CompareMixin</name>
    <message>
        <location filename="../../ui/window_compare.py" line="+61"/>
        <location line="+23"/>
        <source>Cannot compare</source>
        <translation>无法对照</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Nothing to compare with yet.</source>
        <translation>暂时没有可以对照的版本。</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+1"/>
        <location line="+9"/>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recovered text</source>
        <translation>恢复的文本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Old file</source>
        <translation>修改前的文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New file</source>
        <translation>修改后的文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text (*.md *.txt);;All files (*)</source>
        <translation>文本文件 (*.md *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot read the file</source>
        <translation>无法读取文件</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../ui/compare_view.py" line="+150"/>
        <source>◀ Previous</source>
        <translation>◀ 上一处</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous change</source>
        <translation>上一处修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the previous change in both texts (Shift+F7)</source>
        <translation>在两侧文本中显示上一处修改（Shift+F7）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous change (Shift+F7)</source>
        <translation>上一处修改（Shift+F7）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next ▶</source>
        <translation>下一处 ▶</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next change</source>
        <translation>下一处修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the next change in both texts (F7)</source>
        <translation>在两侧文本中显示下一处修改（F7）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next change (F7)</source>
        <translation>下一处修改（F7）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Granularity</source>
        <translation>标注粒度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What a change is marked in: characters, words or whole paragraphs</source>
        <translation>修改按什么单位标注：按字、按词或按整段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What a change is marked in</source>
        <translation>修改按什么单位标注</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Characters</source>
        <translation>按字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Words</source>
        <translation>按词</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paragraphs</source>
        <translation>按段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>By &amp;article</source>
        <translation>按条对齐(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pair articles by content when the texts are law-like; unchecked, align paragraph by paragraph</source>
        <translation>文本为法律条文体例时，按内容配对各条；不勾选则逐段对齐</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ignore ，/ ,</source>
        <translation>忽略全半角标点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Treat full-width and half-width punctuation (，and ,) as the same</source>
        <translation>全角与半角标点（“，”与“,”）视为相同</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ignore &amp;spaces</source>
        <translation>忽略空白(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Differences in spaces and line breaks are not changes</source>
        <translation>空格和换行的差异不算修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+537"/>
        <source>Export the before/after table</source>
        <translation>导出修改前后对照表</translation>
    </message>
    <message>
        <location line="-534"/>
        <source>Export the table</source>
        <translation>导出对照表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the before/after table as Markdown or HTML</source>
        <translation>将修改前后对照表保存为 Markdown 或 HTML 文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Markdown…</source>
        <translation>Markdown…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTML…</source>
        <translation>HTML…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Amendment Instructions…</source>
        <translation>修改指令…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft amendment instructions</source>
        <translation>起草修改指令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draft the instructions that turn the old text into the new one, article by article, as a legislature adopts an amendment</source>
        <translation>按立法机关通过修改指令的写法，逐条起草把旧文本改为新文本的修改指令</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft the amendment instructions for these texts</source>
        <translation>为这两份文本起草修改指令</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Old text</source>
        <translation>修改前文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The older text; deleted text is red and struck through. F7: next change</source>
        <translation>修改前的文本；删除的文字标红并划线。F7：下一处修改</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New text</source>
        <translation>修改后文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The newer text; inserted text is green. F7: next change</source>
        <translation>修改后的文本；新增的文字标绿。F7：下一处修改</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel the comparison</source>
        <translation>取消对照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop comparing; what is shown stays</source>
        <translation>停止对照；已显示的内容保留</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Moved</source>
        <translation>已移动</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Comparing…</source>
        <translation>正在对照…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Comparison cancelled</source>
        <translation>对照已取消</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The comparison failed: %1</source>
        <translation>对照失败：%1</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+111"/>
        <source>Aligning…</source>
        <translation>正在对齐…</translation>
    </message>
    <message>
        <location line="+159"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTML (*.html)</source>
        <translation>HTML 文件 (*.html)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comparison</source>
        <translation>修改前后对照表</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot export the comparison</source>
        <translation>无法导出对照表</translation>
    </message>
</context>
<context>
    <name>DraftAmendmentDialog</name>
    <message>
        <location filename="../../ui/dialogs/amendment_dialog.py" line="-373"/>
        <source>Amendment Instructions</source>
        <translation>修改指令</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Language of the instructions</source>
        <translation>修改指令的语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the instructions in Chinese or in English</source>
        <translation>用中文或英文写出修改指令</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Instructions</source>
        <translation>修改指令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The amendment instructions that turn the old text into the new one, article by article, numbered as in the old text</source>
        <translation>把旧文本改为新文本的修改指令，逐条写出，条文序号按旧文本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the instructions to the clipboard</source>
        <translation>把修改指令复制到剪贴板</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save as Markdown…</source>
        <translation>另存为 Markdown(&amp;S)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save as Markdown</source>
        <translation>另存为 Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the instructions to a Markdown file, with the two texts in its title</source>
        <translation>把修改指令写入 Markdown 文件，标题注明两份文本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the instructions</source>
        <translation>关闭修改指令</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Drafting the instructions…</source>
        <translation>正在起草修改指令…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Cannot draft the instructions: %1</source>
        <translation>无法起草修改指令：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n instruction(s)</source>
        <translation>
            <numerusform>共 %n 项修改</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two texts have the same articles: nothing to amend.</source>
        <translation>两份文本的条文相同，没有需要修改之处。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> · </source>
        <translation>；</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n change(s) outside the articles and headings not included: %1</source>
        <translation>
            <numerusform>条文和章节标题以外有 %n 处改动未列入：%1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save the instructions</source>
        <translation>保存修改指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>amendment</source>
        <translation>修改指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cannot save the instructions</source>
        <translation>无法保存修改指令</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_dialog.py" line="+44"/>
        <source>Export to Markdown</source>
        <translation>导出为 Markdown</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>The %n selected proposal(s)</source>
        <translation>
            <numerusform>选中的 %n 份文稿</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export only the proposals selected in the list</source>
        <translation>只导出列表中选中的文稿</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>All proposals (%n)</source>
        <translation>
            <numerusform>全部文稿（%n 份）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export every proposal in the library</source>
        <translation>导出文库中的全部文稿</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder the Markdown files are written to, one file per proposal</source>
        <translation>写入 Markdown 文件的文件夹，每份文稿一个文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pick the folder in a file dialog</source>
        <translation>在文件对话框中选择文件夹</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Every version, not only the latest</source>
        <translation>所有版本，而不仅是最新版本(&amp;E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every version</source>
        <translation>所有版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write each proposal&apos;s earlier versions too, not only the latest</source>
        <translation>同时写出每份文稿的历史版本，而不仅是最新版本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What was exported, and where</source>
        <translation>导出了哪些文稿，写到了哪里</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write the Markdown files into the folder</source>
        <translation>将 Markdown 文件写入该文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel or close</source>
        <translation>取消或关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the export after the current proposal, or close the dialog</source>
        <translation>在当前文稿导出后停止，或关闭对话框</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export:</source>
        <translation>导出：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To the &amp;folder:</source>
        <translation>导出到文件夹(&amp;F)：</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose a folder to export to.</source>
        <translation>请选择导出的文件夹。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Exported %1 of %2…</source>
        <translation>已导出 %1 / %2…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Done: %n proposal(s) exported.</source>
        <translation>
            <numerusform>完成：已导出 %n 份文稿。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The export did not finish: see below.</source>
        <translation>导出未完成，详见下文。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing exported: %1</source>
        <translation>未导出任何内容：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling after the current proposal…</source>
        <translation>当前文稿完成后即取消…</translation>
    </message>
</context>
<context>
    <name>FacetTree</name>
    <message>
        <location filename="../../ui/facets.py" line="+65"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags, kinds, statuses and sessions, with how many proposals each holds; choose one to list only those</source>
        <translation>标签、类别、状态和会议，以及各自的文稿数；选中一项，列表只显示相应文稿</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>All proposals</source>
        <translation>全部文稿</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kinds</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Statuses</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sessions</source>
        <translation>会议</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%n proposal(s)</source>
        <translation>
            <numerusform>%n 份文稿</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/history.py" line="+132"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>改动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>篇幅</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+1"/>
        <source>%Ln char(s)</source>
        <translation>
            <numerusform>%Ln 字符</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved %1</source>
        <translation>保存于 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The clock was changed: this version&apos;s time is earlier than the previous version&apos;s. Versions are ordered by number.</source>
        <translation>系统时钟曾被调整：此版本的时间早于上一版本。版本按编号排序。</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln character(s) deleted or inserted since the previous version</source>
        <translation>
            <numerusform>与上一版本相比删除或增加了 %Ln 个字符</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln character(s) in the text, spaces and line breaks included</source>
        <translation>
            <numerusform>全文共 %Ln 个字符（含空格和换行）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location line="+50"/>
        <source>Version history</source>
        <translation>版本历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every saved version, newest first. Select one or two and press Enter to compare them.</source>
        <translation>每一个已保存的版本，最新的在前。选中一个或两个版本后按回车键即可对照。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the selected version the latest again, as a new version</source>
        <translation>将所选版本恢复为最新版本（另存为一个新版本）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>La&amp;bel…</source>
        <translation>标注(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label</source>
        <translation>标注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the selected version a label</source>
        <translation>为所选版本加标注</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>C&amp;ompare</source>
        <translation>对照(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare versions</source>
        <translation>对照版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare the two selected versions, or the selected one with the latest</source>
        <translation>对照所选的两个版本，或将所选版本与最新版本对照</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Cannot show the history</source>
        <translation>无法显示版本历史</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Restore version %1</source>
        <translation>恢复版本 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make version %1 the latest again? It is saved as a new version; no version is changed or removed.</source>
        <translation>将版本 %1 恢复为最新版本吗？它会另存为一个新版本，不会修改或删除任何版本。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Restored from version %1</source>
        <translation>由版本 %1 恢复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot restore version %1</source>
        <translation>无法恢复版本 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing to restore</source>
        <translation>无需恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version %1 has the same content as the latest version.</source>
        <translation>版本 %1 与最新版本内容相同。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Label version %1</source>
        <translation>标注版本 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label (for example “after committee comments”):</source>
        <translation>标注（例如“吸收委员会意见后”）：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot label version %1</source>
        <translation>无法标注版本 %1</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_dialog.py" line="+48"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What was imported, updated, left unchanged or refused, and why</source>
        <translation>哪些文件已导入、已更新、未变或被拒绝，以及原因</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Reading the files…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+7"/>
        <source>Import cancelled; nothing imported.</source>
        <translation>导入已取消，未导入任何内容。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+15"/>
        <source>Encoding</source>
        <translation>文字编码</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Detected %1 in %2 — correct?

%3</source>
        <translation>%2 的编码识别为 %1，是否正确？

%3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Read %1 as:</source>
        <translation>按以下编码读取 %1：</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Imported %1 of %n file(s)…</source>
        <translation>
            <numerusform>已导入 %1 / %n 个文件…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 imported, %2 updated, %3 unchanged, %4 not imported.</source>
        <translation>导入 %1 个，更新 %2 个，未变 %3 个，未导入 %4 个。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing imported: %1</source>
        <translation>未导入任何内容：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the import report</source>
        <translation>关闭导入报告</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the import after the current file; what is done is kept</source>
        <translation>在当前文件导入后停止；已导入的内容保留</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling after the current file…</source>
        <translation>当前文件完成后即取消…</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <location filename="../../ui/library_model.py" line="+407"/>
        <source>Motion</source>
        <translation>议案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposal</source>
        <translation>提案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amendment</source>
        <translation>修正案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan</source>
        <translation>工作计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>参考文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../ui/window_menus.py" line="+198"/>
        <source>As the &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The new language is used the next time Consult starts.</source>
        <translation>新的界面语言将在下次启动 Consult 时生效。</translation>
    </message>
</context>
<context>
    <name>ListMixin</name>
    <message>
        <location filename="../../ui/window_list.py" line="+67"/>
        <source>Proposals</source>
        <translation>文稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The proposals in the library. The one chosen opens on the right; choose two to compare them, or several to export them.</source>
        <translation>文库中的文稿。选中的文稿在右侧打开；选中两份可以对照，选中多份可以导出。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Search titles, tags, people…</source>
        <translation>搜索标题、标签、人名…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows only the proposals whose title, tags, people or session contain what is typed; their texts are searched when typing pauses. Down or Enter goes to the list.</source>
        <translation>只显示标题、标签、人名或会议中含有所输入文字的文稿；停止输入片刻后还会搜索正文。按向下键或回车键转到列表。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+78"/>
        <source>Pages</source>
        <translation>页面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The open proposal, its history, and the comparison (Alt+P, Alt+H, Alt+M)</source>
        <translation>当前文稿、版本历史和对照（Alt+P、Alt+H、Alt+M）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Proposal</source>
        <translation>文稿(&amp;P)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;History</source>
        <translation>版本历史(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co&amp;mpare</source>
        <translation>对照(&amp;M)</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>Cannot open this proposal</source>
        <translation>无法打开这份文稿</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Save Version</source>
        <translation>保存版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label (optional):</source>
        <translation>标注（可不填）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Version saved.</source>
        <translation>版本已保存。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Proposals: %1</source>
        <translation>文稿：%1 份</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>selected: %1</source>
        <translation>已选中：%1 份</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Save the changes to “%1” as a new version first?</source>
        <translation>先将“%1”的修改保存为新版本吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Save the changes to “%1” as a new version before closing?</source>
        <translation>关闭前将“%1”的修改保存为新版本吗？</translation>
    </message>
</context>
<context>
    <name>MarkdownPreview</name>
    <message>
        <location filename="../../ui/preview.py" line="+163"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The text as it will read, formatted</source>
        <translation>排版后的文本效果</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Preview unavailable (document too complex)</source>
        <translation>无法预览（文档过于复杂）</translation>
    </message>
</context>
<context>
    <name>MenusMixin</name>
    <message>
        <location filename="../../ui/window_menus.py" line="-153"/>
        <source>&amp;New Proposal…</source>
        <translation>新建文稿(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Version</source>
        <translation>保存版本(&amp;S)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save Version with &amp;Label…</source>
        <translation>保存版本并标注(&amp;L)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+75"/>
        <source>&amp;Compare</source>
        <translation>对照(&amp;C)</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Compare Two &amp;Files…</source>
        <translation>对照两个文件(&amp;F)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft &amp;Amendment Instructions…</source>
        <translation>起草修改指令(&amp;A)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply &amp;Instructions…</source>
        <translation>应用修改指令(&amp;I)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Next Change</source>
        <translation>下一处修改(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Previous Change</source>
        <translation>上一处修改(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export to Markdown…</source>
        <translation>导出为 Markdown(&amp;E)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import Files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a &amp;Folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore from Backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo %1</source>
        <translation>撤销%1(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo %1</source>
        <translation>重做%1(&amp;R)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>NewProposalDialog</name>
    <message>
        <location filename="../../ui/dialogs/new_proposal.py" line="+53"/>
        <source>New proposal</source>
        <translation>新建文稿</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The kind of proposal; its template gives the text its standard sections</source>
        <translation>文稿类别；其模板会给出该类文稿的标准结构</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The language of the template the text starts from</source>
        <translation>初始模板所用的语言</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The new proposal&apos;s title</source>
        <translation>新文稿的标题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Template text</source>
        <translation>模板正文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The text the new proposal starts with; it is edited after it is created</source>
        <translation>新文稿的初始正文；创建后即可编辑</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create the proposal and open it</source>
        <translation>创建文稿并打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close without creating a proposal</source>
        <translation>关闭，不创建文稿</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The text starts as:</source>
        <translation>初始正文：</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>No template could be read (%1); the text starts empty.</source>
        <translation>无法读取模板（%1），正文从空白开始。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot create the proposal</source>
        <translation>无法创建文稿</translation>
    </message>
</context>
<context>
    <name>OpenProblem</name>
    <message>
        <location filename="../../ui/dialogs/open_problem.py" line="-360"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The library %1 would be created %2.</source>
        <translation>文库 %1 将新建在此处：它%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The library %1 is %2.</source>
        <translation>文库 %1 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network and sync folders can corrupt libraries: the file can be changed by another computer, or replaced by the sync service, while Consult is writing it. Keep the library on this computer&apos;s own disk, and use Export or Backup to share it.</source>
        <translation>网络文件夹和同步文件夹可能损坏文库：在 Consult 写入时，文件可能被另一台电脑修改，或被同步服务替换。请把文库放在本机磁盘上，需要共享时请使用导出或备份。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+42"/>
        <source>Open &amp;read-only</source>
        <translation>只读打开(&amp;R)</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>&amp;Create it there anyway</source>
        <translation>仍然在此创建(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open &amp;anyway</source>
        <translation>仍然打开(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+36"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Library on a network or sync folder</source>
        <translation>文库位于网络或同步文件夹</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Only one window can change a library at a time. Open it read-only to read, compare and export its proposals here, or switch to the window that has it.</source>
        <translation>同一时间只能有一个窗口修改文库。可以只读打开，在此阅读、对照和导出其中的文稿；也可以切换到已打开它的那个窗口。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>It is being created there; try again in a moment.</source>
        <translation>文库正在那里创建，请稍后再试。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Library already open</source>
        <translation>文库已经打开</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Already open in another window.</source>
        <translation>已在另一个窗口中打开。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already open on the computer %1 (PID %2).</source>
        <translation>已在电脑 %1 上打开（进程号 %2）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Already open in another window (PID %1).</source>
        <translation>已在另一个窗口中打开（进程号 %1）。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This file is not our file: it is a database of another application.</source>
        <translation>这不是 Consult 的文件，而是其他应用程序的数据库。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consult has not changed it. Open a Consult library instead, or quit.</source>
        <translation>Consult 没有改动它。请改为打开一个 Consult 文库，或者退出。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This file is damaged or is not a Consult library.</source>
        <translation>此文件已损坏，或者不是 Consult 文库。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consult has not changed it. You can restore the library from one of its backups (the file as it is now is kept aside), save the proposals that can still be read as Markdown files, or open another library.</source>
        <translation>Consult 没有改动它。可以从它的某个备份恢复文库（文件的当前状态会另存一份），也可以把仍能读取的文稿抢救为 Markdown 文件，或者打开另一个文库。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Consult has not changed it, and has no backup of this library. You can save the proposals that can still be read as Markdown files, or open another library.</source>
        <translation>Consult 没有改动它，且没有此文库的备份。可以把仍能读取的文稿抢救为 Markdown 文件，或者打开另一个文库。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Salvage readable proposals…</source>
        <translation>抢救可读取的文稿(&amp;S)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+33"/>
        <location line="+57"/>
        <source>&amp;Open another…</source>
        <translation>打开其他文库(&amp;O)…</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+31"/>
        <location line="+29"/>
        <location line="+28"/>
        <location line="+15"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="-98"/>
        <location line="+95"/>
        <source>Cannot open the library</source>
        <translation>无法打开文库</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Library from a newer version</source>
        <translation>文库来自更新版本的 Consult</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consult has not changed it. Update Consult to open it, or open another library.</source>
        <translation>Consult 没有改动它。请升级 Consult 后再打开，或者打开另一个文库。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The library was left as it was. A copy made just before the update is at:
%1

Consult will try again the next time it starts.</source>
        <translation>文库保持原样。升级前所做的副本位于：
%1

Consult 下次启动时会再次尝试。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The library was left as it was. Consult will try again the next time it starts.</source>
        <translation>文库保持原样。Consult 下次启动时会再次尝试。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not update the library</source>
        <translation>无法升级文库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consult could not bring the library %1 up to date for this version.</source>
        <translation>Consult 无法将文库 %1 升级到当前版本。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot open the library here</source>
        <translation>无法在此位置打开文库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder %1 is not writable, and SQLite needs to create its -wal and -shm files beside the library, even to read it.</source>
        <translation>文件夹 %1 不可写入，而 SQLite 即使只是读取文库，也需要在文库旁边创建 -wal 和 -shm 文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was changed. Copy the library into a folder you can write to and open the copy, or ask for write access to this folder.</source>
        <translation>未作任何改动。请把文库复制到可写入的文件夹后打开副本，或申请此文件夹的写入权限。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Nothing was changed.</source>
        <translation>未作任何改动。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open a library</source>
        <translation>打开文库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consult libraries (*.consult);;All files (*)</source>
        <translation>Consult 文库 (*.consult);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Folder for the salvaged proposals (Markdown files)</source>
        <translation>存放抢救出的文稿（Markdown 文件）的文件夹</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <location filename="../../ui/opening.py" line="+108"/>
        <source>Opened read-only: the library is %1</source>
        <translation>已只读打开：文库%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Opened read-only: Consult could not create the lock that keeps a second window from changing this library (%1)</source>
        <translation>已只读打开：Consult 无法创建防止其他窗口同时修改此文库的锁（%1）</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Could not restore the library</source>
        <translation>无法恢复文库</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+37"/>
        <source>The library was left as it was.</source>
        <translation>文库保持原样。</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>The file as it was before is kept at:
%1</source>
        <translation>文件原来的状态保存在：
%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Library restored</source>
        <translation>文库已恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The library was restored from the backup of %1.</source>
        <translation>文库已从 %1 的备份恢复。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Nothing could be salvaged</source>
        <translation>没有抢救出任何内容</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Salvage finished</source>
        <translation>抢救完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%n proposal(s) or draft(s) saved as Markdown in %1.</source>
        <translation>已将 %n 份文稿或草稿以 Markdown 格式保存到 %1。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Opened read-only: the library is open in another window</source>
        <translation>已只读打开：文库已在另一个窗口中打开</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opened read-only: the library is open on the computer %1 (PID %2)</source>
        <translation>已只读打开：文库已在电脑 %1 上打开（进程号 %2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opened read-only: the library is open in another window (PID %1)</source>
        <translation>已只读打开：文库已在另一个窗口中打开（进程号 %1）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Opened read-only: you do not have permission to change the file %1</source>
        <translation>已只读打开：您没有修改文件 %1 的权限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened read-only: the folder %1 is not writable, and SQLite needs to create its -wal and -shm files beside the library to change it</source>
        <translation>已只读打开：文件夹 %1 不可写入，而 SQLite 修改文库时需要在文库旁边创建 -wal 和 -shm 文件</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>Cannot create the lock that keeps a second window from changing the library (%1)</source>
        <translation>无法创建防止其他窗口同时修改文库的锁（%1）</translation>
    </message>
</context>
<context>
    <name>OverviewBar</name>
    <message>
        <location filename="../../ui/overview_bar.py" line="+28"/>
        <source>Overview of the changes</source>
        <translation>修改概览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the changes are; click to go there</source>
        <translation>各处修改的位置；点击即可跳转</translation>
    </message>
</context>
<context>
    <name>ProposalEditor</name>
    <message>
        <location filename="../../ui/editor.py" line="+146"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep the restored text</source>
        <translation>保留恢复的文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go on editing the restored text; it is saved as a version when you save</source>
        <translation>继续编辑恢复的文本；保存时会存为一个版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard…</source>
        <translation>丢弃…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard the restored text</source>
        <translation>丢弃恢复的文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the latest saved version instead (you are asked first)</source>
        <translation>改为显示最近保存的版本（会先询问）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Names separated by 、 or commas</source>
        <translation>人名之间用顿号“、”或逗号分隔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One name per line (or separated by 、)</source>
        <translation>每行一个人名（或用顿号“、”分隔）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tags separated by commas, e.g. AI/copyright</source>
        <translation>标签之间用逗号分隔，例如：人工智能/著作权</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类别(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spo&amp;nsors:</source>
        <translation>领衔代表(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;o-signers:</source>
        <translation>联名代表(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sess&amp;ion:</source>
        <translation>会议(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T&amp;ags:</source>
        <translation>标签(&amp;A)：</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The proposal&apos;s title</source>
        <translation>文稿标题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Motion, suggestion, proposal, amendment, plan, reference text or note</source>
        <translation>议案、建议、提案、修正案、工作计划、参考文本或笔记</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the proposal stands: draft, ready, submitted, accepted …</source>
        <translation>文稿所处的阶段：草稿、定稿、已提交、已立案…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sponsors</source>
        <translation>领衔代表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sponsoring deputies or members, separated by 、 or commas</source>
        <translation>领衔的代表或委员，用顿号“、”或逗号分隔</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Co-signers</source>
        <translation>联名代表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The co-signing deputies or members, one per line</source>
        <translation>联名的代表或委员，每行一人</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+20"/>
        <source>Session</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The session the proposal is for, e.g. the 3rd session of the 14th NPC</source>
        <translation>文稿所针对的会议，例如：第十四届全国人民代表大会第三次会议</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags separated by commas; a slash nests them (AI/copyright)</source>
        <translation>标签之间用逗号分隔；斜杠表示层级（人工智能/著作权）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Proposal text</source>
        <translation>文稿正文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text of the proposal, in Markdown; Ctrl+S saves it as a version, Ctrl+Tab leaves it</source>
        <translation>文稿正文，使用 Markdown 格式；按 Ctrl+S 保存为一个版本，按 Ctrl+Tab 离开正文</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sponsors</source>
        <translation>领衔代表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>co-signers</source>
        <translation>联名代表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>session</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cannot open this proposal</source>
        <translation>无法打开这份文稿</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Restored unsaved text from %1.</source>
        <translation>已恢复 %1 未保存的文本。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restored unsaved text from %1. It was based on version %2; the latest version is %3.</source>
        <translation>已恢复 %1 未保存的文本。它基于版本 %2 修改，而最新版本是 %3。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Unsaved text could not be kept</source>
        <translation>无法保留未保存的文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your text is still in the editor. Save it as a version before leaving.</source>
        <translation>文本仍在编辑器中。离开前请将其保存为一个版本。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Base: %1 (latest version)</source>
        <translation>对照底本：%1（最新版本）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Base: %1 (version %2)</source>
        <translation>对照底本：%1（版本 %2）</translation>
    </message>
    <message numerus="yes">
        <location line="+86"/>
        <source>%Ln word(s)</source>
        <translation>
            <numerusform>字数 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln character(s)</source>
        <translation>
            <numerusform>字符数 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n co-signer(s)</source>
        <translation>
            <numerusform>联名 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A motion needs %1 co-signing deputies (or a delegation); %2 more needed.</source>
        <translation>议案须由代表团或 %1 名以上代表联名提出；还差 %2 人。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Unsaved text kept at %1</source>
        <translation>未保存的文本已于 %1 暂存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Could not keep a copy of the unsaved text: %1</source>
        <translation>无法暂存未保存的文本：%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot discard the changes</source>
        <translation>无法丢弃修改</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Discard the restored text?</source>
        <translation>丢弃恢复的文本吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The editor will show the latest saved version; the restored text is lost.</source>
        <translation>编辑器将显示最近保存的版本，恢复的文本将丢失。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The library is busy (another program is writing); retrying…</source>
        <translation>文库正忙（另一个程序正在写入），正在重试…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not save the version</source>
        <translation>无法保存版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your text is still in the editor; nothing was lost.</source>
        <translation>文本仍在编辑器中，没有丢失任何内容。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Tags not changed</source>
        <translation>标签未修改</translation>
    </message>
    <message>
        <location filename="../../ui/metadata_undo.py" line="+26"/>
        <source>Change %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Change tags</source>
        <translation>修改标签</translation>
    </message>
</context>
<context>
    <name>ProposalListModel</name>
    <message>
        <location filename="../../ui/library_model.py" line="-143"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session</source>
        <translation>会议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions</source>
        <translation>版本数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Found</source>
        <translation>搜索结果</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../ui/dialogs/recovery.py" line="+58"/>
        <source>Recovered unsaved text</source>
        <translation>恢复的未保存文本</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Consult did not close normally. The text below was typed and not saved as a version. Keep it as a new version, compare it with the saved text, or discard it.</source>
        <translation>Consult 上次未正常关闭。下列文本已输入但未保存为版本。可以将其保存为新版本、与已保存的文本对照，或者丢弃。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recovered drafts</source>
        <translation>恢复的草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The unsaved texts found after Consult did not close normally</source>
        <translation>Consult 未正常关闭后找到的未保存文本</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Keep as new version</source>
        <translation>保存为新版本(&amp;K)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Compare…</source>
        <translation>对照(&amp;C)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard…</source>
        <translation>丢弃(&amp;D)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep as new version</source>
        <translation>保存为新版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chosen text as the proposal&apos;s next version</source>
        <translation>将所选文本保存为该文稿的下一个版本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare</source>
        <translation>对照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare the chosen text with the proposal&apos;s latest version</source>
        <translation>将所选文本与该文稿的最新版本对照</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throw the chosen text away (you are asked first); the versions stay</source>
        <translation>丢弃所选文本（会先询问）；各版本保留</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Decide &amp;later</source>
        <translation>稍后决定(&amp;L)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decide later</source>
        <translation>稍后决定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close; the texts are offered again when their proposals are opened</source>
        <translation>关闭；打开相应文稿时会再次提示这些文本</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 — recovered unsaved text from %2 (edited from version %3)</source>
        <translation>%1 — 恢复的 %2 未保存文本（基于版本 %3 修改）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recovered after a crash</source>
        <translation>异常退出后恢复</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not keep the text</source>
        <translation>无法保存文本</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Discard recovered text?</source>
        <translation>丢弃恢复的文本吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The recovered text of “%1” will be lost. The saved versions stay.</source>
        <translation>“%1”恢复的文本将丢失。已保存的版本保留。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Could not discard the text</source>
        <translation>无法丢弃文本</translation>
    </message>
</context>
<context>
    <name>RelatedList</name>
    <message>
        <location filename="../../ui/related_list.py" line="+48"/>
        <location line="+5"/>
        <location line="+44"/>
        <source>Related proposals</source>
        <translation>相关文稿</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>The proposals most like this one; Enter opens the one chosen</source>
        <translation>与本文稿最相似的文稿；按回车键打开所选文稿</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Related proposals: none</source>
        <translation>相关文稿：无</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <location filename="../../ui/safety.py" line="+102"/>
        <location line="+12"/>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>There is no backup of this library yet. Backups are made in %1.</source>
        <translation>此文库还没有备份。备份保存在 %1。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Replace the whole library with the backup of %1? Everything saved since then is replaced; the library as it is now is kept as a backup first, so this can be undone.</source>
        <translation>用 %1 的备份替换整个文库吗？此后保存的内容都将被替换；文库的当前状态会先另存为一个备份，因此可以撤回。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not restore the library</source>
        <translation>无法恢复文库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The library was left as it was.</source>
        <translation>文库保持原样。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Library restored</source>
        <translation>文库已恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The library was restored from the backup of %1.</source>
        <translation>文库已从 %1 的备份恢复。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The library as it was is kept in %1.</source>
        <translation>文库原来的状态保存在 %1。</translation>
    </message>
</context>
<context>
    <name>SafetyMixin</name>
    <message>
        <location filename="../../ui/window_safety.py" line="+103"/>
        <location line="+16"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The library is damaged; it is open read-only so that nothing gets worse.</source>
        <translation>文库已损坏，已改为只读打开，以免情况恶化。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The library is damaged</source>
        <translation>文库已损坏</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing more will be written to it. Restore it from a backup, or export what you need to Markdown (File → Export to Markdown still works).</source>
        <translation>不会再向它写入任何内容。请从备份恢复，或将需要的内容导出为 Markdown（“文件 → 导出为 Markdown”仍可使用）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/library_model.py" line="+143"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>定稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted</source>
        <translation>已立案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
</context>
<context>
    <name>TransferMixin</name>
    <message>
        <location filename="../../ui/window_transfer.py" line="+53"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Markdown and text (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown 和文本文件 (*.md *.markdown *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
</context>
</TS>
