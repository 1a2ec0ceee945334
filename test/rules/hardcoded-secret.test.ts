import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTests } from './harness.js';
import { analyzeYaml, yaml } from '../helpers.js';

const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4).slice(0, 36)}`;
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

const literalSecret = yaml`
  moat: 1
  name: shop
  boundaries: { cluster: { trust: internal } }
  controls: { secrets-manager: true }
  services:
    orders:
      kind: service
      boundary: cluster
      secrets:
        DB_PASSWORD: hunter2-prod
        API_KEY: vault:secret/orders/api
`;

ruleTests('hardcoded-secret', {
  fires: [
    {
      name: 'a literal in secrets:, at the value',
      model: literalSecret,
      expect: [{ target: 'orders', messageId: 'secret', text: 'hunter2-prod', message: 'Rotate it, then replace the value with a reference such as `vault:secret/orders/db_password`' }],
    },
    {
      name: 'env names that look like secrets, ignoring case and separators',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          orders:
            kind: service
            boundary: cluster
            env:
              LOG_LEVEL: info
              db_Passwd: "s3cr3t!"
              Stripe-Api-Key: abc123
              jwtPrivateKey: xyz
              SERVICE_CREDENTIALS: user:pass
              authToken: 1234567890
      `,
      expect: [
        { target: 'orders', messageId: 'envName', text: '"s3cr3t!"', message: 'sets `db_Passwd` in `env:` to a literal value' },
        { target: 'orders', messageId: 'envName', text: 'abc123' },
        { target: 'orders', messageId: 'envName', text: 'xyz' },
        { target: 'orders', messageId: 'envName', text: 'user:pass' },
        { target: 'orders', messageId: 'envName', text: '1234567890' },
      ],
    },
    {
      name: 'env values that look like secrets, whatever their names',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          ci:
            kind: service
            boundary: cluster
            env:
              AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE
              GH: ${GITHUB_TOKEN}
              SLACK_HOOK_AUTH: xoxb-123456789012-abcdefghijkl
              STRIPE: sk_live_4eC39HqLyjWDarjtT1zdp7dc
              SESSION_SAMPLE: ${JWT}
              DATABASE_URL: postgres://app:hunter2@db:5432/orders
              SIGNING: |
                -----BEGIN RSA PRIVATE KEY-----
                MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
                -----END RSA PRIVATE KEY-----
      `,
      expect: [
        { target: 'ci', messageId: 'envValue', text: 'AKIAIOSFODNN7EXAMPLE', message: 'looks like an AWS access key' },
        { target: 'ci', messageId: 'envValue', text: GITHUB_TOKEN, message: 'looks like a GitHub token' },
        { target: 'ci', messageId: 'envValue', text: 'xoxb-123456789012-abcdefghijkl', message: 'looks like a Slack token' },
        { target: 'ci', messageId: 'envValue', text: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', message: 'looks like a Stripe live key' },
        { target: 'ci', messageId: 'envValue', text: JWT, message: 'looks like a JSON Web Token' },
        { target: 'ci', messageId: 'envValue', text: 'postgres://app:hunter2@db:5432/orders', message: 'looks like a password inside a URL' },
        {
          target: 'ci', messageId: 'envValue',
          text: '|\n        -----BEGIN RSA PRIVATE KEY-----\n        MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n        -----END RSA PRIVATE KEY-----\n',
          message: 'looks like a private key',
        },
      ],
    },
    {
      name: 'a secrets: value that is not a known scheme',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { secrets-manager: true }
        services:
          orders:
            kind: service
            boundary: cluster
            secrets:
              DB: k8s-secret/orders-db
              TOKEN: "http://vault/secret"
      `,
      expect: [{ target: 'orders', messageId: 'secret', text: 'k8s-secret/orders-db' }, { target: 'orders', messageId: 'secret', text: '"http://vault/secret"' }],
    },
    {
      name: 'passwords in connection strings and in URLs without a user name',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          catalog:
            kind: service
            boundary: cluster
            env:
              ConnectionString: Server=sqldata;Database=CatalogDb;User Id=sa;Password=Pass@word
              ODBC: "Driver={ODBC Driver 18};Server=db;Uid=app;Pwd=hunter2;"
              JDBC_URL: jdbc:postgresql://db:5432/orders?user=app&password=hunter2
              REDIS_URL: redis://:hunter2@cache:6379/0
      `,
      expect: [
        { target: 'catalog', messageId: 'envValue', text: 'Server=sqldata;Database=CatalogDb;User Id=sa;Password=Pass@word', message: 'looks like a password inside a connection string' },
        { target: 'catalog', messageId: 'envValue', text: '"Driver={ODBC Driver 18};Server=db;Uid=app;Pwd=hunter2;"', message: 'connection string' },
        { target: 'catalog', messageId: 'envValue', text: 'jdbc:postgresql://db:5432/orders?user=app&password=hunter2', message: 'connection string' },
        { target: 'catalog', messageId: 'envValue', text: 'redis://:hunter2@cache:6379/0', message: 'looks like a password inside a URL' },
      ],
    },
    {
      name: 'names ending in an abbreviation of password',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          rabbitmq:
            kind: queue
            boundary: cluster
            env:
              RABBITMQ_DEFAULT_USER: guest
              RABBITMQ_DEFAULT_PASS: guest
              MYSQL_PWD: root
              tlsKeyPassphrase: changeit
      `,
      expect: [
        { target: 'rabbitmq', messageId: 'envName', text: 'guest', message: 'sets `RABBITMQ_DEFAULT_PASS` in `env:` to a literal value' },
        { target: 'rabbitmq', messageId: 'envName', text: 'root' },
        { target: 'rabbitmq', messageId: 'envName', text: 'changeit' },
      ],
    },
  ],
  silent: [
    {
      name: 'references in secrets: and env:',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { secrets-manager: true }
        services:
          orders:
            kind: service
            boundary: cluster
            secrets:
              A: vault:secret/orders/a
              B: aws-sm:prod/orders/b
              C: gcp-sm:projects/p/secrets/c
              D: azure-kv:kv/d
              E: k8s-secret:orders/e
              F: env:F
              G: file:/run/secrets/g
              H: \${H}
            env:
              DB_PASSWORD: vault:secret/orders/db
              API_TOKEN: \${API_TOKEN}
              CLIENT_SECRET: $CLIENT_SECRET
              DATABASE_URL: postgres://app:\${DB_PASSWORD}@db/orders
      `,
    },
    {
      name: 'empty values, flags, and names about a secret rather than the secret',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        controls: { secrets-manager: true }
        services:
          orders:
            kind: service
            boundary: cluster
            secrets:
              DB_PASSWORD: ""
            env:
              PASSWORD: ""
              TOKEN_TTL: 3600
              PASSWORD_MIN_LENGTH: 12
              SECRET_NAME: orders-db
              TOKEN_URL: https://idp.example.com/oauth/token
              PASSWORD_RESET_ENABLED: "true"
              API_KEY_HEADER: X-Api-Key
              CSRF_TOKEN_ENABLED: off
              SPRING_PROFILES_ACTIVE: production
      `,
    },
    {
      name: 'interpolated connection-string passwords, and PASS that is not the last word',
      model: yaml`
        moat: 1
        name: shop
        boundaries: { cluster: { trust: internal } }
        services:
          catalog:
            kind: service
            boundary: cluster
            env:
              ConnectionString: Server=sqldata;Database=CatalogDb;User Id=sa;Password=\${SA_PASSWORD}
              JDBC_URL: jdbc:postgresql://db:5432/orders?user=app&password=$(DB_PASSWORD)
              REDIS_URL: redis://:\${REDIS_PASSWORD}@cache:6379/0
              PUBLIC_URL: https://shop.example.com:8443/login?next=/account
              PASS_THROUGH_HEADERS: x-request-id
              BYPASS_CACHE: "1"
              DB_PASS_FILE: /run/secrets/db
      `,
    },
  ],
});

describe('hardcoded-secret', () => {
  it('never repeats the secret, and gives the reference a fix writes', () => {
    const findings = analyzeYaml(literalSecret).findings.filter((f) => f.rule === 'hardcoded-secret');
    assert.equal(findings.length, 1);
    assert.ok(!findings[0].message.includes('hunter2'));
    assert.deepEqual(findings[0].data, { secretRef: 'vault:secret/orders/db_password', prop: 'secrets', name: 'DB_PASSWORD' });
  });
  it('never repeats a password found inside a connection string or URL', () => {
    const model = yaml`
      moat: 1
      name: shop
      boundaries: { cluster: { trust: internal } }
      services:
        catalog:
          kind: service
          boundary: cluster
          env:
            ConnectionString: Server=sqldata;User Id=sa;Password=Pass@word
            REDIS_URL: redis://:hunter2@cache:6379
            RABBITMQ_DEFAULT_PASS: guestpw
    `;
    const messages = analyzeYaml(model).findings.filter((f) => f.rule === 'hardcoded-secret').map((f) => f.message);
    assert.equal(messages.length, 3);
    for (const m of messages) for (const secret of ['Pass@word', 'hunter2', 'guestpw']) assert.ok(!m.includes(secret), m);
  });
});
