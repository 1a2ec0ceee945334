// The rule catalogue: an explicit registry, sorted by id. Adding a rule means adding it here.

import type { Rule } from './rule.js';
import unauthenticatedFlow from './unauthenticated-flow.js';
import unencryptedFlow from './unencrypted-flow.js';
import weakAuthentication from './weak-authentication.js';
import unspecifiedAuth from './unspecified-auth.js';
import missingMfa from './missing-mfa.js';
import missingAuthorization from './missing-authorization.js';
import missingIdentityPropagation from './missing-identity-propagation.js';
import missingIdentityProvider from './missing-identity-provider.js';
import unspecifiedTls from './unspecified-tls.js';
import unencryptedAtRest from './unencrypted-at-rest.js';
import gatewayBypass from './gateway-bypass.js';
import exposedDatastore from './exposed-datastore.js';
import missingRateLimit from './missing-rate-limit.js';
import missingWaf from './missing-waf.js';
import missingInputValidation from './missing-input-validation.js';
import overPrivilegedRole from './over-privileged-role.js';
import unusedGrant from './unused-grant.js';
import sharedRole from './shared-role.js';
import hardcodedSecret from './hardcoded-secret.js';
import missingSecretsManager from './missing-secrets-manager.js';
import sharedDatastore from './shared-datastore.js';
import missingNetworkSegmentation from './missing-network-segmentation.js';
import mixedTrustRuntime from './mixed-trust-runtime.js';
import missingFailureIsolation from './missing-failure-isolation.js';
import sensitiveDataToLowerTrust from './sensitive-data-to-lower-trust.js';
import orphanComponent from './orphan-component.js';
import unusedData from './unused-data.js';
import unusedRole from './unused-role.js';
import unusedBoundary from './unused-boundary.js';
import staleAcceptance from './stale-acceptance.js';
import expiredAcceptance from './expired-acceptance.js';
import privilegedContainer from './privileged-container.js';
import rootContainer from './root-container.js';
import unpinnedImage from './unpinned-image.js';
import missingResourceLimits from './missing-resource-limits.js';
import writableRootFs from './writable-root-fs.js';
import missingImageSigning from './missing-image-signing.js';
import missingImageScanning from './missing-image-scanning.js';
import missingDependencyScanning from './missing-dependency-scanning.js';
import missingSecurityTesting from './missing-security-testing.js';
import missingSbom from './missing-sbom.js';
import unsignedCommits from './unsigned-commits.js';
import missingAuditLog from './missing-audit-log.js';
import missingCentralLogging from './missing-central-logging.js';
import missingIncidentResponse from './missing-incident-response.js';
import exposedDeliveryPipeline from './exposed-delivery-pipeline.js';
import pushDeployment from './push-deployment.js';
import uncheckedDeployment from './unchecked-deployment.js';
import missingSecretScanning from './missing-secret-scanning.js';
import missingBuildInfrastructure from './missing-build-infrastructure.js';
import missingHardening from './missing-hardening.js';
import unknownProtocol from './unknown-protocol.js';
import unauthenticatedPath from './unauthenticated-path.js';
import missingDefenseInDepth from './missing-defense-in-depth.js';
import driftBlockedFlow from './drift/blocked-flow.js';
import driftExposure from './drift/exposure.js';
import driftMissingComponent from './drift/missing-component.js';
import driftMissingFlow from './drift/missing-flow.js';
import driftRuntime from './drift/runtime.js';
import driftSecret from './drift/secret.js';
import driftTls from './drift/tls.js';
import driftUnknownComponent from './drift/unknown-component.js';

export const RULES: readonly Rule[] = [
  unauthenticatedFlow,
  unencryptedFlow,
  weakAuthentication,
  unspecifiedAuth,
  missingMfa,
  missingAuthorization,
  missingIdentityPropagation,
  missingIdentityProvider,
  unspecifiedTls,
  unencryptedAtRest,
  gatewayBypass,
  exposedDatastore,
  missingRateLimit,
  missingWaf,
  missingInputValidation,
  overPrivilegedRole,
  unusedGrant,
  sharedRole,
  hardcodedSecret,
  missingSecretsManager,
  sharedDatastore,
  missingNetworkSegmentation,
  mixedTrustRuntime,
  missingFailureIsolation,
  sensitiveDataToLowerTrust,
  orphanComponent,
  unusedData,
  unusedRole,
  unusedBoundary,
  staleAcceptance,
  expiredAcceptance,
  privilegedContainer,
  rootContainer,
  unpinnedImage,
  missingResourceLimits,
  writableRootFs,
  missingImageSigning,
  missingImageScanning,
  missingDependencyScanning,
  missingSecurityTesting,
  missingSbom,
  unsignedCommits,
  missingAuditLog,
  missingCentralLogging,
  missingIncidentResponse,
  exposedDeliveryPipeline,
  pushDeployment,
  uncheckedDeployment,
  missingSecretScanning,
  missingBuildInfrastructure,
  missingHardening,
  unknownProtocol,
  unauthenticatedPath,
  missingDefenseInDepth,
  driftBlockedFlow,
  driftExposure,
  driftMissingComponent,
  driftMissingFlow,
  driftRuntime,
  driftSecret,
  driftTls,
  driftUnknownComponent,
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1)) as Rule[];

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
