import { readFileSync } from 'node:fs';
import { TextModelFileSchema, textModelContentHash } from './src/affect/model-file.js';
import { compileTextModel, textModelFromBytes } from './src/affect/text-model.js';
const p = process.argv[2];
for (let i=0;i<4;i++){
const t0=performance.now();
const b = readFileSync(p);
const t1=performance.now();
const j = JSON.parse(new TextDecoder().decode(b));
const t2=performance.now();
const r = TextModelFileSchema.safeParse(j);
const t3=performance.now();
textModelContentHash(j);
const t4=performance.now();
const m = compileTextModel(r.data!);
const t5=performance.now();
textModelFromBytes(b);
const t6=performance.now();
console.log(`read ${(t1-t0).toFixed(1)} parse ${(t2-t1).toFixed(1)} zod ${(t3-t2).toFixed(1)} hash ${(t4-t3).toFixed(1)} compile ${(t5-t4).toFixed(1)} full ${(t6-t5).toFixed(1)}`);
}
