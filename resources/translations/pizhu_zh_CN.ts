<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnotationTools</name>
    <message>
        <location filename="../../reader/ui/annotations/tools.py" line="76" />
        <source>Change colour</source>
        <translation>更改颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/tools.py" line="86" />
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/tools.py" line="128" />
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/tools.py" line="161" />
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/tools.py" line="181" />
        <source>Delete annotation</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/tools.py" line="200" />
        <source>Select the text to attach the annotation to, then try again.</source>
        <translation>请先选中要挂接批注的文字，再试一次。</translation>
    </message>
</context>
<context>
    <name>AnnotationsPanel</name>
    <message>
        <location filename="../../reader/ui/annotations/panel.py" line="55" />
        <source>Filter quotes, notes, tags…</source>
        <translation>筛选引文、笔记、标签…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/panel.py" line="66" />
        <source>Orphaned — select the text in the reader, then choose Re-attach</source>
        <translation>未能定位——在阅读区选中文字后双击此条重新挂接</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/panel.py" line="96" />
        <source>All colours</source>
        <translation>全部颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/panel.py" line="101" />
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>BookmarkActions</name>
    <message>
        <location filename="../../reader/ui/navigation/bookmarks.py" line="126" />
        <source>Open a document to bookmark a place in it</source>
        <translation>先打开文档，再为其中的位置添加书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/navigation/bookmarks.py" line="129" />
        <source>Add Bookmark</source>
        <translation>添加书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/navigation/bookmarks.py" line="143" />
        <source>Rename Bookmark</source>
        <translation>重命名书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/navigation/bookmarks.py" line="158" />
        <source>Bookmark deleted (Ctrl+Z brings it back)</source>
        <translation>书签已删除（Ctrl+Z 可恢复）</translation>
    </message>
