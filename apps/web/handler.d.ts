import type { IncomingMessage, ServerResponse } from 'node:http';

/** The SvelteKit app as a connect/express-style request handler (built by adapter-node). */
export declare const handler: (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (err?: unknown) => void,
) => void;
