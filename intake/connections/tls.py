"""TLS that trusts the system's certificate authorities and, when configured, a PEM bundle
besides them (``mailbox.ca_bundle``: a TLS-inspecting proxy's CA, or a test server's).

``ssl.create_default_context(cafile=…)`` and requests' ``verify=path`` both *replace* the
system's authorities with the file; here the file is added to them.
"""
from __future__ import annotations

import ssl
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if ca_bundle is not None:
        context.load_verify_locations(cafile=str(ca_bundle))
    return context


def adapter_class(ca_bundle: Path | None) -> type[HTTPAdapter]:
    """An HTTPAdapter class whose connections verify with ``tls_context(ca_bundle)``."""
    context = tls_context(ca_bundle)

    class TrustingAdapter(HTTPAdapter):
        trusted = ca_bundle

        def init_poolmanager(self, *args, **kwargs):
            kwargs["ssl_context"] = context
            return super().init_poolmanager(*args, **kwargs)

        def proxy_manager_for(self, *args, **kwargs):
            kwargs["ssl_context"] = context
            return super().proxy_manager_for(*args, **kwargs)

    return TrustingAdapter


def http_session(ca_bundle: Path | None) -> requests.Session:
    session = requests.Session()
    session.mount("https://", adapter_class(ca_bundle)())
    return session
