"""precis: French news toolkit.

Remove an article's duplicated paragraphs and boilerplate, summarize it, translate French to
English, and score both against references with ROUGE, BLEU, chrF and TER.

The public API is imported lazily so that `import precis` (and `precis --help`) stays instant:

    >>> import precis
    >>> precis.summarize.dedup(text)            # DedupResult
    >>> precis.summarize.summarize(text)        # Summary
    >>> precis.translate.translate(["Bonjour"]) # list[str]
    >>> precis.eval.score(hyps, refs)           # Scores
    >>> precis.run(text)                        # RunReport
"""

from __future__ import annotations

import importlib
from typing import Any

from precis._version import __version__

__all__ = ["__version__", "eval", "run", "summarize", "translate"]

_SUBPACKAGES = {"summarize", "translate", "eval", "corpora"}


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"precis.{name}")
    if name == "run":
        return importlib.import_module("precis.workflows.run").run
    raise AttributeError(f"module 'precis' has no attribute {name!r}")
