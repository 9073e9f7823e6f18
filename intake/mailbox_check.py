"""``grant-intake mailbox check``: connect with the configured settings and say, in Swedish,
what works and what does not, step by step, the way a poll would go.

Each kind's check yields findings in order and stops at the first step a poll could not get
past. The processed folder is found or created, as the first poll would. Secrets never appear:
findings are built from the services' answers and the settings' names, never their values.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from config.settings import MailboxSettings, Settings
from intake.sources.base import SourceError

Level = Literal["ok", "fel", "obs"]


@dataclass(frozen=True)
class Finding:
    level: Level
    """ok: works; fel: a poll would fail here; obs: works, but worth knowing."""
    text: str


def _ok(text: str) -> Finding:
    return Finding("ok", text)


def _fail(text: str) -> Finding:
    return Finding("fel", text)


def _folder(settings: Settings) -> Iterator[Finding]:
    from intake.sources.folder import FolderSource

    source = FolderSource(settings.mailbox.path)
    if not source.root.is_dir():
        yield _fail(f"Inkorgen {source.root} finns inte (den skapas vid första hämtningen)")
        return
    try:
        waiting = source.backlog()
    except SourceError as exc:
        yield _fail(str(exc))
        return
    yield _ok(f"Inkorgen {source.root} kan läsas")
    existed = source.processed.is_dir()
    source.processed.mkdir(parents=True, exist_ok=True)
    yield _ok(f"Mappen för behandlad post {source.processed} "
              + ("finns" if existed else "skapades"))
    yield _ok(f"{waiting} meddelanden väntar")


def _imap(settings: Settings) -> Iterator[Finding]:
    from intake.connections.imap import IMAP_ERRORS, imap_mailbox, logout

    s = settings.mailbox
    how = "XOAUTH2 med app-token" if s.auth == "oauth2" else "lösenord"
    try:
        box = imap_mailbox(s)
    except SourceError as exc:
        yield _fail(f"Inloggningen på {s.host}:{s.port} som {s.username} ({how}) misslyckades: {exc}")
        return
    try:
        yield _ok(f"Inloggad på {s.host}:{s.port} som {s.username} ({how}); servern har MOVE")
        if not box.folder.exists(s.folder):
            yield _fail(f"Mappen {s.folder} finns inte")
            return
        waiting = int(box.folder.status(s.folder, ["MESSAGES"])["MESSAGES"])
        yield _ok(f"Mappen {s.folder} kan läsas")
        if box.folder.exists(s.processed_folder):
            yield _ok(f"Mappen för behandlad post {s.processed_folder} finns")
        else:
            box.folder.create(s.processed_folder)
            yield _ok(f"Mappen för behandlad post {s.processed_folder} skapades")
        yield _ok(f"{waiting} meddelanden väntar i {s.folder}")
    except IMAP_ERRORS as exc:
        yield _fail(f"IMAP-servern {s.host}:{s.port}: {exc}")
    finally:
        logout(box)


def _exchange(settings: Settings) -> Iterator[Finding]:
    from exchangelib.errors import ErrorFolderNotFound

    from intake.connections.exchange import EXCHANGE_ERRORS, exchange_account
    from intake.sources.exchange import resolve_folder

    s = settings.mailbox
    try:
        account = exchange_account(s, max_wait=10)
    except SourceError as exc:
        yield _fail(str(exc))
        return
    try:
        yield _ok(f"Inloggad i Exchange ({s.service_endpoint or 'autodiscover'}) för {s.email} "
                  f"(auth = {s.auth})")
        try:
            folder = resolve_folder(account, s.folder, create=False)
        except ErrorFolderNotFound:
            yield _fail(f"Mappen {s.folder} finns inte i {s.email}")
            return
        folder.refresh()
        yield _ok(f"Mappen {s.folder} kan läsas")
        try:
            resolve_folder(account, s.processed_folder, create=False)
            yield _ok(f"Mappen för behandlad post {s.processed_folder} finns")
        except ErrorFolderNotFound:
            resolve_folder(account, s.processed_folder, create=True)
            yield _ok(f"Mappen för behandlad post {s.processed_folder} skapades")
        yield _ok(f"{folder.total_count} meddelanden väntar i {s.folder}")
    except EXCHANGE_ERRORS as exc:
        yield _fail(f"Exchange: {exc}")
    finally:
        account.protocol.close()


def _graph_refusal(s: MailboxSettings, exc: SourceError, roles: list[str]) -> str:
    from intake.connections.graph import GraphError

    code = exc.code if isinstance(exc, GraphError) else None
    if code == "ErrorInvalidUser" or code == "MailboxNotEnabledForRESTAPI":
        return (f"Brevlådan {s.email} finns inte i Exchange Online (fel adress, eller ingen "
                f"Exchange Online-licens): {code}")
    if code == "ErrorAccessDenied":
        if "Mail.ReadWrite" not in roles:
            return (f"Behörighet saknas: appen har inte applikationsbehörigheten Mail.ReadWrite "
                    f"(med administratörsgodkännande i Entra ID), och ingen tilldelning i RBAC för "
                    f"program ger den åtkomst till {s.email} (ErrorAccessDenied)")
        return (f"Åtkomst nekad till {s.email}: appen har Mail.ReadWrite, men dess omfång i RBAC "
                f"för program eller en åtkomstprincip (ApplicationAccessPolicy) omfattar inte "
                f"brevlådan (ErrorAccessDenied)")
    if code == "InvalidAuthenticationToken":
        return f"Microsoft Graph godtar inte token: {exc} (fel GRAPH_URL för molnet?)"
    return str(exc)


def _graph(settings: Settings) -> Iterator[Finding]:
    from intake.connections.graph import GraphMailbox
    from intake.sources.graph import ensure_folder, find_folder

    s = settings.mailbox
    graph = GraphMailbox(s, max_wait=10)
    try:
        try:
            graph.tokens.token()
        except SourceError as exc:
            yield _fail(f"Token nekades: {exc}")
            return
        how = "certifikat" if s.client_certificate else "klienthemlighet"
        yield _ok(f"Token hämtad från {s.authority_url} för appen {s.client_id} ({how})")
        roles = graph.tokens.roles()
        yield Finding("obs", "Applikationsbehörigheter i token: "
                      + (", ".join(sorted(roles)) if roles else
                         "inga (åtkomst kan ändå ges med RBAC för program i Exchange Online)"))
        if settings.report.transport == "graph" and roles and "Mail.Send" not in roles:
            yield Finding("obs", "Veckorapporten skickas via Graph men token saknar Mail.Send "
                                 "(om inte RBAC för program ger den)")
        try:
            folder = find_folder(graph, s.folder)
            if folder is None:
                yield _fail(f"Mappen {s.folder} finns inte i {s.email}")
                return
            info = graph.get(f"/mailFolders/{folder}", **{"$select": "displayName,totalItemCount"})
            yield _ok(f"Brevlådan {s.email} och mappen {s.folder} ({info.get('displayName')}) "
                      f"kan läsas")
            was_there = find_folder(graph, s.processed_folder) is not None
            ensure_folder(graph, s.processed_folder)
            yield _ok(f"Mappen för behandlad post {s.processed_folder} "
                      + ("finns" if was_there else "skapades"))
            yield _ok(f"{info.get('totalItemCount', 0)} meddelanden väntar i {s.folder}")
        except SourceError as exc:
            yield _fail(_graph_refusal(s, exc, roles))
    finally:
        graph.close()


CHECKS: dict[str, Callable[[Settings], Iterator[Finding]]] = {
    "folder": _folder, "imap": _imap, "exchange": _exchange, "graph": _graph,
}


def check_mailbox(settings: Settings) -> Iterator[Finding]:
    """The configured mailbox's findings, in order; a poll would work when none is "fel"."""
    try:
        yield from CHECKS[settings.mailbox.kind](settings)
    except SourceError as exc:
        yield _fail(str(exc))
