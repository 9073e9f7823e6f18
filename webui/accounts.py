"""Local user accounts: argon2 password hashes and the three roles."""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import AuditEntry, User, WebSession

ROLES = ("registrator", "handlaggare", "admin")
"""Each role may do what the ones before it may: registrator < handlaggare < admin."""
ROLE_NAMES = {"registrator": "Registrator", "handlaggare": "Handläggare", "admin": "Administratör"}
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()


class AccountError(ValueError):
    """An account cannot be created or changed; the message is Swedish, for the user."""


def role_allows(role: str, needed: str) -> bool:
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active user with this name and password, or None (same answer for every failure)."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        _hasher.hash(password)  # about the same time as a real check: no user enumeration by timing
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Lösenordet måste ha minst {MIN_PASSWORD_LENGTH} tecken.")


def new_password() -> str:
    """A random password for a new or reset account, shown once."""
    return secrets.token_urlsafe(12)


def _end_sessions(session: Session, user: User) -> None:
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))


def create_user(session: Session, username: str, role: str, password: str,
                actor: str = "system") -> User:
    """A new active account (no commit); AccountError for a bad name, role or password."""
    username = username.strip()
    if not username or len(username) > 100 or any(c.isspace() for c in username):
        raise AccountError("Användarnamnet måste vara 1–100 tecken utan mellanslag.")
    if role not in ROLES:
        raise AccountError(f"Okänd roll {role!r}: välj {', '.join(ROLES)}.")
    check_password(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"Användaren {username} finns redan.")
    user = User(username=username, role=role, password_hash=hash_password(password), active=True)
    session.add(user)
    session.add(AuditEntry(actor=actor, action="user_add", entity="user", entity_id=username,
                           field="role", new_value=role))
    return user


def set_user_state(session: Session, user: User, *, role: str | None = None,
                   active: bool | None = None, actor: str) -> None:
    """Change a user's role or active state, with an audit entry per change (no commit)."""
    if role is not None and role not in ROLES:
        raise AccountError(f"Okänd roll {role!r}.")
    if role is not None and role != user.role:
        session.add(AuditEntry(actor=actor, action="user_role", entity="user",
                               entity_id=user.username, field="role", old_value=user.role,
                               new_value=role))
        user.role = role
    if active is not None and active != user.active:
        session.add(AuditEntry(actor=actor, action="user_active", entity="user",
                               entity_id=user.username, field="active",
                               old_value=str(user.active).lower(), new_value=str(active).lower()))
        user.active = active
        if not active:
            _end_sessions(session, user)


def set_password(session: Session, user: User, password: str, *, actor: str) -> None:
    """A new password for ``user``, ending every session of theirs (no commit)."""
    check_password(password)
    user.password_hash = hash_password(password)
    _end_sessions(session, user)
    action = "user_password_change" if actor == user.username else "user_password_reset"
    session.add(AuditEntry(actor=actor, action=action, entity="user", entity_id=user.username,
                           field="password"))


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip()))


def record_failed_login(session: Session, username: str, client: str) -> None:
    """An audit entry for a refused log-in (no commit): the name tried and the client."""
    name = username.strip()[:100] or "(tomt)"
    session.add(AuditEntry(actor=name, action="login_failed", entity="user", entity_id=name,
                           field="client", new_value=client[:100]))


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def ensure_admin(session: Session, username: str = "admin") -> str | None:
    """Create a first admin with a random password and return the password, once.

    None when an active admin already exists. Commits.
    """
    exists = session.scalar(select(User.id).where(User.role == "admin", User.active.is_(True)))
    if exists is not None:
        return None
    password = new_password()
    existing = session.scalar(select(User).where(User.username == username))
    if existing is None:
        create_user(session, username, "admin", password)
    else:
        existing.password_hash = hash_password(password)
        set_user_state(session, existing, role="admin", active=True, actor="system")
    session.commit()
    return password
