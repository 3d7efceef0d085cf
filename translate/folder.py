"""`translate_folder`: the resumable folder job (`precis.jobs`) with a translating function.

`DocumentTranslator` is the per-document function: plain configuration until first called
(then it builds its Translator once), so it pickles cleanly and a Ray actor can hold one.
The fingerprint recorded in the manifest for every file is the backend's description (name,
model, revision, output-deciding options, signature): changing any of them redoes the files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from precis.errors import BackendUnavailableError, InputError, ModelError
from precis.jobs import DEFAULT_GLOBS, DocResult, FolderReport, JobProgress, run_job
from precis.translate.auto import DEFAULT_BACKEND, get_translator
from precis.translate.translator import Translator

FATAL_ERRORS = (ModelError, BackendUnavailableError)  # no file can succeed: stop the job


class DocumentTranslator:
    """`(text, relpath) -> DocResult({relpath: translation})`, structure preserved."""

    def __init__(
        self,
        backend: str = DEFAULT_BACKEND,
        model: str | None = None,
        *,
        cache: bool = False,
        options: Mapping[str, Any] | None = None,
        lang: str | None = None,
        strict_lang: bool = False,
    ) -> None:
        self.backend = backend
        self.model = model
        self.cache = cache
        self.lang = lang  # declared language: no check (precis.text.lang)
        self.strict_lang = strict_lang  # a file not in French fails
        self.options = {k: v for k, v in (options or {}).items() if v is not None}
        self._translator: Translator | None = None

    def load(self) -> Translator:
        if self._translator is None:
            self._translator = get_translator(
                self.backend, self.model, cache=self.cache, **self.options
            )
        return self._translator

    def fingerprint(self) -> dict[str, Any]:
        return {"task": "translate", **self.load().info.fingerprint()}

    def __call__(self, text: str, relpath: str) -> DocResult:
        from precis.formats.detect import detect
        from precis.text.lang import check_language

        fmt = detect(text, relpath).format  # HTML and Markdown keep their markup
        language = check_language(  # recorded per file (issue 14)
            text, declared=self.lang, strict=self.strict_lang, source=relpath
        )
        translator = self.load()
        before = translator.stats.pieces
        markup: dict[str, Any] = {}
        if fmt == "text":
            translated = translator.translate_document(text)
        else:
            from precis.translate.markup import translate_markup_with

            translated, stats = translate_markup_with(translator, text, fmt)
            markup = {"markup": stats.to_dict()}
        info = translator.info
        return DocResult(
            outputs={relpath: translated},
            units=translator.stats.pieces - before,
            meta={
                "backend": info.name,
                "model": info.model,
                "signature": info.signature,
                "format": fmt,
                **markup,
                "language": language.to_dict(),
            },
        )

    def close(self) -> None:
        if self._translator is not None:
            self._translator.close()
            self._translator = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_translator"] = None  # models and pipelines are rebuilt where it lands
        return state


def translate_folder(
    src: str | Path,
    out: str | Path,
    *,
    backend: str = DEFAULT_BACKEND,
    model: str | None = None,
    globs: Sequence[str] = DEFAULT_GLOBS,
    force: bool = False,
    encoding: str = "utf-8",
    cache: bool = False,
    progress: Callable[[JobProgress], None] | None = None,
    engine: str = "local",
    address: str | None = None,
    lang: str | None = None,
    strict_lang: bool = False,
    **options: Any,
) -> FolderReport:
    """Translate every matching file of `src` into the mirrored tree `out` (resumable).

    `engine`: "local" (this process) or "ray" (Ray Data actors; `address` of an existing
    cluster, else a local one is started for the job), see `precis.engines`. Each file's
    language is checked and recorded (`meta.language`); `strict_lang`: a file not in French
    fails; `lang`: declared, not checked.

    Returns the FolderReport of `precis.jobs.run_folder_job`; its `fingerprint` names the
    backend that ran. Model or backend errors stop the job; any other error fails one file.
    """
    if not Path(src).is_dir():  # before loading a model for nothing
        raise InputError(f"{src}: not a folder")
    document = DocumentTranslator(
        backend, model, cache=cache, options=options, lang=lang, strict_lang=strict_lang
    )
    try:
        fingerprint = document.fingerprint()
        return run_job(
            engine,
            src,
            out,
            document,
            fingerprint=fingerprint,
            globs=globs,
            force=force,
            encoding=encoding,
            progress=progress,
            fatal=FATAL_ERRORS,
            address=address,
        )
    finally:
        document.close()
