"""Print, as JSON, the resource types the emulator's CloudFormation can create.

    python3 -m sts_kit_moto.supported_types
    -> {"moto": "5.2.1", "extended": [...types implemented by sts_kit_moto...], "supported": [...all...]}

A running emulator answers the same report at ``GET /sts-kit/supported-types`` (see server.py).
"""

from __future__ import annotations

import json
import sys
from typing import Any

import moto

from . import install


def report() -> dict[str, Any]:
    # install() imports moto's CloudFormation (and every backend it creates resources with) under the lighter
    # imports of fast_imports.py; importing registry before it would load EC2's data the slow way (about 1 s)
    install()
    from . import registry

    return {"moto": moto.__version__, "extended": registry.extended_types(), "supported": registry.creatable_types()}


def main() -> None:
    json.dump(report(), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
