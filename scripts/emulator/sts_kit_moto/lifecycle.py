"""Stack lifecycle fixes for moto's CloudFormation.

1. Deletion order. moto deletes a stack's resources in set order (random) and retries failures; CloudFormation
   deletes dependents first (the reverse of the creation order given by Ref, Fn::GetAtt, Fn::Sub and
   DependsOn). We delete in that reverse order (still retrying), for stack deletes and for resources an update
   removes, so e.g. an access key goes before its user and a user before its group.
2. Failures. When a resource fails, moto lets the exception escape CreateStack/UpdateStack (an HTTP 500 with a
   Python traceback) and leaves the stack IN_PROGRESS forever. We record a ``CREATE_FAILED``/``UPDATE_FAILED``
   event naming the logical id, type and reason (the CDK CLI prints it) and roll back:
   - a failed creation deletes every resource it made (ROLLBACK_COMPLETE); the stack keeps no outputs or exports,
     reading it (DescribeStacks, ListStackResources) never creates anything again, UpdateStack is refused as
     CloudFormation refuses it, and DeleteStack removes it;
   - a failed update (ours replaces moto's ``Stack.update``) adds and modifies in the new template's creation
     order and removes resources only after everything else succeeded (CloudFormation's clean-up phase); on a
     failure it gives every modified resource (the failed one included) its previous properties, deletes what it
     added, and keeps the previous template, parameters and outputs (UPDATE_ROLLBACK_COMPLETE). So GetTemplate
     always describes the live resources and the next deploy of a fix really applies it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from moto.cloudformation import exceptions as cfn_exceptions
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
_original_getitem = parsing.ResourceMap.__getitem__
_original_iter = parsing.ResourceMap.__iter__


def _getitem(self: parsing.ResourceMap, key: str) -> Any:
    """A frozen map (a stack whose creation was rolled back) never creates a resource while it is read."""
    if getattr(self, "sts_kit_frozen", False) and key not in self._parsed_resources:
        return None
    return _original_getitem(self, key)


def _iter(self: parsing.ResourceMap) -> Any:
    if getattr(self, "sts_kit_frozen", False):
        return iter([k for k in self._resource_json_map if self._parsed_resources.get(k) is not None])
    return _original_iter(self)


def _freeze(stack: Any) -> None:
    """After a failed creation: keep only what could not be deleted (for DeleteStack); no outputs, no exports."""
    rm = stack.resource_map
    rm._resource_json_map = {lid: j for lid, j in rm._resource_json_map.items() if not _absent(rm, lid)}
    rm.sts_kit_frozen = True
    stack.output_map = parsing.OutputMap(rm, {}, stack.stack_id)
    backend = cfn_models.cloudformation_backends[stack.account_id][stack.region_name]
    for name, export in list(backend.exports.items()):
        if getattr(export, "exporting_stack_id", None) == stack.stack_id:
            backend.exports.pop(name, None)


def _absent(rm: parsing.ResourceMap, logical_id: str) -> bool:
    parsed = rm._parsed_resources.get(logical_id)
    return parsed is None or isinstance(parsed, str)


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
        finally:
            _freeze(self)
        self.status = "ROLLBACK_COMPLETE"
        self._add_stack_event("ROLLBACK_COMPLETE")


_original_stack_delete = cfn_models.Stack.delete


def _stack_delete(self: Any) -> None:
    """A deleted stack stays readable by its id (DescribeStacks): reading it must not re-create its resources."""
    try:
        _original_stack_delete(self)
    finally:
        rm = self.resource_map
        rm._resource_json_map = {lid: j for lid, j in rm._resource_json_map.items() if not _absent(rm, lid)}
        rm.sts_kit_frozen = True
        self.output_map = parsing.OutputMap(rm, {}, self.stack_id)


# ---- updates with rollback -----------------------------------------------------------------------------------


class _MapState:
    """What a resource map resolves against: restored as a whole when an update rolls back."""

    def __init__(self, rm: parsing.ResourceMap):
        self.template = rm._template
        self.json_map = rm._resource_json_map
        self.input_parameters = rm.input_parameters
        self.resolved_parameters = dict(rm.resolved_parameters)
        self.parsed = dict(rm._parsed_resources)

    def restore_resolution(self, rm: parsing.ResourceMap) -> None:
        rm._template = self.template
        rm._resource_json_map = self.json_map
        rm.input_parameters = self.input_parameters
        rm.resolved_parameters = dict(self.resolved_parameters)
        rm.load_mapping()
        rm.load_parameters()
        rm.load_conditions()


def _apply_update(rm: parsing.ResourceMap, template: dict[str, Any], parameters: Any, journal: dict[str, list[Any]]) -> list[str]:
    """Add and modify in the new template's creation order (so a resource sees the new values of what it
    references); returns the logical ids to remove once everything else succeeded (CloudFormation's clean-up)."""
    diff = rm.build_resource_diff(template, parameters)
    rm._template = template
    if parameters:
        rm.input_parameters = parameters
    rm.load_mapping()
    rm.load_parameters()
    rm.load_conditions()
    rm._resource_json_map = template["Resources"]
    add, modify = set(diff["Add"]), set(diff["Modify"])
    for logical_id in creation_order(template["Resources"]):
        if logical_id in add:
            created = rm[logical_id]  # __getitem__ creates it
            if created is not None:
                journal["added"].append(logical_id)
        elif logical_id in modify:
            journal["modifying"].append(logical_id)
            changed = parsing.parse_and_update_resource(
                logical_id, rm._resource_json_map[logical_id], rm, account_id=rm._account_id, region_name=rm._region_name
            )
            if changed is not None:
                rm._parsed_resources[logical_id] = changed
            journal["modified"].append(logical_id)
    return list(diff["Remove"])


def _roll_back_update(rm: parsing.ResourceMap, before: _MapState, journal: dict[str, list[Any]]) -> None:
    """Put the previous template's resources back: modified ones (the failed one included) get their previous
    properties again, in the previous creation order; then what the update added is deleted, dependents first."""
    added = journal["added"]
    new_json = rm._resource_json_map
    before.restore_resolution(rm)
    errors: list[Exception] = []
    order = creation_order(before.json_map)
    touched = set(journal["modifying"])
    for logical_id in [lid for lid in order if lid in touched]:
        current = rm._parsed_resources.get(logical_id)
        if current is None or isinstance(current, str):
            continue
        try:
            restored = parsing.parse_and_update_resource(
                logical_id, before.json_map[logical_id], rm, account_id=rm._account_id, region_name=rm._region_name
            )
            if restored is not None:
                rm._parsed_resources[logical_id] = restored
        except Exception as e:
            logger.error("rollback of %s failed: %s", logical_id, _reason(e))
            errors.append(_tag(e, logical_id, before.json_map[logical_id]))
    for logical_id in reversed(added):
        parsed = rm._parsed_resources.pop(logical_id, None)
        if parsed is None or isinstance(parsed, str):
            continue
        try:
            rm._delete_resource(parsed, new_json[logical_id])
        except Exception as e:
            logger.error("rollback: delete of %s failed: %s", logical_id, _reason(e))
            errors.append(_tag(e, logical_id, new_json[logical_id]))
    if errors:
        raise errors[0]


def _remove_after_update(stack: Any, rm: parsing.ResourceMap, old_json: dict[str, Any], remove: list[str]) -> None:
    """Delete what the update removed, dependents first; a failure is reported but does not fail the update."""
    remaining = [lid for lid in remove if old_json[lid].get("DeletionPolicy") != "Retain"]
    failures: dict[str, Exception] = {}
    for _ in range(len(remaining) + 1):
        if not remaining:
            break
        for logical_id in list(remaining):
            parsed = rm._parsed_resources.get(logical_id)
            try:
                if parsed is not None and not isinstance(parsed, str):
                    rm._delete_resource(parsed, old_json[logical_id])
            except Exception as e:
                failures[logical_id] = _tag(e, logical_id, old_json[logical_id])
                continue
            rm._parsed_resources.pop(logical_id, None)
            remaining.remove(logical_id)
    for logical_id in remaining:
        rm._parsed_resources.pop(logical_id, None)
        logger.error("stack %s: clean-up could not delete %s: %s", stack.name, logical_id, _reason(failures[logical_id]))
        _resource_event(stack, failures[logical_id], "DELETE_FAILED")


def _update(self: Any, template: str, role_arn: str | None = None, parameters: Any = None, tags: Any = None) -> None:
    if self.status in ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "CREATE_FAILED", "DELETE_FAILED", "UPDATE_ROLLBACK_FAILED"):
        raise cfn_exceptions.ValidationError(
            message=f"Stack:{self.stack_id} is in {self.status} state and can not be updated."
        )
    self._add_stack_event("UPDATE_IN_PROGRESS", resource_status_reason="User Initiated")
    rm = self.resource_map
    before = _MapState(rm)
    new_template = self.parse_template(template)
    journal: dict[str, list[Any]] = {"added": [], "modifying": [], "modified": []}
    self.status = "UPDATE_IN_PROGRESS"
    try:
        remove = _apply_update(rm, new_template, parameters, journal)
    except Exception as e:
        logger.error("stack %s: update failed: %s", self.name, _reason(e))
        _resource_event(self, e, "UPDATE_FAILED")
        self._add_stack_event("UPDATE_ROLLBACK_IN_PROGRESS", resource_status_reason=_reason(e))
        try:
            _roll_back_update(rm, before, journal)
        except Exception as cleanup:
            logger.error("stack %s: update rollback failed: %s", self.name, _reason(cleanup))
            _resource_event(self, cleanup, "UPDATE_FAILED")
            self._add_stack_event("UPDATE_ROLLBACK_FAILED", resource_status_reason=_reason(cleanup))
            self.status = "UPDATE_ROLLBACK_FAILED"
            return
        self._add_stack_event("UPDATE_ROLLBACK_COMPLETE")
        self.status = "UPDATE_ROLLBACK_COMPLETE"
        return
    self.template = template
    self._parse_template()
    self._add_stack_event("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
    _remove_after_update(self, rm, before.json_map, remove)
    self.output_map = self._create_output_map()
    self._add_stack_event("UPDATE_COMPLETE")
    self.status = "UPDATE_COMPLETE"
    self.role_arn = role_arn
    if parameters:
        self.parameters = parameters
    if tags is not None:
        self.tags = tags


def install() -> None:
    parsing.ResourceMap.delete = _ordered_delete  # type: ignore[method-assign]
    parsing.ResourceMap.build_resource_diff = _ordered_resource_diff  # type: ignore[method-assign]
    parsing.parse_and_create_resource = _parse_and_create
    parsing.parse_and_update_resource = _parse_and_update
    cfn_models.Stack.create_resources = _create_resources  # type: ignore[method-assign]
    cfn_models.Stack.update = _update  # type: ignore[method-assign]
    cfn_models.Stack.delete = _stack_delete  # type: ignore[method-assign]
    parsing.ResourceMap.__getitem__ = _getitem  # type: ignore[method-assign]
    parsing.ResourceMap.__iter__ = _iter  # type: ignore[method-assign]
