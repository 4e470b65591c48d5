"""cdk-sts-kit extensions for moto's CloudFormation (see README.md, "The local AWS emulator").

``install()`` is idempotent; ``server.main()`` calls it before starting moto's server.
"""

from __future__ import annotations

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from .fast_imports import lighter_moto_imports

    with lighter_moto_imports():
        from . import (  # noqa: F401
            aws_managed_policies,
            cdk_models,
            cloudtrail_api,
            cognito_models,
            dynamic_refs,
            iam_models,
            lifecycle,
            registry,
            secrets_models,
            shared_lookups,
            stackset_models,
        )

    registry.install()
    dynamic_refs.install()
    lifecycle.install()
    aws_managed_policies.install()
    cognito_models.install_identity_pool_roles_api()
    stackset_models.install()
    cloudtrail_api.install()
    shared_lookups.install()
    _installed = True
