// The deployment as the drift rules see it: read once (readDeployment), mapped once by the
// importer (importDeployment, so that drift and `moat import` agree on every component, flow and
// runtime value), then matched against each model (matchComponents, as `moat import --update`).

import type { Deployment, Platform } from '../deployment/index.js';
import { importDeployment, MADE_UP } from '../import/from-deployment.js';
import type { DeployedComponent } from '../import/from-deployment.js';
import type { ImportedFlow, ImportedModel, ImportedService } from '../import/imported.js';
import { matchComponents } from '../import/match.js';
import type { Component, Model } from '../model/types.js';

export interface DriftView {
  /** Tells one reading from the next (the editor's incremental analysis keys on it). */
  id: number;
  deployment: Deployment;
  /** The model `moat import` would write from the deployment. */
  imported: ImportedModel;
  /** The imported components that workloads run, with their workloads. */
  components: DeployedComponent[];
  /** The platforms of the deployment's workloads. */
  platforms: ReadonlySet<Platform>;
}

let readings = 0;

export function driftView(deployment: Deployment): DriftView {
  const { model, components } = importDeployment(deployment);
  return { id: ++readings, deployment, imported: model, components, platforms: new Set(deployment.workloads.map((w) => w.platform)) };
}

/** How a model and a deployment stand for each other. */
export interface DriftMatch {
  /** Imported id → the model's component. */
  modelOf: Map<string, Component>;
  /** The model's id → the deployed component it stands for. */
  deployedOf: Map<string, DeployedComponent>;
  /** An imported id (workload, external, made-up) in the model's ids: the matched id, else itself. */
  idOf(importedId: string): string;
  /** The imported service of an id, made-up ones included. */
  imported: Map<string, ImportedService>;
}

const matches = new WeakMap<Model, WeakMap<DriftView, DriftMatch>>();

/** The match of `model` to `view`, made once per model and deployment (eight rules read it). */
export function driftMatch(view: DriftView, model: Model): DriftMatch {
  let byView = matches.get(model);
  if (!byView) matches.set(model, (byView = new WeakMap()));
  let m = byView.get(view);
  if (!m) byView.set(view, (m = match(view, model)));
  return m;
}

function match(view: DriftView, model: Model): DriftMatch {
  const components = [...model.services.values()];
  const matched = matchComponents(components, view.imported.services);
  const modelOf = new Map<string, Component>();
  for (const [importedId, id] of matched) modelOf.set(importedId, model.services.get(id)!);
  const deployedOf = new Map<string, DeployedComponent>();
  for (const c of view.components) {
    const m = modelOf.get(c.id);
    if (m && !deployedOf.has(m.id)) deployedOf.set(m.id, c);
  }
  return {
    modelOf,
    deployedOf,
    idOf: (importedId) => modelOf.get(importedId)?.id ?? importedId,
    imported: new Map(view.imported.services.map((s) => [s.id, s])),
  };
}

/** The components import makes up: they never drift. */
export function isMadeUp(id: string): boolean {
  return (Object.values(MADE_UP) as string[]).includes(id);
}

/** The deployment's flow from the imported `from` to the imported `to`, if it has one. */
export function importedFlow(view: DriftView, from: string, to: string): ImportedFlow | undefined {
  return view.imported.services.find((s) => s.id === from)?.calls.find((f) => f.to === to);
}
