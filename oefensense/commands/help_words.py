"""The CLI's help in its language.

typer and click print help texts as they were declared, in English. The texts that have a Dutch
one are declared as ``QT_TR_NOOP("...")`` (``help=`` of a command, option or argument), so
lupdate puts them in the catalogue; before click parses a command line, :func:`localise` gives
every command and parameter the text in the language that line asks for (``--language``/``-L``
anywhere on it, else the locale). A text without a translation stays English. typer's own words
(panel titles, ``[default: ...]``, ``[required]``) are set with them.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import inspect
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from .lang import LANGUAGES, QT_TR_NOOP, cli_language, tr

# typer.rich_utils' fixed strings (module constants read at render time)
_TYPER_WORDS = {
    "ARGUMENTS_PANEL_TITLE": QT_TR_NOOP("Arguments"),
    "OPTIONS_PANEL_TITLE": QT_TR_NOOP("Options"),
    "COMMANDS_PANEL_TITLE": QT_TR_NOOP("Commands"),
    "ERRORS_PANEL_TITLE": QT_TR_NOOP("Error"),
    "DEFAULT_STRING": QT_TR_NOOP("[default: {}]"),
    "REQUIRED_LONG_STRING": QT_TR_NOOP("[required]"),
    "RICH_HELP": QT_TR_NOOP("Try [blue]'{command_path} {help_option}'[/] for help."),
}
HELP_OPTION = QT_TR_NOOP("Show this message and exit.")
USAGE = QT_TR_NOOP("Usage:")  # click's prefix of the usage line, in help and in a usage error


def language_in(args: Sequence[str]) -> str:
    """The language a command line asks for: its last ``--language X``, ``--language=X``, ``-L X``
    or ``-LX`` (global or a command's), else the CLI's (the locale); an unknown value is left
    to the option's own check."""
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("--language", "-L") and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--language="):
            found = arg.split("=", 1)[1]
        elif arg.startswith("-L") and len(arg) > 2 and not arg.startswith("--"):
            found = arg[2:]
    return found if found in LANGUAGES else cli_language()


RICH_UTILS = "typer.rich_utils"  # typer's help and error printer: imported only to print either
_typer_language = "en"  # the language of typer's own words, set by the latest localise


def localise(command: Any, language: str) -> None:
    """Set the help of ``command``, its parameters and subcommands (a click command tree) to
    ``language``; the English declared texts are kept beside them, so it can be called again.

    typer's own words (and click's usage errors, ``usage_words``) are set in ``typer.rich_utils``
    when typer loads it, to print help or an error: it loads rich's markdown and markdown-it
    (~30 ms of CPU), which a command that runs without either never needs."""
    global _typer_language
    from .usage_words import install

    _typer_language = language
    install(language)  # click's usage errors ("Missing option ...") too
    ru = sys.modules.get(RICH_UTILS)
    if ru is not None:
        _typer_words(ru)
    elif not any(isinstance(f, _WhenLoaded) and f.name == RICH_UTILS for f in sys.meta_path):
        sys.meta_path.insert(0, _WhenLoaded(RICH_UTILS, _typer_words))
    _localise(command, language)


def _typer_words(ru: ModuleType) -> None:
    from .usage_words import wrap_printer

    for name, text in _TYPER_WORDS.items():
        setattr(ru, name, tr(text, language=_typer_language))
    wrap_printer(ru)


class _WhenLoaded(importlib.abc.MetaPathFinder):
    """Calls ``then(module)`` right after the module ``name`` is first imported, by whoever
    imports it (typer imports its printer inside the functions that print)."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # once; the finders after it find the module itself
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        exec_module, then = spec.loader.exec_module, self.then

        def exec_then(module: ModuleType) -> None:
            exec_module(module)
            then(module)

        spec.loader.exec_module = exec_then  # type: ignore[method-assign] - this spec's own loader
        return spec


def _text(obj: Any, attr: str, language: str) -> None:
    key = f"_{attr}_en"
    if not hasattr(obj, key):
        setattr(obj, key, getattr(obj, attr, None))
    source = getattr(obj, key)
    if source:
        text = inspect.cleandoc(source)
        done = tr(text, language=language)
        if done == text:  # a docstring wrapped where its catalogue text (the short help) is one line
            flat = " ".join(text.split())
            done = tr(flat, language=language) if tr(flat, language=language) != flat else text
        setattr(obj, attr, done)


def _localise(command: Any, language: str) -> None:
    _text(command, "help", language)
    _text(command, "short_help", language)
    for param in command.params:
        _text(param, "help", language)
    if not hasattr(command, "_help_option_en"):
        original = command.get_help_option

        def get_help_option(ctx: Any, _original: Any = original, _command: Any = command) -> Any:
            option = _original(ctx)
            if option is not None:
                option.help = tr(HELP_OPTION, language=_command._help_language)
            return option

        command.get_help_option = get_help_option
        command._help_option_en = True

        def format_usage(ctx: Any, formatter: Any, _command: Any = command) -> None:
            # click's own format_usage with its documented ``prefix`` in the command's language
            formatter.write_usage(ctx.command_path, " ".join(_command.collect_usage_pieces(ctx)),
                                  prefix=tr(USAGE, language=_command._help_language) + " ")

        command.format_usage = format_usage
    command._help_language = language
    for sub in getattr(command, "commands", {}).values():
        _localise(sub, language)
