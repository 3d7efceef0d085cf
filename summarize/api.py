"""The summarize entry points: one text, a list of one-line documents (folders: folder.py).

`summarize` runs dedup (boilerplate, duplicates, restatements) and then the chosen method on
what is left. An empty article (or one that is all boilerplate) gives an empty summary with a
note, not an error: in a `--lines` file an empty line is a document too. The CLI refuses empty
input files before they get here (`precis.io.read_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from precis.errors import InputError
from precis.summarize.base import METHODS, Document, Length, Summary
from precis.summarize.dedup import dedup

DEFAULT_METHOD = "extractive"

Progress = Callable[[int, int], None]


def make_method(method: str, model: str | None = None, **options: Any) -> Any:
    """An instance of a registered method (UnknownNameError lists the valid names)."""
    cls: Any = METHODS.get(method)  # a class: its constructor takes the method's options
    if cls.uses_model:
        return cls(model=model, **options)
    if model is not None:
        raise InputError(f"--model is used by model methods only; method {method!r} uses none")
    return cls(**options)


def summarize(
    text: str,
    *,
    method: str = DEFAULT_METHOD,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    model: str | None = None,
    html: bool | None = None,
    doc_format: str | None = None,
    dedup_options: dict[str, Any] | None = None,
    summarizer: Any | None = None,
    **options: Any,
) -> Summary:
    """Summarize one French article.

    `method`: a name of `METHODS` (lead, extractive, abstractive); `sentences` / `words` /
    `ratio`: the length (one of them; default `DEFAULT_SENTENCES` sentences); `model`: the
    model id or folder of model methods; `options`: method options (e.g. `mmr_lambda`);
    `summarizer`: an already built method instance (reused across documents).
    """
    length = Length.make(sentences, words, ratio)
    runner = summarizer or make_method(method, model, **options)
    result = dedup(text, html=html, doc_format=doc_format, **(dedup_options or {}))
    doc = Document.from_dedup(result)
    notes: list[str] = []
    if not doc.sentences:
        notes.append(
            "empty article: nothing to summarize"
            if not text.strip()
            else "nothing left after removing boilerplate: nothing to summarize"
        )
        return Summary(
            "",
            (),
            runner.name,
            getattr(runner, "model_name", None),
            length,
            result,
            notes=tuple(notes),
        )
    out = runner.summarize(doc, length)
    return Summary(
        text=out.text,
        sentences=out.sentences,
        method=runner.name,
        model=out.model,
        length=length,
        dedup=result,
        chunks=out.chunks,
        notes=out.notes,
        details={**out.details, "max_words": length.max_words(doc.words)},
    )


def summarize_lines(
    docs: list[str],
    *,
    method: str = DEFAULT_METHOD,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    model: str | None = None,
    progress: Progress | None = None,
    **options: Any,
) -> list[Summary]:
    """One summary per document (one document per line, as benchmark files are laid out)."""
    length = Length.make(sentences, words, ratio)  # validate once, before any work
    runner = make_method(method, model, **options)
    out: list[Summary] = []
    for i, doc in enumerate(docs):
        summary = summarize(
            doc,
            sentences=length.sentences,
            words=length.words,
            ratio=length.ratio,
            summarizer=runner,
            html=False,
        )
        out.append(summary)
        if progress:
            progress(i + 1, len(docs))
    return out
