"""The `precis` command line: thin. Each command parses, calls one library function, formats.

Commands live in precis/cli/<area>.py modules; library imports happen inside the commands so that
`precis --help` stays instant. Any PrecisError becomes one red line on stderr and exit code 1.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from precis import __version__
from precis.cli import dedup, evaluate, models, richhelp, run, summarize, translate
from precis.cli.common import ExitCode, error_line
from precis.errors import PrecisError

richhelp.install()


class PrecisGroup(TyperGroup):
    """Turns library errors into one red line and exit 1, Ctrl-C into exit 130."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PrecisError as exc:
            error_line(str(exc))
            raise typer.Exit(ExitCode.ERROR) from None
        except KeyboardInterrupt:
            error_line("interrupted; finished outputs are kept, re-run to resume")
            raise typer.Exit(ExitCode.INTERRUPTED) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in registration order: the order of the data path


app = typer.Typer(
    cls=PrecisGroup,
    name="precis",
    help=(
        "French news toolkit: remove duplicated paragraphs and boilerplate, summarize, "
        "translate French to English, and score with ROUGE, BLEU, chrF and TER.\n\n"
        "Example: precis run corpora/sample/nato-rutte/article.fr.txt"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"precis {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """French news toolkit."""


for _module in (dedup, summarize, translate, models, evaluate, run):
    _module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
