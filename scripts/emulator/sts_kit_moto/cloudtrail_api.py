"""CloudTrail ``LookupEvents`` for the emulator: an empty answer.

moto 5.2 does not implement LookupEvents. The CDK CLI calls it after a failed deploy (to show who changed what);
moto answered HTTP 500, and the CLI's SDK retried with back-off for about 26 seconds before reporting the failure.
The emulator records no CloudTrail events, so the true answer is an empty list.
"""

from __future__ import annotations

import json

from moto.cloudtrail.responses import CloudTrailResponse


def _lookup_events(self: CloudTrailResponse) -> str:
    return json.dumps({"Events": []})


def install() -> None:
    if not hasattr(CloudTrailResponse, "lookup_events"):
        CloudTrailResponse.lookup_events = _lookup_events  # type: ignore[attr-defined]
