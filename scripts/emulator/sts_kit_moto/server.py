"""Entry point of the cdk-sts-kit emulator: moto's server with the sts_kit_moto extensions, on 127.0.0.1 only.

    python3 -m sts_kit_moto.server --port 4566
    python3 -m sts_kit_moto.server --fork-server SOCKET   (test runs: one import, a fork per emulator; fork_server.py)

Besides every AWS API moto serves, it answers three emulator-only paths:

- ``GET /sts-kit/health`` -> ``{"emulator": "cdk-sts-kit", "pid": ..., "port": ..., "moto": "5.2.1"}``; the
  launcher uses it to tell its own emulator from anything else listening on the port.
- ``GET /sts-kit/supported-types`` -> the resource types its CloudFormation can create, as
  ``python3 -m sts_kit_moto.supported_types`` prints them (without starting another interpreter);
- ``POST /sts-kit/check-password`` with ``{"accountId", "userName", "password"}`` -> ``{"matches": bool}``; IAM has
  no API that reveals or verifies a login password, so tests use this to check that a user's login profile
  received the password Secrets Manager generated.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

HOST = "127.0.0.1"


def _json_response(start_response: Callable[..., Any], status: str, body: dict[str, Any]) -> Iterable[bytes]:
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]


class EmulatorApp:
    """WSGI middleware: unsigned requests to /sts-kit/* are answered here, everything else goes to moto."""

    def __init__(self, moto_app: Any, port: int):
        import moto

        self.moto_app = moto_app
        self.info = {
            "emulator": "cdk-sts-kit",
            "pid": os.getpid(),
            "port": port,
            "moto": moto.__version__,
            "startedAt": datetime.now(timezone.utc).isoformat(),
        }

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/sts-kit/") or "HTTP_AUTHORIZATION" in environ:
            # signed requests are AWS API calls (e.g. path-style S3 on a bucket named "sts-kit")
            return self.moto_app(environ, start_response)
        if path == "/sts-kit/health":
            return _json_response(start_response, "200 OK", self.info)
        if path == "/sts-kit/supported-types":
            from .supported_types import report

            return _json_response(start_response, "200 OK", report())
        if path == "/sts-kit/check-password" and environ.get("REQUEST_METHOD") == "POST":
            return self._check_password(environ, start_response)
        return self.moto_app(environ, start_response)

    @staticmethod
    def _check_password(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        from moto.iam.models import iam_backends

        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = json.loads(environ["wsgi.input"].read(length) or b"{}")
            backend = iam_backends[str(body["accountId"])]["aws"]
            user = backend.users.get(str(body["userName"]))
        except (KeyError, ValueError) as e:
            return _json_response(start_response, "400 Bad Request", {"error": f"bad request: {e}"})
        if user is None:
            return _json_response(start_response, "404 Not Found", {"error": "no such user"})
        if not user.password:
            return _json_response(start_response, "404 Not Found", {"error": "user has no login profile"})
        return _json_response(start_response, "200 OK", {"matches": user.password == body.get("password")})


#: exit code when moto or its server extras are missing (the launcher turns it into an install hint)
EXIT_MISSING_MODULE = 3


def _require_modules() -> None:
    """Fail with one clear line, not a traceback, when moto's server cannot be imported."""
    import importlib

    for module in ("moto", "werkzeug", "flask", "flask_cors"):
        try:
            importlib.import_module(module)
        except ImportError:
            sys.stderr.write(
                f"sts-kit-emulator: missing module: {module}\n"
                "Install moto with its server extras into this interpreter: "
                f"{sys.executable} -m pip install 'moto[server]==5.2.1'\n"
            )
            sys.exit(EXIT_MISSING_MODULE)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="cdk-sts-kit AWS emulator (moto + CloudFormation extensions)")
    parser.add_argument("-p", "--port", type=int, default=int(os.environ.get("STS_KIT_EMULATOR_PORT", "4566")))
    parser.add_argument(
        "--fork-server",
        metavar="SOCKET",
        help="import once and fork an emulator per request on this Unix socket (see fork_server.py)",
    )
    args = parser.parse_args(argv)

    _require_modules()
    if args.fork_server:
        from .fork_server import serve

        serve(args.fork_server, main)
        return
    os.environ.setdefault("MOTO_PORT", str(args.port))
    os.environ.pop("MOTO_ACCOUNT_ID", None)  # would force every request into one account (see README.md, "The local AWS emulator")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from . import install

    install()

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import run_simple

    def stop(signum: int, frame: Any) -> None:
        sys.exit(0)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    app = EmulatorApp(DomainDispatcherApplication(create_backend_app), args.port)
    logging.getLogger("sts_kit_moto").info("cdk-sts-kit emulator pid %s on http://%s:%s", os.getpid(), HOST, args.port)
    run_simple(HOST, args.port, app, threaded=True, use_reloader=False)


if __name__ == "__main__":
    main()
