import { describe, expect, it } from 'vitest';
import { OfflineDirector, createDirector } from './director.js';
import { analyzeScript } from './analyze.js';
import { ArcSchema } from './types.js';
import { buildScript } from './__fixtures__/build-script.js';
import { LeitmotifError } from '../util/errors.js';
import { loadTextModel } from './node.js';
const TEXT_MODEL = loadTextModel();

const script = buildScript([{ heading: 'INT. ROOM - NIGHT', lines: ['A door SLAMS. Footsteps in the dark.', ['MARY', 'Who is there?']] }]);

describe('Director implementations', () => {
  it('offline director is the offline analysis, deterministic and schema-valid', async () => {
    const d = createDirector('offline', { offline: { model: TEXT_MODEL } });
    expect(d).toBeInstanceOf(OfflineDirector);
    expect(d.name).toBe('offline');
    const arc = await d.analyze(script);
    expect(ArcSchema.parse(arc)).toEqual(arc);
    expect(arc).toEqual(analyzeScript(script, { model: TEXT_MODEL }));
  });
  it('openai director needs a model and a http(s) URL', () => {
    expect(() => createDirector('openai', { offline: { model: TEXT_MODEL }, openai: { env: {} } })).toThrow(LeitmotifError);
    const d = createDirector('openai', { offline: { model: TEXT_MODEL }, openai: { env: { LEITMOTIF_LLM_MODEL: 'llama3.1', OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' } } });
    expect(d.name).toBe('openai');
  });
});
