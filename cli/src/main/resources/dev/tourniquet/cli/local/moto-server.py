# moto server with its known deviations from AWS corrected, started by MotoServer. Each fix names what AWS does and
# what moto (5.2.5, the pinned version) does instead; the tests would otherwise judge Tourniquet by moto's mistake.
import sys

from moto.iam import models as iam


def update_default_version(policy, version_id):
    # AWS: making the default version default again changes nothing (an SDK retry of a SetDefaultPolicyVersion whose
    # answer was lost does exactly that). moto cleared the flag it had just set, leaving the policy without a default.
    for version in policy.versions:
        version.is_default = version.version_id == version_id
    policy.default_version_id = version_id


iam.Policy.update_default_version = update_default_version

from moto.server import main  # noqa: E402  (after the fixes: the backends are built on first request)

sys.exit(main())
