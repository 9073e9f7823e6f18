"""The desk's status line for re-running the checks: under way (how far) or just finished."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from intake.recheck import last_recheck, running_recheck
from storage.models import RecheckRun

RECENT = timedelta(minutes=15)
REASONS = {
    "allocation_import": "en ny fördelningslista",
    "programs_changed": "ändrade statsbidrag (programs.toml)",
    "command": "kommandot grant-intake recheck",
}


@dataclass(frozen=True)
class RecheckStatus:
    running: bool
    text: str
    done: int
    total: int


def _why(run: RecheckRun) -> str:
    return REASONS.get(run.reason, run.reason)


def recheck_status(factory: sessionmaker[Session], now: datetime | None = None
                   ) -> RecheckStatus | None:
    """What to tell staff about the checks being run again, or None."""
    now = now or datetime.now(UTC)
    with factory() as session:
        run = running_recheck(session, now)
        if run is not None:
            return RecheckStatus(True, f"Kontrollerna körs om efter {_why(run)}: "
                                       f"{run.done} av {run.total} dokument klara.",
                                 run.done, run.total)
        run = last_recheck(session)
        if run is None or not run.total or now - run.finished_at > RECENT:
            return None
        if run.error:
            return RecheckStatus(False, f"Kontrollerna efter {_why(run)} avbröts: {run.error}",
                                 run.done, run.total)
        changed = ("inga avvikelser ändrades" if not run.changed else
                   f"avvikelserna ändrades för {run.changed} av dem")
        return RecheckStatus(False, f"Kontrollerna har körts om efter {_why(run)}: "
                                    f"{run.total} dokument, {changed}.", run.total, run.total)
