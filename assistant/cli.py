"""`python -m assistant …`: a thin command line over the corpus, index, retrieval and evaluation.

With --json every command prints exactly one JSON document on stdout; errors go to stderr in
Chinese with a non-zero exit code (2 bad input, 3 not found, 4 index missing, 1 other).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from .config import PROJECT_ROOT, Settings
from .errors import AssistantError, InputError


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Chinese and our exit code for bad input."""

    def error(self, message: str) -> None:  # noqa: D401
        self.print_usage(sys.stderr)
        print(f"参数错误：{message}。用 -h 查看用法。", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="输出一个 JSON 文档")
    common.add_argument("--index-dir", type=Path, help="索引目录（默认 index/，或 ASSISTANT_INDEX_DIR）")
    common.add_argument("--corpus-dir", type=Path, help="语料目录（默认 corpus/，或 ASSISTANT_CORPUS_DIR）")
    common.add_argument("--embedder", choices=["use", "st"], help="嵌入模型：use（默认）或 st（本地目录）")
    common.add_argument("--st-model", type=Path, help="sentence-transformers 模型的本地目录")
    common.add_argument("--no-auto-build", action="store_true", help="索引缺失或过期时报错而不自动构建")

    parser = _Parser(prog="python -m assistant", description="乡村振兴责任制助手（离线）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("build", parents=[common], help="解析语料并构建索引")
    sub.add_parser("corpus", parents=[common], help="语料报告：文件、条文、异常与校正")
    p = sub.add_parser("ingest", parents=[common], help="导入用户提供的条文文本（txt、md、docx）")
    p.add_argument("file", type=Path)
    p.add_argument("--doc-id", required=True, help="文件编号，如 party-regulation、central-measures")
    p.add_argument("--title", help="新文件的标题（未登记的编号必填）")
    p = sub.add_parser("search", parents=[common], help="检索条文")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5, help="返回条数（默认 5）")
    p.add_argument("--mode", choices=["hybrid", "bm25", "dense"], default="hybrid", help=argparse.SUPPRESS)
    p = sub.add_parser("ask", parents=[common], help="提问：简短回答，引用条文原文并注明出处")
    p.add_argument("question")
    p = sub.add_parser("duties", parents=[common], help="某个角色的全部职责及频次")
    p.add_argument("role", help="角色或常用称呼，如 区委书记、镇长、村支书、财政局")
    p = sub.add_parser("checklist", parents=[common], help="为某个角色生成职责清单并导出")
    p.add_argument("role", help="角色或常用称呼，如 区委书记、镇长、村支书、财政局、农领办")
    p.add_argument("--period", choices=["年度", "季度", "任期"], help="只保留该周期内的经常性职责")
    p.add_argument("--format", default="json", choices=["json", "md", "xlsx", "docx", "ics"], help="导出格式（默认 json）")
    p.add_argument("-o", "--output", type=Path, help="输出文件（xlsx、docx、ics 必填）")
    p = sub.add_parser("quiz", parents=[common], help="生成学习测验（单选、多选、判断、填空）并导出")
    p.add_argument("-n", type=int, default=10, help="题数（默认 10）")
    p.add_argument("--seed", type=int, help="随机种子：同一种子得到同一份试卷")
    p.add_argument("--scope", default="all", help="范围：beijing-rules、promotion-law、all，或章/条列表如 第五章,第九条")
    p.add_argument("--types", help="题型，逗号分隔：single,multiple,judge,fill")
    p.add_argument("--difficulty", choices=["易", "中", "难"], help="难度")
    p.add_argument("--format", default="json", choices=["json", "md", "xlsx", "docx"], help="导出格式（默认 json）")
    p.add_argument("-o", "--output", type=Path, help="输出文件（md、docx 另生成“…-答案”文件）")
    p = sub.add_parser("show", parents=[common], help="查看某一条（或某一项）的原文")
    p.add_argument("doc_id")
    p.add_argument("article", help="条号：9、九 或 第九条")
    p.add_argument("--item", help="项号：2、二 或 （二）")
    p = sub.add_parser("eval", parents=[common], help="在评测集上计算检索指标")
    p.add_argument("--set", dest="sets", action="append", type=Path, help="评测文件（可重复；默认 evals/ 下全部评测集）")
    p.add_argument("--baseline", action="append", choices=["bm25", "dense"], default=[], help="同时测量基线")
    p.add_argument("--duties", type=Path, help="职责金标准文件（默认 evals/duties.jsonl）")
    p.add_argument("--tune", action="store_true", help="在给定评测集上网格搜索融合权重（仅用于开发集）")
    p = sub.add_parser("bench", parents=[common], help="性能基准：检索延迟、构建时间、冷启动、内存")
    p.add_argument("--runs", type=int, default=200, help="热检索次数（默认 200）")
    p = sub.add_parser("loadtest", parents=[common], help="网页界面并发压测（仅本机回环地址）")
    p.add_argument("--users", type=int, default=20, help="并发用户数（默认 20）")
    p.add_argument("--requests", type=int, default=5, help="每个用户的提问次数（默认 5）")
    return parser


