/**
 * purpose: `leitmotif verify <dir> [--key-id ID] [--require-signature]` — checks a run folder against its
 * provenance.json: every listed output's SHA-256 and size (streamed), and the manifest's Ed25519 signature.
 * Exit 0 when everything matches, 1 with one line per problem otherwise.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { verifyRunFolder } from '../../originality/node/sign.js';
import { LeitmotifError } from '../../util/errors.js';

export function register(program: Command): void {
  program
    .command('verify')
    .description('check a run folder against its provenance.json: output hashes and the Ed25519 signature')
    .argument('<dir>', 'folder written by `leitmotif compose` or `leitmotif score`')
    .option('--key-id <id>', 'require the signature to be by this key (from `leitmotif keys show`)')
    .option('--require-signature', 'fail when provenance.json is unsigned')
    .action(async (dir: string, o: { keyId?: string; requireSignature?: boolean }) => {
      if (!existsSync(join(dir, 'provenance.json'))) {
        throw new LeitmotifError('LM_ERR_INPUT_NOT_FOUND', `no provenance.json in ${dir}`, { hint: 'pass the folder `leitmotif compose -o` or `leitmotif score -o` wrote' });
      }
      const r = await verifyRunFolder(dir, { trustedKeyId: o.keyId, requireSignature: o.requireSignature });
      if (!r.ok) {
        for (const p of r.problems) process.stderr.write(`  ${p}\n`);
        throw new LeitmotifError('LM_ERR_VERIFY_FAILED', `${dir} does not match its provenance.json (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'})`, {
          hint: 'the files above were changed, moved or removed after the run, or the manifest was edited',
        });
      }
      process.stdout.write(`${dir}: ${r.checked} output files match provenance.json; ${r.signed ? `signature valid (key ${r.keyId})` : 'unsigned (create a key with `leitmotif keys create` to sign future runs)'}\n`);
    });
}
