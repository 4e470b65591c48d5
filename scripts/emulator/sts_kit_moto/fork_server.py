"""A fork server for emulators: moto and the sts_kit_moto extensions imported once, each emulator a fork of it.

    python3 -m sts_kit_moto.server --fork-server /tmp/run/emulators.sock

Every emulator start otherwise spends about 2.5 s of CPU importing moto's CloudFormation and every backend it can
create resources with; a test run starts twenty of them. This process pays the import once, then listens on a Unix
socket. One request per connection, one JSON line each way:

    {"port": 4566, "log": "/state/emulator.log", "cwd": "/repo/scripts/emulator", "env": {...}}
    -> {"pid": 12345}        (or {"error": "..."})

The child is the same server ``python3 -m sts_kit_moto.server --port 4566`` would be: its own session and process
group (the launcher stops it by group), stdout and stderr appended to the log, stdin from /dev/null, the requested
environment and working directory, fresh random seeds (two forks must not draw the same "random" ids). Its command
line is this process's, so it still names ``sts_kit_moto.server`` (the launcher checks that before it signals a PID).
What moto reads from the environment at import time (its ``MOTO_*`` settings) comes from the fork server's
environment.

The launcher (scripts/emulator/emulator.ts) uses it when STS_KIT_EMULATOR_FORK_SERVER names the socket; the
first emulator start of a test run starts it (test/support/global-setup.js names the socket, global-teardown.js stops
it). Children are reaped at once (SIGCHLD ignored). SIGTERM stops the fork server and every emulator it started that
still runs. It also exits by itself after ten minutes without a request and without a running emulator (a run that
ended without stopping it, e.g. on Ctrl-C), or once its socket file is gone (the run's folder removed).
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import sys
import time
import traceback
from typing import Any, Callable

#: how often an idle fork server looks whether it should exit, and after how long without a request and without a
#: live emulator it does
IDLE_CHECK_S = 30.0
IDLE_EXIT_S = 600.0


def serve(socket_path: str, run_server: Callable[[list[str]], None]) -> None:
    """Import everything, listen on ``socket_path`` (created only once ready), fork an emulator per request."""
    from . import install

    install()
    # what server.main() imports after install(): in the fork server, so that no child imports it again
    import moto.moto_server.werkzeug_app  # noqa: F401
    import werkzeug.serving  # noqa: F401

    listen_and_fork(socket_path, run_server)


def listen_and_fork(
    socket_path: str,
    run_server: Callable[[list[str]], None],
    idle_check_s: float = IDLE_CHECK_S,
    idle_exit_s: float = IDLE_EXIT_S,
) -> None:
    """Listen on ``socket_path`` and fork a ``run_server`` per request; exit when idle or when the socket is gone."""
    children: set[int] = set()

    def prune() -> None:
        children.intersection_update({pid for pid in children if _our_child(pid)})

    def stop(signum: int, frame: Any) -> None:
        prune()  # never signal a PID the kernel has given to another program since
        for pid in children:
            try:
                os.killpg(pid, signal.SIGTERM)
            except OSError:
                pass  # gone already
        try:
            os.unlink(socket_path)
        except OSError:
            pass
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel: no zombie looks alive

    # bind to a temporary name and rename: a client that finds the socket finds it ready
    pending = f"{socket_path}.{os.getpid()}.tmp"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(pending)
    listener.listen(16)
    os.rename(pending, socket_path)
    sys.stdout.write(f"sts-kit-emulator fork server pid {os.getpid()} on {socket_path}\n")
    sys.stdout.flush()

    listener.settimeout(idle_check_s)
    last_request = time.monotonic()
    while True:
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            prune()
            idle = time.monotonic() - last_request > idle_exit_s and not children
            if idle or not os.path.exists(socket_path):
                stop(signal.SIGTERM, None)  # a run that ended without stopping it (Ctrl-C), or its folder is gone
            continue
        last_request = time.monotonic()
        conn.settimeout(None)
        with conn:
            try:
                request = json.loads(_read_line(conn))
                port, log, cwd, env = int(request["port"]), str(request["log"]), str(request["cwd"]), request["env"]
            except (ValueError, KeyError, TypeError) as e:
                conn.sendall((json.dumps({"error": f"bad request: {e}"}) + "\n").encode())
                continue
            prune()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                conn.close()
                listener.close()
                _become_emulator(port, log, cwd, env, run_server)  # never returns
            children.add(pid)
            conn.sendall((json.dumps({"pid": pid}) + "\n").encode())


def _read_line(conn: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode()


def _our_child(pid: int) -> bool:
    """Whether ``pid`` is still a child of this process: an emulator that exited was reaped at once, and its PID may
    belong to another program by now."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except FileNotFoundError:
        if os.path.isdir("/proc"):
            return False
        try:  # no /proc (macOS): trust kill(0)
            os.kill(pid, 0)
            return True
        except OSError:
            return False
    except OSError:
        return False
    return int(stat[stat.rfind(")") + 2 :].split()[1]) == os.getpid()


def _become_emulator(port: int, log: str, cwd: str, env: dict[str, str], run_server: Callable[[list[str]], None]) -> None:
    code = 1
    try:
        os.setsid()
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, signal.SIG_DFL)
        out = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        os.dup2(out, 1)
        os.dup2(out, 2)
        os.close(out)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in env.items()})
        os.chdir(cwd)
        from moto.moto_api._internal import mock_random

        random.seed()
        mock_random.seed()
        run_server(["--port", str(port)])
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
