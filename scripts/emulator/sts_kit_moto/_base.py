"""Shared machinery for the cdk-sts-kit CloudFormation models.

moto's CloudFormation (moto/cloudformation/parsing.py) maps a resource type to a model class through
``get_model_map()``, built from the direct subclasses of ``moto.core.common_models.CloudFormationModel``.
A template resource whose type is missing from that map is skipped with a warning, and anything that
``Ref``s it receives ``None``.

Every model here is a small *handle* (a ``CloudFormationModel`` subclass) that creates, updates and deletes
the real object in moto's own service backend (``iam_backends``, ``secretsmanager_backends``,
``cognitoidentity_backends``, ``cognitoidp_backends``) and remembers only what CloudFormation needs: the
physical id, the ``Fn::GetAtt`` attributes and the properties it was last deployed with (to compute updates).

``registry.install()`` puts these handles in front of moto's own models for the same type.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from moto.core.common_models import CloudFormationModel
from moto.moto_api._internal import mock_random
from moto.utilities.utils import get_partition

#: type name -> handle class, filled by @register
OVERRIDES: dict[str, type[StsKitModel]] = {}

_SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def register(cls: type[StsKitModel]) -> type[StsKitModel]:
    """Class decorator: make ``cls`` the emulator's model for ``cls.CFN_TYPE``."""
    OVERRIDES[cls.CFN_TYPE] = cls
    return cls


def partition_of(region_name: str) -> str:
    return get_partition(region_name)


def random_suffix(length: int = 12) -> str:
    return "".join(mock_random.choice(_SUFFIX_CHARS) for _ in range(length))


def stack_name_from_id(stack_id: str | None) -> str:
    # arn:aws:cloudformation:us-east-1:123456789012:stack/NAME/uuid
    if stack_id and ":stack/" in stack_id:
        return stack_id.split(":stack/", 1)[1].split("/", 1)[0]
    return "stack"