def _settings(args) -> Settings:
    return Settings.from_env(index_dir=args.index_dir, corpus_dir=args.corpus_dir, embedder=args.embedder,
                             st_model_path=args.st_model, auto_build=False if args.no_auto_build else None)


def _emit(args, payload: dict, text: str) -> None:
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        print(text)


def _number(value: str, what: str) -> int:
    from .parse import cn_to_int

    cleaned = value.strip().strip("第条项（）() ")
    try:
        number = cn_to_int(cleaned)
    except Exception:
        raise InputError(f"{what}“{value}”无法识别，请写成数字（如 9）或汉字（如 九）。") from None
    if number < 1:
        raise InputError(f"{what}应为正整数，收到“{value}”。")
    return number


def cmd_build(args, settings: Settings) -> None:
    from .index import build

    manifest = build(settings, progress=(lambda m: print(m, file=sys.stderr)))
    _emit(args, manifest, f"完成：{manifest['chunks']} 个检索单元，用时 {manifest['build_seconds']} 秒。")


def cmd_corpus(args, settings: Settings) -> None:
    from .corpus import load_corpus, load_data

    corpus = load_corpus(settings)
    docs = [{"doc_id": d.doc_id, "title": d.title, "issuer": d.issuer, "date": d.date, "loaded": d.loaded,
             "articles": len(d.articles), "items": sum(len(a.items) for a in d.articles), "source": d.source}
            for d in corpus.documents.values()]
    anomalies = [a.as_dict() for a in corpus.anomalies]
    payload = {"fingerprint": corpus.fingerprint, "documents": docs, "anomalies": anomalies,
               "corrections": load_data("corrections.json")}
    lines = ["文件："]
    for d in docs:
        state = f"{d['articles']} 条，{d['items']} 项" if d["loaded"] else "仅元数据（正文未导入，可用 ingest 导入）"
        lines.append(f"  {d['doc_id']:<18}《{d['title']}》 {state}")
    names = {"fixed": "已处理", "warning": "提示", "error": "错误", "info": "信息"}
    lines.append(f"异常与校正（{len(anomalies)} 处）：")
    for a in corpus.anomalies:
        where = f"第{a.line}行" if a.line else ""
        lines.append(f"  [{names.get(a.level, a.level)}] {a.doc_id} {where} {a.message}")
    _emit(args, payload, "\n".join(lines))


def cmd_ingest(args, settings: Settings) -> None:
    from .index import build
    from .ingest import ingest

    summary = ingest(args.file, args.doc_id, settings, title=args.title)
    build(settings, progress=(lambda m: print(m, file=sys.stderr)))
    _emit(args, summary, f"已导入《{summary['title']}》：{summary['articles']} 条，{summary['items']} 项；索引已更新。")


def _retriever(settings: Settings):
    from .index import open_index
    from .retrieve import Retriever

    return Retriever(open_index(settings))


