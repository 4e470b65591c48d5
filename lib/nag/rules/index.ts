/** Every StsChecks rule, in the order the pack applies them. Internal: not exported from the package root. */
import AssumeRoleOnAnyRole from './AssumeRoleOnAnyRole';
import CognitoClassicFlowEnabled from './CognitoClassicFlowEnabled';
import CognitoGuestAccessEnabled from './CognitoGuestAccessEnabled';
import CognitoUnauthenticatedRoleWrite from './CognitoUnauthenticatedRoleWrite';
import CrossAccountTrustWithoutGuard from './CrossAccountTrustWithoutGuard';
import ExternalIdWeakCondition from './ExternalIdWeakCondition';
import MaxSessionDurationOutOfRange from './MaxSessionDurationOutOfRange';
import SamlAudienceNotPinned from './SamlAudienceNotPinned';
import ServiceTrustWithoutSourceCondition from './ServiceTrustWithoutSourceCondition';
import TrustActionMismatch from './TrustActionMismatch';
import TrustConditionOperatorMisuse from './TrustConditionOperatorMisuse';
import TrustNotPrincipalOrNotAction from './TrustNotPrincipalOrNotAction';
import TrustPolicyTooLarge from './TrustPolicyTooLarge';
import WebIdentityAudienceNotPinned from './WebIdentityAudienceNotPinned';
import WebIdentityForeignProviderKeys from './WebIdentityForeignProviderKeys';
import WebIdentitySubjectBroad from './WebIdentitySubjectBroad';
import WebIdentitySubjectNotPinned from './WebIdentitySubjectNotPinned';
import WildcardPrincipalTrust from './WildcardPrincipalTrust';
import { StsRule } from '../sts-rule';

export const STS_RULES: readonly StsRule[] = [
  WildcardPrincipalTrust,
  CrossAccountTrustWithoutGuard,
  ExternalIdWeakCondition,
  WebIdentityAudienceNotPinned,
  WebIdentitySubjectNotPinned,
  WebIdentitySubjectBroad,
  WebIdentityForeignProviderKeys,
  TrustConditionOperatorMisuse,
  TrustActionMismatch,
  SamlAudienceNotPinned,
  TrustNotPrincipalOrNotAction,
  AssumeRoleOnAnyRole,
  CognitoUnauthenticatedRoleWrite,
  CognitoGuestAccessEnabled,
  CognitoClassicFlowEnabled,
  ServiceTrustWithoutSourceCondition,
  TrustPolicyTooLarge,
  MaxSessionDurationOutOfRange,
];