def generate_physical_name(
    stack_name: str, logical_id: str, max_length: int, separator: str = "-"
) -> str:
    """A name shaped like the ones CloudFormation generates: ``<stack>-<logical>-<RANDOM>`` within a limit."""
    suffix = random_suffix(12)
    room = max_length - len(suffix) - 2 * len(separator)
    stack_part = stack_name[: max(1, room // 2)]
    logical_part = logical_id[: max(1, room - len(stack_part))]
    return f"{stack_part}{separator}{logical_part}{separator}{suffix}"[:max_length]


def to_bool(value: Any, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() == "true"


def to_int(value: Any, default: int | None = None) -> int | None:
    if value is None or value == "":
        return default
    return int(value)


def policy_json(document: Any) -> str:
    """CloudFormation hands us policy documents as objects (or JSON strings); IAM stores JSON text."""
    if document is None:
        return ""
    if isinstance(document, str):
        return document
    return json.dumps(document)


def tag_list(tags: Any) -> list[dict[str, str]]:
    """Tags as ``[{Key, Value}]`` from either CloudFormation's list form or a ``{key: value}`` map."""
    if not tags:
        return []
    if isinstance(tags, dict):
        return [{"Key": str(k), "Value": str(v)} for k, v in tags.items()]
    return [{"Key": str(t["Key"]), "Value": str(t.get("Value", ""))} for t in tags]


def tag_map(tags: Any) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in tag_list(tags)}


def str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None]


class EmulatorError(Exception):
    """Raised by a handle when CloudFormation would fail the resource; the message ends up in the stack event."""


class StsKitModel(CloudFormationModel):
    """Base of every handle. Subclasses set the class attributes and implement ``_create``/``_update``/``_delete``."""

    CFN_TYPE: ClassVar[str] = "AWS::SERVICE::RESOURCE"
    #: property that names the resource ("" when it has none); used by moto to pick the physical name
    NAME_PROPERTY: ClassVar[str] = ""
    #: Fn::GetAtt attribute names this type supports
    ATTRIBUTES: ClassVar[tuple[str, ...]] = ()
    #: properties whose change replaces the resource (create new, then delete old)
    REPLACE_ON: ClassVar[tuple[str, ...]] = ()
    #: longest physical name CloudFormation would generate for this type (None: keep moto's name)
    MAX_GENERATED_NAME: ClassVar[int | None] = None

    def __init__(self, account_id: str, region_name: str, logical_id: str, stack_id: str | None):
        self.account_id = account_id
        self.region_name = region_name
        self.partition = partition_of(region_name)
        self.logical_id = logical_id
        self.stack_id = stack_id
        self.properties: dict[str, Any] = {}
        self.name: str = ""
        self.physical_id: str = ""
        self.attributes: dict[str, Any] = {}

    # ---- moto's CloudFormationModel protocol -------------------------------------------------------------

    @classmethod
    def cloudformation_type(cls) -> str:  # type: ignore[override]
        return cls.CFN_TYPE

    @classmethod
    def cloudformation_name_type(cls) -> str:  # type: ignore[override]
        return cls.NAME_PROPERTY

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in cls.ATTRIBUTES

    def get_cfn_attribute(self, attribute_name: str) -> Any:
        from moto.cloudformation.exceptions import UnformattedGetAttTemplateException

        if attribute_name in self.ATTRIBUTES and attribute_name in self.attributes:
            return self.attributes[attribute_name]
        raise UnformattedGetAttTemplateException()

    @property
    def physical_resource_id(self) -> str:
        return self.physical_id

    def is_created(self) -> bool:
        return True

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[override]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
        **kwargs: Any,
    ) -> StsKitModel:
        props = dict(cloudformation_json.get("Properties") or {})
        logical_id = kwargs.get("LogicalId") or resource_name
        handle = cls(account_id, region_name, logical_id, kwargs.get("StackId"))
        handle.name = cls._choose_name(resource_name, props, logical_id, kwargs.get("StackId"))
        handle._create_or_clean_up(props)
        return handle

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[override]
        cls,
        original_resource: StsKitModel,
        new_resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> StsKitModel:
        props = dict(cloudformation_json.get("Properties") or {})
        old = original_resource.properties
        if any(old.get(p) != props.get(p) for p in cls.REPLACE_ON):
            # Replacement: create the new resource first, then delete the old one (CloudFormation's order).
            name = props.get(cls.NAME_PROPERTY) if cls.NAME_PROPERTY else None
            if not name:
                name = cls._choose_name(
                    new_resource_name, props, original_resource.logical_id, original_resource.stack_id, fresh=True
                )
            handle = cls(account_id, region_name, original_resource.logical_id, original_resource.stack_id)
            handle.name = name
            handle._create_or_clean_up(props)
            original_resource._delete()
            return handle
        try:
            original_resource._update(old, props)
        except Exception:
            # Put back what was changed before the failure (best effort), so a rollback finds the old state.
            try:
                original_resource._update(props, old)
            except Exception:
                pass
            raise
        original_resource.properties = props
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[override]
        cls,
        resource_name: str,
        cloudformation_json: dict[str, Any],
        account_id: str,
        region_name: str,
    ) -> None:
        # Only reached when moto could not call ``delete`` on the handle itself; nothing else to find it by.
        raise EmulatorError(f"{cls.CFN_TYPE} {resource_name}: delete must go through the handle")

    def delete(self, account_id: str, region_name: str) -> None:
        """Called by moto's ResourceMap when the stack (or this resource) is deleted."""
        self._delete()

    # ---- helpers for subclasses --------------------------------------------------------------------------

    @classmethod
    def _choose_name(
        cls,
        resource_name: str,
        props: dict[str, Any],
        logical_id: str,
        stack_id: str | None,
        fresh: bool = False,
    ) -> str:
        if cls.NAME_PROPERTY and props.get(cls.NAME_PROPERTY):
            return str(props[cls.NAME_PROPERTY])
        if cls.MAX_GENERATED_NAME is None and not fresh:
            return resource_name
        limit = cls.MAX_GENERATED_NAME or 128
        return generate_physical_name(stack_name_from_id(stack_id), logical_id, limit)

    def _create_or_clean_up(self, props: dict[str, Any]) -> None:
        """Create; if that fails half-way, remove what was made so a failed resource leaves nothing behind."""
        self.properties = props
        try:
            self._create(props)
        except Exception:
            if self.physical_id:  # only once the primary object exists: never delete someone else's
                try:
                    self._delete()
                except Exception:
                    pass
            raise

    def _create(self, props: dict[str, Any]) -> None:
        raise NotImplementedError

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        raise NotImplementedError

    def _delete(self) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{self.CFN_TYPE} {self.logical_id} {self.physical_id}>"


def ignore_missing(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call a backend method, ignoring 'not found' errors (the thing is already gone)."""
    try:
        return fn(*args, **kwargs)
    except Exception as e:  # moto raises several NotFound/NoSuchEntity classes
        name = type(e).__name__
        code = getattr(e, "code", "") or getattr(e, "error_type", "")
        text = f"{name} {code} {e}"
        if re.search(r"NotFound|NoSuchEntity|not found|cannot be found|does not exist|ResourceNotFound", text, re.I):
            return None
        raise
