"""The web UI (gradio Blocks), in Chinese, offline: chat with citations, duty checklists,
quizzes, article browsing, citation checking and a responsibility map. Every tab calls the
same tools as the CLI; this module only lays them out."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
from pathlib import Path

from .agent import make_answerer
from .checklist import build_checklist
from .checklist import export as export_checklist
from .config import Settings
from .duties import resolve_role
from .errors import AssistantError
from .index import open_index
from .retrieve import Retriever
from .roles import subjects
from .tools import Toolbox

log = logging.getLogger("assistant.ui")
EXAMPLES = ["区委书记每季度要听几次乡村振兴汇报？", "老人养老归哪个部门管？", "村支书多久要把全村农户走一遍？",
            "镇长有哪些职责", "乡村振兴工作不履职会被怎样问责？", "促进法规定地方政府每年要向谁报告？"]
ROLES = ["区委书记", "区长", "镇长", "镇党委书记", "村支书", "第一书记", "市财政局", "农业农村局", "市委组织部", "农领办",
         "市纪委监委", "涉农区党委和政府", "乡镇党委和政府", "村党组织"]
THEMES = {"产业": "产业|农产品|粮食|旅游|种业", "人才": "人才|干部|培训|教育", "文化": "文化|文明|宣传",
          "生态": "生态|环境|绿色|垃圾|污水|水资源|森林", "组织": "基层组织|党建|组织振兴|治理|党组织",
          "建设": "建设行动|基础设施|公共服务|农房|公路|厕所|危房|供水", "改革": "改革|集体经济|土地|产权",
          "保障": "投入|资金|用地|金融|保险|财政", "考核": "考核|督查|监督|评估", "报告": "报告|汇报", "问责": "追究|约谈|问责"}
LEVELS = ("市", "区", "乡镇", "村", "社会")
FONT = ["PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "sans-serif"]
ERROR_ANSWER = "抱歉，处理这个问题时出错了，请稍后再试或换个问法。"
CSS = ".cite-box {font-size: 0.95em; line-height: 1.7} footer {display: none !important}"


# -- login -------------------------------------------------------------------------------
def hash_password(password: str, salt: str | None = None) -> tuple[str, str]:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=2 ** 14, r=8, p=1).hex()
    return salt, digest


def add_user(path: Path, name: str, password: str) -> None:
    """Add or replace a user in the auth file (salted scrypt hashes, never the password)."""
    from .files import write_atomic

    users = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"users": []}
    salt, digest = hash_password(password)
    users["users"] = [u for u in users["users"] if u["name"] != name] + [{"name": name, "salt": salt, "hash": digest}]
    write_atomic(path, json.dumps(users, ensure_ascii=False, indent=1))


def authenticator(path: Path):
    """A gradio auth callable over the users file."""
    users = {u["name"]: u for u in json.loads(Path(path).read_text(encoding="utf-8"))["users"]}

    def check(name: str, password: str) -> bool:
        user = users.get(name)
        return bool(user) and hmac.compare_digest(hash_password(password, user["salt"])[1], user["hash"])
    return check


# -- the app -----------------------------------------------------------------------------
class App:
    """The tools the tabs use, opened once."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.toolbox = Toolbox(Retriever(open_index(settings)))
        self.corpus = self.toolbox.corpus
        self.answerer = make_answerer(self.toolbox, settings)
        self.mode = "大模型" if settings.llm_base_url and settings.llm_model else "离线"
        self.out_dir = Path(tempfile.mkdtemp(prefix="assistant-ui-"))

    def warm_up(self) -> None:
        """Load the embedding model, Chroma and jieba (about 2 s) in the background, after the page
        is served; a question asked meanwhile simply waits for them."""
        import threading

        threading.Thread(target=self.answer, args=("区委书记每季度要听几次汇报",), daemon=True).start()

    def answer(self, question: str, history: list[dict] | None = None) -> dict:
        try:
            return self.answerer.ask(question, history or []).as_dict()
        except AssistantError as exc:
            return {"answer": exc.message, "citations": [], "found": False, "mode": "grounded"}
        except Exception:  # shown in Chinese, details only in the server log
            log.exception("ask failed")
            return {"answer": ERROR_ANSWER, "citations": [], "found": False, "mode": "grounded"}

    def cite_label(self, c: dict) -> str:
        return self.corpus.doc(c["doc_id"]).cite(c["article"], c["item"])

    def article_markdown(self, doc_id: str, article: int, item: int | None = None) -> str:
        doc = self.corpus.doc(doc_id)
        place = doc.article(article)
        note = "" if place.label == place.canonical_label else f"\n\n> 原文印为“{place.label}”，按条文顺序应为“{place.canonical_label}”。"
        lines = []
        for paragraph in place.paragraphs:
            lines.append(f"**{paragraph}**" if item and place.item(item) and place.item(item).text.split("\n")[0] in paragraph else paragraph)
        return f"### 《{doc.title}》{place.canonical_label}\n{place.chapter}{note}\n\n" + "\n\n".join(lines)

    def matrix(self) -> tuple[list[str], list[list[int]], list[str]]:
        """Subjects (rows) × themes (columns): how many of a subject's duties touch each theme."""
        import re

        from .duties import duty_book

        book = duty_book(self.corpus)
        rows, names = [], []
        for level in LEVELS:
            for subject in (s for s in subjects() if s.level == level):
                duties = [d for d in book.duties([subject.name]) if d.source != "inherited"]  # its own, not 市有关部门's
                if not duties:
                    continue
                counts = [sum(1 for d in duties if re.search(pattern, d.text)) for pattern in THEMES.values()]
                if sum(counts):
                    names.append(f"{level}｜{subject.name}")
                    rows.append(counts)
        return names, rows, list(THEMES)


