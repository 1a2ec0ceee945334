// The model `moat init` writes: a small, realistic system that is modelled well and secured well,
// so it checks clean (but for `info`), with comments that teach the language as it goes.

export const STARTER_FILE = 'moat.yaml';

export const STARTER_MODEL = `# A Moat threat model: the services of a system, the flows between them, the data they carry
# and the trust boundaries they cross. \`moat check\` reads it the way a security reviewer
# would; your editor (with the Moat extension or \`moat lsp\`) checks it as you type.
#
# This starter describes a small web shop. Replace it with your own system, one piece at a
# time, and keep \`moat check\` clean as you go. \`moat rules\` lists what is checked.

moat: 1                       # the language version
name: Web shop
description: A storefront API behind a gateway, with a database and an identity provider.

# Trust boundaries: zones, from untrusted to restricted. \`internet\` (untrusted) exists
# without being declared; users and externals sit in it unless they name another.
boundaries:
  edge:     { trust: dmz }
  cluster:  { trust: internal }
  delivery: { trust: internal }

# The data the system handles. Confidential, restricted or personal (pii) data is sensitive:
# the rules follow it across flows and into stores.
data:
  customer-profile: { classification: confidential, pii: true }

# Privileges, granted per service and action, held by the services that need them.
roles:
  store-writer:
    grants:
      store-db: [read, write]

# Every component is a service entry; \`kind\` says what it is.
services:
  customer:
    kind: user
    calls:
      # A flow is a connection its caller opens. \`auth\` and \`tls\` say how it is protected.
      - { to: gateway, protocol: https, auth: oidc, data: [customer-profile] }

  gateway:
    kind: gateway
    boundary: edge
    description: Terminates TLS, checks tokens, rate-limits and filters requests.
    controls:
      rate-limit: 100/min
      waf: true
      input-validation: true
      authorization: true
      audit-log: true
      timeout: 2s
    calls:
      - to: storefront
        protocol: grpc
        tls: mtls
        auth: jwt               # passes the customer's identity on
        data: [customer-profile]
      - { to: identity, protocol: https, auth: mtls }

  storefront:
    kind: service
    boundary: cluster
    owner: shop-team
    tech: node
    roles: [store-writer]
    controls:
      input-validation: true
      authorization: true
      audit-log: true
    runtime:
      image: registry.example.com/shop/storefront@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae
      user: "10001"
      read-only-fs: true
      limits: { cpu: 500m, memory: 256Mi }
    secrets:
      DB_PASSWORD: vault:secret/shop/store-db     # a reference to the secret, never the secret
    calls:
      - { to: store-db, protocol: postgres, tls: tls, auth: password, access: read-write, data: [customer-profile] }

  store-db:
    kind: database
    boundary: cluster
    tech: postgres
    stores: [customer-profile]
    controls:
      encryption-at-rest: true
      audit-log: true

  identity:
    kind: identity-provider
    boundary: cluster
    description: Signs in customers (OIDC) and issues the tokens the gateway checks.

  # The delivery pipeline: where the code comes from, and what builds and ships it.
  source:
    kind: repository
    boundary: delivery
    tech: git

  build:
    kind: ci
    boundary: delivery
    description: Tests and scans the images and publishes them; the cluster pulls them.
    calls:
      - { to: source, protocol: https, auth: token, access: read }

# Practices in force for the whole system.
controls:
  dependency-scanning: true
  image-scanning: true
  image-signing: true
  sbom: true
  signed-commits: true
  security-testing: true
  secret-scanning: true
  central-logging: true
  secrets-manager: true
  incident-response: docs/incident-response.md

# Findings you have weighed and accepted, with the reason on record:
# accept:
#   - rule: missing-waf
#     target: gateway
#     reason: The CDN in front filters requests.
#     until: 2027-06-30
`;
