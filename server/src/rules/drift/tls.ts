import { defineRule } from '../rule.js';
import { driftMatch } from '../../drift/view.js';

export default defineRule({
  id: 'drift/tls',
  title: 'TLS the deployment does not enforce',
  category: 'drift',
  severity: 'high',
  target: 'flow',
  stride: ['I', 'T'],
  cwe: 1068,
  docs: {
    checks: 'A flow whose `tls` the deployment contradicts: the model states `tls: mtls` while the callee is in the mesh\'s scope (its namespace or pods carry Istio resources or sidecar injection) and no `STRICT` PeerAuthentication or `ISTIO_MUTUAL` DestinationRule covers it; or the model says (states, or implies by its protocol) `tls` or `mtls` while the caller\'s connection value in the deployment is plain (`http://`, `ws://`, `redis://`, `amqp://`, `mqtt://`, `sslmode=disable`) and no `STRICT` policy covers the callee. A flow the deployment says nothing about is not judged.',
    attack: 'unencrypted-flow trusts the model: a flow the model calls encrypted while it runs in clear text is read and altered by anyone on the path, and nobody is told.',
    fix: 'Enforce what the model says (a `STRICT` PeerAuthentication, a `https://`/`rediss://` URL, `sslmode=require`), or write `tls: none` in the model and let unencrypted-flow judge it.',
    falsePositives: 'TLS terminated by a sidecar that the files do not show (a Linkerd or Consul mesh, an ambient waypoint configured elsewhere): accept the finding with the reason.',
    practice: 'Encryption in transit as deployed matches the design.',
  },
  messages: {
    mesh: 'The model says `tls: mtls` on `{target}`, but `{to}` is in the mesh\'s scope ({where}) and no STRICT PeerAuthentication or ISTIO_MUTUAL DestinationRule covers it.',
    plain: 'The model says `{tls}` on `{target}`, but the deployment connects in clear text ({plain}, {where}).',
  },
}, (ctx) => {
  const view = ctx.deployment;
  if (!view) return;
  const match = driftMatch(view, ctx.model);
  for (const f of ctx.model.flows) {
    const callee = match.deployedOf.get(f.to);
    if (!callee) continue;
    if (f.tls === 'mtls' && callee.meshScope && !callee.meshCovered) {
      ctx.report({ element: f, at: 'tls', messageId: 'mesh', args: { target: f.target, to: f.to, where: callee.service.source ?? 'the deployment' } });
      continue;
    }
    if (f.effectiveTls !== 'tls' && f.effectiveTls !== 'mtls') continue;
    const caller = match.deployedOf.get(f.from);
    const imported = caller?.service.calls.find((x) => x.to === callee.id && x.plain !== undefined);
    if (!imported || callee.meshCovered) continue;
    ctx.report({ element: f, at: 'tls', messageId: 'plain', args: { tls: `tls: ${f.effectiveTls}`, target: f.target, plain: `\`${imported.plain}\``, where: imported.source ?? 'the deployment' } });
  }
});
