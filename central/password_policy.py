"""What a new password must be, for the API's password change and the operator's command line alike.

Length is what makes a password hard to guess (NIST SP 800-63B): no rules about character classes,
but a minimum length, a maximum that still allows a passphrase, and a refusal of the passwords an
attacker tries first for a given account (its login, one key held down). Length counts characters as
written (NFC), so a Vietnamese letter typed with a combining accent counts once.
"""

from __future__ import annotations

import unicodedata

MIN_LENGTH = 12
MAX_LENGTH = 1000  # the API's and the command line's limit on any password field


class WeakPassword(Exception):
    """Why a new password is refused: a stable ``code`` and the sentence in both languages."""

    def __init__(self, code: str, en: str, vi: str) -> None:
        super().__init__(code)
        self.code, self.en, self.vi = code, en, vi


def check_new_password(new: str, login: str, current: str | None = None) -> None:
    """Raise WeakPassword when ``new`` may not become ``login``'s password (``current``: the one it replaces)."""
    text = unicodedata.normalize("NFC", new)
    if len(text) < MIN_LENGTH:
        raise WeakPassword("password.too_short", f"The new password must have at least {MIN_LENGTH} characters.",
                           f"Mật khẩu mới phải có ít nhất {MIN_LENGTH} ký tự.")  # fmt: skip
    if len(text) > MAX_LENGTH:
        raise WeakPassword("password.too_long", f"The new password may have at most {MAX_LENGTH} characters.",
                           f"Mật khẩu mới chỉ được có tối đa {MAX_LENGTH} ký tự.")  # fmt: skip
    if len(set(text)) == 1:
        raise WeakPassword("password.one_character", "The new password may not repeat one character.",
                           "Mật khẩu mới không được chỉ lặp lại một ký tự.")  # fmt: skip
    if text.casefold() == unicodedata.normalize("NFC", login).casefold():
        raise WeakPassword("password.is_login", "The new password may not be the login name.",
                           "Mật khẩu mới không được trùng với tên đăng nhập.")  # fmt: skip
    if current is not None and new == current:
        raise WeakPassword("password.unchanged", "The new password must differ from the current one.",
                           "Mật khẩu mới phải khác mật khẩu hiện tại.")  # fmt: skip
