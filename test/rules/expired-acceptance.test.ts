import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const acceptedUntil = (until: string) => yaml`
  moat: 1
  name: shop
  boundaries: { cluster: { trust: internal } }
  services:
    old: { kind: service, boundary: cluster }
  accept:
    - rule: orphan-component
      target: old
      reason: decommissioned in Q1
      until: ${until}
`;

ruleTests('expired-acceptance', {
  fires: [
    {
      name: 'the day after until (today is 2026-11-25), at the entry\'s rule',
      model: acceptedUntil('2026-11-24'),
      expect: [{
        target: 'orphan-component@old', messageId: 'expired', text: 'rule: orphan-component',
        message: 'was valid until 2026-11-24; since 2026-11-25 its finding is reported again',
      }],
    },
    {
      name: 'a quoted date, long past',
      model: acceptedUntil('"2025-12-31"'),
      expect: [{ target: 'orphan-component@old', messageId: 'expired', text: 'rule: orphan-component', message: 'since 2026-01-01' }],
    },
    {
      name: 'an expired acceptance superseded by a current one',
      model: `${acceptedUntil('2026-06-30')}  - { rule: orphan-component, target: old, reason: decommissioning moved to Q2, until: 2027-03-31 }\n`,
      expect: [{ target: 'orphan-component@old', messageId: 'superseded', text: 'rule: orphan-component', message: 'another acceptance still covers the finding' }],
    },
  ],
  silent: [
    { name: 'on the until day itself the acceptance holds', model: acceptedUntil('2026-11-25') },
    { name: 'an acceptance with no until', model: acceptedUntil('2026-11-25').replace(/\n\s+until: .*\n/, '\n') },
    {
      name: 'an expired acceptance that matches nothing is stale-acceptance\'s',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          a: { kind: service, boundary: cluster, calls: [{ to: b, protocol: grpc }] }
          b: { kind: service, boundary: cluster }
        accept:
          - { rule: orphan-component, target: a, reason: r, until: 2026-01-01 }
      `,
    },
  ],
});

describe('expired-acceptance', () => {
  it('returns the accepted finding, marked expired, beside its own', () => {
    const findings = analyzeYaml(acceptedUntil('2026-11-24')).findings;
    const orphan = findings.filter((f) => f.rule === 'orphan-component');
    assert.equal(orphan.length, 1);
    assert.equal(orphan[0].accepted, undefined);
    assert.equal(orphan[0].expired?.until, '2026-11-24');
    assert.equal(findings.filter((f) => f.rule === 'expired-acceptance').length, 1);
    assert.equal(findings.filter((f) => f.rule === 'stale-acceptance').length, 0);
  });

  it('keeps the finding accepted while until has not passed', () => {
    const findings = analyzeYaml(acceptedUntil('2026-11-25')).findings;
    const orphan = findings.filter((f) => f.rule === 'orphan-component');
    assert.equal(orphan.length, 1);
    assert.equal(orphan[0].accepted?.reason, 'decommissioned in Q1');
  });
});
