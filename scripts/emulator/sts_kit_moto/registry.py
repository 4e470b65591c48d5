"""Put the cdk-sts-kit handles in front of moto's CloudFormation models.

moto looks models up through three module-level functions in moto/cloudformation/parsing.py
(``get_model_list``, ``get_model_map``, ``get_name_type_map``), each ``lru_cache``d over
``CloudFormationModel.__subclasses__()``. We replace them with versions that return moto's models with ours
taking precedence for the types we implement.
"""

from __future__ import annotations

from typing import Any

from moto.cloudformation import parsing
from moto.core.common_models import CloudFormationModel

from ._base import OVERRIDES, StsKitModel

_cache: dict[str, Any] = {"key": None}


def _models() -> tuple[list[type[CloudFormationModel]], dict[str, type[CloudFormationModel]]]:
    subclasses = CloudFormationModel.__subclasses__()
    key = (len(subclasses), len(OVERRIDES))
    if _cache["key"] != key:
        moto_models = [
            m for m in subclasses if m is not StsKitModel and m.cloudformation_type() not in OVERRIDES
        ]
        models = moto_models + list(OVERRIDES.values())
        _cache.update(key=key, list=models, map={m.cloudformation_type(): m for m in models})
    return _cache["list"], _cache["map"]


def get_model_list() -> list[type[CloudFormationModel]]:
    return _models()[0]


def get_model_map() -> dict[str, type[CloudFormationModel]]:
    return _models()[1]


def get_name_type_map() -> dict[str, str]:
    return {t: m.cloudformation_name_type() for t, m in _models()[1].items()}


def install() -> None:
    # moto.cloudformation.parsing imports every service module that defines models except moto.logs; import it
    # now so the set of supported types does not depend on which services have been called first.
    import moto.logs.models  # noqa: F401

    parsing.get_model_list = get_model_list
    parsing.get_model_map = get_model_map
    parsing.get_name_type_map = get_name_type_map


def creatable_types() -> list[str]:
    """Resource types the emulator's CloudFormation creates (moto's own plus ours), sorted."""
    return sorted(t for t in get_model_map() if t.count("::") == 2 and t != "AWS::SERVICE::RESOURCE")


def extended_types() -> list[str]:
    return sorted(OVERRIDES)