def matrix_png(names: list[str], rows: list[list[int]], themes: list[str], path: Path) -> Path:
    """The responsibility map as a PNG heat map (Pillow, a local CJK font if one is installed)."""
    from PIL import Image, ImageDraw, ImageFont

    font = None
    for candidate in ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"):
        if Path(candidate).exists():
            font = ImageFont.truetype(candidate, 16)
            break
    font = font or ImageFont.load_default()
    left, top, cell = 330, 60, 54
    image = Image.new("RGB", (left + cell * len(themes) + 20, top + cell * len(names) + 20), "white")
    draw = ImageDraw.Draw(image)
    draw.text((10, 15), "乡村振兴责任图谱：各责任主体在各主题上的职责条数", fill="black", font=font)
    peak = max((v for r in rows for v in r), default=1) or 1
    for j, theme in enumerate(themes):
        draw.text((left + j * cell + 10, top - 25), theme, fill="black", font=font)
    for i, (name, row) in enumerate(zip(names, rows)):
        draw.text((10, top + i * cell + 16), name[:20], fill="black", font=font)
        for j, value in enumerate(row):
            shade = int(235 - 180 * value / peak)
            box = [left + j * cell, top + i * cell, left + (j + 1) * cell - 4, top + (i + 1) * cell - 4]
            draw.rectangle(box, fill=(shade, shade + 10 if shade < 245 else 255, 255) if value else (245, 245, 245))
            if value:
                draw.text((box[0] + 18, box[1] + 16), str(value), fill="black", font=font)
    image.save(path)
    return path


def build(settings: Settings):
    """The gradio Blocks app."""
    import gradio as gr

    app = App(settings)
    app.warm_up()
    with gr.Blocks(title="乡村振兴责任制助手") as demo:
        gr.Markdown(f"## 乡村振兴责任制助手　<small>当前模式：**{app.mode}**｜依据《北京市乡村振兴责任制实施细则》《乡村振兴促进法》</small>")
        for title, render in (("智能问答", _chat_tab), ("职责清单", _checklist_tab), ("学习测验", _quiz_tab),
                              ("条文查阅", _browse_tab), ("引用核验", _verify_tab), ("责任图谱", _map_tab)):
            with gr.Tab(title):
                render(gr, app)
    demo.queue(default_concurrency_limit=int(os.environ.get("ASSISTANT_UI_CONCURRENCY", "8")),
               max_size=int(os.environ.get("ASSISTANT_UI_QUEUE", "64")))
    return demo


