"""Print, as JSON, the resource types the emulator's CloudFormation can create.

    python3 -m sts_kit_moto.supported_types
    -> {"moto": "5.2.1", "extended": [...types implemented by sts_kit_moto...], "supported": [...all...]}
"""

from __future__ import annotations

import json
import sys

import moto

from . import install, registry


def main() -> None:
    install()
    json.dump(
        {"moto": moto.__version__, "extended": registry.extended_types(), "supported": registry.creatable_types()},
        sys.stdout,
        indent=2,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
