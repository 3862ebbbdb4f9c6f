/**
 * purpose: the user's Ed25519 signing key (node:crypto) — `leitmotif keys create` writes it as PKCS#8 PEM
 * (mode 0600) into the user's config folder (LEITMOTIF_CONFIG_DIR, else $XDG_CONFIG_HOME/leitmotif,
 * ~/Library/Application Support/leitmotif on macOS, %APPDATA%\leitmotif on Windows) or to `--key FILE`;
 * compose/score sign provenance.json with it when it exists.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { LeitmotifError } from '../../util/errors.js';

export interface SigningKey {
  privateKey: KeyObject;
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  keyId: string;
  path: string;
}

/** The folder Leitmotif keeps user configuration in. @example configDir() // '/home/ana/.config/leitmotif' */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LEITMOTIF_CONFIG_DIR) return env.LEITMOTIF_CONFIG_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'leitmotif');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'leitmotif');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'leitmotif');
}

export function defaultKeyPath(): string {
  return join(configDir(), 'signing-key.pem');
}

/** Raw public key bytes of an Ed25519 key (the last 32 bytes of its SPKI DER). */
export function rawPublicKey(key: KeyObject): Buffer {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 32);
}

export function keyIdOf(rawPublic: Uint8Array): string {
  return createHash('sha256').update(rawPublic).digest('hex').slice(0, 16);
}

/** Creates a key file; refuses to overwrite one unless `force`. */
export function createSigningKey(path = defaultKeyPath(), force = false): SigningKey {
  if (existsSync(path) && !force) {
    throw new LeitmotifError('LM_ERR_BAD_OPTION', `a signing key already exists at ${path}`, { hint: 'keep it (outputs signed with it verify against it), or pass --force to replace it' });
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  chmodSync(path, 0o600);
  return describe(privateKey, path);
}

function describe(privateKey: KeyObject, path: string): SigningKey {
  const raw = rawPublicKey(privateKey);
  return { privateKey, publicKey: raw.toString('base64'), keyId: keyIdOf(raw), path };
}

/**
 * The signing key at `path` (or the default one). With an explicit path a missing or bad file is an error;
 * without one, no key file means "sign nothing" (null).
 */
export function loadSigningKey(path?: string): SigningKey | null {
  const p = path ?? defaultKeyPath();
  if (!existsSync(p)) {
    if (!path) return null;
    throw new LeitmotifError('LM_ERR_INPUT_NOT_FOUND', `no signing key at ${p}`, { hint: 'create one with `leitmotif keys create --key <file>`' });
  }
  try {
    const key = createPrivateKey(readFileSync(p));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`it is a ${key.asymmetricKeyType} key`);
    return describe(key, p);
  } catch (e) {
    throw new LeitmotifError('LM_ERR_INPUT_INVALID', `${p} is not an Ed25519 private key (${(e as Error).message.split('\n')[0]})`, { hint: 'create one with `leitmotif keys create`' });
  }
}