def _chat_tab(gr, app: App) -> None:
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(label="对话", height=460, elem_id="chat")
            box = gr.Textbox(label="您的问题", placeholder="例如：区委书记每季度要听几次乡村振兴汇报？", elem_id="question",
                             max_length=app.settings.max_query_chars)
            with gr.Row():
                send = gr.Button("提问", variant="primary", elem_id="send")
                clear = gr.Button("清空对话")
            gr.Examples(EXAMPLES, inputs=box, label="猜你想问")
        with gr.Column(scale=2):
            picker = gr.Radio(label="本次回答引用的条文（点击查看全文）", choices=[], elem_id="citations")
            article = gr.Markdown("点击左侧回答中引用的条文，在这里查看全文。", elem_classes="cite-box", elem_id="article")
    history = gr.State([])
    places = gr.State({})

    def respond(question, chat, turns):
        result = app.answer(question, turns)
        chat = chat + [{"role": "user", "content": question}, {"role": "assistant", "content": result["answer"]}]
        turns = turns + [{"role": "user", "content": question},
                         {"role": "assistant", "content": result["answer"], "citations": result["citations"]}]
        mapping = {app.cite_label(c): c for c in result["citations"]}
        return chat, turns, gr.update(choices=list(mapping), value=None), mapping, ""

    def show(label, mapping):
        if not label or label not in mapping:
            return gr.update()
        c = mapping[label]
        return app.article_markdown(c["doc_id"], c["article"], c["item"])

    for trigger in (send.click, box.submit):
        trigger(respond, [box, chatbot, history], [chatbot, history, picker, places, box], api_name=False)
    picker.change(show, [picker, places], article, api_name=False)
    clear.click(lambda: ([], [], gr.update(choices=[], value=None), {}), None, [chatbot, history, picker, places], api_name=False)

    def ask(question: str) -> str:
        """Question in, answer text with citations out."""
        return app.answer(question)["answer"]
    hidden_q = gr.Textbox(visible=False)
    hidden_a = gr.Textbox(visible=False)
    gr.Button(visible=False).click(ask, hidden_q, hidden_a, api_name="ask")


def _checklist_tab(gr, app: App) -> None:
    with gr.Row():
        role = gr.Dropdown(ROLES, value="区委书记", allow_custom_value=True, label="角色（可输入常用称呼）", elem_id="role")
        period = gr.Radio(["全部", "年度", "季度", "任期"], value="全部", label="周期")
        go = gr.Button("生成清单", variant="primary", elem_id="make-checklist")
    status = gr.Markdown()
    table = gr.Dataframe(headers=["类别", "任务", "频次", "出处"], interactive=False, wrap=True, elem_id="checklist-table")
    files = gr.File(label="下载（xlsx、docx、md、ics）", file_count="multiple", elem_id="checklist-files")

    def make(role_name, period_name):
        try:
            checklist = build_checklist(role_name, app.corpus, None if period_name == "全部" else period_name)
        except AssistantError as exc:
            return f"**提示**：{exc.message}", [], None
        rows = [[i["group"], i["task"], "、".join(i["frequencies"]) or "—", i["citation"]] for i in checklist["items"]]
        folder = Path(tempfile.mkdtemp(dir=app.out_dir))
        paths = [str(export_checklist(checklist, fmt, folder / f"{role_name}职责清单.{fmt}")) for fmt in ("xlsx", "docx", "md", "ics")]
        return f"“{role_name}”对应：{'、'.join(checklist['subjects'])}，共 {len(rows)} 项。", rows, paths
    go.click(make, [role, period], [status, table, files], api_name="checklist")


