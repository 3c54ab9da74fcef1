"""Lexical matching: jieba with the domain dictionary, character bigrams, and BM25 (rank-bm25)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

# Function words and question words that say nothing about which article answers.
STOPWORDS = frozenset("""
的 了 是 在 和 与 及 或 或者 以及 等 要 吗 呢 啊 呀 吧 么 嘛 啥 咋 什么 怎么 怎样 怎么样 如何 哪个 哪些 哪 哪里 谁 几 多少
有 没有 有没有 对 把 被 给 让 向 从 由 为 为了 这 那 这个 那个 这些 那些 个 一 上 下 中 里 其 之 也 都 还 就 又 再 很
时候 啥时候 什么时候 哪天 哪年 开始 拿来 干嘛 条款 条文 具体 到底 主要 平时 一般 情况 有关 相关 方面 内容 事 事情
我 我们 你 你们 他 他们 咱 咱们 俺 请问 一下 问 问下 想 知道 规定 讲 说 是不是 能不能 可以 需要 应该 应当 该 负责 管
一直 总是 老是 随便 专门 特别 这块 这块儿 那块 层面 之间 常说 听说 据说 平常 究竟 真的 其实 已经 现在 目前 还是 大概 好像
是否 能否 怎么办 咋办 体现 体现在 没人 有人 大家 人家 东西 这样 那样 这么 那么 一点 有点 得 着 过
自己 自家 家里 俺家 我家 同样 各有 允许 要求 任务 承担 本区 本镇 本村 好多 最近 目前 态度 看法 说法
俺们 好些 事儿 这事 意思 各是 呐 啦 概括 表述 描述 角色
区别 异同 不同 分别 文件 有何不同 一样 两者 这种 那种 这类 那类 此类
如果 假如 要是 的话 某 某个 某条 某些 某项 它 它们 她 她们 比如 例如 之类
各自 各管 各干 各担 各列 各有 分层 影响 本人 最后 出来 到时候 当上 刚当上 上任 新上任 新任 刚来 明显 特别是 这事儿 这件事 那件事
合规 合法吗 说得过去 邻居 后果 下场 头上 落到 儿子 闺女 女儿 大伙 大伙儿 担心 一大堆 当选 刚当选 摊子 大摊子 一大摊子 干点 下去 下来 整个 问问 天天 最怕 偷偷
关于 东城 东城区 西城 西城区 朝阳 朝阳区 海淀 海淀区 丰台 丰台区 石景山 石景山区 门头沟 门头沟区 房山 房山区 通州 通州区 顺义 顺义区 昌平 昌平区 大兴 大兴区 怀柔 怀柔区 平谷 平谷区 密云 密云区 延庆 延庆区
""".split())
_CJK = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+|\d+")


def write_dictionary(texts: list[str], path: Path, max_len: int = 8) -> int:
    """Write the part of jieba's dictionary whose words occur in `texts` (the corpus).

    jieba spends ~0.8 s per process loading its 350,000-word dictionary; the few thousand
    words that can occur in the regulations segment them (and questions about them) the same
    way and load in milliseconds. Words a question has that the corpus lacks could not match
    anything anyway; jieba's HMM still groups them. Returns the number of words kept."""
    import jieba

    pieces: set[str] = set()
    for text in texts:
        for n in range(1, max_len + 1):
            pieces.update(text[i:i + n] for i in range(len(text) - n + 1))
    kept = []
    with jieba.get_dict_file() as handle:
        for raw in handle:
            line = raw.decode("utf-8")
            if line.split(" ", 1)[0] in pieces:
                kept.append(line if line.endswith("\n") else line + "\n")
    path.write_text("".join(kept), encoding="utf-8")
    return len(kept)


class Tokenizer:
    """jieba on a given dictionary, plus the domain words; thread-safe lazy initialisation."""

    def __init__(self, dictionary: Path | None = None, cache_dir: Path | None = None, domain: bool = True):
        self._dictionary = dictionary
        self._cache_dir = cache_dir
        self._domain = domain
        self._tk = None
        self._lock = threading.Lock()

    def _jieba(self):
        if self._tk is None:
            with self._lock:
                if self._tk is None:
                    import jieba

                    jieba.setLogLevel(60)
                    tk = jieba.Tokenizer(str(self._dictionary)) if self._dictionary else jieba.Tokenizer()
                    if self._cache_dir is not None:
                        self._cache_dir.mkdir(parents=True, exist_ok=True)
                        tk.tmp_dir = str(self._cache_dir)
                    tk.initialize()
                    if self._domain:
                        words = resources.files("assistant").joinpath("data", "userdict.txt").read_text(encoding="utf-8")
                        for word in words.split():
                            tk.add_word(word)
                    self._tk = tk
        return self._tk

    def words(self, text: str) -> list[str]:
        """Search-mode jieba tokens (whole words and their sub-words), without stopwords."""
        tokens = self._jieba().lcut_for_search(text.lower())
        return [t for t in tokens if t not in STOPWORDS and _CJK.search(t)]


def bigrams(text: str) -> list[str]:
    """Overlapping character bigrams of each CJK run (single characters for one-char runs)."""
    out: list[str] = []
    for run in _CJK.findall(text.lower()):
        if not run[0].isascii() and len(run) > 1:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


class BM25:
    """BM25 over pre-tokenised documents (rank-bm25's Okapi variant)."""

    def __init__(self, corpus_tokens: list[list[str]]):
        from rank_bm25 import BM25Okapi

        self._bm25 = BM25Okapi(corpus_tokens)

    @property
    def idf(self) -> dict[str, float]:
        return self._bm25.idf

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        if not query_tokens:
            return np.zeros(self._bm25.corpus_size)
        return np.asarray(self._bm25.get_scores(query_tokens), dtype=float)


@lru_cache(maxsize=4)
def shared_tokenizer(dictionary: str | None, cache_dir: str | None = None) -> Tokenizer:
    return Tokenizer(Path(dictionary) if dictionary else None, Path(cache_dir) if cache_dir else None)
