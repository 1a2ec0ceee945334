// Whether a deployment's NetworkPolicies let one workload's pods reach another's (deployment.md,
// `drift/blocked-flow`). Pods no policy selects are not isolated; a selector with
// `matchExpressions` is not read, so a policy or peer that uses one is never held against a flow.

import type { Deployment, LabelSelector, NetworkPolicy, PolicyPeer, Workload } from '../deployment/index.js';

/** One side of a flow: a workload's pods, or something that is not a workload of the deployment. */
export type Party = { workloads: Workload[] } | 'outside';

export interface Verdict {
  /** The policies whose rules admit nothing for the flow. */
  policies: NetworkPolicy[];
  direction: 'ingress' | 'egress';
}

const selects = (sel: LabelSelector, labels: Record<string, string>) => !sel.expressions && Object.entries(sel.matchLabels).every(([k, v]) => labels[k] === v);
const isEmpty = (sel: LabelSelector | undefined) => sel !== undefined && !sel.expressions && Object.keys(sel.matchLabels).length === 0;

function namespaceLabels(d: Deployment, name: string): Record<string, string> {
  return { 'kubernetes.io/metadata.name': name, ...(d.namespaces.find((n) => n.name === name)?.labels ?? {}) };
}

/** The peer admits the workload's pods (the policy's namespace for a peer with a podSelector only). */
function admitsPods(d: Deployment, policy: NetworkPolicy, peer: PolicyPeer, w: Workload): boolean | undefined {
  if (peer.ipBlock !== undefined) return peer.ipBlock === '0.0.0.0/0' || peer.ipBlock === '::/0' ? true : false;
  if (peer.podSelector?.expressions || peer.namespaceSelector?.expressions) return undefined;
  const inNamespace = peer.namespaceSelector ? selects(peer.namespaceSelector, namespaceLabels(d, w.namespace)) : w.namespace === policy.namespace;
  const pods = peer.podSelector ? selects(peer.podSelector, w.podLabels) : true;
  return inNamespace && pods;
}

/** The peer admits what is not a workload: only an ipBlock or empty selectors speak for it; else unknown. */
function admitsOutside(peer: PolicyPeer): boolean | undefined {
  if (peer.ipBlock !== undefined) return true;
  if ((peer.podSelector === undefined || isEmpty(peer.podSelector)) && (peer.namespaceSelector === undefined || isEmpty(peer.namespaceSelector))) return true;
  return undefined;
}

function portAdmitted(ports: (number | string)[], flowPorts: number[]): boolean {
  if (ports.length === 0 || flowPorts.length === 0) return true;
  // A named port is not resolved: it may be the flow's.
  return ports.some((p) => typeof p === 'string' || flowPorts.includes(p));
}

/**
 * The policies that forbid the flow from `caller` to `callee` on `ports` (the flow's port and the
 * Service's target port for it), or undefined when it is allowed or cannot be judged.
 */
export function blockedBy(d: Deployment, caller: Party, callee: Party, ports: number[]): Verdict | undefined {
  const ingress = callee !== 'outside' ? judge(d, 'ingress', callee.workloads, caller, ports) : undefined;
  if (ingress) return ingress;
  return caller !== 'outside' ? judge(d, 'egress', caller.workloads, callee, ports) : undefined;
}

function judge(d: Deployment, direction: 'ingress' | 'egress', selected: Workload[], other: Party, ports: number[]): Verdict | undefined {
  const type = direction === 'ingress' ? 'Ingress' : 'Egress';
  for (const w of selected) {
    if (w.platform !== 'kubernetes') continue;
    const policies = d.networkPolicies.filter((p) => p.namespace === w.namespace && p.policyTypes.includes(type));
    if (policies.some((p) => p.podSelector.expressions)) continue; // unread selectors: not judged
    const isolating = policies.filter((p) => selects(p.podSelector, w.podLabels));
    if (isolating.length === 0) continue;
    let unknown = false;
    const admitted = isolating.some((p) => (direction === 'ingress' ? p.ingress.map((r) => ({ peers: r.from, ports: r.ports })) : p.egress.map((r) => ({ peers: r.to, ports: r.ports })))
      .some((rule) => {
        if (!portAdmitted(rule.ports, ports)) return false;
        if (rule.peers.length === 0) return true;
        return rule.peers.some((peer) => {
          const verdicts = other === 'outside' ? [admitsOutside(peer)] : other.workloads.map((x) => admitsPods(d, p, peer, x));
          if (verdicts.some((v) => v === undefined)) unknown = true;
          return verdicts.some((v) => v === true);
        });
      }));
    if (!admitted && !unknown) return { policies: isolating, direction };
  }
  return undefined;
}
