/**
 * purpose: `leitmotif keys create [--key FILE] [--force]` and `leitmotif keys show [--key FILE]` — the user's
 * Ed25519 key that signs provenance.json (stored in the user's config folder unless --key names a file).
 */
import type { Command } from 'commander';
import { createSigningKey, defaultKeyPath, loadSigningKey } from '../../originality/node/keys.js';
import { LeitmotifError } from '../../util/errors.js';

export function register(program: Command): void {
  const keys = program.command('keys').description('manage the Ed25519 key that signs provenance.json');
  keys
    .command('create')
    .description(`create a signing key (default ${defaultKeyPath()})`)
    .option('--key <file>', 'where to write the private key (PKCS#8 PEM, mode 0600)')
    .option('--force', 'replace an existing key (outputs signed with the old key still verify, but name the old key id)')
    .action((o: { key?: string; force?: boolean }) => {
      const k = createSigningKey(o.key ?? defaultKeyPath(), o.force === true);
      process.stdout.write(`created ${k.path}\n  key id     ${k.keyId}\n  public key ${k.publicKey}\nKeep the file private; share the key id so others can check \`leitmotif verify <dir> --key-id ${k.keyId}\`.\n`);
    });
  keys
    .command('show')
    .description('print the signing key’s id and public key')
    .option('--key <file>', 'the private key file (default: the one `keys create` made)')
    .action((o: { key?: string }) => {
      const k = loadSigningKey(o.key);
      if (!k) throw new LeitmotifError('LM_ERR_INPUT_NOT_FOUND', `no signing key at ${defaultKeyPath()}`, { hint: 'create one with `leitmotif keys create`' });
      process.stdout.write(`${k.path}\n  key id     ${k.keyId}\n  public key ${k.publicKey}\n`);
    });
}
