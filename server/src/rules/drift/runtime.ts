import { defineRule } from '../rule.js';
import type { Severity } from '../../model/types.js';
import type { ImportedRuntime } from '../../import/imported.js';
import { driftMatch, isMadeUp } from '../../drift/view.js';
import { shownSource } from '../../drift/where.js';

/** One runtime key on which the model and the deployment differ. */
interface Difference {
  key: string;
  text: string;
  /** The model claims a safer setting than the deployment runs. */
  unsafe: boolean;
  /** The value the deployment runs, for the quick fix (undefined: remove the key). */
  value?: unknown;
}

const isRoot = (user: string | number | undefined) => user !== undefined && (String(user) === '0' || String(user) === 'root');
const isPinned = (image: string | undefined) => image !== undefined && /@sha256:[0-9a-f]{64}$/.test(image);
const show = (v: unknown) => (v === undefined ? 'not set' : `\`${String(v)}\``);

export default defineRule({
  id: 'drift/runtime',
  title: 'Runtime differs from the deployment',
  category: 'drift',
  severity: 'high',
  target: 'service',
  stride: ['E', 'T'],
  cwe: 1068,
  docs: {
    checks: 'The `runtime:` of a component against the main container of the workload it stands for: `user`, `read-only-fs`, `privileged`, `limits`, `image`, `host-network`, `host-pid` and host `mounts`. High when the model claims a safer setting than the deployment runs (a user that is not root but the container runs as root, `read-only-fs: true` on a writable container, not privileged but privileged, limits stated but not set, a pinned image the deployment does not pin, no host network, PID namespace or host mount where the deployment has them); low for any other difference. A key the model leaves out is compared only for `privileged`, `host-network`, `host-pid` and `mounts` (absent means not).',
    attack: 'The container rules (root-container, privileged-container, writable-root-fs, …) judge what the model says; when the deployment runs a weaker setting, the model hides exactly the hardening gap an attacker who reaches the container uses to escalate.',
    fix: 'Make the deployment run what the model says, or write in the model what the deployment runs (the quick fix sets the values the deployment runs).',
    falsePositives: 'A deployment file that is not the one production uses (a local compose file): name the production files in `deployment:` instead.',
    practice: 'Keep the threat model in step with what runs (container hardening as deployed).',
    decisions: [
      'A deployment that sets no user runs as root by the language\'s reading (an absent user means root): a model that says otherwise drifts (high), since nothing in the deployment enforces it; the image\'s `USER` may, but Moat reads no image. A model that leaves `user` out is not compared.',
      'A deployment safer than the model on a key the model leaves out raises nothing: `moat import --update` fills it.',
    ],
  },
  messages: {
    differs: '`{id}`\'s runtime differs from the deployment ({where}): {differences}.',
  },
  fix: 'Sets the runtime values the deployment runs.',
}, (ctx) => {
  const view = ctx.deployment;
  if (!view) return;
  const match = driftMatch(view, ctx.model);
  for (const [id, deployed] of match.deployedOf) {
    const s = ctx.model.services.get(id)!;
    if (isMadeUp(deployed.id) || s.kind === 'user' || s.kind === 'external') continue;
    const d: ImportedRuntime = deployed.service.runtime ?? {};
    const m = s.runtime;
    const out: Difference[] = [];
    // user
    if (m?.user !== undefined && d.user === undefined && !isRoot(m.user)) {
      // language.md: an absent user means root; the deployment enforces nothing (the image's USER decides).
      out.push({ key: 'user', unsafe: true, value: undefined, text: `user: the model says ${show(m.user)}, the deployment sets no user (absent means root: the image's USER decides)` });
    } else if (m?.user !== undefined && d.user !== undefined && String(m.user) !== String(d.user)) {
      // \`nonroot\` (runAsNonRoot without a uid) agrees with any user that is not root, either side.
      const nonrootAgrees = (m.user === 'nonroot' && !isRoot(d.user)) || (d.user === 'nonroot' && !isRoot(m.user));
      if (!nonrootAgrees) {
        out.push({ key: 'user', unsafe: !isRoot(m.user) && isRoot(d.user), value: d.user, text: `user: the model says ${show(m.user)}, the deployment runs ${show(d.user)}${isRoot(d.user) ? ' (root)' : ''}` });
      }
    }
    // read-only-fs: a container the deployment does not make read-only is writable.
    const dReadOnly = d['read-only-fs'] === true;
    if (m?.readOnlyFs === true && !dReadOnly) out.push({ key: 'read-only-fs', unsafe: true, value: false, text: 'read-only-fs: the model says `true`, the deployment\'s root filesystem is writable' });
    else if (m?.readOnlyFs === false && dReadOnly) out.push({ key: 'read-only-fs', unsafe: false, value: true, text: 'read-only-fs: the model says `false`, the deployment makes it read-only' });
    // privileged, host-network, host-pid: absent in the model means not.
    for (const [key, model, deployment] of [
      ['privileged', m?.privileged, d.privileged], ['host-network', m?.hostNetwork, d['host-network']], ['host-pid', m?.hostPid, d['host-pid']],
    ] as [string, boolean | undefined, boolean | undefined][]) {
      if (model !== true && deployment === true) out.push({ key, unsafe: true, value: true, text: `${key}: the model says ${model === false ? '`false`' : 'nothing (absent means not)'}, the deployment sets it` });
      else if (model === true && deployment !== true) out.push({ key, unsafe: false, value: undefined, text: `${key}: the model says \`true\`, the deployment does not set it` });
    }
    // limits
    if (m?.limits && (m.limits.cpu !== undefined || m.limits.memory !== undefined)) {
      if (!d.limits) out.push({ key: 'limits', unsafe: true, value: undefined, text: 'limits: the model states them, the deployment sets none' });
      else {
        for (const k of ['cpu', 'memory'] as const) {
          if (m.limits[k] === undefined) continue;
          if (d.limits[k] === undefined) out.push({ key: 'limits', unsafe: true, value: d.limits, text: `limits.${k}: the model says ${show(m.limits[k])}, the deployment sets none` });
          else if (String(m.limits[k]) !== String(d.limits[k])) out.push({ key: 'limits', unsafe: false, value: d.limits, text: `limits.${k}: the model says ${show(m.limits[k])}, the deployment ${show(d.limits[k])}` });
        }
      }
    }
    // image
    if (m?.image !== undefined && d.image !== undefined && m.image !== d.image) {
      out.push({ key: 'image', unsafe: isPinned(m.image) && !isPinned(d.image), value: d.image, text: `image: the model says ${show(m.image)}, the deployment runs ${show(d.image)}` });
    }
    // host mounts: absent means none.
    const mMounts = new Set(m?.mounts ?? []);
    const dMounts = d.mounts ?? [];
    const extra = dMounts.filter((x) => !mMounts.has(x));
    if (extra.length > 0) out.push({ key: 'mounts', unsafe: true, value: dMounts, text: `mounts: the deployment mounts ${extra.map((x) => `\`${x}\``).join(', ')} from the host, the model does not` });
    const gone = [...mMounts].filter((x) => !dMounts.includes(x));
    if (gone.length > 0 && extra.length === 0) out.push({ key: 'mounts', unsafe: false, value: dMounts, text: `mounts: the model mounts ${gone.map((x) => `\`${x}\``).join(', ')}, the deployment does not` });
    if (out.length === 0) continue;
    const severity: Severity = out.some((x) => x.unsafe) ? 'high' : 'low';
    const first = out.find((x) => x.unsafe) ?? out[0];
    ctx.report({
      element: s, at: { prop: 'runtime', part: 'key', entry: first.key, entryPart: 'key' }, severity, messageId: 'differs',
      args: { id, where: shownSource(deployed.service.source), differences: out.map((x) => x.text).join('; ') },
      data: { set: Object.fromEntries(out.map((x) => [x.key, x.value ?? null])) },
    });
  }
});
