export * from './schema.js';
export * from './tempo-map.js';
export * from './meter-map.js';
export * from './validate.js';
export * from './build.js';
