"""Answer requests faster: two lookups moto repeats although their answers never change while it runs.

Measured with a sampling profiler on the emulator during the switch-role end-to-end test, about 40% of request time
was file-system probing (``isdir``/``isfile``) by these two:

- ``moto.backends.list_of_moto_modules()`` lists moto's package directory (about 170 ``isdir`` calls) on *every*
  request, to route it (``werkzeug_app.get_backend_for_host``). The directory does not change: it is listed once.
- ``moto.core.utils`` makes a new botocore ``Loader`` for each service model it loads, so each load scans botocore's
  whole data directory again (hundreds of services). One shared loader keeps botocore's own per-instance caches.

Both stay in place for the life of the process (``install()`` applies them); they change no answer, only how often
the same answer is computed. On a moto whose layout differs they do nothing.
"""

from __future__ import annotations

import functools


def install() -> None:
    """Called once, by ``sts_kit_moto.install()``."""
    try:
        import moto.backends as moto_backends
        import moto.core.utils as moto_utils
    except ImportError:  # pragma: no cover - the launcher reports a missing moto before this runs
        return

    listing = getattr(moto_backends, "list_of_moto_modules", None)
    if listing is not None:
        modules = functools.lru_cache(maxsize=1)(lambda: tuple(listing()))
        moto_backends.list_of_moto_modules = lambda: iter(modules())

    create_loader = getattr(moto_utils, "create_loader", None)
    if create_loader is not None:
        moto_utils.create_loader = functools.lru_cache(maxsize=1)(create_loader)
