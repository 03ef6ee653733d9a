export * from './ids.js';
export * from './process.js';
export * from './schemas.js';
export * from './text.js';
export * from './board.js';
export * from './roles.js';
export * from './transfer.js';
export * from './session.js';
