"""The system's reasons for a failed file operation, in Swedish for the operator."""
from __future__ import annotations

import errno

REASONS = {
    errno.EACCES: "saknar rättighet", errno.EPERM: "saknar rättighet",
    errno.EROFS: "skrivskyddat filsystem", errno.ENOSPC: "disken är full",
    errno.ENOTDIR: "en del av sökvägen är en fil, inte en katalog",
    errno.ENOENT: "finns inte", errno.EEXIST: "finns redan", errno.EISDIR: "är en katalog",
    errno.EDQUOT: "diskkvoten är slut",
}
"""Any other reason keeps the system's own words."""


def os_reason(exc: OSError) -> str:
    return REASONS.get(exc.errno, exc.strerror or str(exc))
