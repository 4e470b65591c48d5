import { NagMessageLevel } from 'cdk-nag/lib/nag-rules';
import { defineRule, judgeTrust } from '../sts-rule';

/** An Allow statement of a trust policy uses `NotPrincipal` or `NotAction`. */
export default defineRule(
  __filename,
  {
    level: NagMessageLevel.ERROR,
    info: 'The trust policy has an Allow statement with NotPrincipal or NotAction.',
    explanation:
      'NotPrincipal in an Allow trusts every principal in the world except the ones listed, and NotAction ' +
      'allows every STS action except the ones listed (including actions added to STS later). Neither is ever what a ' +
      'trust policy means. Name the principals in Principal and the assume action in Action.',
  },
  (subject) => judgeTrust(subject, (variant) => variant.writtenAllow.some((s) => s.hasNotPrincipal || s.hasNotAction)),
);
