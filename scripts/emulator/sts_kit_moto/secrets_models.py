"""AWS::SecretsManager::Secret, backed by moto's ``secretsmanager_backends``.

moto 5.2.1 has no CloudFormation model for it. ``GenerateSecretString`` really generates a password here,
following the Secrets Manager rules (PasswordLength default 32, ExcludeCharacters, ExcludeLowercase,
ExcludeUppercase, ExcludeNumbers, ExcludePunctuation, IncludeSpace, RequireEachIncludedType default true,
SecretStringTemplate + GenerateStringKey).
"""

from __future__ import annotations

import json
import secrets as _secrets
import string
from typing import Any

from moto.secretsmanager.models import secretsmanager_backends

from ._base import EmulatorError, StsKitModel, ignore_missing, random_suffix, register, tag_list, tag_map, to_bool, to_int

#: Secrets Manager's punctuation set (the same as Python's string.punctuation)
PUNCTUATION = string.punctuation


def generate_password(spec: dict[str, Any]) -> str:
    """A random password following a GenerateSecretString / GetRandomPassword specification."""
    length = to_int(spec.get("PasswordLength"), 32) or 0
    if not 1 <= length <= 4096:
        raise EmulatorError(f"GenerateSecretString.PasswordLength must be between 1 and 4096, got {length}")
    exclude = str(spec.get("ExcludeCharacters") or "")
    pools: list[str] = []
    if not to_bool(spec.get("ExcludeLowercase")):
        pools.append(string.ascii_lowercase)
    if not to_bool(spec.get("ExcludeUppercase")):
        pools.append(string.ascii_uppercase)
    if not to_bool(spec.get("ExcludeNumbers")):
        pools.append(string.digits)
    if not to_bool(spec.get("ExcludePunctuation")):
        pools.append(PUNCTUATION)
    if to_bool(spec.get("IncludeSpace")):
        pools.append(" ")
    pools = ["".join(c for c in pool if c not in exclude) for pool in pools]
    pools = [pool for pool in pools if pool]
    if not pools:
        raise EmulatorError("GenerateSecretString excludes every character: nothing left to generate a password from")
    rng = _secrets.SystemRandom()
    chars: list[str] = []
    if to_bool(spec.get("RequireEachIncludedType"), True):
        if length < len(pools):
            raise EmulatorError(
                f"GenerateSecretString.PasswordLength {length} is too short to include each of the {len(pools)} "
                "required character types"
            )
        chars = [rng.choice(pool) for pool in pools]
    alphabet = "".join(pools)
    chars += [rng.choice(alphabet) for _ in range(length - len(chars))]
    rng.shuffle(chars)
    return "".join(chars)


def generate_secret_string(spec: dict[str, Any]) -> str:
    template = spec.get("SecretStringTemplate")
    key = spec.get("GenerateStringKey")
    if bool(template) != bool(key):
        raise EmulatorError("GenerateSecretString needs both SecretStringTemplate and GenerateStringKey, or neither")
    password = generate_password(spec)
    if not template:
        return password
    try:
        document = json.loads(template)
    except ValueError as e:
        raise EmulatorError(f"GenerateSecretString.SecretStringTemplate is not valid JSON: {e}") from e
    if not isinstance(document, dict):
        raise EmulatorError("GenerateSecretString.SecretStringTemplate must be a JSON object")
    document[key] = password
    return json.dumps(document)


@register
class SecretsManagerSecret(StsKitModel):
    CFN_TYPE = "AWS::SecretsManager::Secret"
    NAME_PROPERTY = "Name"
    ATTRIBUTES = ("Id",)
    REPLACE_ON = ("Name",)

    @property
    def backend(self) -> Any:
        return secretsmanager_backends[self.account_id][self.region_name]

    @classmethod
    def _choose_name(cls, resource_name, props, logical_id, stack_id, fresh=False):  # type: ignore[no-untyped-def]
        if props.get("Name"):
            return str(props["Name"])
        # CloudFormation names an unnamed secret "<LogicalId>-<random>"
        return f"{logical_id[:200]}-{random_suffix(12)}"

    @staticmethod
    def _value(props: dict[str, Any]) -> str | None:
        generate = props.get("GenerateSecretString")
        if props.get("SecretString") is not None and generate is not None:
            raise EmulatorError("AWS::SecretsManager::Secret: SecretString and GenerateSecretString are mutually exclusive")
        if generate is not None:
            return generate_secret_string(generate)
        if props.get("SecretString") is not None:
            return str(props["SecretString"])
        return None  # an empty secret, like CloudFormation creates when both are omitted

    def _create(self, props: dict[str, Any]) -> None:
        b = self.backend
        value = self._value(props)
        b.create_secret(
            name=self.name,
            secret_string=value,
            secret_binary=None,
            description=props.get("Description"),
            tags=tag_list(props.get("Tags")),
            kms_key_id=props.get("KmsKeyId"),
            client_request_token=None,
            replica_regions=[],
            force_overwrite=False,
        )
        secret = b.describe_secret(self.name)
        self.physical_id = secret.arn
        self.attributes = {"Id": secret.arn}

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        b = self.backend
        secret = b.describe_secret(self.physical_id)
        secret.description = new.get("Description")
        if new.get("KmsKeyId") != old.get("KmsKeyId"):
            secret.kms_key_id = new.get("KmsKeyId")
        value_changed = new.get("SecretString") != old.get("SecretString") or new.get(
            "GenerateSecretString"
        ) != old.get("GenerateSecretString")
        if value_changed:
            value = self._value(new)
            if value is not None:
                b.put_secret_value(self.physical_id, value, None, None, ["AWSCURRENT"])
        old_t, new_t = tag_map(old.get("Tags")), tag_map(new.get("Tags"))
        removed = [k for k in old_t if k not in new_t]
        if removed:
            b.untag_resource(self.physical_id, removed)
        if new_t and new_t != old_t:
            b.tag_resource(self.physical_id, tag_list(new.get("Tags")))

    def _delete(self) -> None:
        # CloudFormation deletes a secret without a recovery window: nothing is left behind.
        ignore_missing(self.backend.delete_secret, self.physical_id, None, True)
