"""The command line's frame in Swedish, like its messages and help texts.

Typer (with its own copy of Click) writes a few words of its own: the usage line, the panel
titles, the help option, the type of each option, and its error messages. ``install`` puts
them into Swedish at the few places they are made; an error message without a translation
below stays as Typer wrote it.
"""
from __future__ import annotations

import re
from typing import Any

import typer.core
import typer.rich_utils
from typer._click import exceptions as click_exceptions
from typer._click.formatting import HelpFormatter

USAGE = "Användning: "
HELP_TEXT = "Visa den här hjälpen och avsluta."
PANELS = {
    "ARGUMENTS_PANEL_TITLE": "Argument", "OPTIONS_PANEL_TITLE": "Flaggor",
    "COMMANDS_PANEL_TITLE": "Kommandon", "ERRORS_PANEL_TITLE": "Fel",
    "ABORTED_TEXT": "Avbrutet.", "DEFAULT_STRING": "[förval: {}]",
    "ENVVAR_STRING": "[miljövariabel: {}]", "REQUIRED_LONG_STRING": "[krävs]",
    "DEPRECATED_STRING": "(utgår) ",
    "RICH_HELP": "Se [blue]'{command_path} {help_option}'[/] för hjälp.",
}
TYPE_NAMES = {"str": "text", "int": "heltal", "float": "tal", "bool": "ja/nej",
              "Path": "sökväg", "path": "sökväg", "file": "fil", "integer": "heltal",
              "boolean": "ja/nej", "list": "lista", "datetime": "tidpunkt", "date": "datum"}
USAGE_WORDS = {"[OPTIONS]": "[FLAGGOR]", "COMMAND [ARGS]...": "KOMMANDO [ARGUMENT]..."}
ERRORS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in [
    (r"^No such command '(.+)'\.", r"Kommandot '\1' finns inte."),
    (r"^No such option: (\S+)", r"Flaggan \1 finns inte"),
    (r"\(Possible options: (.+)\)", r"(menar du \1?)"),
    (r"^Missing command\.", "Ett kommando saknas."),
    (r"^Missing argument '(.+)'\.", r"Argumentet '\1' saknas."),
    (r"^Missing option '(.+)'\.", r"Flaggan '\1' saknas."),
    (r"^Missing parameter: (.+)", r"Värdet \1 saknas"),
    (r"^Missing (\w+) (.+)\.", r"\2 saknas."),
    (r"^Got unexpected extra argument\(s\) \((.+)\)", r"Oväntade extra argument (\1)"),
    (r"^Invalid value for (.+?): ", r"Ogiltigt värde för \1: "),
    (r"^Invalid value: ", "Ogiltigt värde: "),
    (r"^Option '(.+)' requires an argument\.", r"Flaggan '\1' kräver ett värde."),
    (r"^Option '(.+)' does not take a value\.", r"Flaggan '\1' tar inget värde."),
    (r"Input should be a valid integer.*", "ska vara ett heltal"),
    (r"Input should be a valid number.*", "ska vara ett tal"),
    (r"Input should be a valid boolean.*", "ska vara true eller false"),
    (r"^Value (.+) is not a valid (\w+)\.", r"\1 är inte ett giltigt värde (\2)."),
    (r"Path '(.+)' does not exist\.", r"Sökvägen '\1' finns inte."),
]]


def translate_error(message: str) -> str:
    for pattern, replacement in ERRORS:
        message = pattern.sub(replacement, message)
    return message


def _swedish_types(original):
    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False):
            return None
        shown = original(self, ctx)
        if shown is None:
            return None
        return re.sub(r"\w+", lambda m: TYPE_NAMES.get(m.group(0), m.group(0)), shown)
    return display_type_rich


def _swedish_help_option(original):
    def get_help_option(self: Any, ctx: Any):
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option
    return get_help_option


def _usage(original):
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, swedish in USAGE_WORDS.items():
            args = args.replace(english, swedish)
        original(self, prog, args, USAGE if prefix is None else prefix)
    return write_usage


def _error(original):
    def rich_format_error(error: click_exceptions.ClickException) -> None:
        english = error.format_message
        error.format_message = lambda: translate_error(english())  # type: ignore[method-assign]
        original(error)
    return rich_format_error


_installed = False


def install() -> None:
    """Once per process; later calls do nothing."""
    global _installed
    if _installed:
        return
    _installed = True
    rich = typer.rich_utils
    for name, text in PANELS.items():
        setattr(rich, name, text)
    rich.OptionHighlighter.highlights = [
        *(h for h in rich.OptionHighlighter.highlights if "usage" not in h),
        rf"(?P<usage>{USAGE})"]
    rich.rich_format_error = _error(rich.rich_format_error)
    HelpFormatter.write_usage = _usage(HelpFormatter.write_usage)
    for parameter in (typer.core.TyperOption, typer.core.TyperArgument):
        parameter.display_type_rich = _swedish_types(parameter.display_type_rich)
    command = typer.core._click.core.Command
    command.get_help_option = _swedish_help_option(command.get_help_option)