def cmd_search(args, settings: Settings) -> None:
    from .retrieve import clean_query

    query = clean_query(args.query, settings.max_query_chars)  # fail fast, before loading the index
    retriever = _retriever(settings)
    hits = retriever.search(query, k=args.k, mode=args.mode)
    payload = {"query": query, "hits": [h.as_dict(retriever.index.corpus) for h in hits]}
    lines = [f"“{query}”的检索结果："]
    for n, hit in enumerate(payload["hits"], start=1):
        text = hit["text"] if len(hit["text"]) <= 120 else hit["text"][:120] + "……"
        lines.append(f"{n}. {hit['cite']}  （{hit['score']:.2f}）\n   {text}")
    _emit(args, payload, "\n".join(lines))


def cmd_ask(args, settings: Settings) -> None:
    from .agent import make_answerer
    from .retrieve import clean_query
    from .tools import Toolbox

    clean_query(args.question, settings.max_query_chars)  # fail fast, before loading the index
    answer = make_answerer(Toolbox(_retriever(settings)), settings).ask(args.question)
    _emit(args, answer.as_dict(), answer.answer)


def cmd_duties(args, settings: Settings) -> None:
    from .corpus import load_corpus
    from .duties import describe, duties_for

    payload = duties_for(args.role, load_corpus(settings))
    lines = [f"“{args.role}”对应细则中的：{'、'.join(payload['subjects'])}"]
    if payload["note"]:
        lines.append(f"（{payload['note']}）")
    lines += [f"{n}. {describe(d)}" for n, d in enumerate(payload["duties"], start=1)]
    if payload["subject_to"]:
        lines.append("接受的考核、监督与问责：")
        lines += [f"- {s['kind']}：{s['note']}（{s['cite']}）" for s in payload["subject_to"]]
    _emit(args, payload, "\n".join(lines))


def cmd_checklist(args, settings: Settings) -> None:
    from .checklist import build_checklist, export, render
    from .corpus import load_corpus

    if args.format in ("xlsx", "docx", "ics") and not args.output:
        raise InputError(f"导出 {args.format} 文件时请用 -o 指定输出文件，例如 -o 清单.{args.format}")
    checklist = build_checklist(args.role, load_corpus(settings), period=args.period)
    if args.output:
        path = export(checklist, args.format, args.output)
        summary = {"role": checklist["role"], "subjects": checklist["subjects"], "format": args.format,
                   "output": str(path), "items": len(checklist["items"])}
        _emit(args, summary, f"已导出“{checklist['role']}”职责清单（{summary['items']} 项）：{path}")
        return
    if args.format == "json":
        _emit(args, checklist, render(checklist, "md"))
    else:
        print(render(checklist, args.format))


def cmd_quiz(args, settings: Settings) -> None:
    from .corpus import load_corpus
    from .paper import export, render
    from .quiz import generate_quiz

    if args.format in ("xlsx", "docx") and not args.output:
        raise InputError(f"导出 {args.format} 文件时请用 -o 指定输出文件，例如 -o 测验.{args.format}")
    corpus = load_corpus(settings)
    types = [t.strip() for t in args.types.split(",")] if args.types else None
    quiz = generate_quiz(corpus, n=args.n, seed=args.seed, types=types, difficulty=args.difficulty, scope=args.scope)
    for question in quiz["questions"]:
        cite = question["cite"]
        question["citation"] = corpus.doc(cite["doc_id"]).cite(cite["article"], cite["item"])
    if args.output:
        paths = export(quiz, args.format, args.output)
        summary = {"seed": quiz["seed"], "questions": len(quiz["questions"]), "format": args.format,
                   "outputs": [str(p) for p in paths]}
        _emit(args, summary, f"已生成 {summary['questions']} 道题（种子 {quiz['seed']}）：" + "、".join(summary["outputs"]))
        return
    if args.format == "json":
        _emit(args, quiz, render(quiz, "md") + "\n\n" + render(quiz, "md", key=True))
    else:
        print(render(quiz, args.format))


