import { defineRule } from './rule.js';
import type { NamedValue } from '../model/types.js';
import { literalSecret, suggestedSecretRef } from '../model/secrets.js';
import type { SecretPlace } from '../model/secrets.js';

export default defineRule({
  id: 'hardcoded-secret',
  title: 'Hard-coded secret',
  category: 'secrets',
  severity: 'critical',
  target: 'service',
  scope: 'component',
  stride: ['I'],
  cwe: 798,
  fix: 'Replace the value with a reference to a secret store (`vault:secret/<service>/<name>`); the leaked value must still be rotated.',
  messages: {
    secret: '`{service}` writes its secret `{name}` as a literal value, so everyone who can read the model (and its history) has it. Rotate it, then replace the value with a reference such as `{ref}`.',
    envName: '`{service}` sets `{name}` in `env:` to a literal value that looks like a secret. Rotate it, then move it to `secrets:` or replace it with a reference such as `{ref}`.',
    envValue: 'The value of `{name}` in the `env:` of `{service}` looks like {kind}. Rotate it, then replace the value with a reference such as `{ref}`.',
  },
  docs: {
    checks: 'A `secrets:` value that is not a reference (`SCHEME:PATH` with a scheme from `vault`, `aws-sm`, `gcp-sm`, `azure-kv`, `k8s-secret`, `env`, `file`, or `${NAME}`); an `env:` value, not itself a reference, whose name looks like a secret (it contains, ignoring case and separators, `password`, `passwd`, `secret`, `token`, `apikey`, `privatekey` or `credential`) or whose value looks like one (an AWS access key `AKIA…`, a GitHub `ghp_…` token, a Slack `xox?-…` token, a Stripe `sk_live_…` key, a PEM private key, a JSON Web Token, a password inside a URL or a connection string).',
    attack: 'A secret written into a file lives in every clone, backup, CI log and fork of the repository, forever: removing it later does not remove it from history. Anyone who ever had read access can use it, and secret scanners run by attackers find such values within minutes of a push.',
    fix: 'Keep the secret in a secrets manager and write a reference (`vault:secret/orders/db`, `aws-sm:…`, `${DB_PASSWORD}`). Treat the leaked value as compromised: rotate it, whatever else you do.',
    falsePositives: 'A value that only looks like a secret (a test fixture, a published example key). Replace it anyway if you can; otherwise accept the finding with the reason.',
    practice: 'Secrets live in a secrets manager, never in code or configuration files.',
    decisions: [
      'The range is the value, not the key: the quick fix replaces it with the reference in `data.secretRef` (`vault:secret/<service>/<name in lowercase>`), and keeps the name.',
      'Empty values are not secrets. A `SCHEME:` with a known scheme is a reference even with an empty path: it leaks nothing. A bare `$NAME` is read as a reference, like `${NAME}`: it is an interpolation, not a leaked value.',
      'An `env:` name whose last word says the value is about a secret rather than the secret (`TOKEN_TTL`, `PASSWORD_MIN_LENGTH`, `SECRET_NAME`, `TOKEN_URL`, `CLIENT_SECRET_PATH`…) is not a finding, nor is a flag value (`true`, `false`, `on`, `off`, `yes`, `no`).',
      'A password written inside a URL (`postgres://app:hunter2@db/orders`, or `redis://:hunter2@cache:6379` with no user name) counts as a value that looks like a secret; `${…}` (or any `$…` interpolation) in its place does not.',
      'So does a password in a connection string (`Server=sqldata;User Id=sa;Password=Pass@word`, `jdbc:postgresql://db/orders?user=app&password=hunter2`): a `Password=` or `Pwd=` key with a value that is not an interpolation. Such strings sit in `env:` under names like `ConnectionString` that say nothing about secrets.',
      'A name whose last word abbreviates "password" (`RABBITMQ_DEFAULT_PASS`, `MYSQL_PWD`, `DB_PW`, `KEY_PASSPHRASE`) looks like a secret too, though the catalogue\'s list names only the long forms: these are the names images such as RabbitMQ and MySQL read their credentials from. Only the last word counts, so `PASS_THROUGH` and `BYPASS_CACHE` do not.',
      'Each secret is its own finding on the service (they share the target `hardcoded-secret@SERVICE`). The message never repeats the value.',
      'What this rule flags is what every output masks (`••••••`): the detector lives in one module (server/src/model/secrets.ts) that the rule, the quick fix and the redaction of every output share. Outputs mask each flagged value, ignoring case, wherever the model repeats it (a description, an owner, an acceptance\'s reason, a misspelt value a model problem quotes), the password alone of a URL or connection string, each line of a multi-line value such as a key\'s body, and any text that looks like one of the kinds of values above even where no `secrets:` or `env:` entry holds it.',
    ],
  },
}, ({ model, report }) => {
  for (const service of model.services.values()) {
    const check = (prop: SecretPlace, v: NamedValue) => {
      const secret = literalSecret(prop, v.name, v.value);
      if (!secret) return;
      const ref = suggestedSecretRef(service.id, v.name);
      const messageId = secret.because === 'place' ? 'secret' : secret.because === 'name' ? 'envName' : 'envValue';
      report({
        element: service, at: { prop, entry: v.name, entryPart: 'value' }, messageId,
        args: { service: service.id, name: v.name, ref, kind: secret.because === 'value' ? secret.kind.description : '' },
        data: { secretRef: ref, prop, name: v.name },
      });
    };
    for (const s of service.secrets) check('secrets', s);
    for (const e of service.env) check('env', e);
  }
});
