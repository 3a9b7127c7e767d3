"""drf-spectacular hooks: the public contract is /api/v1/ only.

Wagtail's internal admin API is built on DRF too; it is not part of Retour's
contract and would only confuse API users (and the fuzzer).
"""


def only_public_api(endpoints, **kwargs):
    return [e for e in endpoints if e[0].startswith("/api/v1/")]
