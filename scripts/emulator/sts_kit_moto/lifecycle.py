"""Stack lifecycle fixes for moto's CloudFormation.

1. Deletion order. moto deletes a stack's resources in set order (random) and retries failures; CloudFormation
   deletes dependents first (the reverse of the creation order given by Ref, Fn::GetAtt, Fn::Sub and
   DependsOn). We delete in that reverse order (still retrying), for stack deletes and for resources an update
   removes, so e.g. an access key goes before its user and a user before its group.
2. Failures. When a resource fails, moto lets the exception escape CreateStack/UpdateStack (an HTTP 500 with a
   Python traceback) and leaves the stack IN_PROGRESS forever. We record a ``CREATE_FAILED``/``UPDATE_FAILED``
   event naming the logical id, type and reason, roll a failed creation back (delete what was made; stack
   status ROLLBACK_COMPLETE), and end a failed update in UPDATE_ROLLBACK_COMPLETE (resources updated before the
   failure are not rolled back). The CDK CLI then prints the failing resource and reason.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing

logger = logging.getLogger("sts_kit_moto")

_SUB_REF = re.compile(r"\$\{([^!}][^}]*)\}")


def references(node: Any) -> set[str]:
    """Logical ids (or pseudo parameters) referenced anywhere inside ``node``."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "Ref" and isinstance(value, str):
                found.add(value)
            elif key == "Fn::GetAtt":
                target = value[0] if isinstance(value, list) and value else value
                if isinstance(target, str):
                    found.add(target.split(".", 1)[0])
            elif key == "Fn::Sub":
                template = value[0] if isinstance(value, list) else value
                if isinstance(template, str):
                    found.update(m.split(".", 1)[0] for m in _SUB_REF.findall(template))
                if isinstance(value, list) and len(value) > 1:
                    found |= references(value[1])
            else:
                found |= references(value)
    elif isinstance(node, list):
        for item in node:
            found |= references(item)
    return found


def creation_order(resources: dict[str, Any]) -> list[str]:
    """Logical ids so that each comes after the resources it depends on (cycles are broken arbitrarily)."""
    deps: dict[str, set[str]] = {}
    for logical_id, resource in resources.items():
        depends_on = resource.get("DependsOn") or []
        if isinstance(depends_on, str):
            depends_on = [depends_on]
        deps[logical_id] = (references(resource) | set(depends_on)) & set(resources)
        deps[logical_id].discard(logical_id)
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(node: str) -> None:
        if state.get(node):
            return
        state[node] = 1
        for dep in sorted(deps[node]):
            visit(dep)
        state[node] = 2
        order.append(node)

    for logical_id in resources:
        visit(logical_id)
    return order


def _ordered_delete(self: parsing.ResourceMap) -> None:
    order = list(reversed(creation_order(self._resource_json_map)))
    remaining = [lid for lid in order if self._resource_json_map[lid].get("DeletionPolicy") != "Retain"]
    last_exception: Exception | None = None
    while remaining:
        progress = False
        for logical_id in list(remaining):
            parsed = self._parsed_resources.get(logical_id)
            try:
                if parsed is not None and not isinstance(parsed, str):
                    self._delete_resource(parsed, self._resource_json_map[logical_id])
                    self._parsed_resources.pop(logical_id, None)
            except Exception as e:  # a dependency may still be in the way: retry in the next pass
                last_exception = e
                logger.info("delete of %s deferred: %s", logical_id, e)
                continue
            remaining.remove(logical_id)
            progress = True
        if not progress and last_exception is not None:
            raise last_exception


_original_build_resource_diff = parsing.ResourceMap.build_resource_diff


def _ordered_resource_diff(self: parsing.ResourceMap, other_template: dict[str, Any], parameters: Any = None) -> dict[str, Any]:
    diff = _original_build_resource_diff(self, other_template, parameters)
    old_order = list(reversed(creation_order(self._resource_json_map)))
    diff["Remove"] = sorted(diff["Remove"], key=old_order.index)
    new_order = creation_order(other_template.get("Resources") or {})
    diff["Add"] = sorted(diff["Add"], key=new_order.index)
    diff["Modify"] = sorted(diff["Modify"], key=new_order.index)
    return diff


