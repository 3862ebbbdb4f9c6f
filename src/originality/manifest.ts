/**
 * purpose: the signed-manifest vocabulary of provenance.json — the C2PA-style assertions (action
 * `c2pa.created`, digital source type `trainedAlgorithmicMedia` from the IPTC vocabulary C2PA uses), the
 * canonical byte form that is signed (keys sorted, no whitespace, the `signature` field left out), and the
 * signature record. Pure: hashing files and Ed25519 live in originality/node/.
 */

/** IPTC digital source type for media created by a model trained on sampled content (C2PA 2.x actions). */
export const TRAINED_ALGORITHMIC_MEDIA = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';

export interface ManifestSignature {
  alg: 'Ed25519';
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** First 16 hex digits of the SHA-256 of the raw public key. */
  keyId: string;
  /** What was signed: canonical JSON of provenance.json without `signature`. */
  signed: 'canonical-json-without-signature';
  /** Signature, base64. */
  value: string;
}

export interface C2paAssertions {
  claimGenerator: string;
  assertions: Array<
    | { label: 'c2pa.actions'; data: { actions: Array<{ action: 'c2pa.created'; digitalSourceType: string; softwareAgent: { name: string; version: string } }> } }
    | { label: 'c2pa.hash.data'; data: { alg: 'sha256'; note: string } }
  >;
}

/**
 * @example c2paAssertions('0.1.0').assertions[0].data // { actions: [{ action: 'c2pa.created', digitalSourceType: '…trainedAlgorithmicMedia', … }] }
 */
export function c2paAssertions(version: string): C2paAssertions {
  return {
    claimGenerator: `leitmotif/${version}`,
    assertions: [
      { label: 'c2pa.actions', data: { actions: [{ action: 'c2pa.created', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: { name: 'leitmotif', version } }] } },
      { label: 'c2pa.hash.data', data: { alg: 'sha256', note: 'every output file is hashed in `outputs` (sha256, bytes); the manifest itself is signed (`signature`)' } },
    ],
  };
}

/**
 * JSON with object keys sorted at every level and no whitespace — the bytes a signature covers.
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** The bytes a provenance manifest's signature covers. @example signedBytes({ a: 1, signature: { value: 'x' } }) // bytes of '{"a":1}' */
export function signedBytes(manifest: Record<string, unknown>): Uint8Array {
  const { signature: _s, ...rest } = manifest;
  return new TextEncoder().encode(canonicalJson(rest));
}
