"""Print, as JSON, the resource types the emulator's CloudFormation can create.

    python3 -m sts_kit_moto.supported_types
    -> {"moto": "5.2.1", "extended": [...types implemented by sts_kit_moto...], "supported": [...all...]}
"""

from __future__ import annotations

import json
import sys

import moto

from . import install


def main() -> None:
    # install() imports moto's CloudFormation (and every backend it creates resources with) under the lighter
    # imports of fast_imports.py; importing registry before it would load EC2's data the slow way (about 1 s)
    install()
    from . import registry
    json.dump(
        {"moto": moto.__version__, "extended": registry.extended_types(), "supported": registry.creatable_types()},
        sys.stdout,
        indent=2,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
