"""Connection and sign-in for Exchange (EWS), Microsoft Graph and IMAP: the one place both the
mailbox sources and the report transports connect through.

- ``exchange``: ``exchange_account`` (NTLM, basic, or OAuth2 client credentials)
- ``graph``: ``GraphMailbox``, calls under ``GRAPH_URL/users/{email}`` with throttling waited out
- ``imap``: ``imap_mailbox`` (password or XOAUTH2)
- ``tokens``: app-only tokens from the identity platform (MSAL), AADSTS codes in words
- ``tls``: the system's certificate authorities plus ``mailbox.ca_bundle``

Each is imported on its own, so polling IMAP never loads exchangelib or MSAL.
"""
