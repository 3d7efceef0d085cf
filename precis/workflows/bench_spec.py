"""`precis bench`, part 1: what to run. Systems from spec strings, tasks from a corpus.

A system is a spec string `NAME=KIND[:key=value,...]`:
- a summarizer method (`lead:sentences=2`, `extractive:words=35`, `abstractive:model=PATH`),
- a translation backend (`apertium`, `transformers:model=PATH`, `ctranslate2:model=PATH`),
- `file:PATH`: existing outputs, one per line, aligned with the corpus (published systems).
The first system is the baseline of the paired significance tests.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from precis.errors import InputError, UnknownNameError
from precis.io import check_same_length, read_lines, read_text

if TYPE_CHECKING:
    from precis.eval.base import Score
    from precis.eval.compare import PairedResult

LOWER_IS_BETTER = {"TER"}



DEFAULT_SUMMARY_SYSTEMS = (
    "lead-1=lead:sentences=1",
    "lead-2=lead:sentences=2",
    "lead-3=lead:sentences=3",
    "extractive=extractive:words=35",
    "extractive-whole=extractive:words=35,compress=false",
)
# Each word budget of a summarizer also gets the lead cut to it (a length-fair baseline).
FAIR_LEAD = "lead@{words}=lead:words={words}"



DEFAULT_TRANSLATION_SYSTEMS = ("auto=auto",)



FILE_KIND = "file"



@dataclass(frozen=True)
class SystemSpec:
    name: str
    kind: str  # a summarizer method, a translation backend, or "file"
    task: str  # "summarize" | "translate"
    options: dict[str, str] = field(default_factory=dict)

    @property
    def spec(self) -> str:
        if self.kind == FILE_KIND:
            return f"{FILE_KIND}:{Path(self.options['path']).name}"
        opts = ",".join(f"{k}={v}" for k, v in self.options.items())
        return f"{self.kind}:{opts}" if opts else self.kind



@dataclass(frozen=True)
class BenchTask:
    task: str
    lang: str
    sources: list[str]
    references: list[str]
    doc_ids: list[str]
    published: dict[str, Path] = field(default_factory=dict)



def _task_of(kind: str) -> str:
    from precis.summarize import METHODS
    from precis.translate import BACKENDS

    if kind in METHODS:
        return "summarize"
    if kind in BACKENDS or kind == "auto":
        return "translate"
    raise UnknownNameError(
        "system kind", kind, [*METHODS.names(), *BACKENDS.names(), "auto", FILE_KIND]
    )



def parse_system(text: str, *, default_task: str | None = None) -> SystemSpec:
    """`NAME=KIND:k=v,k=v` or `KIND:...` (named after itself) or `file:PATH`."""
    name, sep, spec = text.partition("=")
    if not sep or ":" in name:
        name, spec = text, text
    kind, _, rest = spec.partition(":")
    kind = kind.strip()
    if kind == FILE_KIND:
        if not rest:
            raise InputError(f"system {text!r}: file: needs a path (file:outputs.txt)")
        task = default_task or "summarize"
        return SystemSpec(name=name, kind=FILE_KIND, task=task, options={"path": rest})
    options: dict[str, str] = {}
    for item in filter(None, rest.split(",")):
        key, eq, value = item.partition("=")
        if not eq:
            raise InputError(f"system {text!r}: option {item!r} is not key=value")
        options[key.strip()] = value.strip()
    return SystemSpec(name=name, kind=kind, task=_task_of(kind), options=options)



def load_tasks(corpus: str | Path, *, limit: int | None = None) -> tuple[str, list[BenchTask]]:
    """The tasks a corpus supports, from the registry name or a folder in the corpus layout."""
    from precis import corpora

    path = Path(corpus)
    if path.is_dir():
        return str(path), _folder_tasks(path, limit)
    entry = corpora.require(str(corpus))
    if entry.kind == "folder":
        return entry.name, _folder_tasks(entry.paths["path"], limit)
    sources = read_lines(entry.paths["source"])
    references = read_lines(entry.paths["reference"])
    check_same_length(
        {str(entry.paths["source"]): sources, str(entry.paths["reference"]): references}
    )
    n = len(sources) if limit is None else min(limit, len(sources))
    ids = [f"{i + 1}" for i in range(n)]
    task = "summarize" if entry.kind == "summaries" else "translate"
    lang = "fr" if task == "summarize" else "en"
    published = {name: p for name, p in entry.systems.items() if p.exists()}
    return entry.name, [BenchTask(task, lang, sources[:n], references[:n], ids, published)]



def _folder_tasks(root: Path, limit: int | None) -> list[BenchTask]:
    from precis import corpora
    from precis.summarize import split_paragraphs

    folders = corpora.document_folders(root)[:limit]
    if not folders:
        raise InputError(f"{root}: no article.fr.txt below this folder (see corpora/README.md)")
    sums: tuple[list[str], list[str], list[str]] = ([], [], [])
    trans: tuple[list[str], list[str], list[str]] = ([], [], [])
    for folder in folders:
        doc_id = str(folder.relative_to(root)) if folder != root else folder.name
        article = read_text(folder / "article.fr.txt")
        if (folder / "summary.fr.txt").exists():
            sums[0].append(article)
            sums[1].append(" ".join(read_text(folder / "summary.fr.txt").split()))
            sums[2].append(doc_id)
        if (folder / "article.en.txt").exists():
            fr = split_paragraphs(article)
            en = split_paragraphs(read_text(folder / "article.en.txt"))
            if len(fr) == len(en):  # paragraph-aligned translation pairs
                for i, (src, ref) in enumerate(zip(fr, en, strict=True)):
                    trans[0].append(" ".join(src.split()))
                    trans[1].append(" ".join(ref.split()))
                    trans[2].append(f"{doc_id}#{i + 1}")
    tasks = []
    if sums[0]:
        tasks.append(BenchTask("summarize", "fr", *sums))
    if trans[0]:
        tasks.append(BenchTask("translate", "en", *trans))
    return tasks



def system_specs(systems: list[str] | None, by_task: dict[str, BenchTask]) -> list[SystemSpec]:
    default_task = next(iter(by_task))
    if not systems:
        systems = []
        if "summarize" in by_task:
            systems += list(DEFAULT_SUMMARY_SYSTEMS)
            systems += [f"{n}=file:{p}" for n, p in by_task["summarize"].published.items()]
        if "translate" in by_task:
            systems += list(DEFAULT_TRANSLATION_SYSTEMS)
    specs = [parse_system(s, default_task=default_task) for s in systems]
    specs += fair_leads(specs)
    for spec in specs:
        if spec.task not in by_task:
            raise InputError(
                f"system {spec.name} is a {spec.task} system but the corpus has no "
                f"{spec.task} references (it supports: {', '.join(by_task)})"
            )
    names = [s.name for s in specs]
    if len(set(names)) != len(names):
        raise InputError(f"system names must be unique: {', '.join(names)}")
    return specs



@dataclass(frozen=True)
class SystemResult:
    """One system on one task: its scores (with intervals) and its tests against the first."""

    name: str
    spec: str
    task: str
    scores: tuple[Score, ...]
    per_document: list[dict[str, Any]]  # {"document": id, metric name: value, ...}
    seconds: float
    significance: tuple[PairedResult, ...] = ()
    mean_words: float | None = None  # mean words of the outputs (summaries: length-fair view)
    budget: int | None = None  # the --words budget the system ran under, if any

    def score(self, name: str) -> Score:
        return next(s for s in self.scores if s.name == name)

    def test(self, metric: str) -> PairedResult | None:
        return next((r for r in self.significance if r.metric == metric), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "spec": self.spec,
            "task": self.task,
            "scores": [s.to_dict() for s in self.scores],
            "per_document": list(self.per_document),
            "seconds": self.seconds,
            "significance": [r.to_dict() for r in self.significance],
            "mean_words": self.mean_words,
            "budget": self.budget,
        }



@dataclass(frozen=True)
class Leaderboard:
    corpus: str
    version: str
    n_documents: dict[str, int]
    main_metric: dict[str, str]
    systems: list[SystemResult]
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        return {**data, "systems": [r.to_dict() for r in self.systems]}


def fair_leads(specs: list[SystemSpec]) -> list[SystemSpec]:
    """The lead cut to each word budget of the summarizers, unless already there."""
    budgets = [s.options["words"] for s in specs if s.task == "summarize" and "words" in s.options]
    have = {s.options.get("words") for s in specs if s.kind == "lead"}
    names = {s.name for s in specs}
    extra = []
    for words in dict.fromkeys(budgets):
        spec = parse_system(FAIR_LEAD.format(words=words))
        if words not in have and spec.name not in names:
            extra.append(spec)
    return extra


def option_value(value: Any) -> Any:
    """A spec option as the method takes it: true/false as booleans, numbers as numbers."""
    if not isinstance(value, str):
        return value
    if value.lower() in {"true", "false"}:
        return value.lower() == "true"
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            pass
    return value