def cmd_show(args, settings: Settings) -> None:
    from .corpus import load_corpus

    corpus = load_corpus(settings)
    doc = corpus.doc(args.doc_id)
    number = _number(args.article, "条号")
    article = doc.article(number)
    item_no = _number(args.item, "项号") if args.item else None
    payload = {"doc_id": doc.doc_id, "title": doc.title, "article": article.number, "label": article.label,
               "canonical_label": article.canonical_label, "chapter": article.chapter, "item": item_no,
               "cite": doc.cite(article.number, item_no)}
    if item_no is not None:
        item = article.item(item_no)
        if item is None:
            from .errors import NotFoundError

            raise NotFoundError(f"{doc.cite(article.number)}没有第（{item_no}）项（共 {len(article.items)} 项）。")
        payload["text"] = item.text
        payload["lead_in"] = article.lead_in
    else:
        payload["text"] = article.text
        payload["items"] = [{"item": it.number, "label": it.label, "text": it.text} for it in article.items]
    from .corpus import related_places

    payload["related"] = [{"doc_id": d, "article": n, "cite": corpus.doc(d).cite(n)} for d, n in related_places(doc.doc_id, article.number)]
    note = "" if article.label == article.canonical_label else f"\n（原文印为“{article.label}”，按顺序规范为“{article.canonical_label}”。）"
    if payload["related"]:
        note += "\n相关条文：" + "、".join(r["cite"] for r in payload["related"])
    _emit(args, payload, f"{payload['cite']}  {article.chapter}\n{payload['text']}{note}")


def cmd_eval(args, settings: Settings) -> None:
    from .evals import DEFAULT_SETS, evaluate, format_table, tune

    paths = args.sets or [PROJECT_ROOT / p for p in DEFAULT_SETS if (PROJECT_ROOT / p).exists()]
    retriever = _retriever(settings)
    if args.tune:
        results = tune(retriever, paths)
        payload = {"best": [{"weights": w, "metrics": {k: v for k, v in m.items() if k != "by_type"}} for w, m in results[:10]]}
        text = "\n".join(f"{w} R@1 {m['recall@1']:.3f} R@5 {m['recall@5']:.3f} MRR {m['mrr']:.3f}" for w, m in results[:10])
        _emit(args, payload, text)
        return
    from .evals import DUTIES_GOLD

    report = evaluate(retriever, paths, baselines=args.baseline, duties=args.duties or PROJECT_ROOT / DUTIES_GOLD)
    _emit(args, report, format_table(report))


def cmd_bench(args, settings: Settings) -> None:
    from .bench import format_bench, run_bench

    report = run_bench(settings, runs=args.runs)
    _emit(args, report, format_bench(report))


def cmd_loadtest(args, settings: Settings) -> None:
    from .loadtest import format_load, run_load

    if not 1 <= args.users <= 200 or not 1 <= args.requests <= 100:
        raise InputError("并发用户数应在 1–200 之间，每个用户的提问次数应在 1–100 之间。")
    report = run_load(settings, users=args.users, requests=args.requests)
    _emit(args, report, format_load(report))


COMMANDS = {"build": cmd_build, "corpus": cmd_corpus, "ingest": cmd_ingest, "search": cmd_search, "ask": cmd_ask,
            "duties": cmd_duties, "checklist": cmd_checklist, "quiz": cmd_quiz,
            "show": cmd_show, "eval": cmd_eval, "bench": cmd_bench, "loadtest": cmd_loadtest}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = _settings(args)
        COMMANDS[args.command](args, settings)
        return 0
    except AssistantError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error
        sys.stdout = open(os.devnull, "w")
        return 0
    except Exception as exc:  # a traceback is a bug: say so plainly, keep details for the log
        print(f"内部错误（{type(exc).__name__}）：{exc}。这是程序缺陷，请把这条信息反馈给维护人员；"
              "设置 ASSISTANT_DEBUG=1 可看到详细信息。", file=sys.stderr)
        if os.environ.get("ASSISTANT_DEBUG"):
            traceback.print_exc()
        return 1
