import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSigningKey, loadSigningKey } from './keys.js';
import { hashFileStreaming, signManifest, verifyRunFolder } from './sign.js';
import { c2paAssertions, TRAINED_ALGORITHMIC_MEDIA } from '../manifest.js';

const dir = mkdtempSync(join(tmpdir(), 'lm-sign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runFolder(name: string, key = loadSigningKey(join(dir, 'key.pem'))!) {
  const out = join(dir, name);
  mkdirSync(join(out, 'stems'), { recursive: true });
  writeFileSync(join(out, 'score.mid'), Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6]));
  // A "WAV" larger than one stream chunk, so hashing really streams.
  writeFileSync(join(out, 'stems', 'melody.wav'), new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251));
  const outputs = [];
  for (const path of ['score.mid', 'stems/melody.wav']) outputs.push({ path, ...(await hashFileStreaming(join(out, path))) });
  const manifest = signManifest({ tool: { name: 'leitmotif', version: '0.1.0' }, seed: 7, models: [{ role: 'melody', id: 'abc' }], outputs, c2pa: c2paAssertions('0.1.0', outputs) }, key);
  writeFileSync(join(out, 'provenance.json'), JSON.stringify(manifest, null, 2));
  return { out, manifest };
}

describe('signed provenance manifest', () => {
  const key = createSigningKey(join(dir, 'key.pem'));

  it('stores the key privately and refuses to overwrite it', () => {
    expect(statSync(join(dir, 'key.pem')).mode & 0o077).toBe(0);
    expect(() => createSigningKey(join(dir, 'key.pem'))).toThrow(/already exists/);
    expect(loadSigningKey(join(dir, 'key.pem'))!.keyId).toBe(key.keyId);
  });

  it('verifies an untouched run and fails on one changed byte', async () => {
    const { out, manifest } = await runFolder('run1');
    expect(manifest.c2pa.assertions[0]).toMatchObject({ label: 'c2pa.actions.v2', data: { actions: [{ action: 'c2pa.created', digitalSourceType: TRAINED_ALGORITHMIC_MEDIA }] } });
    // The collection data hash lists every output with the digest in `outputs`.
    expect(manifest.c2pa.assertions[1]).toMatchObject({ label: 'c2pa.hash.collection.data', data: { alg: 'sha256', uris: manifest.outputs.map((o) => ({ uri: o.path, hash: o.sha256, size: o.bytes })) } });
    const ok = await verifyRunFolder(out, { trustedKeyId: key.keyId });
    expect(ok).toMatchObject({ ok: true, signed: true, keyId: key.keyId, checked: 2 });

    const wav = join(out, 'stems', 'melody.wav');
    const bytes = readFileSync(wav);
    bytes[2_000_000] ^= 1;
    writeFileSync(wav, bytes);
    const bad = await verifyRunFolder(out);
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual([expect.stringMatching(/^stems\/melody\.wav: content changed/)]);
  });

  it('fails when the manifest is edited after signing, or was signed by another key', async () => {
    const { out } = await runFolder('run2');
    const p = join(out, 'provenance.json');
    const m = JSON.parse(readFileSync(p, 'utf8'));
    m.seed = 8;
    writeFileSync(p, JSON.stringify(m));
    expect((await verifyRunFolder(out)).problems).toEqual([expect.stringMatching(/signature does not match/)]);
    const other = createSigningKey(join(dir, 'other.pem'));
    const r3 = await runFolder('run3', other);
    expect((await verifyRunFolder(r3.out, { trustedKeyId: key.keyId })).problems).toEqual([expect.stringMatching(/not by the trusted key/)]);
  });

  it('fails when the collection hash and the outputs list disagree (an unsigned manifest edited by hand)', async () => {
    const { out } = await runFolder('run6');
    const p = join(out, 'provenance.json');
    const m = JSON.parse(readFileSync(p, 'utf8'));
    delete m.signature;
    m.c2pa.assertions[1].data.uris[0].hash = '0'.repeat(64);
    writeFileSync(p, JSON.stringify(m));
    expect((await verifyRunFolder(out)).problems).toEqual([
      expect.stringMatching(/collection\.data: score\.mid does not match/),
      expect.stringMatching(/collection\.data: score\.mid is missing/),
    ]);
  });

  it('signs deterministically (same manifest and key, same bytes)', async () => {
    const a = await runFolder('run4');
    const b = await runFolder('run5');
    expect(b.manifest.signature).toEqual(a.manifest.signature);
  });
});
