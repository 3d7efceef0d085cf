"""The lead baseline: the first sentences of the cleaned article (news put the essential first).

Only whole sentences are taken (a cut sentence or a boilerplate line is skipped); with a word
budget, sentences are taken in order until the next one would not fit, at least one.
"""

from __future__ import annotations

from typing import Any, ClassVar

from precis.summarize.base import METHODS, Chosen, Document, Length, MethodResult, fit_in_order


@METHODS.register("lead")
class Lead:
    name: ClassVar[str] = "lead"
    uses_model: ClassVar[bool] = False

    def __init__(self, **options: Any) -> None:
        if options:
            raise TypeError(f"the lead method takes no options (got {sorted(options)})")

    def summarize(self, doc: Document, length: Length) -> MethodResult:
        candidates = [s for s in doc.sentences if s.selectable]
        chosen, notes = fit_in_order(candidates, length, doc.words, prefix=True)
        return MethodResult(
            text=" ".join(s.text for s in chosen),
            sentences=tuple(Chosen(s.text, s.position, None, s.paragraph) for s in chosen),
            notes=tuple(notes),
        )