def _quiz_tab(gr, app: App) -> None:
    from .paper import export as export_paper
    from .quiz import generate_quiz

    with gr.Row():
        scope = gr.Dropdown(["all", "beijing-rules", "promotion-law", "第二章", "第三章", "第五章"], value="all",
                            allow_custom_value=True, label="范围（可输入章、条，如 第九条）")
        count = gr.Slider(1, 30, value=5, step=1, label="题数")
        kinds = gr.CheckboxGroup([("单选", "single"), ("多选", "multiple"), ("判断", "judge"), ("填空", "fill")],
                                 value=["single", "multiple", "judge", "fill"], label="题型")
        level = gr.Radio(["不限", "易", "中", "难"], value="不限", label="难度")
    make = gr.Button("出题", variant="primary", elem_id="make-quiz")
    paper = gr.Markdown(elem_id="quiz-paper")
    answers = gr.Dataframe(headers=["题号", "你的答案"], datatype=["number", "str"], interactive=True, elem_id="quiz-answers",
                           label="在“你的答案”一列作答：选择题填字母（如 B 或 ACD），判断题填 对/错，填空题填词语")
    submit = gr.Button("交卷", elem_id="submit-quiz")
    result = gr.Markdown(elem_id="quiz-result")
    files = gr.File(label="下载试卷与答案", file_count="multiple")
    state = gr.State({})

    def create(scope_value, n, types, difficulty):
        try:
            quiz = generate_quiz(app.corpus, n=int(n), types=types or None,
                                 difficulty=None if difficulty == "不限" else difficulty, scope=scope_value)
        except AssistantError as exc:
            return f"**提示**：{exc.message}", [], {}, None, ""
        for q in quiz["questions"]:
            q["citation"] = app.corpus.doc(q["cite"]["doc_id"]).cite(q["cite"]["article"], q["cite"]["item"])
        lines = []
        for number, q in enumerate(quiz["questions"], start=1):
            options = "\n".join(f"- {'ABCDEFGH'[i]}. {o}" for i, o in enumerate(q["options"])) if q["type"] in ("single", "multiple") else ""
            lines.append(f"**{number}.**（{ {'single': '单选', 'multiple': '多选', 'judge': '判断', 'fill': '填空'}[q['type']] }）{q['stem']}\n{options}")
        folder = Path(tempfile.mkdtemp(dir=app.out_dir))
        paths = [str(p) for fmt in ("docx", "xlsx", "md") for p in export_paper(quiz, fmt, folder / f"测验-{quiz['seed']}.{fmt}")]
        return "\n\n".join(lines), [[i, ""] for i in range(1, len(lines) + 1)], quiz, paths, ""

    def grade(table, quiz):
        if not quiz:
            return "请先出题。"
        given = {}
        rows = table.values.tolist() if hasattr(table, "values") else table
        for row in rows:
            if row and str(row[0]).strip():
                given[int(float(row[0]))] = str(row[1] or "").strip().upper().replace(" ", "")
        score, lines = 0, []
        for number, q in enumerate(quiz["questions"], start=1):
            expected = str(q["answer"]).upper()
            mine = given.get(number, "")
            ok = mine == expected or (q["type"] == "multiple" and sorted(mine) == sorted(expected))
            score += ok
            lines.append(f"{'【对】' if ok else '【错】'} **第{number}题** 你的答案：{mine or '未作答'}；正确答案：{q['answer']}\n\n{q['explanation']}")
        return f"### 得分：{score} / {len(quiz['questions'])}\n\n" + "\n\n".join(lines)

    make.click(create, [scope, count, kinds, level], [paper, answers, state, files, result], api_name="quiz")
    submit.click(grade, [answers, state], result, api_name=False)


def _browse_tab(gr, app: App) -> None:
    docs = [(f"《{d.title}》", d.doc_id) for d in app.corpus.loaded_documents()]
    with gr.Row():
        doc = gr.Dropdown(docs, value="beijing-rules", label="文件")
        chapter = gr.Dropdown(["全部章"] + _chapters(app, "beijing-rules"), value="全部章", label="章")
        article = gr.Dropdown(label="条文", choices=_article_choices(app, "beijing-rules"), value=1)
    text = gr.Markdown(app.article_markdown("beijing-rules", 1), elem_id="browse-text")
    query = gr.Textbox(label="在条文中搜索", placeholder="例如：菜篮子、约谈、每季度")
    hits = gr.Markdown()

    def pick_doc(d):
        return gr.update(choices=["全部章"] + _chapters(app, d), value="全部章"), gr.update(choices=_article_choices(app, d), value=1)

    def pick_chapter(d, c):
        choices = _article_choices(app, d, None if c == "全部章" else c)
        return gr.update(choices=choices, value=choices[0][1] if choices else None)
    doc.change(pick_doc, doc, [chapter, article], api_name=False)
    chapter.change(pick_chapter, [doc, chapter], article, api_name=False)
    article.change(lambda d, a: app.article_markdown(d, int(a)) if a else gr.update(), [doc, article], text, api_name="article")

    def search(q):
        try:
            results = app.toolbox.search_regulations(q, k=8)
        except AssistantError as exc:
            return exc.message
        return "\n\n".join(f"**{r['cite']}**：{r['text'][:160]}" for r in results)
    query.submit(search, query, hits, api_name="search")


