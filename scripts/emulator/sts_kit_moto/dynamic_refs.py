"""CloudFormation dynamic references: ``{{resolve:secretsmanager:...}}``, ``{{resolve:ssm:...}}``,
``{{resolve:ssm-secure:...}}``.

moto 5.2.1 passes them through as literal strings, so an AWS::IAM::User whose LoginProfile.Password is
``{{resolve:secretsmanager:<secret>:SecretString:password}}`` would get that text as its password. We wrap
moto's ``clean_json`` (which evaluates Ref/Fn::Join/Fn::Sub...) so every string it produces is resolved
against moto's own Secrets Manager and SSM backends, after the intrinsic functions have been applied.

Format (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html):
``{{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}`` where secret-id is a
name or a full ARN and every part after it is optional.
"""

from __future__ import annotations

import json
import re
from typing import Any

from moto.cloudformation import parsing
from moto.secretsmanager.models import secretsmanager_backends
from moto.ssm.models import ssm_backends

from ._base import EmulatorError

_PATTERN = re.compile(r"\{\{resolve:(secretsmanager|ssm-secure|ssm):([^{}]+)\}\}")
_original_clean_json = parsing.clean_json


def _context(resources_map: Any) -> tuple[str | None, str | None]:
    return getattr(resources_map, "_account_id", None), getattr(resources_map, "_region_name", None)


def _create_secret_from_same_template(resources_map: Any, secret_id: str) -> bool:
    """A reference by literal name to a secret created later in the same template: create that one first."""
    resources = getattr(resources_map, "_resource_json_map", None) or {}
    for logical_id, resource in resources.items():
        if resource.get("Type") == "AWS::SecretsManager::Secret" and (resource.get("Properties") or {}).get("Name") == secret_id:
            return resources_map[logical_id] is not None
    return False


def _resolve_secret(reference: str, resources_map: Any) -> str:
    parts = reference.split(":")
    if reference.startswith("arn:"):
        secret_id, rest = ":".join(parts[:7]), parts[7:]
        account_id, region = parts[4], parts[3]
    else:
        secret_id, rest = parts[0], parts[1:]
        account_id, region = _context(resources_map)
    rest += [""] * (4 - len(rest))
    value_type, json_key, version_stage, version_id = rest[:4]
    if value_type not in ("", "SecretString"):
        raise EmulatorError(f"Dynamic reference {{{{resolve:secretsmanager:{reference}}}}}: only SecretString is supported")
    backend = secretsmanager_backends[account_id][region]
    try:
        value = backend.get_secret_value(secret_id, version_id or None, version_stage or None)
    except Exception:
        if not _create_secret_from_same_template(resources_map, secret_id):
            raise EmulatorError(
                f"Dynamic reference {{{{resolve:secretsmanager:{reference}}}}}: secret {secret_id} not found "
                f"in account {account_id} region {region}"
            ) from None
        value = backend.get_secret_value(secret_id, version_id or None, version_stage or None)
    text = value.get("SecretString")
    if text is None:
        raise EmulatorError(f"Dynamic reference {{{{resolve:secretsmanager:{reference}}}}}: secret {secret_id} has no SecretString")
    if not json_key:
        return text
    try:
        document = json.loads(text)
    except ValueError:
        raise EmulatorError(
            f"Dynamic reference {{{{resolve:secretsmanager:{reference}}}}}: secret {secret_id} is not JSON, "
            f"cannot read key {json_key}"
        ) from None
    if not isinstance(document, dict) or json_key not in document:
        raise EmulatorError(f"Dynamic reference {{{{resolve:secretsmanager:{reference}}}}}: secret {secret_id} has no key {json_key}")
    return str(document[json_key])


def _resolve_ssm(reference: str, resources_map: Any) -> str:
    account_id, region = _context(resources_map)
    name, _, version = reference.partition(":")
    selector = f"{name}:{version}" if version else name
    parameter = ssm_backends[account_id][region].get_parameter(selector)
    if parameter is None:
        raise EmulatorError(f"Dynamic reference {{{{resolve:ssm:{reference}}}}}: parameter {name} not found")
    return parameter.value


def resolve_string(text: str, resources_map: Any) -> str:
    def replace(match: re.Match[str]) -> str:
        service, reference = match.group(1), match.group(2)
        if "${" in reference:
            return match.group(0)  # still inside an Fn::Sub template: resolved once the substitution is done
        if service == "secretsmanager":
            return _resolve_secret(reference, resources_map)
        return _resolve_ssm(reference, resources_map)

    return _PATTERN.sub(replace, text)


def clean_json(resource_json: Any, resources_map: Any) -> Any:
    result = _original_clean_json(resource_json, resources_map)
    if isinstance(result, str) and "{{resolve:" in result:
        return resolve_string(result, resources_map)
    return result


def install() -> None:
    if parsing.clean_json is not clean_json:
        parsing.clean_json = clean_json
