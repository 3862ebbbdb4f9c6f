export * from './midi/index.js';
export * from './musicxml/index.js';
export * from './audio/index.js';
