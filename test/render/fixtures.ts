// Models the render tests draw: a small shop with every kind of component and flow style, and
// one whose free text is hostile (markup, script, Mermaid syntax).

import { yaml } from '../helpers.js';

export const SHOP = yaml`
  moat: 1
  name: Shop
  description: Sells things.
  boundaries:
    edge: { trust: dmz }
    cluster: { trust: internal }
    pci: { trust: restricted, within: cluster }
    unused: { trust: internal }
  data:
    order: { classification: confidential, pii: true }
    card: { classification: restricted }
  roles:
    ops: { grants: { "*": [admin] } }
  services:
    shopper:
      kind: user
      calls:
        - { to: gateway, protocol: https, auth: oidc }
    partner:
      kind: external
      calls:
        - { to: gateway, protocol: http, auth: none }
    gateway:
      kind: gateway
      boundary: edge
      controls: { rate-limit: 100/min, waf: true }
      calls:
        - { to: orders, protocol: grpc, tls: mtls, auth: jwt, data: [order] }
    orders:
      kind: service
      boundary: cluster
      tech: go
      controls: { input-validation: true, audit-log: true }
      calls:
        - { to: orders-db, protocol: postgres, tls: tls, auth: password, data: [order] }
        - { to: events, protocol: kafka, auth: none, async: true }
        - { to: payments, protocol: http, auth: jwt, data: [card] }
    events: { kind: queue, boundary: cluster }
    orders-db:
      kind: database
      boundary: cluster
      stores: [order]
      controls: { encryption-at-rest: true }
    payments:
      kind: service
      boundary: pci
      calls:
        - { id: charge, to: stripe.api, protocol: https, auth: api-key, data: [card] }
    stripe.api: { kind: external }
`;

/** Every free-text field holds markup, script, or Mermaid syntax. */
export const HOSTILE_TEXT = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=2</script>',
  '"]; click s_a call alert(1); A["',
  '#quot; &lt;b&gt; `md` %%{init: {"securityLevel":"loose"}}%%',
  '</div><iframe src="javascript:window.__pwned=3"></iframe>',
];

export const HOSTILE = yaml`
  moat: 1
  name: ${JSON.stringify(HOSTILE_TEXT[1] + ' Shop')}
  description: ${JSON.stringify(HOSTILE_TEXT[0])}
  boundaries:
    cluster: { trust: internal, description: ${JSON.stringify(HOSTILE_TEXT[4])} }
  data:
    order: { classification: confidential, description: ${JSON.stringify(HOSTILE_TEXT[2])} }
  services:
    web:
      kind: frontend
      boundary: cluster
      tech: ${JSON.stringify(HOSTILE_TEXT[0])}
      owner: ${JSON.stringify(HOSTILE_TEXT[3])}
      description: ${JSON.stringify(HOSTILE_TEXT[1])}
      calls:
        - { to: api, protocol: https, auth: jwt, description: ${JSON.stringify(HOSTILE_TEXT[2])} }
    api:
      kind: service
      boundary: cluster
      tech: ${JSON.stringify(HOSTILE_TEXT[2])}
      description: ${JSON.stringify(HOSTILE_TEXT[4])}
      calls:
        - { to: db, protocol: ${JSON.stringify('x<b>y')}, auth: password, data: [order] }
    db: { kind: database, boundary: cluster, tech: ${JSON.stringify(HOSTILE_TEXT[3])}, stores: [order] }
`;