</context>
<context>
    <name>BookmarkDialog</name>
    <message>
        <location filename="../../reader/ui/navigation/bookmarks.py" line="36" />
        <source>Name (optional)</source>
        <translation>名称（可选）</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../reader/app/commands.py" line="38" />
        <source>Import &amp;Files…</source>
        <translation>导入文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="45" />
        <source>Import F&amp;older…</source>
        <translation>导入文件夹(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="57" />
        <source>&amp;Export Annotations of This Document…</source>
        <translation>导出本文档的批注(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="63" />
        <source>Export &amp;All Annotations…</source>
        <translation>导出全部批注(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="54" />
        <source>&amp;Re-import From Source</source>
        <translation>从源文件重新导入(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="49" />
        <source>Open Ori&amp;ginal File</source>
        <translation>打开原始文件(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="51" />
        <source>Document &amp;Details…</source>
        <translation>文档详情(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="53" />
        <source>Re&amp;name Document</source>
        <translation>重命名文档(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="67" />
        <source>Export &amp;Words for Anki…</source>
        <translation>导出生词供 Anki 使用(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="68" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="69" />
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="70" />
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="72" />
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="76" />
        <source>Copy as &amp;Quote</source>
        <translation>复制为引文(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="84" />
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="92" />
        <source>&amp;Highlight</source>
        <translation>高亮(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="100" />
        <source>Highlight Colour &amp;1</source>
        <translation>高亮颜色 &amp;1</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="108" />
        <source>Highlight Colour &amp;2</source>
        <translation>高亮颜色 &amp;2</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="116" />
        <source>Highlight Colour &amp;3</source>
        <translation>高亮颜色 &amp;3</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="124" />
        <source>Highlight Colour &amp;4</source>
        <translation>高亮颜色 &amp;4</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="132" />
        <source>Highlight Colour &amp;5</source>
        <translation>高亮颜色 &amp;5</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="140" />
        <source>U&amp;nderline</source>
        <translation>下划线(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="146" />
        <source>&amp;Note…</source>
        <translation>笔记(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="147" />
        <source>&amp;Tags…</source>
        <translation>标签(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="150" />
        <source>&amp;Delete Annotation</source>
        <translation>删除批注(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="158" />
        <source>&amp;Look Up in Dictionary</source>
        <translation>查词典(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="166" />
        <source>Keep Word (Dictionary Pop-up)</source>
        <translation>收词（词典弹窗）</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="174" />
        <source>Also Annotate Kept Words (Dictionary Pop-up)</source>
        <translation>收词时同时批注（词典弹窗）</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="183" />
        <source>Look Up One Character More</source>
        <translation>多查一个字</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="191" />
        <source>Look Up One Character Fewer</source>
        <translation>少查一个字</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="199" />
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="205" />
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="207" />
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="209" />
        <source>&amp;Light Theme</source>
        <translation>浅色主题(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="212" />
        <source>&amp;Sepia Theme</source>
        <translation>护眼主题(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="215" />
        <source>&amp;Dark Theme</source>
        <translation>深色主题(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="218" />
        <source>First-Line &amp;Indent</source>
        <translation>首行缩进(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="220" />
        <source>&amp;Font…</source>
        <translation>字体(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="223" />
        <source>&amp;Title</source>
        <translation>标题(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="230" />
        <source>&amp;Date, Newest First</source>
        <translation>日期，新的在前(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="237" />
        <source>Date &amp;Added, Newest First</source>
        <translation>添加时间，新的在前(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="244" />
        <source>Last &amp;Read, Most Recent First</source>
        <translation>最近阅读，近的在前(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="251" />
        <source>As &amp;Written</source>
        <translation>原文字形(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="258" />
        <source>简体 &amp;Simplified</source>
        <translation>简体(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="265" />
        <source>繁體 &amp;Traditional</source>
        <translation>繁體(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="272" />
        <source>Show &amp;Library</source>
        <translation>显示文库(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="279" />
        <source>Show &amp;Annotations</source>
        <translation>显示批注栏(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="285" />
        <source>Annotations &amp;Workspace</source>
        <translation>批注工作区(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="292" />
        <source>Show &amp;Words</source>
        <translation>显示生词本(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="299" />
        <source>Reading S&amp;tatistics…</source>
        <translation>阅读统计(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="305" />
        <source>&amp;Search Library…</source>
        <translation>搜索文库(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="310" />
        <source>&amp;Find in Document…</source>
        <translation>在文档中查找(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="312" />
        <source>Find Ne&amp;xt</source>
        <translation>查找下一个(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="315" />
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="320" />
        <source>Focus &amp;Library</source>
        <translation>转到文库(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="321" />
        <source>Focus &amp;Reader</source>
        <translation>转到阅读区(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="323" />
        <source>Focus &amp;Annotations</source>
        <translation>转到批注栏(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="325" />
        <source>&amp;Filter Library</source>
        <translation>筛选文库(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="327" />
        <source>&amp;Next Annotation</source>
        <translation>下一条批注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="331" />
        <source>&amp;Previous Annotation</source>
        <translation>上一条批注(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="335" />
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="337" />
        <source>F&amp;orward</source>
        <translation>前进(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="340" />
        <source>Add &amp;Bookmark…</source>
        <translation>添加书签(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="343" />
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="345" />
        <source>&amp;About Pizhu</source>
        <translation>关于批注(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="349" />
        <source>Next Search Result</source>
        <translation>下一个搜索结果</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="356" />
        <source>Previous Search Result (Empty Box: Earlier Queries)</source>
        <translation>上一个搜索结果（搜索框为空时：以前的搜索）</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="363" />
        <source>Search Results: Next Document</source>
        <translation>搜索结果：下一篇文档</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="370" />
        <source>Search Results: Previous Document</source>
        <translation>搜索结果：上一篇文档</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="377" />
        <source>Open Search Result</source>
        <translation>打开搜索结果</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="384" />
        <source>Open Search Result, Keep the Panel</source>
        <translation>打开搜索结果并保留搜索栏</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="391" />
        <source>Close Search</source>
        <translation>关闭搜索</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="400" />
        <source>&amp;Sort Library By</source>
        <translation>文库排序(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../reader/app/commands.py" line="401" />
        <source>Sc&amp;ript</source>
        <translation>简繁(&amp;R)</translation>
    </message>
</context>
<context>
    <name>DayBars</name>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="154" />
        <source>{0}: {1} reading, {2} characters, {3} annotations</source>
        <translation>{0}：阅读 {1}，{2} 字，{3} 条批注</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="58" />
        <source>Details — {0}</source>
        <translation>详情——{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="67" />
        <source>Separate names with ；  ,  or 、</source>
        <translation>多位作者以 ；  ,  或 、 分隔</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="70" />
        <source>2024, 2024-03 or 2024-03-05</source>
        <translation>2024、2024-03 或 2024-03-05</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="74" />
        <source>Where the document comes from: a URL or a citation</source>
        <translation>文档来源：网址或出处</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="84" />
        <source>Not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="85" />
        <source>Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="86" />
        <source>Traditional</source>
        <translation>繁体</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="87" />
        <source>Mixed</source>
        <translation>繁简混排</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="95" />
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="96" />
        <source>&amp;Authors:</source>
        <translation>作者(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="97" />
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="98" />
        <source>&amp;Source / URL:</source>
        <translation>来源 / 网址(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="101" />
        <source>S&amp;cript:</source>
        <translation>简繁(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="106" />
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="122" />
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="123" />
        <source>Characters:</source>
        <translation>字数：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="124" />
        <source>Pages:</source>
        <translation>页数：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="126" />
        <source>Site:</source>
        <translation>网站：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="127" />
        <source>Imported:</source>
        <translation>导入时间：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="128" />
        <source>Updated:</source>
        <translation>更新时间：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="135" />
        <source>Open &amp;Original</source>
        <translation>打开原始文件(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="140" />
        <source>No copy of the imported file is kept.</source>
        <translation>没有保留导入文件的副本。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="144" />
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="166" />
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="169" />
        <source>Web archive (MHTML)</source>
        <translation>网页存档 (MHTML)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="172" />
        <source>Word (DOCX)</source>
        <translation>Word (DOCX)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dialogs/details.py" line="173" />
        <source>Word 97–2003 (DOC)</source>
        <translation>Word 97–2003 (DOC)</translation>
    </message>
</context>
<context>
    <name>DictionaryController</name>
    <message>
        <location filename="../../reader/ui/dictionary/controller.py" line="214" />
        <source>“{0}” is not a word to keep</source>
        <translation>“{0}”不是可收入生词本的词</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/controller.py" line="127" />
        <source>No word to look up here.</source>
        <translation>这里没有可查的词。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/controller.py" line="224" />
        <source>Keep “{0}”</source>
        <translation>收词“{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/controller.py" line="236" />
        <source>Already kept here</source>
        <translation>此处已收录</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/controller.py" line="239" />
        <source>✓ Kept</source>
        <translation>✓ 已收词</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/controller.py" line="240" />
        <source>Kept “{0}” in the word list</source>
        <translation>已将“{0}”收入生词本</translation>
    </message>
</context>
<context>
    <name>DictionaryPopup</name>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="60" />
        <source>Keep</source>
        <translation>收词</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="64" />
        <source>Also annotate (#{0})</source>
        <translation>同时批注（#{0}）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="69" />
        <source>⇧←/→ shorter/longer · Esc closes</source>
        <translation>⇧←/→ 缩短/延长 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="88" />
        <source>Keep ({0})</source>
        <translation>收词（{0}）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="90" />
        <source>Add the word to the word list ({0})</source>
        <translation>把这个词收入生词本（{0}）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="103" />
        <source>Loading dictionary…</source>
        <translation>正在加载词典…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="109" />
        <source>The dictionary could not be loaded:</source>
        <translation>无法加载词典：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="121" />
        <source>✓ In the word list</source>
        <translation>✓ 已在生词本中</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="174" />
        <source>not in CC-CEDICT; pinyin from pypinyin</source>
        <translation>CC-CEDICT 未收录；拼音来自 pypinyin</translation>
    </message>
    <message>
        <location filename="../../reader/ui/dictionary/popup.py" line="182" />
        <source>Characters</source>
        <translation>单字</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <location filename="../../reader/ui/library/document_actions.py" line="42" />
        <location filename="../../reader/ui/library/document_actions.py" line="103" />
        <source>Open a document first.</source>
        <translation>请先打开一篇文档。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/document_actions.py" line="52" />
        <source>“{0}” has no original file: it was not kept and the source is gone.</source>
        <translation>“{0}”没有原始文件：导入时未保留副本，源文件也已不在。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/document_actions.py" line="57" />
        <source>No application could open {0}</source>
        <translation>没有可以打开 {0} 的程序</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/document_actions.py" line="59" />
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/document_actions.py" line="66" />
        <source>A title cannot be blank; the title was not changed.</source>
        <translation>标题不能为空；标题未修改。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/document_actions.py" line="71" />
        <source>Rename “{0}”</source>
        <translation>重命名“{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/document_actions.py" line="91" />
        <source>Edit details of “{0}”</source>
        <translation>编辑“{0}”的详情</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="217" />
        <source>Notes folder (Obsidian vault, Logseq graph, …)</source>
        <translation>笔记文件夹（Obsidian 库、Logseq 图谱等）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="222" />
        <source>No folder chosen</source>
        <translation>尚未选择文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="223" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="226" />
        <source>Sync Now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="229" />
        <source>Sync after every annotation change</source>
        <translation>每次批注改动后同步</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="257" />
        <source>Notes folder</source>
        <translation>笔记文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="294" />
        <source>Cannot sync: {0}</source>
        <translation>无法同步：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="298" />
        <source>Notes: {0} written, {1} unchanged, {2} skipped</source>
        <translation>笔记：写入 {0} 篇，未变 {1} 篇，跳过 {2} 篇</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="303" />
        <source>left alone (edited inside the Pizhu region): {0}</source>
        <translation>未覆盖（批注区域内有改动）：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="93" />
        <source>Export Annotations</source>
        <translation>导出批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="148" />
        <source>Every annotated document</source>
        <translation>所有有批注的文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="152" />
        <source>Include notes</source>
        <translation>包含笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="161" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="162" />
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="165" />
        <source>Script</source>
        <translation>字形</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="166" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="168" />
        <source>Your own templates: {0}</source>
        <translation>自定义模板：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="201" />
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="203" />
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="312" />
        <source>{0} (yours)</source>
        <translation>{0}（自定义）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="319" />
        <source>Selected annotations ({0})</source>
        <translation>所选批注（{0}）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="320" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="321" />
        <source>Tag (with its sub-tags)</source>
        <translation>标签（含子标签）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="322" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="323" />
        <source>Date range (created)</source>
        <translation>日期范围（创建）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="324" />
        <source>Collection</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="325" />
        <source>Whole library</source>
        <translation>整个文库</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="339" />
        <source>As written</source>
        <translation>原文字形</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="340" />
        <source>Simplified 简体</source>
        <translation>简体</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="341" />
        <source>Traditional 繁體</source>
        <translation>繁體</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="417" />
        <source>Rendering…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="433" />
        <source>Cannot export: {0}</source>
        <translation>无法导出：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="444" />
        <source>1 annotation</source>
        <translation>1 条批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="445" />
        <source>{0} annotations</source>
        <translation>{0} 条批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="446" />
        <source>1 document</source>
        <translation>1 篇文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="446" />
        <source>{0} documents</source>
        <translation>{0} 篇文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="449" />
        <source>{0} from {1}</source>
        <translation>{0}，来自 {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="464" />
        <location filename="../../reader/ui/export/dialog.py" line="466" />
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="471" />
        <source>Save export</source>
        <translation>保存导出</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="485" />
        <source>Cannot save: {0}</source>
        <translation>无法保存：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="488" />
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/dialog.py" line="497" />
        <source>Copied to the clipboard</source>
        <translation>已复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="63" />
        <source>Search quotes and notes (國務院 = 国务院, ＧＤＰ = gdp)…  Ctrl+F</source>
        <translation>搜索摘录和笔记（繁简、全半角通用）…  Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="77" />
        <source>Collection (with sub-collections)</source>
        <translation>文集（含子文集）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="78" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="79" />
        <source>Tag (with its sub-tags)</source>
        <translation>标签（含子标签）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="80" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="81" />
        <source>Highlight or underline</source>
        <translation>高亮或下划线</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="83" />
        <source>Any style</source>
        <translation>任意样式</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="84" />
        <source>Highlights</source>
        <translation>高亮</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="85" />
        <source>Underlines</source>
        <translation>下划线</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="88" />
        <source>With or without a note</source>
        <translation>有无笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="90" />
        <source>Notes or not</source>
        <translation>有无笔记均可</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="91" />
        <source>With a note</source>
        <translation>有笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="92" />
        <source>Without a note</source>
        <translation>无笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="95" />
        <source>Placed or orphaned</source>
        <translation>已定位或失效</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="97" />
        <source>Placed and orphaned</source>
        <translation>已定位和失效</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="98" />
        <source>Orphaned only</source>
        <translation>仅失效</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="99" />
        <source>Placed only</source>
        <translation>仅已定位</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="102" />
        <source>When it was made</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="105" />
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="106" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="107" />
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="108" />
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="109" />
        <source>This year</source>
        <translation>今年</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="110" />
        <source>Between…</source>
        <translation>介于…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="126" />
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="128" />
        <source>Reading order</source>
        <translation>阅读顺序</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="129" />
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="130" />
        <source>Recently edited</source>
        <translation>最近编辑</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="131" />
        <source>By colour</source>
        <translation>按颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="136" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="137" />
        <source>Show every annotation again</source>
        <translation>重新显示全部批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="172" />
        <source>All collections</source>
        <translation>全部文集</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="173" />
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="176" />
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/filter_bar.py" line="181" />
        <source>Any colour</source>
        <translation>任意颜色</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../reader/ui/reading/find_bar.py" line="40" />
        <source>Find in document</source>
        <translation>在文档中查找</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading/find_bar.py" line="45" />
        <source>Previous (Shift+Enter, Shift+F3)</source>
        <translation>上一个 (Shift+Enter, Shift+F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading/find_bar.py" line="46" />
        <source>Next (Enter, F3)</source>
        <translation>下一个 (Enter, F3)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading/find_bar.py" line="47" />
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/reading/find_bar.py" line="116" />
        <source>0 found</source>
        <translation>未找到</translation>
    </message>
</context>
<context>
    <name>LibraryActions</name>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="75" />
        <source>Import documents</source>
        <translation>导入文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="88" />
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="95" />
        <source>An import is already running.</source>
        <translation>已有导入正在进行。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="103" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="103" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="104" />
        <location filename="../../reader/ui/library/actions.py" line="145" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="113" />
        <source>Importing {0}/{1}: {2}</source>
        <translation>正在导入 {0}/{1}：{2}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="140" />
        <source>nothing to import</source>
        <translation>没有可导入的文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="141" />
        <source>Import: {0}</source>
        <translation>导入：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="146" />
        <source>Import finished: {0}</source>
        <translation>导入完成：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="161" />
        <source>The source file is gone: {0}</source>
        <translation>源文件已不存在：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="346" />
        <source>Export annotations</source>
        <translation>导出批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="187" />
        <source>Export all annotations into a folder</source>
        <translation>将全部批注导出到文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="199" />
        <source>Exported {0} annotations to {1}</source>
        <translation>已导出 {0} 条批注到 {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="240" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="216" />
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="251" />
        <source>Add to Collection</source>
        <translation>加入文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="84" />
        <source>Documents ({0})</source>
        <translation>文档 ({0})</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="84" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="241" />
        <source>Open Original File</source>
        <translation>打开原始文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="244" />
        <source>Details…</source>
        <translation>详情…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="247" />
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="256" />
        <source>Remove From This Collection</source>
        <translation>从此文件夹移除</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="259" />
        <source>Re-import From Source</source>
        <translation>从源文件重新导入</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="260" />
        <source>Export Annotations…</source>
        <translation>导出批注…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="262" />
        <source>Delete Document…</source>
        <translation>删除文档…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="214" />
        <source>New Sub-collection…</source>
        <translation>新建子文件夹…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="218" />
        <source>Delete Collection</source>
        <translation>删除文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="224" />
        <source>Show in Annotations Workspace</source>
        <translation>在批注工作区中显示</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="230" />
        <source>Go to Bookmark</source>
        <translation>转到书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="231" />
        <source>Rename Bookmark…</source>
        <translation>重命名书签…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="232" />
        <source>Delete Bookmark</source>
        <translation>删除书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="234" />
        <source>New Collection…</source>
        <translation>新建文件夹…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="295" />
        <source>New collection</source>
        <translation>新建文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="295" />
        <location filename="../../reader/ui/library/actions.py" line="305" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="305" />
        <source>Rename collection</source>
        <translation>重命名文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="316" />
        <source>Rename document</source>
        <translation>重命名文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="316" />
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="328" />
        <source>Delete document</source>
        <translation>删除文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="329" />
        <source>Delete “{0}” from the library?</source>
        <translation>从文库中删除“{0}”？</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="333" />
        <source>It has {0} annotations, which will be deleted with it.</source>
        <translation>它有 {0} 条批注，将一并删除。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="336" />
        <source>Export Annotations, Then Delete</source>
        <translation>先导出批注，再删除</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/actions.py" line="338" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>LibraryBuilder</name>
    <message>
        <location filename="../../reader/ui/library/builder.py" line="114" />
        <source>All Documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/builder.py" line="154" />
        <source>All Annotations</source>
        <translation>全部批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/builder.py" line="157" />
        <source>Review, filter and organise every annotation (Ctrl+Shift+A)</source>
        <translation>查看、筛选和整理全部批注（Ctrl+Shift+A）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/builder.py" line="166" />
        <source>Bookmarks</source>
        <translation>书签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/builder.py" line="176" />
        <source>Enter jumps there; F2 renames; Delete removes</source>
        <translation>Enter 跳转；F2 重命名；Delete 删除</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/builder.py" line="197" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../../reader/ui/library/tree.py" line="169" />
        <source>Filter by title, author or year…</source>
        <translation>按标题、作者或年份筛选…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/library/tree.py" line="195" />
        <source>Sort the library</source>
        <translation>文库排序</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="140" />
        <source>Library</source>
        <translation>文库</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="147" />
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="184" />
        <source>Words</source>
        <translation>生词本</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="310" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="311" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="312" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="313" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="314" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="501" />
        <source>Reading font</source>
        <translation>阅读字体</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="572" />
        <source>{0} characters</source>
        <translation>{0} 字</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="622" />
        <source>Shown in {0} (View ▸ Script); quotes and exports use the text as written.</source>
        <translation>以{0}显示（视图 ▸ 简繁）；引文和导出仍用原文字形。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="805" />
        <source>{0}%  ·  offset {1}</source>
        <translation>{0}%  ·  位置 {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="295" />
        <location filename="../../reader/ui/window/main_window.py" line="812" />
        <source>p. {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="814" />
        <source>Printed page {0} ({1} of {2})</source>
        <translation>印刷页码 {0}（第 {1} 页，共 {2} 页）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="867" />
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="871" />
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="871" />
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="871" />
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="887" />
        <source>Change keys in settings.json ("shortcuts": command id → keys).</source>
        <translation>在 settings.json 中修改按键（"shortcuts"：命令 id → 按键）。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="893" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="895" />
        <source>Dictionary: CC-CEDICT (release {0}), © MDBG and the CC-CEDICT contributors, based on CEDICT © 1997, 1998 Paul Andrew Denisowski. Licensed under CC BY-SA 4.0 ({1}). Pinyin for other words: pypinyin (MIT).</source>
        <translation>词典：CC-CEDICT（{0} 版），© MDBG 及 CC-CEDICT 贡献者，基于 CEDICT © 1997, 1998 Paul Andrew Denisowski。依 CC BY-SA 4.0 许可（{1}）。其他词语的拼音：pypinyin（MIT）。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="901" />
        <source>Read, annotate and search Chinese documents.</source>
        <translation>阅读、批注、检索中文文档。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="912" />
        <source>Drop files or folders to import them</source>
        <translation>松开鼠标即可导入这些文件或文件夹</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <location filename="../../reader/ui/annotations/editors.py" line="27" />
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/editors.py" line="36" />
        <source>Write a note (Markdown). Ctrl+Enter saves, Esc cancels.</source>
        <translation>写笔记（Markdown）。Ctrl+Enter 保存，Esc 取消。</translation>
    </message>
</context>
<context>
    <name>NotesAutoSync</name>
    <message>
        <location filename="../../reader/ui/export/autosync.py" line="54" />
        <source>Notes sync failed: {0}</source>
        <translation>笔记同步失败：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/export/autosync.py" line="58" />
        <source>Notes sync: {0} note(s) edited inside the Pizhu region were left alone</source>
        <translation>笔记同步：{0} 篇笔记的批注区域被改动过，未覆盖</translation>
    </message>
</context>
<context>
    <name>OverviewStrip</name>
    <message>
        <location filename="../../reader/ui/reading/overview_strip.py" line="20" />
        <source>Highlights and search hits; click to jump</source>
        <translation>高亮与搜索结果的位置；点击跳转</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <location filename="../../reader/ui/window/main_window.py" line="174" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/controller.py" line="126" />
        <source>Indexing {0}/{1}</source>
        <translation>正在索引 {0}/{1}</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="78" />
        <source>Search the library…</source>
        <translation>搜索文库…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="83" />
        <source>Whole library</source>
        <translation>整个文库</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="84" />
        <source>Current document</source>
        <translation>当前文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="85" />
        <source>Current collection</source>
        <translation>当前文件夹</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="86" />
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="91" />
        <location filename="../../reader/ui/search/panel.py" line="152" />
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="95" />
        <source>词 词 = both · "exact phrase" · a OR b · -exclude · title: · tag: · doc:</source>
        <translation>词 词 = 同时出现 · "精确短语" · a OR b · -排除 · title: · tag: · doc:</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="156" />
        <source>Indexing {0}/{1} — results so far are complete but may rank less well</source>
        <translation>正在建立索引 {0}/{1}——结果完整，排序可能稍差</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="196" />
        <source>Words only</source>
        <translation>仅含词语</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="205" />
        <source>Has the words of “{0}”, not the whole query</source>
        <translation>包含“{0}”中的词语，但不含完整的查询</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="230" />
        <source>Search failed: {0}</source>
        <translation>搜索失败：{0}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="235" />
        <source>No exact match for “{0}”; showing documents with its words</source>
        <translation>没有完全匹配“{0}”；显示包含其中词语的文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="240" />
        <source>{0} documents, {1} hits ({2} ms)</source>
        <translation>{0} 篇文档，{1} 处（{2} 毫秒）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="246" />
        <source>Showing the first {0} documents; add words to narrow.</source>
        <translation>只显示前 {0} 篇；加词可缩小范围。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="251" />
        <source>No results for “{0}”.</source>
        <translation>没有找到“{0}”。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="261" />
        <source>Try fewer words, or put a phrase in quotes.</source>
        <translation>试试少用几个词，或把短语放进引号。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="263" />
        <source>Try searching the whole library, without the tag filter.</source>
        <translation>试试在整个文库中搜索，不加标签筛选。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/search/panel.py" line="266" />
        <source>Traditional and simplified forms are already matched; check for a typo.</source>
        <translation>繁简体已自动匹配；请检查是否有错字。</translation>
    </message>
</context>
<context>
    <name>StatisticsDialog</name>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="47" />
        <source>&lt;1 min</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="50" />
        <source>{0} h {1} min</source>
        <translation>{0} 小时 {1} 分钟</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="53" />
        <source>{0} min</source>
        <translation>{0} 分钟</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="167" />
        <source>Reading Statistics</source>
        <translation>阅读统计</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="176" />
        <source>&lt;span style="color:{0}"&gt;■&lt;/span&gt; minutes read per day (last 4 weeks) &amp;nbsp; &lt;span style="color:{1}"&gt;●&lt;/span&gt; annotations made</source>
        <translation>&lt;span style="color:{0}"&gt;■&lt;/span&gt; 每天阅读分钟数（最近 4 周） &amp;nbsp; &lt;span style="color:{1}"&gt;●&lt;/span&gt; 当天所作批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="183" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="183" />
        <source>Time</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="183" />
        <source>Characters read</source>
        <translation>已读字数</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="184" />
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="184" />
        <source>Last read</source>
        <translation>最近阅读</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/stats_view.py" line="206" />
        <source>&lt;b&gt;{0}&lt;/b&gt; reading on {1} days · {2} characters read · {3} documents · {4} annotations · {5} words kept</source>
        <translation>共阅读 &lt;b&gt;{0}&lt;/b&gt;，{1} 天 · 已读 {2} 字 · {3} 篇文档 · {4} 条批注 · 生词 {5} 个</translation>
    </message>
</context>
<context>
    <name>TagEditor</name>
    <message>
        <location filename="../../reader/ui/annotations/editors.py" line="134" />
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/editors.py" line="139" />
        <source>Tags separated by spaces, e.g. 城市/更新 数据</source>
        <translation>标签以空格分隔，如 城市/更新 数据</translation>
    </message>
    <message>
        <location filename="../../reader/ui/annotations/editors.py" line="148" />
        <source>Suggested (Alt+number):</source>
        <translation>建议标签（Alt+数字）：</translation>
    </message>
</context>
<context>
    <name>WordsController</name>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="84" />
        <source>“{0}” has no place in a document to go to.</source>
        <translation>“{0}”没有可跳转的文档位置。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="94" />
        <source>Delete “{0}”</source>
        <translation>删除“{0}”</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="96" />
        <source>Delete {0} words</source>
        <translation>删除 {0} 个词</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="106" />
        <source>{0} — Ctrl+Z brings it back</source>
        <translation>{0}——按 Ctrl+Z 可恢复</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="113" />
        <source>No words to export.</source>
        <translation>没有可导出的词。</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="123" />
        <source>Exported {0} words to {1}</source>
        <translation>已导出 {0} 个词到 {1}</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="128" />
        <source>Export words for Anki</source>
        <translation>导出生词供 Anki 使用</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_controller.py" line="130" />
        <source>Tab-separated text (*.tsv *.txt)</source>
        <translation>制表符分隔文本 (*.tsv *.txt)</translation>
    </message>
</context>
<context>
    <name>WordsModel</name>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="39" />
        <source>Word</source>
        <translation>词语</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="39" />
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="39" />
        <source>Definition</source>
        <translation>释义</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="39" />
        <source>Sentence</source>
        <translation>例句</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="40" />
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="78" />
        <source>(no document)</source>
        <translation>（无文档）</translation>
    </message>
</context>
<context>
    <name>WordsPanel</name>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="122" />
        <source>Filter words, pinyin (tones optional), meanings…</source>
        <translation>筛选词语、拼音（可不带声调）、释义…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="145" />
        <source>Export for Anki…</source>
        <translation>导出到 Anki…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="148" />
        <source>Save the words listed as a tab-separated file Anki imports</source>
        <translation>把列出的词存为 Anki 可导入的制表符分隔文件</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="170" />
        <source>{0} words</source>
        <translation>{0} 个词</translation>
    </message>
    <message>
        <location filename="../../reader/ui/study/words_panel.py" line="172" />
        <source>{0} of {1} words</source>
        <translation>{0} / {1} 个词</translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../reader/ui/workspace/bulk.py" line="26" />
        <source>Edit {0} Annotations</source>
        <translation>编辑 {0} 条批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/bulk.py" line="72" />
        <source>Delete {0} Annotations</source>
        <translation>删除 {0} 条批注</translation>
    </message>
</context>
<context>
    <name>WorkspaceController</name>
    <message>
        <location filename="../../reader/ui/workspace/controller.py" line="189" />
        <source>Add Tags to {0} Annotations</source>
        <translation>为 {0} 条批注添加标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/controller.py" line="191" />
        <source>Remove Tags from {0} Annotations</source>
        <translation>从 {0} 条批注移除标签</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/controller.py" line="192" />
        <source>Tags to remove: </source>
        <translation>要移除的标签：</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/controller.py" line="216" />
        <source>{0} annotations moved to the trash (Ctrl+Z brings them back)</source>
        <translation>{0} 条批注已移到回收站（Ctrl+Z 可恢复）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/controller.py" line="227" />
        <source>Export {0} annotations</source>
        <translation>导出 {0} 条批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/controller.py" line="241" />
        <source>Exported {0} annotations to {1}</source>
        <translation>已将 {0} 条批注导出到 {1}</translation>
    </message>
</context>
<context>
    <name>WorkspacePanel</name>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="92" />
        <source>Add Tags…</source>
        <translation>添加标签…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="93" />
        <source>Add tags to the selected annotations (T)</source>
        <translation>为所选批注添加标签（T）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="95" />
        <source>Remove Tags…</source>
        <translation>移除标签…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="96" />
        <source>Remove tags from the selection (Shift+T)</source>
        <translation>从所选批注移除标签（Shift+T）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="98" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="99" />
        <source>Change the colour of the selection (1–5)</source>
        <translation>更改所选批注的颜色（1–5）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="101" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="102" />
        <source>Move the selection to the trash (Delete; Ctrl+Z)</source>
        <translation>将所选批注移到回收站（Delete；Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="104" />
        <source>Export Selection…</source>
        <translation>导出所选…</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="106" />
        <source>Back to Reader</source>
        <translation>返回阅读</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="107" />
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="234" />
        <source>{0} annotations</source>
        <translation>{0} 条批注</translation>
    </message>
    <message>
        <location filename="../../reader/ui/workspace/panel.py" line="236" />
        <source>{0} annotations match</source>
        <translation>{0} 条批注匹配</translation>
    </message>
</context>
</TS>