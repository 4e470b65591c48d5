"""Start the emulator faster: two data loads moto does while it is imported, which this emulator never needs.

Importing moto's CloudFormation imports every backend it can create resources for, EC2 among them, and EC2's models
load at import time (about 0.8 s of the emulator's 2 s start, measured with ``python3 -X importtime``):

- every EC2 instance-type offering of every region and zone (hundreds of JSON files): the emulator serves no EC2
  ``DescribeInstanceTypeOfferings``; an empty list is what it answers;
- the region lists of three fresh ``boto3.Session()`` objects (each loads botocore's endpoint data again): one
  session, made once, gives the same lists.

Both patches are in place only while ``install()`` imports moto, and do nothing on a moto whose layout differs.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterator


@contextlib.contextmanager
def lighter_moto_imports() -> Iterator[None]:
    try:
        import boto3
        import moto.utilities.utils as moto_utils
    except ImportError:  # pragma: no cover - the launcher reports a missing moto before this runs
        yield
        return
    original_load = getattr(moto_utils, "load_resource", None)
    original_session = boto3.Session
    shared: list[Any] = []

    def load_resource(package: str, resource: str, *args: Any, **kwargs: Any) -> Any:
        if "instance_type_offerings/" in resource:
            return []
        return original_load(package, resource, *args, **kwargs)  # type: ignore[misc]

    def session(*args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return original_session(*args, **kwargs)
        if not shared:
            shared.append(original_session())
        return shared[0]

    if original_load is not None:
        moto_utils.load_resource = load_resource
    boto3.Session = session  # type: ignore[misc,assignment]
    try:
        yield
    finally:
        boto3.Session = original_session  # type: ignore[misc]
        if original_load is not None:
            moto_utils.load_resource = original_load
