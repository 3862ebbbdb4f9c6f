import { readFileSync } from 'node:fs';
import { parseScript } from '/work/wt-affect-scene/src/script/index.js';
import { analyzeScript } from '/work/wt-affect-scene/src/affect/analyze.js';
import { loadTextModel } from '/work/wt-affect-scene/src/affect/node.js';
const model = loadTextModel(process.env.MODEL);
for (const f of ['wedding-and-wake', 'the-lighthouse', 'heist']) {
  const s = parseScript(readFileSync(`/work/wt-affect-scene/examples/${f}.fountain`, 'utf8'));
  const a = analyzeScript(s, { model, sceneContext: false });
  const b = analyzeScript(s, { model, sceneContext: true });
  console.log(f);
  a.scenes.forEach((x, i) => { const y = b.scenes[i]; console.log(`  ${x.heading.slice(0, 40).padEnd(40)} ${x.valence.toFixed(2).padStart(6)} ${x.arousal.toFixed(2).padStart(6)} ${x.tension.toFixed(2).padStart(5)} | ${y.valence.toFixed(2).padStart(6)} ${y.arousal.toFixed(2).padStart(6)} ${y.tension.toFixed(2).padStart(5)}  words ${s.scenes[i].elements.reduce((n, e) => n + e.text.split(/\s+/).length, 0)}`); });
}
