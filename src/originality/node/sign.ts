/**
 * purpose: sealing and checking a run folder's provenance.json — streaming SHA-256 of every output file
 * (audio included, constant memory), the Ed25519 signature over the manifest's canonical bytes
 * (originality/manifest.ts), and `verifyRunFolder` behind `leitmotif verify`.
 */
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { signedBytes, type ManifestSignature } from '../manifest.js';
import { keyIdOf, type SigningKey } from './keys.js';

/** SHA-256 (hex) and size of a file, read as a stream. */
export async function hashFileStreaming(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
}

/** Adds `signature` to a manifest (deterministic: Ed25519 signatures are). */
export function signManifest<T extends Record<string, unknown>>(manifest: T, key: SigningKey): T & { signature: ManifestSignature } {
  const { signature: _old, ...rest } = manifest;
  const value = sign(null, signedBytes(rest), key.privateKey).toString('base64');
  return { ...(rest as T), signature: { alg: 'Ed25519', publicKey: key.publicKey, keyId: key.keyId, signed: 'canonical-json-without-signature', value } };
}

/** DER SPKI prefix of an Ed25519 public key (RFC 8410), followed by the 32 raw bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface VerifyResult {
  ok: boolean;
  signed: boolean;
  keyId?: string;
  checked: number;
  problems: string[];
}

/**
 * Checks every output listed in `<dir>/provenance.json` (hash and size) and the signature. `trustedKeyId`
 * requires a particular signer.
 */
export async function verifyRunFolder(dir: string, opts: { trustedKeyId?: string; requireSignature?: boolean } = {}): Promise<VerifyResult> {
  const problems: string[] = [];
  const path = join(dir, 'provenance.json');
  if (!existsSync(path)) return { ok: false, signed: false, checked: 0, problems: [`${path} does not exist`] };
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, signed: false, checked: 0, problems: [`provenance.json is not valid JSON (${(e as Error).message})`] };
  }
  const outputs = Array.isArray(manifest.outputs) ? (manifest.outputs as Array<{ path?: unknown; sha256?: unknown; bytes?: unknown }>) : [];
  if (outputs.length === 0) problems.push('provenance.json lists no outputs');
  let checked = 0;
  const root = resolve(dir);
  for (const o of outputs) {
    if (typeof o.path !== 'string') {
      problems.push('an output has no path');
      continue;
    }
    const file = resolve(root, o.path);
    if (file !== root && !file.startsWith(root + sep)) {
      problems.push(`${o.path}: points outside the folder`);
      continue;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      problems.push(`${o.path}: missing`);
      continue;
    }
    if (typeof o.sha256 !== 'string') {
      problems.push(`${o.path}: no hash recorded`);
      continue;
    }
    const h = await hashFileStreaming(file);
    checked++;
    if (h.sha256 !== o.sha256) problems.push(`${o.path}: content changed (sha256 ${h.sha256.slice(0, 12)}…, recorded ${o.sha256.slice(0, 12)}…)`);
    else if (typeof o.bytes === 'number' && h.bytes !== o.bytes) problems.push(`${o.path}: size ${h.bytes} bytes, recorded ${o.bytes}`);
  }
  problems.push(...collectionHashProblems(manifest, outputs));
  const sig = checkManifestSignature(manifest);
  const keyId = sig.keyId;
  problems.push(...sig.problems);
  if (!sig.signed && (opts.requireSignature || opts.trustedKeyId)) problems.push('provenance.json is not signed');
  if (sig.signed && opts.trustedKeyId && keyId !== opts.trustedKeyId) problems.push(`signed by key ${keyId}, not by the trusted key ${opts.trustedKeyId}`);
  return { ok: problems.length === 0, signed: sig.signed, keyId, checked, problems };
}

/** The C2PA collection hash must list exactly the files of `outputs`, with the same digests and sizes. */
function collectionHashProblems(manifest: Record<string, unknown>, outputs: ReadonlyArray<{ path?: unknown; sha256?: unknown; bytes?: unknown }>): string[] {
  const assertions = (manifest.c2pa as { assertions?: unknown } | undefined)?.assertions;
  if (!Array.isArray(assertions)) return [];
  const coll = (assertions as Array<{ label?: unknown; data?: { uris?: unknown } }>).find((a) => a.label === 'c2pa.hash.collection.data');
  if (!coll) return [];
  const uris = Array.isArray(coll.data?.uris) ? (coll.data.uris as Array<{ uri?: unknown; hash?: unknown; size?: unknown }>) : [];
  const key = (path: unknown, hash: unknown, size: unknown) => `${String(path)}\u0000${String(hash)}\u0000${String(size)}`;
  const listed = new Set(outputs.map((o) => key(o.path, o.sha256, o.bytes)));
  const hashed = new Set(uris.map((u) => key(u.uri, u.hash, u.size)));
  const problems: string[] = [];
  for (const u of uris) if (!listed.has(key(u.uri, u.hash, u.size))) problems.push(`c2pa.hash.collection.data: ${String(u.uri)} does not match the outputs list`);
  for (const o of outputs) if (!hashed.has(key(o.path, o.sha256, o.bytes))) problems.push(`c2pa.hash.collection.data: ${String(o.path)} is missing from the collection hash`);
  return problems;
}

/**
 * The manifest's own Ed25519 signature (not its files): signed or not, the signer's key id, what is wrong.
 * @example checkManifestSignature(JSON.parse(readFileSync('out/provenance.json', 'utf8'))).problems // []
 */
export function checkManifestSignature(manifest: Record<string, unknown>): { signed: boolean; keyId?: string; problems: string[] } {
  const sig = manifest.signature as Partial<ManifestSignature> | undefined;
  if (!sig) return { signed: false, problems: [] };
  if (sig.alg !== 'Ed25519' || typeof sig.publicKey !== 'string' || typeof sig.value !== 'string') return { signed: true, problems: ['provenance.json has a malformed signature'] };
  const problems: string[] = [];
  const raw = Buffer.from(sig.publicKey, 'base64');
  const keyId = keyIdOf(raw);
  let good = false;
  try {
    const pub = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    good = raw.length === 32 && verify(null, signedBytes(manifest), pub, Buffer.from(sig.value, 'base64'));
  } catch {
    good = false;
  }
  if (!good) problems.push('the signature does not match provenance.json (the manifest was edited after signing)');
  if (sig.keyId !== undefined && sig.keyId !== keyId) problems.push(`the signature's keyId ${sig.keyId} is not its public key's (${keyId})`);
  return { signed: true, keyId, problems };
}
