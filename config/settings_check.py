"""Settings an operator got wrong, told in Swedish: unknown keys with the nearest known one, and
values of the wrong kind without pydantic's wording or class names."""
from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

ENV_PREFIX = "GRANT_INTAKE_"
MOVED = {"web.session_hours": "session.hours"}
"""Keys that have moved: the old name points at the new one."""

_KINDS = {
    "int_parsing": "ska vara ett heltal", "int_from_float": "ska vara ett heltal",
    "int_type": "ska vara ett heltal", "float_parsing": "ska vara ett tal",
    "float_type": "ska vara ett tal", "bool_parsing": "ska vara true eller false",
    "bool_type": "ska vara true eller false", "string_type": "ska vara en text",
    "dict_type": "ska vara en tabell ([avsnitt])", "list_type": "ska vara en lista",
    "path_type": "ska vara en sökväg", "missing": "saknas",
    "greater_than_equal": "ska vara minst {ge}", "greater_than": "ska vara större än {gt}",
    "less_than_equal": "ska vara högst {le}", "less_than": "ska vara mindre än {lt}",
    "finite_number": "ska vara ett ändligt tal",
}


def _model_of(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _known(model: type[BaseModel], prefix: str) -> list[str]:
    out = []
    for name, info in model.model_fields.items():
        sub = _model_of(info.annotation)
        out.append(f"{prefix}{name}")
        if sub is not None:
            out += _known(sub, f"{prefix}{name}.")
    return out


def _nearest(key: str, known: Iterable[str]) -> str | None:
    if key in MOVED:
        return MOVED[key]
    found = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return found[0] if found else None


def _show(path: str, sections: set[str]) -> str:
    return f"[{path}]" if path in sections else path


def unknown_keys(data: Mapping[str, Any], model: type[BaseModel]) -> list[str]:
    """One Swedish phrase per key of ``data`` (a settings file) that ``model`` does not have."""
    known = _known(model, "")
    sections = {k for k in known if _sub_model(model, k) is not None}

    def walk(values: Mapping[str, Any], current: type[BaseModel], prefix: str) -> list[str]:
        problems = []
        for key, value in values.items():
            path = f"{prefix}{key}"
            info = current.model_fields.get(key)
            if info is None:
                shown = f"[{path}]" if isinstance(value, dict) else path
                nearest = _nearest(path, known)
                hint = f"; menar du {_show(nearest, sections)}?" if nearest else ""
                problems.append(f"okänd inställning {shown}{hint}")
                continue
            sub = _model_of(info.annotation)
            if sub is not None and isinstance(value, dict):
                problems += walk(value, sub, f"{path}.")
        return problems

    return walk(data, model, "")


def _sub_model(model: type[BaseModel], dotted: str) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in dotted.split("."):
        info = current.model_fields.get(part) if current else None
        if info is None:
            return None
        current = _model_of(info.annotation)
    return current


def env_name(path: str) -> str:
    return ENV_PREFIX + path.replace(".", "__").upper()


def unknown_environment(model: type[BaseModel], environ: Mapping[str, str] | None = None
                        ) -> list[str]:
    """Nested GRANT_INTAKE_SECTION__KEY variables for a section that has no such key.

    Top-level names are left alone: GRANT_INTAKE_ is also used by tools around the service.
    """
    environ = os.environ if environ is None else environ
    known = _known(model, "")
    known_env = {env_name(k): k for k in known}
    # below a key that is a table, not a section (report.recipients), any name is a value
    open_maps = tuple(f"{env_name(k)}__" for k in known if _sub_model(model, k) is None)
    problems = []
    for name in environ:
        upper = name.upper()
        if (not upper.startswith(ENV_PREFIX) or "__" not in upper or upper in known_env
                or upper.startswith(open_maps)):
            continue
        section = upper[len(ENV_PREFIX):].split("__", 1)[0].lower()
        if _sub_model(model, section) is None:
            continue
        nearest = difflib.get_close_matches(upper, list(known_env), n=1, cutoff=0.6)
        hint = f"; menar du {nearest[0]}?" if nearest else ""
        problems.append(f"okänd miljövariabel {name}{hint}")
    return problems


def explain(error: ValidationError, secret_keys: set[str],
            environ: Mapping[str, str] | None = None) -> str:
    """The errors of ``error`` as one Swedish line: where, what was given, what is expected."""
    environ = os.environ if environ is None else environ
    env_upper = {k.upper() for k in environ}
    parts = []
    for item in error.errors():
        path = ".".join(str(p) for p in item["loc"])
        where = env_name(path) if env_name(path) in env_upper else path
        kind = item["type"]
        if kind == "literal_error":
            expected = str(item.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
            what = f"ska vara en av {expected}"
        else:
            what = _KINDS.get(kind, "har ett ogiltigt värde").format(**item.get("ctx", {}))
        secret = path.rsplit(".", 1)[-1] in secret_keys
        given = "" if secret or kind == "missing" else f" (angivet: {item.get('input')!r})"
        parts.append(f"{where} {what}{given}")
    return "; ".join(parts)
