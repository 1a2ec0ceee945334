// The vocabulary module holds language.md's words; these lists mirror the spec so a change to
// either shows up here.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AUTH_METHODS, DATASTORE_KINDS, DELIVERY_PIPELINE_KINDS, FLOW_CONTROLS, IMPLIED_TLS, KINDS, KNOWN_PROTOCOLS,
  RECORD_STORE_KINDS, SERVICE_CONTROLS, SYSTEM_CONTROLS, WORKLOAD_KINDS,
} from '../../server/src/model/vocabulary.js';
import { analyzeYaml, yaml } from '../helpers.js';

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('the model vocabulary (language.md)', () => {
  it('has the kinds and their families', () => {
    assert.deepEqual(sorted(KINDS), sorted(['user', 'external', 'gateway', 'frontend', 'service', 'function', 'database', 'cache', 'queue',
      'storage', 'identity-provider', 'secrets-manager', 'monitoring', 'repository', 'ci', 'registry']));
    assert.deepEqual(sorted(DATASTORE_KINDS), ['cache', 'database', 'queue', 'storage']);
    assert.deepEqual(sorted(RECORD_STORE_KINDS), ['cache', 'database', 'storage']);
    assert.deepEqual(sorted(WORKLOAD_KINDS), ['frontend', 'function', 'gateway', 'service']);
    assert.deepEqual(sorted(DELIVERY_PIPELINE_KINDS), ['ci', 'registry', 'repository']);
  });

  it('implies TLS from exactly the protocols language.md names', () => {
    const tls = Object.entries(IMPLIED_TLS).filter(([, t]) => t === 'tls').map(([p]) => p);
    const none = Object.entries(IMPLIED_TLS).filter(([, t]) => t === 'none').map(([p]) => p);
    assert.deepEqual(sorted(tls), sorted(['https', 'wss', 'amqps', 'mqtts', 'smtps', 'ldaps', 'ssh', 'sftp', 'ftps', 'tls']));
    assert.deepEqual(sorted(none), sorted(['http', 'ws', 'ftp', 'telnet', 'tcp', 'udp', 'smtp', 'ldap', 'amqp', 'mqtt']));
    assert.ok(KNOWN_PROTOCOLS.includes('unknown') && IMPLIED_TLS.unknown === undefined);
  });

  it('has the authentication methods, `signature` included', () => {
    assert.deepEqual(sorted(AUTH_METHODS), sorted(['none', 'api-key', 'basic', 'password', 'session', 'token', 'jwt', 'oauth2', 'oidc',
      'saml', 'mtls', 'iam', 'kerberos', 'signature']));
  });

  it('places each control where language.md does', () => {
    assert.deepEqual(sorted(SERVICE_CONTROLS), sorted(['rate-limit', 'waf', 'input-validation', 'audit-log', 'mfa', 'encryption-at-rest',
      'authorization', 'csrf-protection', 'dependency-scanning', 'image-signing', 'circuit-breaker', 'timeout', 'hardening',
      'secret-scanning', 'security-testing', 'image-scanning']));
    assert.deepEqual(sorted(FLOW_CONTROLS), sorted(['timeout', 'circuit-breaker', 'retries', 'input-validation']));
    assert.deepEqual(sorted(SYSTEM_CONTROLS), sorted(['dependency-scanning', 'image-scanning', 'image-signing', 'sbom', 'signed-commits',
      'central-logging', 'incident-response', 'secrets-manager', 'security-testing', 'secret-scanning', 'hardening']));
  });

  it('reads the new kinds, controls and words without a model problem', () => {
    const analysis = analyzeYaml(yaml`
      moat: 1
      name: pipeline
      boundaries: { tools: { trust: internal } }
      controls: { secret-scanning: true, hardening: true }
      services:
        git: { kind: repository, boundary: tools, controls: { secret-scanning: true, hardening: cis } }
        build: { kind: ci, boundary: tools, controls: { security-testing: true, image-scanning: true }, calls: [{ to: git, protocol: unknown, auth: signature, tls: tls }] }
        images: { kind: registry, boundary: tools }
    `);
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
    assert.deepEqual([...analysis.model.services.values()].map((s) => s.kind), ['repository', 'ci', 'registry']);
  });
});
