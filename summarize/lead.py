"""The lead baseline: the first sentences of the cleaned article (news put the essential first).

Only whole, complete sentences are taken with `--sentences N` (a cut sentence or a boilerplate
line is skipped). With a word budget the lead is cut to the budget: sentences in order while
they fit whole, then the next one cut to the words left (`budget.cut_words`: at a clause mark
when one is near the end, marked with an ellipsis), so that a word budget is never exceeded and
is filled as a plain "first N words" baseline would fill it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from precis.summarize.base import METHODS, Chosen, Document, Length, MethodResult, fit_in_order
from precis.summarize.budget import cut_words


@METHODS.register("lead")
class Lead:
    name: ClassVar[str] = "lead"
    uses_model: ClassVar[bool] = False

    def __init__(self, **options: Any) -> None:
        if options:
            raise TypeError(f"the lead method takes no options (got {sorted(options)})")

    def summarize(self, doc: Document, length: Length) -> MethodResult:
        candidates = [s for s in doc.sentences if s.selectable]
        budget = length.max_words(doc.words)
        if budget is not None:
            return _cut_lead(candidates, budget)
        chosen, notes = fit_in_order(candidates, length, doc.words, prefix=True)
        return MethodResult(
            text=" ".join(s.text for s in chosen),
            sentences=tuple(Chosen(s.text, s.position, None, s.paragraph) for s in chosen),
            notes=tuple(notes),
        )


def _cut_lead(candidates: list[Any], budget: int) -> MethodResult:
    chosen: list[Chosen] = []
    notes: list[str] = []
    room = budget
    for s in candidates:
        if s.words <= room:
            chosen.append(Chosen(s.text, s.position, None, s.paragraph))
            room -= s.words
            continue
        if room > 0:
            text, _ = cut_words(s.text, room)
            chosen.append(Chosen(text, s.position, None, s.paragraph))
            notes.append(
                f"sentence {s.position + 1} cut to the {budget}-word budget ({s.words} words; "
                "marked …)"
            )
        break
    return MethodResult(" ".join(c.text for c in chosen), tuple(chosen), notes=tuple(notes))
