"""A real Secret Service for the tests: gnome-keyring in a private D-Bus session bus.

Nothing touches the developer's own keyring: HOME and XDG folders point into a temporary folder,
and the bus exists only for the test session. ``python -m tests.secret_service COMMAND …`` runs
a command with one (``make dist-check`` runs the built program's self-check that way).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

KEYRING_PASSWORD = b"test-keyring-unlock"
LOGIN_COLLECTION = "/org/freedesktop/secrets/collection/login"

# A session bus with no service directories: the standard one would auto-start a second,
# password-less gnome-keyring when a client asks for the Secret Service before ours has taken the
# name, and that daemon answers every request with a prompt nobody can see (seen on CI).
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def available() -> bool:
    return shutil.which("gnome-keyring-daemon") is not None and shutil.which("dbus-daemon") is not None


@contextmanager
def private_secret_service() -> Iterator[dict[str, str]]:
    """Yield the environment variables that point `keyring` at a fresh, unlocked gnome-keyring."""
    folder = Path(tempfile.mkdtemp(prefix="ward-desk-keyring-"))
    env = {
        "HOME": str(folder),
        "XDG_RUNTIME_DIR": str(folder / "run"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    for path in env.values():
        Path(path).mkdir(parents=True, exist_ok=True)
    os.chmod(env["XDG_RUNTIME_DIR"], 0o700)
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=env["XDG_RUNTIME_DIR"]), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE, env={**os.environ, **env}, text=True,
    )  # fmt: skip
    address = bus.stdout.readline().strip() if bus.stdout else ""
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env},
    )  # fmt: skip
    assert daemon.stdin is not None
    daemon.stdin.write(KEYRING_PASSWORD)
    daemon.stdin.close()
    try:
        _wait_for_collection(env)
        yield env
    finally:
        daemon.terminate()
        bus.terminate()
        daemon.wait(timeout=10)
        bus.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _login_collection_works(secretstorage) -> bool:  # type: ignore[no-untyped-def]
    """The unlocked "login" collection exists and takes an item (the daemon creates it a moment
    after reading the password; asking earlier gets a prompt nobody can answer)."""
    with secretstorage.dbus_init() as connection:
        if not _secret_service_has_owner(connection):
            return False
        paths = [c.collection_path for c in secretstorage.get_all_collections(connection)]
        collection = secretstorage.get_default_collection(connection)
        if LOGIN_COLLECTION not in paths or collection.is_locked():
            return False
        item = collection.create_item("ward-desk probe", {"ward-desk": "probe"}, b"probe", replace=True)
        item.delete()
        return True


def _secret_service_has_owner(connection) -> bool:  # type: ignore[no-untyped-def]
    from jeepney import DBus

    reply = connection.send_and_get_reply(DBus().NameHasOwner("org.freedesktop.secrets"))
    return bool(reply.body[0])


def _wait_for_collection(env: dict[str, str]) -> None:
    import secretstorage

    saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = env["DBUS_SESSION_BUS_ADDRESS"]
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                if _login_collection_works(secretstorage):
                    return
            except Exception:
                if time.monotonic() > deadline:
                    raise
            if time.monotonic() > deadline:
                raise RuntimeError("gnome-keyring's login collection did not become usable")
            time.sleep(0.1)
    finally:
        if saved is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit("usage: python -m tests.secret_service COMMAND [ARGUMENT ...]")
    with private_secret_service() as variables:
        completed = subprocess.run(sys.argv[1:], env={**os.environ, **variables}, check=False)
    raise SystemExit(completed.returncode)
