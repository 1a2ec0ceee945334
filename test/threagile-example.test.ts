// Threagile's own example ("Some Example Application") written by hand as a Moat model
// (test/fixtures/threagile/), and the findings of the rules issue 16 added or changed, held
// exactly. Threagile reports on this model: code backdooring of the internet-reachable Git and
// Jenkins, push deployment into the web servers, missing build hardening, missing vault, and
// MFA for the administrators; these are the same concerns in Moat's words.
//
// The second suite imports ../shared/corpus/threagile-example/threagile.yaml itself with the
// Threagile import (skipping when ../shared is absent) and holds the rows on the imported model:
// the same as the hand translation's, but for `missing-hardening`, which needs to know a host is
// a VM (`runtime.platform: vm`), and interchange.md maps no Threagile `machine:` to it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { checkModel, checkText } from '../server/src/engine.js';
import { importInterchange } from '../server/src/interchange/import.js';

const MODEL = path.resolve(__dirname, 'fixtures/threagile/some-example-application.moat.yaml');

/** The rules of issue 16: the delivery pipeline, and the rules whose reach or precision changed. */
const RULES = new Set([
  'exposed-delivery-pipeline', 'push-deployment', 'unchecked-deployment', 'missing-secret-scanning',
  'missing-build-infrastructure', 'missing-hardening', 'missing-mfa', 'missing-identity-propagation',
  'missing-secrets-manager', 'exposed-datastore', 'shared-datastore', 'missing-failure-isolation',
]);

type Row = [rule: string, target: string, severity: string];

const EXPECTED: Row[] = [
  // Git and Jenkins are reached from the internet: Git by certificate and token without MFA,
  // Jenkins by password (Threagile: code-backdooring on both).
  ['exposed-delivery-pipeline', 'git-repo', 'high'],
  ['exposed-delivery-pipeline', 'jenkins-build-server', 'high'],
  // Jenkins pushes over SSH into the web servers (Threagile: push-instead-of-pull-deployment).
  ['push-deployment', 'jenkins-build-server->apache-webserver', 'medium'],
  ['push-deployment', 'jenkins-build-server->marketing-cms', 'medium'],
  ['unchecked-deployment', 'jenkins-build-server', 'medium'],
  ['missing-secret-scanning', 'git-repo', 'low'],
  // VMs holding the code, the build, and the restricted customer accounts (Threagile:
  // missing-hardening, missing-build-infrastructure's sibling concerns).
  ['missing-hardening', 'git-repo', 'low'],
  ['missing-hardening', 'jenkins-build-server', 'low'],
  ['missing-hardening', 'sql-database', 'low'],
  // The external developers reach the pipeline, the administrators the database, with one factor.
  ['missing-mfa', 'backend-admin-client', 'high'],
  ['missing-mfa', 'external-dev-client', 'high'],
  // Passwords on the ERP, LDAP and identity-provider flows, and no vault (Threagile: missing-vault).
  ['missing-secrets-manager', 'system', 'medium'],
  // Synchronous calls across boundaries without timeouts; Jenkins' deployments are left alone.
  ['missing-failure-isolation', 'apache-webserver->erp-system', 'low'],
  ['missing-failure-isolation', 'apache-webserver->identity-provider', 'low'],
  ['missing-failure-isolation', 'load-balancer->apache-webserver', 'low'],
  ['missing-failure-isolation', 'load-balancer->marketing-cms', 'low'],
  ['missing-failure-isolation', 'marketing-cms->ldap-auth-server', 'low'],
];

const byText = (a: Row, b: Row) => (a.join(' ') < b.join(' ') ? -1 : a.join(' ') > b.join(' ') ? 1 : 0);

describe("Threagile's example, written as a Moat model", () => {
  const analysis = checkModel(MODEL, { today: '2026-11-25' });

  it('reads without a model problem', () => {
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
  });

  it("holds exactly the delivery-pipeline and changed rules' findings", () => {
    const got = analysis.findings.filter((f) => RULES.has(f.rule) && !f.accepted).map((f): Row => [f.rule, f.target, f.severity]);
    assert.deepEqual(got.sort(byText), [...EXPECTED].sort(byText));
  });

  it('does not call the administrators on the internal network outsiders of the databases they maintain', () => {
    const admin = analysis.findings.filter((f) => f.rule === 'exposed-datastore' || f.rule === 'shared-datastore');
    assert.deepEqual(admin, []);
    const mfa = analysis.findings.find((f) => f.rule === 'missing-mfa' && f.target === 'backend-admin-client')!;
    assert.match(mfa.message, /signs in to the database `sql-database` \(a datastore\) without multi-factor authentication/);
  });

  it('names why the pipeline is exposed: the password on Jenkins, the missing second factor on Git', () => {
    const [git, jenkins] = ['git-repo', 'jenkins-build-server']
      .map((t) => analysis.findings.find((f) => f.rule === 'exposed-delivery-pipeline' && f.target === t)!.message);
    assert.match(git, /reached from the untrusted `external-dev-client` without multi-factor authentication/);
    assert.match(jenkins, /with `auth: password`/);
  });

});

const CORPUS = path.resolve(__dirname, '../../shared/corpus/threagile-example/threagile.yaml');

describe("Threagile's example, imported by moat import", { skip: fs.existsSync(CORPUS) ? false : `${CORPUS} is absent (a clone without ../shared)` }, () => {
  /** The hand translation's rows, with the imported flows' ids (Threagile's link ids). */
  const IMPORTED: Row[] = [
    ['exposed-delivery-pipeline', 'git-repo', 'high'],
    ['exposed-delivery-pipeline', 'jenkins-build-server', 'high'],
    ['push-deployment', 'jenkins-build-server.application-deployment', 'medium'],
    ['push-deployment', 'jenkins-build-server.cms-updates', 'medium'],
    ['unchecked-deployment', 'jenkins-build-server', 'medium'],
    ['missing-secret-scanning', 'git-repo', 'low'],
    ['missing-mfa', 'backend-admin-client', 'high'],
    ['missing-mfa', 'external-dev-client', 'high'],
    ['missing-secrets-manager', 'system', 'medium'],
    ['missing-failure-isolation', 'apache-webserver.auth-credential-check-traffic', 'low'],
    ['missing-failure-isolation', 'apache-webserver.erp-system-traffic', 'low'],
    ['missing-failure-isolation', 'load-balancer.cms-content-traffic', 'low'],
    ['missing-failure-isolation', 'load-balancer.web-application-traffic', 'low'],
    ['missing-failure-isolation', 'marketing-cms.auth-traffic', 'low'],
  ];

  it('holds the delivery-pipeline and changed rules\' findings on the imported model', () => {
    const imported = importInterchange(fs.readFileSync(CORPUS, 'utf8'), CORPUS)!;
    const analysis = checkText(imported.text, path.resolve('imported.moat.yaml'), { today: '2026-11-25' });
    assert.deepEqual(analysis.findings.filter((f) => f.rule.startsWith('model/')).map((f) => f.message), []);
    const got = analysis.findings.filter((f) => RULES.has(f.rule) && !f.accepted).map((f): Row => [f.rule, f.target, f.severity]);
    assert.deepEqual(got.sort(byText), [...IMPORTED].sort(byText));
  });
});
