// The parts of an Open Threat Model (OTM 0.2.0) document that Moat writes and reads. The
// published JSON schema (iriusrisk/OpenThreatModel `otm_schema.json`) is the contract; these
// types follow it, with the nullable fields it allows written as optional.

export const OTM_VERSION = '0.2.0';

export interface OtmParent {
  trustZone?: string;
  component?: string;
}

export interface OtmThreatInstance {
  threat: string;
  state: string;
  mitigations?: { mitigation: string; state: string }[];
}

export interface OtmTrustZone {
  id: string;
  name: string;
  type?: string;
  description?: string | null;
  risk: { trustRating: number };
  parent?: OtmParent;
  attributes?: Record<string, unknown> | null;
}

export interface OtmComponent {
  id: string;
  name: string;
  type: string;
  description?: string | null;
  parent: OtmParent;
  tags?: (string | null)[] | null;
  assets?: { processed?: (string | null)[] | null; stored?: (string | null)[] | null } | null;
  threats?: OtmThreatInstance[] | null;
  attributes?: Record<string, unknown> | null;
}

export interface OtmAsset {
  id: string;
  name: string;
  description?: string | null;
  risk: { confidentiality: number; integrity: number; availability: number; comment?: string | null };
  attributes?: Record<string, unknown> | null;
}

export interface OtmDataflow {
  id: string;
  name: string;
  description?: string | null;
  bidirectional?: boolean | null;
  source: string;
  destination: string;
  assets?: (string | null)[] | null;
  threats?: OtmThreatInstance[] | null;
  tags?: (string | null)[] | null;
  attributes?: Record<string, unknown> | null;
}

export interface OtmThreat {
  id: string;
  name: string;
  description?: string | null;
  categories?: (string | null)[] | null;
  cwes?: (string | null)[] | null;
  risk: { likelihood: number | null; likelihoodComment?: string | null; impact: number; impactComment?: string };
  tags?: (string | null)[] | null;
  attributes?: Record<string, unknown> | null;
}

export interface OtmMitigation {
  id: string;
  name: string;
  description?: string | null;
  riskReduction: number;
  attributes?: Record<string, unknown> | null;
}

export interface OtmDocument {
  otmVersion: string;
  project: {
    name: string;
    id: string;
    description?: string | null;
    owner?: string | null;
    tags?: string[] | null;
    attributes?: Record<string, unknown> | null;
  };
  representations?: unknown[] | null;
  assets?: OtmAsset[] | null;
  trustZones?: OtmTrustZone[];
  components?: OtmComponent[] | null;
  dataflows?: OtmDataflow[];
  threats?: OtmThreat[] | null;
  mitigations?: OtmMitigation[] | null;
}
