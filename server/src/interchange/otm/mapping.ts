// The numbers OTM asks for and Moat does not have as numbers: trust ratings, asset risk, threat
// risk. One table each way, so export and import agree (interchange.md).

import type { Classification, Severity, Trust } from '../../model/types.js';

/** A boundary's trust as an OTM `trustRating` (0–100). */
export const TRUST_RATING: Record<Trust, number> = { untrusted: 10, dmz: 40, internal: 70, restricted: 100 };

/** An OTM `trustRating` read back: ≤ 20 untrusted, ≤ 50 dmz, ≤ 80 internal, above restricted. */
export function trustFromRating(rating: number): Trust {
  if (rating <= 20) return 'untrusted';
  if (rating <= 50) return 'dmz';
  if (rating <= 80) return 'internal';
  return 'restricted';
}

/** An asset's OTM confidentiality from its classification. */
export const CLASSIFICATION_RATING: Record<Classification, number> = { public: 0, internal: 30, confidential: 70, restricted: 100 };

/** An OTM confidentiality read back, where the asset has no `classification` attribute: the nearest rating. */
export function classificationFromRating(rating: number): Classification {
  if (rating < 15) return 'public';
  if (rating < 50) return 'internal';
  if (rating < 85) return 'confidential';
  return 'restricted';
}

/**
 * Moat classifies data by confidentiality only; the integrity and availability OTM also requires
 * are written as this neutral rating, which says neither low nor high.
 */
export const UNRATED = 50;

/** A finding's severity as the likelihood and impact an OTM threat requires. */
export const SEVERITY_RISK: Record<Severity, { likelihood: number; impact: number }> = {
  critical: { likelihood: 90, impact: 100 },
  high: { likelihood: 70, impact: 75 },
  medium: { likelihood: 50, impact: 50 },
  low: { likelihood: 30, impact: 25 },
  info: { likelihood: 10, impact: 5 },
};

/** A fix applied removes the gap its finding names: the mitigation takes the whole risk away. */
export const FIX_RISK_REDUCTION = 100;

/** The tags by which a Moat component says its kind and technology to other tools, and reads them back. */
export const KIND_TAG = 'moat:kind=';
export const TECH_TAG = 'moat:tech=';
