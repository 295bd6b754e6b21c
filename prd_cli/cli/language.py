"""Typer's usage errors and --help in the reader's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..i18n import _, local

if TYPE_CHECKING:
    pass


def _typers_own_words(error: Any, exceptions: Any) -> str:
    """Typer's own usage errors (an unknown option or command, a missing value, an extra
    argument) in the reader's language; they carry no catalog of their own, so prd rewrites
    the few Typer raises by their kind and shape. Anything else stays as Typer wrote it."""
    import re

    message = str(error.format_message())
    if isinstance(error, exceptions.NoSuchOption):
        said = _("No such option: {option}").format(option=error.option_name)
        if error.possibilities:
            said += _(" (did you mean {names}?)").format(names="、".join(sorted(error.possibilities)))
        return said
    if isinstance(error, exceptions.BadOptionUsage):
        if m := re.fullmatch(r"Option '(.+)' requires (?:an argument|(\d+) arguments)\.", message):
            return (
                _("{option} needs a value.").format(option=m[1])
                if m[2] is None
                else _("{option} needs {count} values.").format(option=m[1], count=m[2])
            )
        if m := re.fullmatch(r"Option '(.+)' does not take a value\.", message):
            return _("{option} takes no value.").format(option=m[1])
        return message
    if m := re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", message):
        return _("unexpected extra argument(s): {arguments}").format(arguments=m[1])
    if m := re.fullmatch(r"No such command '(.*)'\.", message):
        return _("No such command: {command}").format(command=m[1])
    if message == "Missing command.":
        return _("Missing command.")
    return message


def _usage_errors_in_the_readers_language() -> None:
    """Typer writes its usage errors (Usage: …, Try … for help, Error: Invalid value for …) in
    English with no catalog of its own; in a Chinese locale prd writes that frame itself, around
    the message prd already wrote in the reader's language. Exit codes are Typer's (2)."""
    from typer._click import exceptions
    from typer._click.utils import echo

    def show(self: Any, file: Any = None) -> None:
        file = file or exceptions.get_text_stderr()
        if self.ctx is not None:
            usage = self.ctx.get_usage().replace("Usage: ", _("Usage: "), 1)
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                hint = _("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]
                )
            echo(f"{usage}\n{hint}\n", file=file)
        message = _typers_own_words(self, exceptions)
        if isinstance(self, exceptions.BadParameter):
            where = self.param_hint if self.param_hint is not None else (self.param and self.param.get_error_hint())
            if where:
                where = " / ".join(where) if isinstance(where, list | tuple) else str(where)
                if isinstance(self, exceptions.MissingParameter):
                    message = _("{option} is required.").format(option=where)
                else:
                    message = _("Invalid value for {option}: {message}").format(option=where, message=self.message)
        # Names and labels put into the message follow the reader's script too.
        echo(local(_("Error: {message}").format(message=message)), file=file)

    exceptions.UsageError.show = show  # type: ignore[method-assign]


def _translate_help(command: Any) -> None:
    """Every command's and option's help in the reader's language (the catalog has them all:
    tests/test_i18n.py checks), before Typer lays them out."""
    if command.help:
        command.help = _(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub)


def _help_in_the_readers_language() -> None:
    """`--help` in a Chinese locale: the texts from the catalog, and Typer's frame (Usage,
    Options, [default: …]) in Chinese. Typer wraps by characters and a Chinese character
    takes two columns, so the text is wrapped here by columns instead."""
    import re

    import typer.main
    from typer._click import formatting

    build = typer.main.get_command

    def get_command(typer_instance: Any) -> Any:
        command = build(typer_instance)
        _translate_help(command)
        return command

    typer.main.get_command = get_command  # type: ignore[assignment]
    headings = {"Options": _("Options"), "Commands": _("Commands"), "Arguments": _("Arguments")}
    formatter = formatting.HelpFormatter
    heading, usage = formatter.write_heading, formatter.write_usage

    def frame(text: str) -> str:
        if text == "Show this message and exit.":
            return _(text)
        text = re.sub(r"\[default: (.*?)\]", lambda m: _("[default: {value}]").format(value=m[1]), text)
        return text.replace("[required]", _("[required]")).replace("env var: ", _("env var: "))

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        usage(self, prog, args, _("Usage: ") if prefix is None else prefix)

    def write_text(self: Any, text: str) -> None:
        indent = " " * self.current_indent
        for n, paragraph in enumerate(text.split("\n\n")):
            if n:
                self.write("\n")
            for line in paragraph.split("\n"):
                for piece in _wrap_cells(line, self.width - self.current_indent):
                    self.write(f"{indent}{piece}\n")

    def write_dl(self: Any, pairs: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        pairs = list(pairs)
        first = min(max((_cells(term) for term, _text in pairs), default=0), col_max) + col_spacing
        room = max(self.width - first - self.current_indent, 20)
        for term, text in pairs:
            lines = _wrap_cells(frame(text), room) or [""]
            head = " " * self.current_indent + term
            if _cells(term) + col_spacing > first:
                self.write(head + "\n")
                head = ""
            pad = " " * (self.current_indent + first)
            for n, line in enumerate(lines):
                lead = (head + " " * (self.current_indent + first - _cells(head))) if n == 0 and head else pad
                self.write(f"{lead}{line}".rstrip() + "\n")

    formatter.write_heading = lambda self, name: heading(self, headings.get(name, name))  # type: ignore[method-assign,assignment]
    formatter.write_usage = write_usage  # type: ignore[method-assign]
    formatter.write_text = write_text  # type: ignore[method-assign]
    formatter.write_dl = write_dl  # type: ignore[method-assign,assignment]


def _cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns: Chinese breaks between any two characters,
    Latin words and option names only at spaces."""
    import re

    lines: list[str] = []
    line = ""
    # A bracketed note ([默认：table]) stays whole; Chinese punctuation never starts a line.
    for token in re.findall(
        r"\[[^\]]{1,40}\]|[\x21-\x7e]+[，。；：、）」]*|\s+|.[，。；：、）」]*", " ".join(text.split())
    ):
        if token.isspace():
            if line:
                line += " "
            continue
        if _cells(line) + _cells(token) > width and line.strip():
            lines.append(line.rstrip())
            line = ""
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines
