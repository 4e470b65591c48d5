"""Cognito CloudFormation models, backed by moto's ``cognitoidentity_backends`` and ``cognitoidp_backends``.

moto 5.2.1 has no CloudFormation model for any AWS::Cognito::* type, and its cognito-identity service has no
SetIdentityPoolRoles / GetIdentityPoolRoles operations. ``install_identity_pool_roles_api()`` adds both to
moto's own backend and response classes (stored on moto's CognitoIdentityPool object), so that an
AWS::Cognito::IdentityPoolRoleAttachment is visible through the real API.
"""

from __future__ import annotations

import json
from typing import Any

from moto.cognitoidentity.exceptions import ResourceNotFoundError
from moto.cognitoidentity.models import CognitoIdentityBackend, cognitoidentity_backends
from moto.cognitoidentity.responses import CognitoIdentityResponse
from moto.cognitoidp.models import cognitoidp_backends

from ._base import EmulatorError, StsKitModel, ignore_missing, register, str_list, tag_map, to_bool, to_int

# --------------------------------------------------------------------------------------------------------------
# SetIdentityPoolRoles / GetIdentityPoolRoles for moto's cognito-identity
# --------------------------------------------------------------------------------------------------------------


def _pool(backend: CognitoIdentityBackend, identity_pool_id: str) -> Any:
    pool = backend.identity_pools.get(identity_pool_id)
    if pool is None:
        raise ResourceNotFoundError(identity_pool_id)
    return pool


def _set_identity_pool_roles(
    self: CognitoIdentityBackend,
    identity_pool_id: str,
    roles: dict[str, str] | None,
    role_mappings: dict[str, Any] | None,
) -> None:
    pool = _pool(self, identity_pool_id)
    pool.sts_kit_roles = dict(roles or {})
    pool.sts_kit_role_mappings = dict(role_mappings or {})


def _get_identity_pool_roles(self: CognitoIdentityBackend, identity_pool_id: str) -> str:
    pool = _pool(self, identity_pool_id)
    result: dict[str, Any] = {"IdentityPoolId": identity_pool_id, "Roles": getattr(pool, "sts_kit_roles", {})}
    mappings = getattr(pool, "sts_kit_role_mappings", {})
    if mappings:
        result["RoleMappings"] = mappings
    return json.dumps(result)


def _response_set_identity_pool_roles(self: CognitoIdentityResponse) -> str:
    self.backend.set_identity_pool_roles(
        self._get_param("IdentityPoolId"), self._get_param("Roles"), self._get_param("RoleMappings")
    )
    return ""


def _response_get_identity_pool_roles(self: CognitoIdentityResponse) -> str:
    return self.backend.get_identity_pool_roles(self._get_param("IdentityPoolId"))


def install_identity_pool_roles_api() -> None:
    if not hasattr(CognitoIdentityBackend, "set_identity_pool_roles"):
        CognitoIdentityBackend.set_identity_pool_roles = _set_identity_pool_roles  # type: ignore[attr-defined]
        CognitoIdentityResponse.set_identity_pool_roles = _response_set_identity_pool_roles  # type: ignore[attr-defined]
    if not hasattr(CognitoIdentityBackend, "get_identity_pool_roles"):
        CognitoIdentityBackend.get_identity_pool_roles = _get_identity_pool_roles  # type: ignore[attr-defined]
        CognitoIdentityResponse.get_identity_pool_roles = _response_get_identity_pool_roles  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------------------------
# AWS::Cognito::IdentityPool and AWS::Cognito::IdentityPoolRoleAttachment
# --------------------------------------------------------------------------------------------------------------


def _identity_providers(props: dict[str, Any]) -> list[dict[str, Any]]:
    providers = []
    for p in props.get("CognitoIdentityProviders") or []:
        entry = {"ProviderName": p.get("ProviderName"), "ClientId": p.get("ClientId")}
        if p.get("ServerSideTokenCheck") is not None:
            entry["ServerSideTokenCheck"] = to_bool(p.get("ServerSideTokenCheck"))
        providers.append(entry)
    return providers


class _IdentityModel(StsKitModel):
    @property
    def backend(self) -> Any:
        return cognitoidentity_backends[self.account_id][self.region_name]


@register
class CognitoIdentityPool(_IdentityModel):
    CFN_TYPE = "AWS::Cognito::IdentityPool"
    NAME_PROPERTY = "IdentityPoolName"
    ATTRIBUTES = ("Name", "Id")
    MAX_GENERATED_NAME = 128

    def _create(self, props: dict[str, Any]) -> None:
        if props.get("AllowUnauthenticatedIdentities") is None:
            raise EmulatorError(f"AWS::Cognito::IdentityPool {self.logical_id}: AllowUnauthenticatedIdentities is required")
        created = json.loads(
            self.backend.create_identity_pool(
                identity_pool_name=self.name,
                allow_unauthenticated_identities=to_bool(props.get("AllowUnauthenticatedIdentities")),
                supported_login_providers=dict(props.get("SupportedLoginProviders") or {}),
                developer_provider_name=props.get("DeveloperProviderName") or "",
                open_id_connect_provider_arns=str_list(props.get("OpenIdConnectProviderARNs")),
                cognito_identity_providers=_identity_providers(props),
                saml_provider_arns=str_list(props.get("SamlProviderARNs")),
                tags=tag_map(props.get("IdentityPoolTags")),
            )
        )
        self.physical_id = created["IdentityPoolId"]
        self.attributes = {"Id": self.physical_id, "Name": self.name}
        self.backend.identity_pools[self.physical_id].allow_classic_flow = to_bool(props.get("AllowClassicFlow"))

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        pool = _pool(self.backend, self.physical_id)
        if new.get("IdentityPoolName"):
            pool.identity_pool_name = self.name = new["IdentityPoolName"]
            self.attributes["Name"] = self.name
        pool.allow_unauthenticated_identities = to_bool(new.get("AllowUnauthenticatedIdentities"))
        pool.allow_classic_flow = to_bool(new.get("AllowClassicFlow"))
        pool.supported_login_providers = dict(new.get("SupportedLoginProviders") or {})
        pool.developer_provider_name = new.get("DeveloperProviderName") or ""
        pool.open_id_connect_provider_arns = str_list(new.get("OpenIdConnectProviderARNs"))
        pool.cognito_identity_providers = _identity_providers(new)
        pool.saml_provider_arns = str_list(new.get("SamlProviderARNs"))
        pool.tags = tag_map(new.get("IdentityPoolTags"))

    def _delete(self) -> None:
        ignore_missing(self.backend.delete_identity_pool, self.physical_id)
        self.backend.pools_identities.pop(self.physical_id, None)


def _role_mappings(props: dict[str, Any]) -> dict[str, Any]:
    """CloudFormation keys RoleMappings by any string (IdentityProvider inside wins); the API keys by provider."""
    result: dict[str, Any] = {}
    for key, mapping in (props.get("RoleMappings") or {}).items():
        entry: dict[str, Any] = {"Type": mapping.get("Type")}
        if mapping.get("AmbiguousRoleResolution"):
            entry["AmbiguousRoleResolution"] = mapping["AmbiguousRoleResolution"]
        rules = (mapping.get("RulesConfiguration") or {}).get("Rules")
        if rules:
            entry["RulesConfiguration"] = {
                "Rules": [
                    {"Claim": r.get("Claim"), "MatchType": r.get("MatchType"), "Value": r.get("Value"), "RoleARN": r.get("RoleARN")}
                    for r in rules
                ]
            }
        result[mapping.get("IdentityProvider") or key] = entry
    return result


@register
class CognitoIdentityPoolRoleAttachment(_IdentityModel):
    CFN_TYPE = "AWS::Cognito::IdentityPoolRoleAttachment"
    ATTRIBUTES = ("Id",)
    REPLACE_ON = ("IdentityPoolId",)

    def _apply(self, props: dict[str, Any]) -> None:
        roles = {str(k): str(v) for k, v in (props.get("Roles") or {}).items()}
        unknown = [k for k in roles if k not in ("authenticated", "unauthenticated")]
        if unknown:
            raise EmulatorError(
                f"AWS::Cognito::IdentityPoolRoleAttachment {self.logical_id}: Roles keys must be 'authenticated' or "
                f"'unauthenticated', got {unknown}"
            )
        self.backend.set_identity_pool_roles(props["IdentityPoolId"], roles, _role_mappings(props))

    def _create(self, props: dict[str, Any]) -> None:
        if not props.get("IdentityPoolId"):
            raise EmulatorError(f"AWS::Cognito::IdentityPoolRoleAttachment {self.logical_id}: IdentityPoolId is required")
        self._apply(props)
        self.physical_id = self.name
        self.attributes = {"Id": self.name}

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self._apply(new)

    def _delete(self) -> None:
        ignore_missing(self.backend.set_identity_pool_roles, self.properties.get("IdentityPoolId"), {}, {})


# --------------------------------------------------------------------------------------------------------------
# AWS::Cognito::UserPool, UserPoolClient, UserPoolGroup
# --------------------------------------------------------------------------------------------------------------


class _IdpModel(StsKitModel):
    @property
    def backend(self) -> Any:
        return cognitoidp_backends[self.account_id][self.region_name]


_USER_POOL_NOT_API = ("UserPoolName", "EnabledMfas")


@register
class CognitoUserPool(_IdpModel):
    CFN_TYPE = "AWS::Cognito::UserPool"
    NAME_PROPERTY = "UserPoolName"
    ATTRIBUTES = ("Arn", "ProviderName", "ProviderURL", "UserPoolId")
    MAX_GENERATED_NAME = 128

    def _create(self, props: dict[str, Any]) -> None:
        config = {k: v for k, v in props.items() if k not in _USER_POOL_NOT_API}
        pool = self.backend.create_user_pool(self.name, config)
        self.physical_id = pool.id
        host = f"cognito-idp.{self.region_name}.amazonaws.com"
        self.attributes = {
            "Arn": pool.arn,
            "ProviderName": f"{host}/{pool.id}",
            "ProviderURL": f"https://{host}/{pool.id}",
            "UserPoolId": pool.id,
        }

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        pool = self.backend.describe_user_pool(self.physical_id)
        if new.get("UserPoolName"):
            pool.name = self.name = new["UserPoolName"]
        self.backend.update_user_pool(self.physical_id, {k: v for k, v in new.items() if k not in _USER_POOL_NOT_API})

    def _delete(self) -> None:
        ignore_missing(self.backend.delete_user_pool, self.physical_id)


@register
class CognitoUserPoolClient(_IdpModel):
    CFN_TYPE = "AWS::Cognito::UserPoolClient"
    ATTRIBUTES = ("ClientId", "ClientSecret", "Name")
    REPLACE_ON = ("UserPoolId", "GenerateSecret")
    MAX_GENERATED_NAME = 128

    def _config(self, props: dict[str, Any]) -> dict[str, Any]:
        config = {k: v for k, v in props.items() if k not in ("UserPoolId", "GenerateSecret")}
        config.setdefault("ClientName", self.name)
        return config

    def _create(self, props: dict[str, Any]) -> None:
        client = self.backend.create_user_pool_client(
            props["UserPoolId"], to_bool(props.get("GenerateSecret")), self._config(props)
        )
        self.physical_id = client.id
        self.attributes = {
            "ClientId": client.id,
            "ClientSecret": client.secret if client.generate_secret else "",
            "Name": client.extended_config.get("ClientName"),
        }

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        client = self.backend.update_user_pool_client(new["UserPoolId"], self.physical_id, self._config(new))
        self.attributes["Name"] = client.extended_config.get("ClientName")

    def _delete(self) -> None:
        ignore_missing(self.backend.delete_user_pool_client, self.properties.get("UserPoolId"), self.physical_id)


@register
class CognitoUserPoolGroup(_IdpModel):
    CFN_TYPE = "AWS::Cognito::UserPoolGroup"
    NAME_PROPERTY = "GroupName"
    REPLACE_ON = ("GroupName", "UserPoolId")
    MAX_GENERATED_NAME = 128

    def _create(self, props: dict[str, Any]) -> None:
        self.backend.create_group(
            props["UserPoolId"],
            self.name,
            props.get("Description") or "",
            props.get("RoleArn"),
            to_int(props.get("Precedence")),
        )
        self.physical_id = self.name

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        self.backend.update_group(
            new["UserPoolId"], self.name, new.get("Description") or "", new.get("RoleArn"), to_int(new.get("Precedence"))
        )

    def _delete(self) -> None:
        ignore_missing(self.backend.delete_group, self.properties.get("UserPoolId"), self.name)
