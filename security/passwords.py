"""Password rules and Argon2 hashing, never more than a few computations at once (security.throttle)."""
import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from security import AccountError
from security.throttle import BUSY_WAIT, CHECKS

MIN_PASSWORD = 10
_HASHER = PasswordHasher()

# What `check_password` enforces, in the words the command line and the Tài khoản page show before asking.
PASSWORD_RULES = f"ít nhất {MIN_PASSWORD} ký tự, không chứa tên đăng nhập"


def check_password(username: str, password: str) -> None:
    """AccountError saying which of PASSWORD_RULES the password breaks."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")
    if username.strip().lower() in password.lower():
        raise AccountError("Mật khẩu không được chứa tên đăng nhập.")


BUSY = "Hệ thống đang bận, hãy thử lại sau ít phút."


def _argon2(compute):
    """One Argon2 computation, never more than security.throttle.CONCURRENT_CHECKS at once in this process."""
    if not CHECKS.acquire(timeout=BUSY_WAIT):
        raise AccountError(BUSY)
    try:
        return compute()
    finally:
        CHECKS.release()


def hash_password(password: str) -> str:
    return _argon2(lambda: _HASHER.hash(password))


@functools.cache
def stand_in_hash() -> str:
    """What a name without an account is checked against, so that it costs what a real check costs."""
    return hash_password(secrets.token_urlsafe(16))


def matches(password_hash: str, password: str) -> bool:
    def verify() -> bool:
        try:
            return _HASHER.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
    return _argon2(verify)
