/**
 * purpose: the signed-manifest vocabulary of provenance.json — assertions named as in the C2PA 2.x
 * specification (`c2pa.actions.v2` with action `c2pa.created` and the IPTC digital source type
 * `trainedAlgorithmicMedia`; `c2pa.hash.collection.data` listing every output file's SHA-256), the canonical
 * byte form that is signed (keys sorted, no whitespace, the `signature` field left out), and the signature
 * record. It is a JSON sidecar in C2PA's vocabulary, not an embedded JUMBF claim (no COSE, no X.509 chain).
 * Pure: hashing files and Ed25519 live in originality/node/.
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
    // v2: a softwareAgent given as generator info ({ name, version }) exists only in actions v2.
    | { label: 'c2pa.actions.v2'; data: { actions: Array<{ action: 'c2pa.created'; digitalSourceType: string; softwareAgent: { name: string; version: string } }> } }
    // A collection data hash: the files of a run folder, each by its path relative to the manifest (hash in hex).
    | { label: 'c2pa.hash.collection.data'; data: { alg: 'sha256'; uris: Array<{ uri: string; hash: string; size: number }> } }
  >;
}

/**
 * @example c2paAssertions('0.1.0', outputs).assertions[0].data // { actions: [{ action: 'c2pa.created', digitalSourceType: '…trainedAlgorithmicMedia', … }] }
 */
export function c2paAssertions(version: string, outputs: ReadonlyArray<{ path: string; sha256?: string; bytes: number }> = []): C2paAssertions {
  const uris = outputs.filter((o) => o.sha256).map((o) => ({ uri: o.path, hash: o.sha256!, size: o.bytes })).sort((a, b) => a.uri.localeCompare(b.uri));
  return {
    claimGenerator: `leitmotif/${version}`,
    assertions: [
      { label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.created', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA, softwareAgent: { name: 'leitmotif', version } }] } },
      { label: 'c2pa.hash.collection.data', data: { alg: 'sha256', uris } },
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