# ---- failures ------------------------------------------------------------------------------------------------

_original_parse_and_create = parsing.parse_and_create_resource
_original_parse_and_update = parsing.parse_and_update_resource


def _tag(e: Exception, logical_id: str, resource_json: dict[str, Any]) -> Exception:
    if not hasattr(e, "sts_kit_logical_id"):
        e.sts_kit_logical_id = logical_id  # type: ignore[attr-defined]
        e.sts_kit_resource_type = resource_json.get("Type", "")  # type: ignore[attr-defined]
    return e


def _parse_and_create(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str) -> Any:
    try:
        return _original_parse_and_create(logical_id, resource_json, resources_map, account_id, region_name)
    except Exception as e:
        raise _tag(e, logical_id, resource_json)


def _parse_and_update(logical_id: str, resource_json: dict[str, Any], resources_map: Any, account_id: str, region_name: str) -> Any:
    try:
        return _original_parse_and_update(logical_id, resource_json, resources_map, account_id, region_name)
    except Exception as e:
        raise _tag(e, logical_id, resource_json)


def _reason(e: Exception) -> str:
    message = getattr(e, "message", None) or str(e) or type(e).__name__
    return f"{type(e).__name__}: {message}"


def _resource_event(stack: Any, e: Exception, status: str) -> None:
    logical_id = getattr(e, "sts_kit_logical_id", None)
    if not logical_id:
        return
    event = cfn_models.Event(
        stack_id=stack.stack_id,
        stack_name=stack.name,
        logical_resource_id=logical_id,
        physical_resource_id="",
        resource_type=getattr(e, "sts_kit_resource_type", ""),
        resource_status=status,
        resource_status_reason=_reason(e),
        resource_properties=None,
    )
    stack.events.append(event)


_original_create_resources = cfn_models.Stack.create_resources
_original_update = cfn_models.Stack.update


def _create_resources(self: Any) -> None:
    try:
        _original_create_resources(self)
    except Exception as e:
        logger.error("stack %s: creation failed: %s", self.name, _reason(e))
        _resource_event(self, e, "CREATE_FAILED")
        self._add_stack_event("ROLLBACK_IN_PROGRESS", resource_status_reason=f"The following resource(s) failed to create: "
                              f"[{getattr(e, 'sts_kit_logical_id', '?')}]. Rollback requested by user.")
        try:
            self.resource_map.delete()
        except Exception as cleanup:  # pragma: no cover - best effort
            logger.error("stack %s: rollback failed: %s", self.name, _reason(cleanup))
            self.status = "ROLLBACK_FAILED"
            self._add_stack_event("ROLLBACK_FAILED", resource_status_reason=_reason(cleanup))
            return
        self.status = "ROLLBACK_COMPLETE"
        self._add_stack_event("ROLLBACK_COMPLETE")


def _update(self: Any, template: str, role_arn: str | None = None, parameters: Any = None, tags: Any = None) -> None:
    try:
        _original_update(self, template, role_arn=role_arn, parameters=parameters, tags=tags)
    except Exception as e:
        logger.error("stack %s: update failed: %s", self.name, _reason(e))
        _resource_event(self, e, "UPDATE_FAILED")
        self._add_stack_event(
            "UPDATE_ROLLBACK_COMPLETE",
            resource_status_reason=f"{_reason(e)} (the emulator does not roll back resources updated before the failure)",
        )
        self.status = "UPDATE_ROLLBACK_COMPLETE"


def install() -> None:
    parsing.ResourceMap.delete = _ordered_delete  # type: ignore[method-assign]
    parsing.ResourceMap.build_resource_diff = _ordered_resource_diff  # type: ignore[method-assign]
    parsing.parse_and_create_resource = _parse_and_create
    parsing.parse_and_update_resource = _parse_and_update
    cfn_models.Stack.create_resources = _create_resources  # type: ignore[method-assign]
    cfn_models.Stack.update = _update  # type: ignore[method-assign]
