"""CloudFormation models for IAM, backed by moto's ``iam_backends``.

moto 5.2.1 has no CloudFormation model for AWS::IAM::Group, UserToGroupAddition, OIDCProvider, SAMLProvider,
RolePolicy, UserPolicy or GroupPolicy, and its models for Role, User, ManagedPolicy, Policy, AccessKey and
InstanceProfile ignore properties or cannot be updated/deleted cleanly:

- Role: ManagedPolicyArns ignored; updates only touch Description (trust policy, policies, boundary and tags
  are never updated); inline policy documents are stored as objects instead of JSON text.
- User: Groups, ManagedPolicyArns, Policies, LoginProfile, PermissionsBoundary and Tags ignored; deleting it
  leaves it in its groups.
- ManagedPolicy: no update and no delete (the policy and its attachments stay behind).
- InstanceProfile: no update.

Every handle below implements all of them.
"""

from __future__ import annotations

from typing import Any

from moto.iam.models import iam_backends

from ._base import (
    EmulatorError,
    StsKitModel,
    ignore_missing,
    policy_json,
    register,
    str_list,
    tag_list,
    tag_map,
    to_bool,
    to_int,
)


class _IamModel(StsKitModel):
    @property
    def backend(self) -> Any:
        return iam_backends[self.account_id][self.partition]


def _policies_by_name(props: dict[str, Any]) -> dict[str, str]:
    return {p["PolicyName"]: policy_json(p["PolicyDocument"]) for p in props.get("Policies") or []}


def _sync_inline(
    put: Any, delete: Any, entity: str, old: dict[str, Any], new: dict[str, Any]
) -> None:
    old_p, new_p = _policies_by_name(old), _policies_by_name(new)
    for name in old_p.keys() - new_p.keys():
        ignore_missing(delete, entity, name)
    for name, doc in new_p.items():
        if old_p.get(name) != doc:
            put(entity, name, doc)


