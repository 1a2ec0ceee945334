// The questions rules ask of a model, answered once: who calls whom, across which trust,
// carrying what. Terms follow rules.md (sensitive, enters from lower trust, internet-facing,
// workload, datastore).

import {
  CLASSIFICATIONS, TRUST_LEVELS, isDatastoreKind, isDeliveryPipelineKind, isOutsideKind, isRecordStoreKind, isWorkloadKind,
} from '../model/vocabulary.js';
import type { Component, Flow, Kind, Model, Role } from '../model/types.js';

/**
 * What every rule asks of the whole model again and again, each worked out on first use: a set or
 * a map answers with one lookup what took several (the data asset, the component, its boundary).
 */
class Facts {
  private sensitive?: ReadonlySet<string>;
  private boundaryRanks?: ReadonlyMap<string, number>;
  private serviceRanks?: ReadonlyMap<string, number>;
  private inboundFlows?: ReadonlyMap<string, Flow[]>;
  private holdersOf?: ReadonlyMap<string, Component[]>;
  private kinds?: ReadonlySet<Kind>;

  constructor(private readonly model: Model) {}

  /** The ids of the sensitive data assets (see ModelGraph.isSensitive). */
  sensitiveIds(): ReadonlySet<string> {
    if (!this.sensitive) {
      const ids = new Set<string>();
      for (const [id, d] of this.model.data) if (d.pii || d.classification === 'confidential' || d.classification === 'restricted') ids.add(id);
      this.sensitive = ids;
    }
    return this.sensitive;
  }

  /** Each boundary's trust as a rank (see ModelGraph.trustRank). */
  boundaryRank(id: string): number | undefined {
    if (!this.boundaryRanks) {
      const ranks = new Map<string, number>();
      for (const [key, b] of this.model.boundaries) ranks.set(key, TRUST_LEVELS.indexOf(b.trust));
      this.boundaryRanks = ranks;
    }
    return this.boundaryRanks.get(id);
  }

  /** Each component's trust rank, by id; absent when its boundary is unknown. */
  serviceRank(id: string): number | undefined {
    if (!this.serviceRanks) {
      const ranks = new Map<string, number>();
      for (const [key, c] of this.model.services) {
        const rank = this.boundaryRank(c.boundary);
        if (rank !== undefined) ranks.set(key, rank);
      }
      this.serviceRanks = ranks;
    }
    return this.serviceRanks.get(id);
  }

  /**
   * The flows that end at each component. Worked out on first use like the rest: an edit that
   * leaves every finding as it was asks nothing of the graph (~2 ms a keystroke at 1,000 services).
   */
  inbound(id: string): Flow[] | undefined {
    if (!this.inboundFlows) {
      const byTarget = new Map<string, Flow[]>();
      for (const flow of this.model.flows) {
        let list = byTarget.get(flow.to);
        if (!list) byTarget.set(flow.to, (list = []));
        list.push(flow);
      }
      this.inboundFlows = byTarget;
    }
    return this.inboundFlows.get(id);
  }

  /** The components that hold each role. */
  holders(role: string): Component[] | undefined {
    if (!this.holdersOf) {
      const byRole = new Map<string, Component[]>();
      for (const service of this.model.services.values()) {
        for (const r of service.roles) {
          let list = byRole.get(r);
          if (!list) byRole.set(r, (list = []));
          list.push(service);
        }
      }
      this.holdersOf = byRole;
    }
    return this.holdersOf.get(role);
  }

  hasKind(kind: Kind): boolean {
    this.kinds ??= new Set([...this.model.services.values()].map((c) => c.kind));
    return this.kinds.has(kind);
  }
}

const NONE: readonly string[] = Object.freeze([]);

export class ModelGraph {
  private readonly facts: Facts;

  /** `whole`: the graph of the whole model, whose indexes a scoped graph shares (see scopedTo). */
  constructor(readonly model: Model, whole?: ModelGraph) {
    this.facts = whole ? whole.facts : new Facts(model);
  }

  /**
   * The same graph, for rules that look only at some of its elements: `scoped` is the model with
   * fewer flows and components to go over (ScopedMap), while every question about flows and
   * neighbours is answered from the whole model.
   */
  scopedTo(scoped: Model): ModelGraph {
    return new ModelGraph(scoped, this);
  }

  service(id: string): Component | undefined {
    return this.model.services.get(id);
  }

  /** Flows that end at a component. */
  inbound(id: string): Flow[] {
    return this.facts.inbound(id) ?? [];
  }

  /** Flows a component opens. */
  outbound(id: string): Flow[] {
    return this.model.services.get(id)?.calls ?? [];
  }

  caller(flow: Flow): Component {
    return this.model.services.get(flow.from)!;
  }

  callee(flow: Flow): Component {
    return this.model.services.get(flow.to)!;
  }

  /** 0 (untrusted) … 3 (restricted); NaN when the boundary is unknown, so every comparison is false. */
  trustRank(service: Component | string): number {
    const rank = typeof service === 'string' ? this.facts.serviceRank(service) : this.facts.boundaryRank(service.boundary);
    return rank ?? NaN;
  }

