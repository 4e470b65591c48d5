"""AWS::CloudFormation::StackSet for the emulator's CloudFormation (what ``OrganizationRollout`` synthesizes).

moto serves the StackSet API (CreateStackSet, CreateStackInstances, ...) and deploys a stack instance's template in
the target account, but has no CloudFormation model for the resource type, does not redeploy instances when the
template changes, and knows nothing of automatic deployment. This handle:

- creates the stack set in moto's backend and one stack instance per (account, region) of ``StackInstancesGroup``:
  ``Accounts`` as given (self-managed), or every account of ``OrganizationalUnitIds`` and of their child units in the
  organization of the stack's account (service-managed);
- on update, redeploys every instance with a changed ``TemplateBody`` and creates/deletes instances for targets that
  were added/removed (a changed account list, region list or unit list);
- on delete, deletes every instance, then the stack set (``DeletionPolicy: Retain`` never gets here);
- automatic deployment (``AutoDeployment.Enabled``): when an account is created in, moved into, moved out of or
  removed from the organization, every service-managed stack set of that organization gains or loses the instance;
  ``RetainStacksOnAccountRemoval`` keeps the stack of a leaving account (the instance is forgotten, its roles stay).

Stack instances are deployed at once (no operation preferences: concurrency and failure tolerance are AWS's
scheduling, not something the emulator imitates). ``Ref`` and ``Fn::GetAtt StackSetId`` give the stack set id.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from moto.cloudformation.models import cloudformation_backends
from moto.organizations.models import OrganizationsBackend, organizations_backends

from ._base import EmulatorError, StsKitModel, register, str_list, tag_map, to_bool

logger = logging.getLogger("sts_kit_moto")

#: live handles, for automatic deployment when the organization changes
_LIVE: list[StackSetHandle] = []


def _template_text(props: dict[str, Any]) -> str:
    body = props.get("TemplateBody")
    if body is None:
        raise EmulatorError("AWS::CloudFormation::StackSet: only TemplateBody is supported (TemplateURL needs S3 and an asset)")
    return body if isinstance(body, str) else json.dumps(body)


@register
class StackSetHandle(StsKitModel):
    CFN_TYPE = "AWS::CloudFormation::StackSet"
    NAME_PROPERTY = "StackSetName"
    ATTRIBUTES = ("StackSetId",)
    REPLACE_ON = ("StackSetName", "PermissionModel")

    def __init__(self, account_id: str, region_name: str, logical_id: str, stack_id: str | None):
        super().__init__(account_id, region_name, logical_id, stack_id)
        self.targets: set[tuple[str, str]] = set()

    # ---- lifecycle --------------------------------------------------------------------------------------------

    def _backend(self) -> Any:
        return cloudformation_backends[self.account_id][self.region_name]

    def _stack_set(self) -> Any:
        return self._backend().describe_stack_set(self.name)

    @property
    def service_managed(self) -> bool:
        return str(self.properties.get("PermissionModel") or "SELF_MANAGED") == "SERVICE_MANAGED"

    @property
    def auto_deploy(self) -> bool:
        return self.service_managed and to_bool((self.properties.get("AutoDeployment") or {}).get("Enabled"))

    @property
    def retain_on_removal(self) -> bool:
        return to_bool((self.properties.get("AutoDeployment") or {}).get("RetainStacksOnAccountRemoval"))

    def _create(self, props: dict[str, Any]) -> None:
        stack_set = self._backend().create_stack_set(
            name=self.name,
            template=_template_text(props),
            parameters={p["ParameterKey"]: p["ParameterValue"] for p in props.get("Parameters") or []},
            tags=tag_map(props.get("Tags")),
            permission_model=str(props.get("PermissionModel") or "SELF_MANAGED"),
            admin_role=props.get("AdministrationRoleARN"),
            exec_role=props.get("ExecutionRoleName"),
            description=props.get("Description"),
        )
        self.physical_id = stack_set.id
        self.attributes = {"StackSetId": stack_set.id}
        _LIVE.append(self)
        self._deploy(self._wanted_targets(props))

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        stack_set = self._stack_set()
        template = _template_text(new)
        if template != stack_set.template:
            stack_set.template = template
            stack_set.instances.template = template
            for instance in list(stack_set.stack_instances):
                instance.template = template
                instance.stack.update(template, parameters=dict(instance.stack.parameters or {}))
        stack_set.description = new.get("Description")
        self.properties = new
        self._deploy(self._wanted_targets(new))

    def _delete(self) -> None:
        if self in _LIVE:
            _LIVE.remove(self)
        try:
            stack_set = self._stack_set()
        except Exception:
            return
        self._remove(set(self.targets), retain=False)
        self._backend().delete_stack_set(stack_set.name)

    # ---- targets ----------------------------------------------------------------------------------------------

    def _organization(self) -> OrganizationsBackend | None:
        backend = organizations_backends[self.account_id][self.partition]
        return backend if backend.org is not None else None

    def _ou_accounts(self, ou_ids: list[str]) -> list[str]:
        org = self._organization()
        if org is None:
            raise EmulatorError(
                f"{self.logical_id}: service-managed stack set without an organization in account {self.account_id} "
                "(call organizations CreateOrganization first)"
            )
        wanted = set(ou_ids)
        # units below the targets, any depth
        changed = True
        while changed:
            changed = False
            for ou in org.ou:
                if ou.parent_id in wanted and ou.id not in wanted:
                    wanted.add(ou.id)
                    changed = True
        return [a.id for a in org.accounts if a.parent_id in wanted and a.id != self.account_id]

    def _wanted_targets(self, props: dict[str, Any]) -> set[tuple[str, str]]:
        wanted: set[tuple[str, str]] = set()
        for group in props.get("StackInstancesGroup") or []:
            regions = str_list(group.get("Regions"))
            targets = group.get("DeploymentTargets") or {}
            accounts = str_list(targets.get("Accounts"))
            if self.service_managed:
                accounts = self._ou_accounts(str_list(targets.get("OrganizationalUnitIds")))
            wanted |= {(account, region) for account in accounts for region in regions}
        return wanted

    def _deploy(self, wanted: set[tuple[str, str]]) -> None:
        self._remove(self.targets - wanted, retain=False)
        added = sorted(wanted - self.targets)
        if added:
            stack_set = self._stack_set()
            for account, region in added:
                stack_set.instances.create_instances(
                    [account], [region], [], {}, permission_model=stack_set.permission_model
                )
                self.targets.add((account, region))
            logger.info("stack set %s: %d instance(s) created", self.name, len(added))

    def _remove(self, targets: set[tuple[str, str]], retain: bool) -> None:
        if not targets:
            return
        stack_set = self._stack_set()
        for instance in list(stack_set.stack_instances):
            if (instance.account_id, instance.region_name) in targets:
                if not retain:
                    instance.delete()
                stack_set.stack_instances.remove(instance)
        self.targets -= targets
        logger.info("stack set %s: %d instance(s) %s", self.name, len(targets), "forgotten (stacks retained)" if retain else "deleted")

    def on_organization_change(self) -> None:
        """Automatic deployment: follow the accounts of the target units."""
        if not self.auto_deploy:
            return
        wanted = self._wanted_targets(self.properties)
        self._remove(self.targets - wanted, retain=self.retain_on_removal)
        self._deploy(wanted)


def _organization_changed(org_backend: OrganizationsBackend) -> None:
    for handle in list(_LIVE):
        if handle.account_id == org_backend.account_id and handle.service_managed:
            try:
                handle.on_organization_change()
            except Exception:  # never fail the Organizations call itself
                logger.exception("stack set %s: automatic deployment failed", handle.name)


def install() -> None:
    """Hook automatic deployment into the Organizations calls that move accounts."""
    if getattr(OrganizationsBackend, "_sts_kit_auto_deploy", False):
        return

    def wrap(name: str) -> None:
        original = getattr(OrganizationsBackend, name)

        def hooked(self: OrganizationsBackend, *args: Any, **kwargs: Any) -> Any:
            result = original(self, *args, **kwargs)
            _organization_changed(self)
            return result

        hooked.__name__ = name
        setattr(OrganizationsBackend, name, hooked)

    for name in ("create_account", "move_account", "remove_account_from_organization", "close_account"):
        wrap(name)
    OrganizationsBackend._sts_kit_auto_deploy = True  # type: ignore[attr-defined]
