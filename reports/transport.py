"""Sending a built report: SMTP (smtplib), or from the configured mailbox through Exchange (EWS)
or Microsoft Graph. The transport is chosen by ``report.transport`` from TRANSPORTS."""
from __future__ import annotations

import base64
import copy
import logging
import smtplib
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Protocol

from config.settings import MailboxSettings, Settings, SmtpSettings

log = logging.getLogger(__name__)


class SendError(RuntimeError):
    """The message was not handed over; the text says why (for the delivery log)."""


class Transport(Protocol):
    def __call__(self, message: EmailMessage) -> None: ...


def smtp_transport(smtp: SmtpSettings, timeout: float = 30.0) -> Transport:
    def send(message: EmailMessage) -> None:
        if not smtp.host:
            raise SendError("report.smtp.host är inte inställt")
        try:
            with smtplib.SMTP(smtp.host, smtp.port, timeout=timeout) as client:
                if smtp.starttls:
                    client.starttls(context=ssl.create_default_context())
                if smtp.username:
                    password = smtp.smtp_password.get_secret_value() if smtp.smtp_password else ""
                    client.login(smtp.username, password)
                refused = client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(f"SMTP {smtp.host}:{smtp.port}: {exc}") from exc
        if refused:
            raise SendError(f"SMTP {smtp.host}:{smtp.port} tog inte emot: {refused}")

    return send


def _from_mailbox(message: EmailMessage, mailbox: MailboxSettings) -> tuple[bytes, list[str]]:
    """The MIME bytes with From set to the mailbox itself (a server refuses another sender without
    Send As rights; report.smtp.sender is meant for SMTP), and the To addresses."""
    outgoing = copy.deepcopy(message)
    del outgoing["From"]
    outgoing["From"] = mailbox.email or ""
    mime = outgoing.as_bytes(policy=outgoing.policy.clone(linesep="\r\n"))
    return mime, [address for _, address in getaddresses(outgoing.get_all("To", []))]


def exchange_transport(mailbox: MailboxSettings) -> Transport:
    """Send from the configured Exchange mailbox (CreateItem, SendAndSaveCopy): the MIME message
    as built, so the text, the HTML with its inline chart and the attachments travel unchanged
    (From is the mailbox: Exchange answers another sender with ErrorSendAsDenied)."""

    def send(message: EmailMessage) -> None:
        from exchangelib import Mailbox, Message

        from intake.connections.exchange import exchange_account

        mime, recipients = _from_mailbox(message, mailbox)
        try:
            account = exchange_account(mailbox)
            item = Message(account=account, folder=account.sent, mime_content=mime,
                           to_recipients=[Mailbox(email_address=a) for a in recipients])
            item.send_and_save()
        except Exception as exc:
            # anything but SendError would stop the job before the failure is recorded
            raise SendError(f"Exchange {mailbox.email}: {exc}") from exc

    return send


def graph_transport(mailbox: MailboxSettings) -> Transport:
    """Send from the configured mailbox through Microsoft Graph (``sendMail`` with the MIME
    message base64-encoded, saved in Sent Items); needs the application permission Mail.Send.
    Graph takes at most 4 MB this way, more than a weekly report's files."""

    def send(message: EmailMessage) -> None:
        from intake.connections.graph import GraphMailbox

        mime, _ = _from_mailbox(message, mailbox)
        graph = GraphMailbox(mailbox)
        try:
            graph.request("POST", "/sendMail", ok=(202,), data=base64.b64encode(mime),
                          headers={"Content-Type": "text/plain"})
        except Exception as exc:
            raise SendError(f"Microsoft Graph {mailbox.email}: {exc}") from exc
        finally:
            graph.close()

    return send


TRANSPORTS: dict[str, Callable[[Settings], Transport]] = {
    "smtp": lambda settings: smtp_transport(settings.report.smtp),
    "exchange": lambda settings: exchange_transport(settings.mailbox),
    "graph": lambda settings: graph_transport(settings.mailbox),
}


def configured_transport(settings: Settings) -> Transport:
    return TRANSPORTS[settings.report.transport](settings)
