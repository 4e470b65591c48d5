"""AWS::CDK::Metadata: the CDK's analytics record. It creates nothing in AWS, so the emulator accepts it as a no-op
instead of skipping it (a skipped resource would otherwise be reported as unsupported)."""

from __future__ import annotations

from typing import Any

from ._base import StsKitModel, register


@register
class CdkMetadata(StsKitModel):
    CFN_TYPE = "AWS::CDK::Metadata"

    def _create(self, props: dict[str, Any]) -> None:
        self.physical_id = self.name

    def _update(self, old: dict[str, Any], new: dict[str, Any]) -> None:
        pass

    def _delete(self) -> None:
        pass