  isUntrusted(service: Component): boolean {
    return this.trustRank(service) === 0;
  }

  /**
   * Its two ends are in different boundaries (by id, even when one lies within the other). An end
   * without a boundary (none written, or one that does not resolve) crosses nothing anyone knows
   * of: the missing boundary is reported, not a crossing from or to nowhere.
   */
  crossesBoundary(flow: Flow): boolean {
    const from = this.caller(flow).boundary;
    const to = this.callee(flow).boundary;
    return from !== '' && to !== '' && from !== to;
  }

  /** The caller's boundary is trusted less than the callee's. */
  entersFromLowerTrust(flow: Flow): boolean {
    return this.trustRank(flow.from) < this.trustRank(flow.to);
  }

  /** Called by a flow from an `untrusted` boundary. */
  isInternetFacing(service: Component): boolean {
    return this.inbound(service.id).some((f) => this.isUntrusted(this.caller(f)));
  }

  isWorkload(service: Component): boolean {
    return isWorkloadKind(service.kind);
  }

  isDatastore(service: Component): boolean {
    return isDatastoreKind(service.kind);
  }

  /** A `database`, `cache` or `storage`: a datastore other than a queue. */
  isRecordStore(service: Component): boolean {
    return isRecordStoreKind(service.kind);
  }

  /** A `repository`, `ci` or `registry`: the delivery pipeline. */
  isDeliveryPipeline(service: Component): boolean {
    return isDeliveryPipelineKind(service.kind);
  }

  /** A `user` or an `external`: outside the system, not ours to configure. */
  isOutside(service: Component): boolean {
    return isOutsideKind(service.kind);
  }

  /** Confidential or restricted, or personal data. */
  isSensitive(dataId: string): boolean {
    return this.facts.sensitiveIds().has(dataId);
  }

  sensitiveData(ids: readonly string[]): readonly string[] {
    // Most lists hold no sensitive id: they share one empty answer rather than each making one.
    const sensitive = this.facts.sensitiveIds();
    let i = 0;
    while (i < ids.length && !sensitive.has(ids[i])) i++;
    return i === ids.length ? NONE : ids.filter((id) => sensitive.has(id));
  }

  carriesSensitive(flow: Flow): boolean {
    return flow.data.some((id) => this.isSensitive(id));
  }

  /** The highest classification among the data ids, as a rank 0 (public) … 3 (restricted); -1 for none. */
  classificationRank(ids: readonly string[]): number {
    let rank = -1;
    for (const id of ids) {
      const d = this.model.data.get(id);
      if (d) rank = Math.max(rank, CLASSIFICATIONS.indexOf(d.classification));
    }
    return rank;
  }

  isRestricted(ids: readonly string[]): boolean {
    return this.classificationRank(ids) === 3;
  }

  /** A flow's data written toward the callee: `write` and `read-write` flows carry it that way. */
  writes(flow: Flow): boolean {
    return flow.access === 'write' || flow.access === 'read-write';
  }

  reads(flow: Flow): boolean {
    return flow.access === 'read' || flow.access === 'read-write';
  }

  /** A system-wide control that is on. */
  systemControl(name: string): boolean {
    return this.model.controls.get(name)?.enabled === true;
  }

  /** A control on the component, or system-wide unless the component sets it `false`. */
  controlInForce(service: Component, name: string): boolean {
    const own = service.controls.get(name);
    if (own) return own.enabled;
    return this.systemControl(name);
  }

  /** A control on the flow, or on the component that opens it. */
  flowControl(flow: Flow, name: string): boolean {
    const own = flow.controls.get(name);
    if (own) return own.enabled;
    return this.caller(flow).controls.get(name)?.enabled === true;
  }

  hasKind(kind: Kind): boolean {
    return this.facts.hasKind(kind);
  }

  /** Components that hold a role. */
  holders(role: Role | string): Component[] {
    return this.facts.holders(typeof role === 'string' ? role : role.id) ?? [];
  }

  /** Runs as a container: its runtime names an image. */
  isContainer(service: Component): boolean {
    return service.runtime?.image !== undefined;
  }

  /** An administrator: a `user` holding a role that grants `admin` (or `*`). */
  isAdministrator(service: Component): boolean {
    if (service.kind !== 'user') return false;
    return service.roles.some((r) => this.model.roles.get(r)?.grants.some((g) => g.actions.includes('admin') || g.actions.includes('*')));
  }

  components(): IterableIterator<Component> {
    return this.model.services.values();
  }

  /** Workloads (`service`, `function`, `gateway`, `frontend`), in file order. */
  workloads(): readonly Component[] {
    return (this.workloadList ??= [...this.model.services.values()].filter((s) => this.isWorkload(s)));
  }

  /** Components that run as containers (their runtime names an image), in file order. */
  containers(): readonly Component[] {
    return (this.containerList ??= [...this.model.services.values()].filter((s) => this.isContainer(s)));
  }

  // Several rules go over each list: it is made once per graph (a scoped graph's are its own).
  private workloadList?: readonly Component[];
  private containerList?: readonly Component[];
}