def _chapters(app: App, doc_id: str) -> list[str]:
    return list(dict.fromkeys(a.chapter for a in app.corpus.doc(doc_id).articles if a.chapter))


def _article_choices(app: App, doc_id: str, chapter: str | None = None) -> list[tuple[str, int]]:
    doc = app.corpus.doc(doc_id)
    out = []
    for a in (a for a in doc.articles if chapter is None or a.chapter == chapter):
        printed = "" if a.label == a.canonical_label else f"（原文印为{a.label}）"
        out.append((f"{a.canonical_label}{printed} {a.text[:18]}…", a.number))
    return out


def _verify_tab(gr, app: App) -> None:
    draft = gr.Textbox(label="粘贴讲话稿、报告等草稿", lines=8, elem_id="draft",
                       placeholder="例如：根据《细则》第九条第（二）项，区委书记每季度至少听取1次汇报；根据细则第三十条……")
    go = gr.Button("核验引用", variant="primary", elem_id="verify")
    report = gr.HTML(elem_id="verify-report")

    def check(text):
        from html import escape

        if not text or not text.strip():
            return "<p>请先粘贴要核验的文字。</p>"
        if len(text) > 20000:
            return "<p>文字过长（上限 20000 字），请分段核验。</p>"
        rows = []
        for c in app.toolbox.verify_citations(text):
            ok = c["exists"]
            status = "<b style='color:#167c3a'>正确</b>" if ok else f"<b style='color:#b42318'>有误</b>：{escape(c.get('problem', '不存在'))}"
            body = escape(c.get("text", ""))[:400]
            style = "" if ok else " style='background:#fde8e8'"
            rows.append(f"<tr{style}><td>{escape(c['raw'])}</td><td>{escape(c.get('cite', ''))}</td><td>{status}</td><td>{body}</td></tr>")
        if not rows:
            return "<p>未发现条文引用。</p>"
        return ("<table><tr><th>原文中的引用</th><th>规范出处</th><th>核验</th><th>条文原文</th></tr>" + "".join(rows) + "</table>")
    go.click(check, draft, report, api_name="verify")


def _map_tab(gr, app: App) -> None:
    names, rows, themes = app.matrix()
    header = "<tr><th>层级｜责任主体</th>" + "".join(f"<th>{t}</th>" for t in themes) + "</tr>"
    peak = max((v for r in rows for v in r), default=1) or 1
    body = "".join("<tr><td>" + n + "</td>" + "".join(
        f"<td style='text-align:center;background:rgba(30,100,200,{0.1 + 0.8 * v / peak if v else 0})'>{v or ''}</td>" for v in r)
        + "</tr>" for n, r in zip(names, rows))
    gr.Markdown("各层级责任主体在各主题上的职责条数（颜色越深越多），依据细则条文自动统计。")
    gr.HTML(f"<table>{header}{body}</table>", elem_id="map")
    image = matrix_png(names, rows, themes, app.out_dir / "责任图谱.png")
    gr.File(value=str(image), label="下载图片")


def launch(settings: Settings, host: str, port: int, root_path: str | None, auth_file: str | None, **kwargs):
    import gradio as gr

    """Build and launch; blocks unless prevent_thread_lock=True is passed (tests). Returns the Blocks."""
    demo = build(settings)
    auth = authenticator(Path(auth_file)) if auth_file else None
    demo.launch(server_name=host, server_port=port, root_path=root_path or None, auth=auth,
                       auth_message="请输入用户名和密码" if auth else None, show_error=False,
                       theme=gr.themes.Soft(font=FONT, font_mono=["monospace"]), css=CSS,
                       footer_links=[], allowed_paths=[str(tempfile.gettempdir())], **kwargs)
    return demo


__all__ = ["App", "add_user", "authenticator", "build", "launch", "matrix_png", "resolve_role"]