def _sync_managed(attach: Any, detach: Any, entity: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    old_a, new_a = str_list(old.get("ManagedPolicyArns")), str_list(new.get("ManagedPolicyArns"))
    for arn in old_a:
        if arn not in new_a:
            ignore_missing(detach, arn, entity)
    for arn in new_a:
        if arn not in old_a:
            attach(arn, entity)


def _sync_tags(tag: Any, untag: Any, entity: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    old_t, new_t = tag_map(old.get("Tags")), tag_map(new.get("Tags"))
    removed = [k for k in old_t if k not in new_t]
    if removed:
        untag(entity, removed)
    if new_t and new_t != old_t:
        tag(entity, tag_list(new.get("Tags")))


# --------------------------------------------------------------------------------------------------------------
# AWS::IAM::Role
# --------------------------------------------------------------------------------------------------------------


@register
class IamRole(_IamModel):
    CFN_TYPE = "AWS::IAM::Role"
    NAME_PROPERTY = "RoleName"
    ATTRIBUTES = ("Arn", "RoleId")
    REPLACE_ON = ("RoleName", "Path")
    MAX_GENERATED_NAME = 64

    def _create(self, props: dict[str, Any]) -> None:
        b = self.backend
        role = b.create_role(
            role_name=self.name,
            assume_role_policy_document=policy_json(props.get("AssumeRolePolicyDocument")),
            path=props.get("Path") or "/",
            permissions_boundary=props.get("PermissionsBoundary") or None,
            description=props.get("Description") or "",
            tags=tag_list(props.get("Tags")),
            max_session_duration=to_int(props.get("MaxSessionDuration"), 3600),
        )
        self.physical_id = self.name
        self.attributes = {"Arn": role.arn, "RoleId": role.id}
        for name, doc in _policies_by_name(props).items():
            b.put_role_policy(self.name, name, doc)
        for arn in str_list(props.get("ManagedPolicyArns")):
            b.attach_role_policy(arn, self.name)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        b = self.backend
        trust = policy_json(new.get("AssumeRolePolicyDocument"))
        if trust != policy_json(old.get("AssumeRolePolicyDocument")):
            b.update_assume_role_policy(self.name, trust)
        b.update_role(self.name, new.get("Description") or "", to_int(new.get("MaxSessionDuration"), 3600))
        if new.get("PermissionsBoundary") != old.get("PermissionsBoundary"):
            if new.get("PermissionsBoundary"):
                b.put_role_permissions_boundary(self.name, new["PermissionsBoundary"])
            else:
                b.delete_role_permissions_boundary(self.name)
        _sync_tags(b.tag_role, b.untag_role, self.name, old, new)
        _sync_inline(b.put_role_policy, b.delete_role_policy, self.name, old, new)
        _sync_managed(b.attach_role_policy, b.detach_role_policy, self.name, old, new)

    def _delete(self) -> None:
        b = self.backend
        try:
            role = b.get_role(self.name)
        except Exception:
            return
        for profile in list(b.get_instance_profiles()):
            profile.delete_role(self.name)
        for arn in list(role.managed_policies):
            b.detach_role_policy(arn, self.name)
        for name in list(role.policies):
            b.delete_role_policy(self.name, name)
        ignore_missing(b.delete_role, self.name)


# --------------------------------------------------------------------------------------------------------------
# AWS::IAM::User
# --------------------------------------------------------------------------------------------------------------


def _boundary(arn: str | None) -> dict[str, str] | None:
    if not arn:
        return None
    return {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": arn}


@register
class IamUser(_IamModel):
    CFN_TYPE = "AWS::IAM::User"
    NAME_PROPERTY = "UserName"
    ATTRIBUTES = ("Arn",)
    REPLACE_ON = ("UserName",)
    MAX_GENERATED_NAME = 64

    def _create(self, props: dict[str, Any]) -> None:
        b = self.backend
        user = b.create_user(
            region_name=self.region_name,
            user_name=self.name,
            path=props.get("Path") or "/",
            tags=tag_list(props.get("Tags")),
        )
        self.physical_id = self.name
        self.attributes = {"Arn": user.arn}
        user.permissions_boundary = _boundary(props.get("PermissionsBoundary"))
        for group in str_list(props.get("Groups")):
            b.add_user_to_group(group, self.name)
        for name, doc in _policies_by_name(props).items():
            b.put_user_policy(self.name, name, doc)
        for arn in str_list(props.get("ManagedPolicyArns")):
            b.attach_user_policy(arn, self.name)
        self._set_login_profile({}, props)

    def _set_login_profile(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        b = self.backend
        profile = new.get("LoginProfile")
        had = bool(old.get("LoginProfile"))
        if not profile:
            if had:
                ignore_missing(b.delete_login_profile, self.name)
            return
        password = profile.get("Password")
        if not password:
            raise EmulatorError(f"AWS::IAM::User {self.name}: LoginProfile.Password is required")
        if had:
            b.update_login_profile(self.name, password, to_bool(profile.get("PasswordResetRequired")))
        else:
            b.create_login_profile(self.name, password)
            b.get_user(self.name).password_reset_required = to_bool(profile.get("PasswordResetRequired"))

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        b = self.backend
        if (new.get("Path") or "/") != (old.get("Path") or "/"):
            b.update_user(self.name, new_path=new.get("Path") or "/")
        b.get_user(self.name).permissions_boundary = _boundary(new.get("PermissionsBoundary"))
        old_g, new_g = str_list(old.get("Groups")), str_list(new.get("Groups"))
        for group in old_g:
            if group not in new_g:
                ignore_missing(b.remove_user_from_group, group, self.name)
        for group in new_g:
            if group not in old_g:
                b.add_user_to_group(group, self.name)
        _sync_tags(b.tag_user, b.untag_user, self.name, old, new)
        _sync_inline(b.put_user_policy, b.delete_user_policy, self.name, old, new)
        _sync_managed(b.attach_user_policy, b.detach_user_policy, self.name, old, new)
        if old.get("LoginProfile") != new.get("LoginProfile"):
            self._set_login_profile(old, new)
        self.attributes["Arn"] = b.get_user(self.name).arn

    def _delete(self) -> None:
        b = self.backend
        user = b.users.get(self.name)
        if user is None:
            return
        leftovers = [k.access_key_id for k in user.access_keys]
        if leftovers or user.mfa_devices:
            # IAM refuses DeleteUser in this state, and so does CloudFormation (DELETE_FAILED).
            raise EmulatorError(
                f"Cannot delete user {self.name}: it still has access keys {leftovers} or MFA devices "
                f"{list(user.mfa_devices)} created outside this stack"
            )
        for group in list(b.get_groups_for_user(self.name)):
            if user in group.users:
                group.users.remove(user)
        for arn in list(user.managed_policies):
            b.detach_user_policy(arn, self.name)
        for name in list(user.policies):
            b.delete_user_policy(self.name, name)
        user.password = None
        ignore_missing(b.delete_user, self.name)


# --------------------------------------------------------------------------------------------------------------
# AWS::IAM::Group and AWS::IAM::UserToGroupAddition
# --------------------------------------------------------------------------------------------------------------


@register
class IamGroup(_IamModel):
    CFN_TYPE = "AWS::IAM::Group"
    NAME_PROPERTY = "GroupName"
    ATTRIBUTES = ("Arn",)
    REPLACE_ON = ("GroupName",)
    MAX_GENERATED_NAME = 128

    def _create(self, props: dict[str, Any]) -> None:
        b = self.backend
        if self.name in b.groups:
            raise EmulatorError(f"Group with name {self.name} already exists.")
        group = b.create_group(self.name, props.get("Path") or "/")
        self.physical_id = self.name
        self.attributes = {"Arn": group.arn}
        for name, doc in _policies_by_name(props).items():
            b.put_group_policy(self.name, name, doc)
        for arn in str_list(props.get("ManagedPolicyArns")):
            b.attach_group_policy(arn, self.name)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        b = self.backend
        if (new.get("Path") or "/") != (old.get("Path") or "/"):
            b.groups[self.name].path = new.get("Path") or "/"
        self.attributes["Arn"] = b.groups[self.name].arn
        _sync_inline(b.put_group_policy, b.delete_group_policy, self.name, old, new)
        _sync_managed(b.attach_group_policy, b.detach_group_policy, self.name, old, new)

    def _delete(self) -> None:
        b = self.backend
        group = b.groups.get(self.name)
        if group is None:
            return
        group.users.clear()
        for arn in list(group.managed_policies):
            b.detach_group_policy(arn, self.name)
        for name in list(group.policies):
            b.delete_group_policy(self.name, name)
        ignore_missing(b.delete_group, self.name)


@register
class IamUserToGroupAddition(_IamModel):
    CFN_TYPE = "AWS::IAM::UserToGroupAddition"
    REPLACE_ON = ("GroupName",)

    def _create(self, props: dict[str, Any]) -> None:
        self.physical_id = self.name
        for user in str_list(props.get("Users")):
            self.backend.add_user_to_group(props["GroupName"], user)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        old_u, new_u = str_list(old.get("Users")), str_list(new.get("Users"))
        for user in old_u:
            if user not in new_u:
                ignore_missing(self.backend.remove_user_from_group, new["GroupName"], user)
        for user in new_u:
            if user not in old_u:
                self.backend.add_user_to_group(new["GroupName"], user)

    def _delete(self) -> None:
        for user in str_list(self.properties.get("Users")):
            ignore_missing(self.backend.remove_user_from_group, self.properties.get("GroupName"), user)


# --------------------------------------------------------------------------------------------------------------
# Inline policies: AWS::IAM::Policy, AWS::IAM::RolePolicy, AWS::IAM::UserPolicy, AWS::IAM::GroupPolicy
# --------------------------------------------------------------------------------------------------------------


def _policy_targets(props: dict[str, Any]) -> list[tuple[str, str]]:
    targets = [("role", r) for r in str_list(props.get("Roles"))]
    targets += [("user", u) for u in str_list(props.get("Users"))]
    targets += [("group", g) for g in str_list(props.get("Groups"))]
    return targets


@register
class IamPolicy(_IamModel):
    """AWS::IAM::Policy: one inline policy document put on several roles, users and groups."""

    CFN_TYPE = "AWS::IAM::Policy"
    ATTRIBUTES = ("Id",)

    def _put(self, kind: str, entity: str, name: str, doc: str) -> None:
        getattr(self.backend, f"put_{kind}_policy")(entity, name, doc)

    def _remove(self, kind: str, entity: str, name: str) -> None:
        ignore_missing(getattr(self.backend, f"delete_{kind}_policy"), entity, name)

    def _create(self, props: dict[str, Any]) -> None:
        targets = _policy_targets(props)
        if not targets:
            raise EmulatorError(f"AWS::IAM::Policy {self.logical_id}: at least one of Roles, Users or Groups is required")
        self.physical_id = self.name
        self.attributes = {"Id": self.name}
        doc = policy_json(props.get("PolicyDocument"))
        for kind, entity in targets:
            self._put(kind, entity, props["PolicyName"], doc)

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        old_t, new_t = _policy_targets(old), _policy_targets(new)
        for kind, entity in old_t:
            if (kind, entity) not in new_t or old["PolicyName"] != new["PolicyName"]:
                self._remove(kind, entity, old["PolicyName"])
        doc = policy_json(new.get("PolicyDocument"))
        for kind, entity in new_t:
            self._put(kind, entity, new["PolicyName"], doc)

    def _delete(self) -> None:
        for kind, entity in _policy_targets(self.properties):
            self._remove(kind, entity, self.properties.get("PolicyName"))


class _SingleInlinePolicy(_IamModel):
    KIND = ""
    ENTITY_PROPERTY = ""

    def _create(self, props: dict[str, Any]) -> None:
        entity = props[self.ENTITY_PROPERTY]
        getattr(self.backend, f"put_{self.KIND}_policy")(
            entity, props["PolicyName"], policy_json(props.get("PolicyDocument"))
        )
        self.physical_id = f"{props['PolicyName']}|{entity}"

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        getattr(self.backend, f"put_{self.KIND}_policy")(
            new[self.ENTITY_PROPERTY], new["PolicyName"], policy_json(new.get("PolicyDocument"))
        )

    def _delete(self) -> None:
        ignore_missing(
            getattr(self.backend, f"delete_{self.KIND}_policy"),
            self.properties.get(self.ENTITY_PROPERTY),
            self.properties.get("PolicyName"),
        )


@register
class IamRolePolicy(_SingleInlinePolicy):
    CFN_TYPE = "AWS::IAM::RolePolicy"
    KIND = "role"
    ENTITY_PROPERTY = "RoleName"
    REPLACE_ON = ("PolicyName", "RoleName")


@register
class IamUserPolicy(_SingleInlinePolicy):
    CFN_TYPE = "AWS::IAM::UserPolicy"
    KIND = "user"
    ENTITY_PROPERTY = "UserName"
    REPLACE_ON = ("PolicyName", "UserName")


@register
class IamGroupPolicy(_SingleInlinePolicy):
    CFN_TYPE = "AWS::IAM::GroupPolicy"
    KIND = "group"
    ENTITY_PROPERTY = "GroupName"
    REPLACE_ON = ("PolicyName", "GroupName")


# --------------------------------------------------------------------------------------------------------------
# AWS::IAM::ManagedPolicy
# --------------------------------------------------------------------------------------------------------------


@register
class IamManagedPolicy(_IamModel):
    CFN_TYPE = "AWS::IAM::ManagedPolicy"
    NAME_PROPERTY = "ManagedPolicyName"
    ATTRIBUTES = ("PolicyArn", "PolicyId", "DefaultVersionId", "IsAttachable", "AttachmentCount")
    REPLACE_ON = ("ManagedPolicyName", "Path", "Description")
    MAX_GENERATED_NAME = 128

    def _create(self, props: dict[str, Any]) -> None:
        b = self.backend
        policy = b.create_policy(
            description=props.get("Description") or "",
            path=props.get("Path") or "/",
            policy_document=policy_json(props.get("PolicyDocument")),
            policy_name=self.name,
            tags=tag_list(props.get("Tags")),
        )
        self.physical_id = policy.arn
        self._refresh_attributes()
        for kind, entity in _policy_targets(props):
            getattr(b, f"attach_{kind}_policy")(policy.arn, entity)
        self._refresh_attributes()

    def _refresh_attributes(self) -> None:
        policy = self.backend.get_policy(self.physical_id)
        self.attributes = {
            "PolicyArn": policy.arn,
            "PolicyId": policy.id,
            "DefaultVersionId": policy.default_version_id,
            "IsAttachable": "true",
            "AttachmentCount": str(policy.attachment_count),
        }

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        b = self.backend
        arn = self.physical_id
        doc = policy_json(new.get("PolicyDocument"))
        if doc != policy_json(old.get("PolicyDocument")):
            policy = b.get_policy(arn)
            if len(policy.versions) >= 5:  # IAM keeps at most 5 versions; CloudFormation drops the oldest
                oldest = next(v for v in policy.versions if not v.is_default)
                b.delete_policy_version(arn, oldest.version_id)
            b.create_policy_version(arn, doc, set_as_default=True)
        old_t, new_t = _policy_targets(old), _policy_targets(new)
        for kind, entity in old_t:
            if (kind, entity) not in new_t:
                ignore_missing(getattr(b, f"detach_{kind}_policy"), arn, entity)
        for kind, entity in new_t:
            if (kind, entity) not in old_t:
                getattr(b, f"attach_{kind}_policy")(arn, entity)
        self._refresh_attributes()

    def _delete(self) -> None:
        b = self.backend
        arn = self.physical_id
        if arn not in b.managed_policies:
            return
        for role in list(b.roles.values()):
            if arn in role.managed_policies:
                b.detach_role_policy(arn, role.name)
        for user in list(b.users.values()):
            if arn in user.managed_policies:
                b.detach_user_policy(arn, user.name)
        for group in list(b.groups.values()):
            if arn in group.managed_policies:
                b.detach_group_policy(arn, group.name)
        ignore_missing(b.delete_policy, arn)


# --------------------------------------------------------------------------------------------------------------
# AWS::IAM::AccessKey
# --------------------------------------------------------------------------------------------------------------


@register
class IamAccessKey(_IamModel):
    CFN_TYPE = "AWS::IAM::AccessKey"
    ATTRIBUTES = ("SecretAccessKey",)
    REPLACE_ON = ("UserName", "Serial")

    def _create(self, props: dict[str, Any]) -> None:
        key = self.backend.create_access_key(props["UserName"], status=props.get("Status") or "Active")
        self.physical_id = key.access_key_id
        self.attributes = {"SecretAccessKey": key.secret_access_key}

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.backend.update_access_key(new["UserName"], self.physical_id, new.get("Status") or "Active")

    def _delete(self) -> None:
        try:
            self.backend.delete_access_key_by_name(self.physical_id)
        except KeyError:
            pass


# --------------------------------------------------------------------------------------------------------------
# AWS::IAM::InstanceProfile
# --------------------------------------------------------------------------------------------------------------


@register
class IamInstanceProfile(_IamModel):
    CFN_TYPE = "AWS::IAM::InstanceProfile"
    NAME_PROPERTY = "InstanceProfileName"
    ATTRIBUTES = ("Arn",)
    REPLACE_ON = ("InstanceProfileName", "Path")
    MAX_GENERATED_NAME = 128

    def _create(self, props: dict[str, Any]) -> None:
        profile = self.backend.create_instance_profile(
            name=self.name, path=props.get("Path") or "/", role_names=str_list(props.get("Roles"))
        )
        self.physical_id = self.name
        self.attributes = {"Arn": profile.arn}

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        old_r, new_r = str_list(old.get("Roles")), str_list(new.get("Roles"))
        for role in old_r:
            if role not in new_r:
                ignore_missing(self.backend.remove_role_from_instance_profile, self.name, role)
        for role in new_r:
            if role not in old_r:
                self.backend.add_role_to_instance_profile(self.name, role)

    def _delete(self) -> None:
        ignore_missing(self.backend.delete_instance_profile, self.name, ignore_attached_roles=True)


# --------------------------------------------------------------------------------------------------------------
# AWS::IAM::OIDCProvider and AWS::IAM::SAMLProvider
# --------------------------------------------------------------------------------------------------------------


@register
class IamOidcProvider(_IamModel):
    CFN_TYPE = "AWS::IAM::OIDCProvider"
    ATTRIBUTES = ("Arn",)
    REPLACE_ON = ("Url",)

    def _create(self, props: dict[str, Any]) -> None:
        if not props.get("Url"):
            raise EmulatorError(f"AWS::IAM::OIDCProvider {self.logical_id}: Url is required")
        provider = self.backend.create_open_id_connect_provider(
            url=props["Url"],
            thumbprint_list=str_list(props.get("ThumbprintList")),
            client_id_list=str_list(props.get("ClientIdList")),
            tags=tag_list(props.get("Tags")),
        )
        self.physical_id = provider.arn
        self.attributes = {"Arn": provider.arn}

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        b = self.backend
        provider = b.get_open_id_connect_provider(self.physical_id)
        provider.client_id_list = str_list(new.get("ClientIdList"))
        if str_list(new.get("ThumbprintList")) != str_list(old.get("ThumbprintList")):
            b.update_open_id_connect_provider_thumbprint(self.physical_id, str_list(new.get("ThumbprintList")))
        _sync_tags(b.tag_open_id_connect_provider, b.untag_open_id_connect_provider, self.physical_id, old, new)

    def _delete(self) -> None:
        ignore_missing(self.backend.delete_open_id_connect_provider, self.physical_id)


@register
class IamSamlProvider(_IamModel):
    CFN_TYPE = "AWS::IAM::SAMLProvider"
    NAME_PROPERTY = "Name"
    ATTRIBUTES = ("Arn",)
    REPLACE_ON = ("Name",)
    MAX_GENERATED_NAME = 128

    def _create(self, props: dict[str, Any]) -> None:
        b = self.backend
        if self.name in b.saml_providers:
            raise EmulatorError(f"SAML provider {self.name} already exists")
        if not props.get("SamlMetadataDocument"):
            raise EmulatorError(f"AWS::IAM::SAMLProvider {self.logical_id}: SamlMetadataDocument is required")
        provider = b.create_saml_provider(self.name, props["SamlMetadataDocument"])
        self.physical_id = provider.arn
        self.attributes = {"Arn": provider.arn}

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        if new.get("SamlMetadataDocument") != old.get("SamlMetadataDocument"):
            self.backend.update_saml_provider(self.physical_id, new["SamlMetadataDocument"])

    def _delete(self) -> None:
        ignore_missing(self.backend.delete_saml_provider, self.physical_id)
