"""Getting data in: schema, import, init."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _, os_reason

if TYPE_CHECKING:
    pass

from .common import DataOpt, _choice, _write_output, _writing, app


class SchemaKind(str, Enum):
    measures = "measures"
    units = "units"
    progress = "progress"


@app.command()
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help="measures, units or progress.", parser=_choice("SCHEMA_KINDS", SchemaKind), metavar="KIND"),
    ] = SchemaKind.measures,
) -> None:
    """Print the JSON Schema of a data file, for editors that check YAML as you type.

    Example: prd schema measures > data/schema/measures.schema.json
    """
    from ..schemas import schema_text

    sys.stdout.write(schema_text(kind.value))


@app.command("import")
def import_(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="The document: text (any common encoding), .docx or a saved .html page; - reads standard input.",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the draft here (atomically) instead of stdout.")
    ] = None,
    keep_script: Annotated[
        bool, typer.Option("--keep-script", help="Quote the source in its own script (Traditional stays Traditional).")
    ] = False,
    data: DataOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output even when it already holds data.")] = False,
) -> None:
    """Draft a measures file from a policy document as received (text, .docx, web page), for a person to review.

    Example: prd import 文件.docx --output data/measures.yaml
    """
    from ..importer import ImportFailure, draft_yaml, import_bytes, summary
    from ..numerals import NumeralError
    from ..outputs import check_output

    if output is not None:
        with _writing(output):
            check_output(output, force=force)
    if source == "-":
        if sys.stdin.isatty():  # otherwise it looks like a hang
            sys.stderr.write("prd: " + _("reading the document from standard input; end it with Ctrl-D") + "\n")
        raw = sys.stdin.buffer.read()
    else:
        from ..safefiles import NotRegularFile, read_regular_file

        try:
            raw = read_regular_file(source)
        except OSError as exc:
            hint = _("; use - to read standard input") if isinstance(exc, NotRegularFile) else ""
            raise typer.BadParameter(
                _("cannot read {file}: {reason}").format(file=source, reason=f"{os_reason(exc)}{hint}"),
                param_hint="FILE",
            ) from None
    registry = _registry_if_any(data)
    name = "standard input" if source == "-" else Path(source).name
    try:
        result = import_bytes(raw, registry, name="" if source == "-" else source, keep_script=keep_script)
    except ImportFailure as exc:
        sys.stderr.write(f"prd: {_('standard input') if source == '-' else source}: {exc}\n")
        raise typer.Exit(1) from None
    except NumeralError as exc:
        # A heading such as 一二、: the document's to fix, not a bug.
        sys.stderr.write(
            f"prd: {_('standard input') if source == '-' else source}: "
            + _("in a heading, {reason} (write 一 to 九十九): correct it").format(reason=exc)
            + "\n"
        )
        raise typer.Exit(1) from None
    text = draft_yaml(result, name)
    if output is None:
        sys.stdout.write(text)
    else:
        _write_output(output, text.encode("utf-8"), force=force)
    sys.stderr.write(summary(result))


def _registry_if_any(data: Path | None):  # type: ignore[no-untyped-def]
    """Known units, to map names through aliases and script; none if the data cannot load."""
    from ..loading import DataDirError, find_data_dir
    from ..reindex import load_cached

    try:
        loaded = load_cached(find_data_dir(str(data) if data else None))
    except DataDirError:
        return None
    return loaded.dataset.registry if loaded.dataset is not None else None


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Where to put a copy of the shipped data.")] = Path("data"),
) -> None:
    """Copy the shipped data into DIRECTORY, to keep progress records beside it.

    Example: prd init data && prd progress add 21.1 --unit 市商务局 --status done
    """
    from ..paths import copy_shipped_data

    # The nearest part of the path that exists must be a folder to copy into or beneath.
    existing = next(p for p in (directory, *directory.parents) if p.exists())
    if not existing.is_dir():
        raise typer.BadParameter(
            _("{folder} is a file, not a folder: choose a new folder").format(folder=existing), param_hint="DIRECTORY"
        )
    if directory.exists() and any(directory.iterdir()):
        raise typer.BadParameter(
            _("{folder} exists and is not empty: choose a new folder").format(folder=directory), param_hint="DIRECTORY"
        )
    with _writing(directory, "DIRECTORY"):
        copy_shipped_data(directory)
    typer.echo(
        _("copied the shipped data to {folder}; run prd inside it (cd {folder}), or pass --data {folder}").format(
            folder=directory
        )
    )
