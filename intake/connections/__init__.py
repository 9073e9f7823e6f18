"""Connection and sign-in for Exchange (EWS) and Microsoft Graph, and app-only tokens for IMAP:
the one place both the mailbox sources and the report transports connect through."""
from intake.connections.exchange import EXCHANGE_ERRORS, exchange_account
from intake.connections.graph import GraphError, GraphMailbox
from intake.connections.imap import IMAP_ERRORS, imap_mailbox
from intake.connections.tls import http_session, tls_context
from intake.connections.tokens import AADSTS, AppTokens, SignInError, explain, scope_for

__all__ = ["AADSTS", "EXCHANGE_ERRORS", "IMAP_ERRORS", "AppTokens", "GraphError", "GraphMailbox",
           "SignInError", "exchange_account", "explain", "http_session", "imap_mailbox", "scope_for",
           "tls_context"]
