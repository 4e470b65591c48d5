"""AWS managed policies (``arn:aws:iam::aws:policy/...``), loaded on demand.

moto only knows AWS managed policies when MOTO_IAM_LOAD_MANAGED_POLICIES=true, and then every IAM backend
(one per account *and* partition, created as soon as an account is touched) parses moto's 4 MB policy file:
about 1.5 s per new account. Instead we parse that file once, lazily, and add to an account only the AWS
managed policies it attaches or reads (AttachRole/User/GroupPolicy, GetPolicy, GetPolicyVersion,
ListPolicyVersions, and the CloudFormation models, which call the same backend methods).
Consequence: ListPolicies with Scope=AWS lists only the AWS managed policies used so far in that account.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from moto.iam.models import AWSManagedPolicy, IAMBackend

_ARN = re.compile(r"^arn:[\w-]+:iam::aws:policy(/(?:[^/]+/)*)([^/]+)$")


@functools.lru_cache(maxsize=1)
def _policy_data() -> dict[str, Any]:
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    return json.loads(aws_managed_policies_data)


def ensure_loaded(backend: IAMBackend, policy_arn: Any) -> None:
    if not isinstance(policy_arn, str) or policy_arn in backend.managed_policies:
        return
    match = _ARN.match(policy_arn)
    if not match:
        return
    data = _policy_data().get(match.group(2))
    if data is None:
        return
    policy = AWSManagedPolicy.from_data(match.group(2), backend.account_id, backend.region_name, data)
    if policy.arn == policy_arn:
        backend.managed_policies[policy.arn] = policy


def _wrap(method_name: str) -> None:
    original = getattr(IAMBackend, method_name)
    if getattr(original, "sts_kit_wrapped", False):
        return

    @functools.wraps(original)
    def wrapper(self: IAMBackend, *args: Any, **kwargs: Any) -> Any:
        ensure_loaded(self, kwargs.get("policy_arn", args[0] if args else None))
        return original(self, *args, **kwargs)

    wrapper.sts_kit_wrapped = True  # type: ignore[attr-defined]
    setattr(IAMBackend, method_name, wrapper)


def install() -> None:
    for name in (
        "attach_role_policy",
        "attach_user_policy",
        "attach_group_policy",
        "get_policy",
        "get_policy_version",
        "list_policy_versions",
    ):
        _wrap(name)
